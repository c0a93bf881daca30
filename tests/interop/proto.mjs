// Loads the test echo contract and the google.rpc error model for grpc-js, from the repository's own files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const protosDir = path.join(repoRoot, 'protos');
const echoDir = path.join(repoRoot, 'tests/Ogi.Grpc.TestHost/Protos');

const loadOptions = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs: [echoDir, protosDir] };

export function loadPackage(file) {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, loadOptions));
}

export const echoPackage = loadPackage('echo.proto').ogi.test.echo.v1;

// google.rpc.Status and its details, to read and write grpc-status-details-bin (Any keeps its field name type_url).
const rpcRoot = new protobuf.Root();
rpcRoot.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(protosDir, target));
rpcRoot.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: false });
export const RpcStatus = rpcRoot.lookupType('google.rpc.Status');
export const BadRequest = rpcRoot.lookupType('google.rpc.BadRequest');
export const ErrorInfo = rpcRoot.lookupType('google.rpc.ErrorInfo');
export const PreconditionFailure = rpcRoot.lookupType('google.rpc.PreconditionFailure');

export function packAny(type, value) {
  return { type_url: `type.googleapis.com/${type.fullName.replace(/^\./, '')}`, value: type.encode(type.create(value)).finish() };
}

/** Decodes the details of a grpc-js error: the google.rpc.Status in grpc-status-details-bin, with its Any details unpacked. */
export function richStatus(error) {
  const bytes = error.metadata?.get('grpc-status-details-bin')?.[0];
  if (!bytes) return undefined;
  const status = RpcStatus.decode(bytes);
  const unpack = (type) => status.details.filter((a) => a.type_url.endsWith('/' + type.fullName.replace(/^\./, ''))).map((a) => type.decode(a.value));
  return { status, unpack };
}
