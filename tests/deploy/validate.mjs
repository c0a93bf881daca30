// Offline checks of the Kubernetes delivery, one per subcommand (validate.sh runs and counts them):
//   objects <rendered.yaml>           every object against the Kubernetes schemas (Dapr objects against ours),
//                                     plus the platform's pod posture (non-root, read-only root, gRPC probes)
//   values <values.yaml> <schema> [overrides...]  values.yaml (with overrides) against values.schema.json
//   options <rendering>               the chart rendered with values/options.yaml took every optional branch
//   params <values.yaml>              every value has a `## @param` line and every line names a value
//   agree <chart dir> <rendered base> the chart and k8s/ describe the same platform
//   same <chart render> <k8s render> the chart's rendering and kustomize's are the same objects
//   reference <chart dir> <k8s base>  the reference data (holiday tables, agencies) is the same in both
//   shipped <chart dir> <repo root>  the chart ships the building blocks' calendar tables and sample agencies
//   chart-shape <chart dir>           one template per kind, iterating the services map (no per-service copies)
//   dockerfiles <repo root> <values>  one recipe per service, non-root, exposing the service's port;
//                                     `make images` tags what the chart deploys
// Exit code 0 = the check passed; 1 = it failed (the reasons on stderr).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = new URL('.', import.meta.url).pathname;
const problems = [];
const fail = (msg) => problems.push(msg);

const readYamlDocs = (file) =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((o) => o);

const ajv = () => {
  const a = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(a);
  return a;
};

const describe = (o) => `${o.kind}/${o.metadata?.name}`;
const isPlatformWorkload = (o) =>
  ['Deployment', 'Job'].includes(o.kind) && o.metadata?.labels?.['app.kubernetes.io/name'] === 'ogi';
const podOf = (o) => o.spec.template.spec;

async function kubernetesModel(apiVersion, kind) {
  const path = `kubernetes-models/${apiVersion}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

function checkPosture(o) {
  const pod = podOf(o);
  const where = describe(o);
  const psc = pod.securityContext ?? {};
  if (psc.runAsNonRoot !== true) fail(`${where}: pod securityContext.runAsNonRoot must be true`);
  if (psc.seccompProfile?.type !== 'RuntimeDefault') fail(`${where}: pod seccompProfile must be RuntimeDefault`);
  if (pod.automountServiceAccountToken !== false) fail(`${where}: automountServiceAccountToken must be false`);
  for (const c of pod.containers) {
    const sc = c.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) fail(`${where}/${c.name}: readOnlyRootFilesystem must be true`);
    if (sc.allowPrivilegeEscalation !== false) fail(`${where}/${c.name}: allowPrivilegeEscalation must be false`);
    if (JSON.stringify(sc.capabilities?.drop) !== '["ALL"]') fail(`${where}/${c.name}: capabilities must drop ALL`);
    if (!c.volumeMounts?.some((m) => m.mountPath === '/tmp')) fail(`${where}/${c.name}: /tmp must be a writable mount`);
    if (!c.resources?.limits?.memory) fail(`${where}/${c.name}: a memory limit is required`);
    if (o.kind !== 'Deployment') continue;
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      const port = c[probe]?.grpc?.port;
      if (!Number.isInteger(port)) fail(`${where}/${c.name}: ${probe} must be a gRPC probe with a numeric port`);
      else if (port !== c.ports?.[0]?.containerPort) fail(`${where}/${c.name}: ${probe} port ${port} is not the container port`);
    }
  }
}

async function objects(file) {
  const docs = readYamlDocs(file);
  const a = ajv();
  const dapr = {
    Component: a.compile(JSON.parse(readFileSync(join(here, 'schemas/dapr-component.schema.json'), 'utf8'))),
    Configuration: a.compile(JSON.parse(readFileSync(join(here, 'schemas/dapr-configuration.schema.json'), 'utf8'))),
  };
  if (docs.length === 0) fail(`${file}: no objects`);
  for (const o of docs) {
    if (!o.apiVersion || !o.kind) {
      fail(`an object without apiVersion/kind: ${JSON.stringify(o).slice(0, 80)}`);
      continue;
    }
    if (o.apiVersion.startsWith('dapr.io/')) {
      const validate = dapr[o.kind];
      if (!validate) fail(`${describe(o)}: no schema for Dapr kind ${o.kind}`);
      else if (!validate(o)) fail(`${describe(o)}: ${a.errorsText(validate.errors)}`);
      continue;
    }
    const Model = await kubernetesModel(o.apiVersion, o.kind);
    if (!Model) {
      fail(`${describe(o)}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      fail(`${describe(o)}: ${e.message}`);
    }
    if (isPlatformWorkload(o)) checkPosture(o);
  }
  return `${docs.length} objects`;
}

