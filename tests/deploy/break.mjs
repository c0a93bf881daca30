// Writes a copy of a rendering with one named, deliberate fault, for validate.sh's self-checks
// (each fault must be refused by the validation). Usage: break.mjs <fault> <in.yaml> <out.yaml>
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';

const deployment = (docs) => docs.find((o) => o.kind === 'Deployment');
const container = (docs) => deployment(docs).spec.template.spec.containers[0];
const faults = {
  'string-container-port': (d) => { container(d).ports[0].containerPort = 'grpc-port'; },
  'writable-root-filesystem': (d) => { container(d).securityContext.readOnlyRootFilesystem = false; },
  'http-liveness-probe': (d) => { container(d).livenessProbe = { httpGet: { path: '/healthz', port: 8080 } }; },
  'unknown-dapr-broker': (d) => { d.find((o) => o.kind === 'Component').spec.type = 'pubsub.mqtt3'; },
  'drift-memory-limit': (d) => { container(d).resources.limits.memory = '512Mi'; },
  'drift-service-port': (d) => { d.find((o) => o.kind === 'Service').spec.ports[0].port = 8080; },
  'drift-readiness-period': (d) => { container(d).readinessProbe.periodSeconds = 30; },
  'drift-dapr-app-id': (d) => { deployment(d).spec.template.metadata.annotations['dapr.io/app-id'] = 'renamed'; },
  'drift-topics': (d) => {
    const scopes = d.find((o) => o.kind === 'Component').spec.metadata.find((m) => m.name === 'publishingScopes');
    scopes.value = scopes.value.replace(',decisions', '');
  },
  'drift-image': (d) => { container(d).image += '-patched'; },
};

const [fault, input, output] = process.argv.slice(2);
if (!faults[fault]) {
  console.error(`break.mjs: unknown fault ${fault}; one of ${Object.keys(faults).join(', ')}`);
  process.exit(2);
}
const docs = parseAllDocuments(readFileSync(input, 'utf8')).map((d) => d.toJS()).filter((o) => o);
faults[fault](docs);
writeFileSync(output, docs.map((o) => stringify(o)).join('---\n'));