// Overrides lay onto the defaults as Helm merges them: maps merge, anything else replaces.
function merged(base, override) {
  for (const [k, v] of Object.entries(override ?? {})) {
    if (v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object') merged(base[k], v);
    else base[k] = v;
  }
  return base;
}

function values(valuesFile, schemaFile, ...overrides) {
  const a = ajv();
  const validate = a.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const all = overrides.reduce((acc, f) => merged(acc, parse(readFileSync(f, 'utf8'))), parse(readFileSync(valuesFile, 'utf8')));
  if (!validate(all)) fail(a.errorsText(validate.errors, { separator: '\n' }));
  return [valuesFile, ...overrides].map((f) => basename(f)).join(' + ');
}

// options <rendering of values/options.yaml>: each optional branch of the chart did its part.
function options(rendering) {
  const docs = readYamlDocs(rendering);
  const find = (kind, name) => docs.find((o) => o.kind === kind && o.metadata.name === name);
  const intake = find('Deployment', 'ogi-intake');
  const c = intake?.spec.template.spec.containers[0];
  if (!find('HorizontalPodAutoscaler', 'ogi-intake')) fail('autoscaling.enabled: no HorizontalPodAutoscaler ogi-intake');
  if (find('HorizontalPodAutoscaler', 'ogi-assessment')) fail('autoscaling off: a HorizontalPodAutoscaler for assessment');
  if (intake?.spec.replicas !== undefined) fail('autoscaling.enabled: the Deployment must leave replicas to the autoscaler');
  if (docs.some((o) => o.kind === 'NetworkPolicy')) fail('networkPolicy.enabled=false: NetworkPolicies rendered');
  if (c?.env.find((e) => e.name === 'OGI_Outbox__BatchSize')?.value !== '50') fail('services.intake.env: extra variable missing');
  const job = find('Job', 'ogi-intake-migrate')?.spec.template.spec.containers[0];
  if (job?.env.find((e) => e.name === 'OGI_Database__AdminConnectionString')?.valueFrom.secretKeyRef.name !== 'ogi-db-admin') fail('database.adminSecret: migrate Job lacks the admin connection string');
  if (c?.env.some((e) => e.name === 'OGI_Database__AdminConnectionString')) fail('database.adminSecret: a running service got the admin connection string');
  const calendar = find('ConfigMap', 'ogi-calendar')?.data ?? {};
  if (!calendar['2027.json'] || !calendar['2026.json']) fail('calendar.years: 2027.json must join the shipped years');
  else JSON.parse(calendar['2027.json']);
  const tracing = find('Configuration', 'ogi')?.spec.tracing;
  if (tracing?.otel || !tracing?.zipkin) fail('dapr.tracing: an empty OTLP endpoint must select zipkin');
  if (find('Ingress', 'ogi')?.spec.tls) fail('ingress.tls.enabled=false: tls rendered');
  const pod = intake?.spec.template;
  if (pod?.spec.imagePullSecrets?.[0]?.name !== 'registry-credentials') fail('image.pullSecrets not rendered');
  if (pod?.spec.nodeSelector?.['kubernetes.io/os'] !== 'linux' || pod?.spec.tolerations?.[0]?.value !== 'ogi') fail('nodeSelector/tolerations not rendered');
  if (pod?.metadata.annotations?.['example.gov.cn/owner'] !== 'ogi-ops') fail('podAnnotations not rendered');
  return 'optional branches';
}

// Leaf paths: scalars, lists and maps documented as a whole (annotations, env) are values;
// any other map is a section whose entries are documented one by one.
function leafPaths(node, documented, prefix = '') {
  if (node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0 && !documented.has(prefix)) {
    return Object.entries(node).flatMap(([k, v]) => leafPaths(v, documented, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function params(valuesFile) {
  const text = readFileSync(valuesFile, 'utf8');
  const documented = new Set([...text.matchAll(/^\s*## @param (\S+) \S/gm)].map((m) => m[1]));
  const leaves = leafPaths(parse(text), documented);
  for (const leaf of leaves) if (!documented.has(leaf)) fail(`value ${leaf} has no "## @param ${leaf} <description>" line`);
  for (const p of documented) if (!leaves.includes(p)) fail(`"## @param ${p}" documents no value`);
  return `${leaves.length} values documented`;
}

// JSON with keys sorted, so that key order never counts as a difference.
const canonical = (x) =>
  JSON.stringify(x, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

function equal(what, chart, k8s) {
  const a = canonical(chart);
  const b = canonical(k8s);
  if (a !== b) fail(`${what}: chart says ${a}, k8s/ says ${b}`);
}

function agree(chartDir, renderedBase) {
  const v = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
  const templates = readdirSync(join(chartDir, 'templates')).map((f) => readFileSync(join(chartDir, 'templates', f), 'utf8')).join('\n');
  const docs = readYamlDocs(renderedBase);
  const find = (kind, name) => docs.find((o) => o.kind === kind && o.metadata.name === name);
  const fullname = chart.name; // release "ogi": the chart's names are ogi-<service>, as in k8s/

  const names = Object.keys(v.services).filter((n) => v.services[n].enabled);
  const k8sNames = docs.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.labels['app.kubernetes.io/component']);
  equal('services', [...names].sort(), [...k8sNames].sort());

  // The kinds both sides create (the HorizontalPodAutoscaler is optional and off by default).
  const templateKinds = new Set([...templates.matchAll(/^kind: (\w+)/gm)].map((m) => m[1]));
  const k8sKinds = new Set(docs.map((o) => o.kind));
  for (const k of templateKinds) if (!k8sKinds.has(k) && k !== 'HorizontalPodAutoscaler') fail(`kind ${k}: in the chart, not in k8s/base`);
  for (const k of k8sKinds) if (!templateKinds.has(k)) fail(`kind ${k}: in k8s/base, not in the chart`);

  // The environment the template gives a service pod, by name.
  const templateEnv = [...new Set([...templates.matchAll(/- name: ((?:OGI|OTEL|APP)_\w+)/g)].map((m) => m[1]))]
    .filter((n) => n !== 'OGI_Database__AdminConnectionString')
    .sort();
  const templateAnnotations = [...templates.matchAll(/^\s+(dapr\.io\/[\w-]+):/gm)].map((m) => m[1]).sort();

  const ingress = docs.find((o) => o.kind === 'Ingress');
  for (const name of names) {
    const s = v.services[name];
    const obj = `${fullname}-${name}`;
    const deploy = find('Deployment', obj);
    if (!deploy) {
      fail(`${name}: no Deployment ${obj} in k8s/base`);
      continue;
    }
    const pod = podOf(deploy);
    const c = pod.containers[0];
    const ann = deploy.spec.template.metadata.annotations ?? {};
    const image = `${v.image.registry}/${s.image.repository}:${s.image.tag || v.image.tag || chart.appVersion}`;
    equal(`${name} image`, image, c.image);
    equal(`${name} replicas`, s.replicas, deploy.spec.replicas);
    equal(`${name} resources`, s.resources, c.resources);
    equal(`${name} containerPort`, s.port, c.ports[0].containerPort);
    equal(`${name} Service port`, s.port, find('Service', obj)?.spec.ports[0].port);
    equal(`${name} OGI_Grpc__Port`, String(s.port), c.env.find((e) => e.name === 'OGI_Grpc__Port')?.value);
    equal(`${name} database secret`, s.database, {
      existingSecret: c.env.find((e) => e.name === 'OGI_Database__ConnectionString')?.valueFrom.secretKeyRef.name,
      secretKey: c.env.find((e) => e.name === 'OGI_Database__ConnectionString')?.valueFrom.secretKeyRef.key,
    });
    // Plus the service's own Secret-backed variables (services.<name>.secretEnv), each from its Secret.
    equal(`${name} environment`, [...templateEnv, ...Object.keys(s.secretEnv ?? {})].sort(), c.env.map((e) => e.name).sort());
    for (const [variable, ref] of Object.entries(s.secretEnv ?? {})) {
      const from = c.env.find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
      equal(`${name} ${variable}`, { name: ref.secret, key: ref.key }, from && { name: from.name, key: from.key });
    }
    const p = v.probes;
    equal(`${name} probes`, {
      startupProbe: { grpc: { port: s.port, service: p.readiness.service }, periodSeconds: p.startup.periodSeconds, failureThreshold: p.startup.failureThreshold },
      readinessProbe: { grpc: { port: s.port, service: p.readiness.service }, periodSeconds: p.readiness.periodSeconds, failureThreshold: p.readiness.failureThreshold },
      livenessProbe: { grpc: { port: s.port, service: p.liveness.service }, initialDelaySeconds: p.liveness.initialDelaySeconds, periodSeconds: p.liveness.periodSeconds, failureThreshold: p.liveness.failureThreshold },
    }, { startupProbe: c.startupProbe, readinessProbe: c.readinessProbe, livenessProbe: c.livenessProbe });
    equal(`${name} Dapr annotations`, templateAnnotations, Object.keys(ann).filter((k) => k.startsWith('dapr.io/')).sort());
    equal(`${name} Dapr app`, { id: name, port: String(s.port), protocol: 'grpc', config: fullname },
      { id: ann['dapr.io/app-id'], port: ann['dapr.io/app-port'], protocol: ann['dapr.io/app-protocol'], config: ann['dapr.io/config'] });
    equal(`${name} PodDisruptionBudget`, s.podDisruptionBudget.minAvailable, find('PodDisruptionBudget', obj)?.spec.minAvailable);
    equal(`${name} NetworkPolicy port`, s.port, find('NetworkPolicy', obj)?.spec.ingress[0].ports[0].port);
    const job = find('Job', `${obj}-migrate`);
    equal(`${name} migrate Job`, { image, args: ['migrate'], resources: v.migrations.resources },
      { image: job && podOf(job).containers[0].image, args: job && podOf(job).containers[0].args, resources: job && podOf(job).containers[0].resources });
    const route = ingress?.spec.rules[0].http.paths.find((r) => r.backend.service.name === obj);
    equal(`${name} Ingress route`, { path: `/${s.grpcPackage}.`, port: s.port, pathType: v.ingress.pathType },
      { path: route?.path, port: route?.backend.service.port.number, pathType: route?.pathType });
  }

  const component = docs.find((o) => o.kind === 'Component');
  equal('pub/sub component name', v.pubsub.name, component?.metadata.name);
  equal('pub/sub broker', `pubsub.${v.pubsub.broker}`, component?.spec.type);
  equal('pub/sub scopes', [...names].sort(), [...(component?.scopes ?? [])].sort());
  equal('topics (publishingScopes)', names.map((n) => `${n}=${v.services[n].publishes.join(',')}`).sort(),
    component?.spec.metadata.find((m) => m.name === 'publishingScopes')?.value.split(';').sort());
  const configuration = docs.find((o) => o.kind === 'Configuration');
  equal('Dapr Configuration name', fullname, configuration?.metadata.name);
  equal('Dapr tracing', { samplingRate: v.dapr.tracing.samplingRate, otel: v.dapr.tracing.otel }, configuration?.spec.tracing);
  equal('Dapr mTLS', v.dapr.mtls, configuration?.spec.mtls);
  return `${names.length} services`;
}

// What only one side may carry: Helm's bookkeeping (chart label, hook and checksum annotations)
// and kustomize's managed-by label; and the namespace an overlay sets.
function normalise(o) {
  const copy = structuredClone(o);
  const strip = (meta) => {
    if (!meta) return;
    delete meta.namespace;
    for (const key of ['app.kubernetes.io/managed-by', 'helm.sh/chart']) delete meta.labels?.[key];
    for (const key of Object.keys(meta.annotations ?? {})) {
      if (key.startsWith('helm.sh/') || key.startsWith('checksum/')) delete meta.annotations[key];
    }
    if (meta.annotations && Object.keys(meta.annotations).length === 0) delete meta.annotations;
  };
  strip(copy.metadata);
  strip(copy.spec?.template?.metadata);
  // A Helm block scalar always ends a file with one newline; kustomize keeps the file's bytes.
  if (copy.kind === 'ConfigMap') for (const k of Object.keys(copy.data ?? {})) copy.data[k] = copy.data[k].replace(/\n*$/, '\n');
  return copy;
}

// same <chart rendering> <kustomize rendering>: the very same objects, field for field.
function same(chartRendering, k8sRendering) {
  const key = (o) => `${o.kind}/${o.metadata.name}`;
  const byKey = (docs) => new Map(docs.map((o) => [key(o), normalise(o)]));
  const chart = byKey(readYamlDocs(chartRendering));
  const k8s = byKey(readYamlDocs(k8sRendering));
  equal('objects', [...chart.keys()].sort(), [...k8s.keys()].sort());
  for (const [k, o] of chart) if (k8s.has(k)) equal(k, o, k8s.get(k));
  return `${chart.size} objects identical`;
}

function jsonFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

function reference(chartDir, baseDir) {
  const pairs = [
    [join(chartDir, 'files/calendar'), join(baseDir, 'reference/calendar')],
    [join(chartDir, 'files'), join(baseDir, 'reference')],
  ];
  for (const [a, b] of pairs) {
    equal(`files in ${b}`, jsonFiles(a), jsonFiles(b));
    for (const f of jsonFiles(a)) {
      if (!existsSync(join(b, f))) continue;
      if (readFileSync(join(a, f), 'utf8') !== readFileSync(join(b, f), 'utf8')) fail(`${f}: differs between ${a} and ${b}`);
    }
  }
  // A holiday table as services/BuildingBlocks/Calendar reads it: <year>.json whose year matches,
  // holidays as "day" or "first/last", all inside that year; working weekend days on a weekend.
  const day = '\\d{4}-\\d{2}-\\d{2}';
  for (const f of jsonFiles(join(chartDir, 'files/calendar'))) {
    const table = JSON.parse(readFileSync(join(chartDir, 'files/calendar', f), 'utf8'));
    const year = basename(f, '.json');
    if (String(table.year) !== year) fail(`${f}: year ${table.year} does not match the file name`);
    for (const h of table.holidays) {
      if (!new RegExp(`^${day}(/${day})?$`).test(h.days ?? '')) fail(`${f}: holiday ${h.name}: days must be "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"`);
    }
    const dates = [...table.holidays.flatMap((h) => (h.days ?? '').split('/')), ...table.workingWeekendDays];
    for (const d of dates) if (!d.startsWith(`${year}-`)) fail(`${f}: date ${d} is outside ${year}`);
    for (const d of table.workingWeekendDays) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) fail(`${f}: working weekend day ${d} is not a Saturday or Sunday`);
    }
  }
  JSON.parse(readFileSync(join(chartDir, 'files/agencies.json'), 'utf8'));
  const profiles = JSON.parse(readFileSync(join(chartDir, 'files/profiles.json'), 'utf8'));
  for (const k of Object.keys(profiles)) if (!['default', 'profiles', 'agencies'].includes(k)) fail(`profiles.json: unknown property ${k}`);
  return 'reference data';
}

// shipped <chart dir> <repo root>: the chart ships what the building blocks ship for `make run`
// (the holiday tables of services/BuildingBlocks/Calendar/Data, the sample agency directory).
function shipped(chartDir, root) {
  const calendarData = join(root, 'services/BuildingBlocks/Calendar/Data');
  const agencies = join(root, 'services/BuildingBlocks/Identity/agencies.sample.json');
  if (!existsSync(calendarData) || !existsSync(agencies)) {
    console.log('SKIP: the calendar and identity building blocks are not in this tree');
    return 'skipped';
  }
  equal('holiday tables', jsonFiles(calendarData), jsonFiles(join(chartDir, 'files/calendar')));
  for (const f of jsonFiles(calendarData)) {
    const chartFile = join(chartDir, 'files/calendar', f);
    if (existsSync(chartFile) && readFileSync(chartFile, 'utf8') !== readFileSync(join(calendarData, f), 'utf8')) fail(`files/calendar/${f}: differs from ${calendarData}/${f}`);
  }
  if (readFileSync(join(chartDir, 'files/agencies.json'), 'utf8') !== readFileSync(agencies, 'utf8')) fail(`files/agencies.json: differs from ${agencies}`);
  return 'same data as the building blocks';
}

function chartShape(chartDir) {
  const v = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  const dir = join(chartDir, 'templates');
  const files = readdirSync(dir);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const name of Object.keys(v.services)) {
      if (new RegExp(`\\b${name}\\b`).test(text)) fail(`templates/${f} names the service ${name}: templates must iterate .Values.services`);
    }
  }
  for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'Job', 'PodDisruptionBudget', 'NetworkPolicy']) {
    const defining = files.filter((f) => new RegExp(`^kind: ${kind}$`, 'm').test(readFileSync(join(dir, f), 'utf8')));
    if (defining.length !== 1) fail(`kind ${kind} is defined in ${defining.length} templates (${defining.join(', ')}), expected one`);
    else if (!/range \$name, \$svc := \.Values\.services/.test(readFileSync(join(dir, defining[0]), 'utf8'))) fail(`templates/${defining[0]} does not iterate .Values.services`);
  }
  // Without helm, at least every block action must be closed: if/range/with/define each need an end.
  for (const f of files) {
    const actions = [...readFileSync(join(dir, f), 'utf8').matchAll(/\{\{-?\s*(if|range|with|define|end)\b/g)].map((m) => m[1]);
    let depth = 0;
    for (const a of actions) {
      depth += a === 'end' ? -1 : 1;
      if (depth < 0) break;
    }
    if (depth !== 0) fail(`templates/${f}: ${depth > 0 ? 'an unclosed' : 'an unopened'} block ({{ end }} count)`);
  }
  const containers = files.filter((f) => /^\s*containers:/m.test(readFileSync(join(dir, f), 'utf8')));
  equal('templates holding a pod spec', ['_helpers.tpl'], containers);
  return `${files.length} templates`;
}

function dockerfiles(root, valuesFile) {
  const v = parse(readFileSync(valuesFile, 'utf8'));
  const folders = readdirSync(join(root, 'services')).filter((d) => existsSync(join(root, 'services', d, `Ogi.${d}.csproj`)) && d !== 'BuildingBlocks');
  const byName = (n) => n.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  for (const [name, s] of Object.entries(v.services)) {
    const folder = byName(name);
    if (!folders.includes(folder)) {
      fail(`${name}: no project services/${folder}/Ogi.${folder}.csproj`);
      continue;
    }
    const file = join(root, 'services', folder, 'Dockerfile');
    if (!existsSync(file)) {
      fail(`${name}: no services/${folder}/Dockerfile`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const must = [
      [/^FROM mcr\.microsoft\.com\/dotnet\/sdk:10\.0 AS build$/m, 'a build stage on the .NET 10 SDK'],
      [new RegExp(`dotnet publish services/${folder}/Ogi\\.${folder}\\.csproj`), 'dotnet publish of its project'],
      [/^FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0$/m, 'the aspnet 10.0 runtime image'],
      [/^USER \$APP_UID$/m, 'the non-root user'],
      [new RegExp(`^EXPOSE ${s.port}$`, 'm'), `EXPOSE ${s.port}`],
      [new RegExp(`^ENTRYPOINT \\["dotnet", "Ogi\\.${folder}\\.dll"\\]$`, 'm'), `ENTRYPOINT dotnet Ogi.${folder}.dll`],
    ];
    for (const [re, what] of must) if (!re.test(text)) fail(`services/${folder}/Dockerfile: needs ${what}`);
  }
  // `make images` tags what the chart and k8s/ deploy.
  const chart = parse(readFileSync(join(root, 'charts/ogi/Chart.yaml'), 'utf8'));
  const makefile = readFileSync(join(root, 'Makefile'), 'utf8');
  equal('make images registry', v.image.registry, makefile.match(/^IMAGE_REGISTRY \?= (\S+)$/m)?.[1]);
  equal('make images tag', chart.appVersion, makefile.match(/^IMAGE_TAG \?= (\S+)$/m)?.[1]);
  for (const [name] of Object.entries(v.services)) {
    if (!makefile.includes(` ${name}:${byName(name)}`)) fail(`Makefile IMAGE_SERVICES: needs ${name}:${byName(name)}`);
  }
  const ignore = existsSync(join(root, '.dockerignore')) ? readFileSync(join(root, '.dockerignore'), 'utf8') : '';
  for (const entry of ['**/bin', '**/obj', '.git']) if (!ignore.split('\n').includes(entry)) fail(`.dockerignore: needs ${entry}`);
  return `${Object.keys(v.services).length} recipes`;
}

const commands = { objects, values, options, params, agree, same, reference, shipped, 'chart-shape': chartShape, dockerfiles };
const [command, ...args] = process.argv.slice(2);
if (!commands[command]) {
  console.error(`usage: validate.mjs ${Object.keys(commands).join('|')} <args>`);
  process.exit(2);
}
try {
  const what = await commands[command](...args);
  if (problems.length) {
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(what);
} catch (e) {
  console.error(`  ${e.message}`);
  process.exit(1);
}
