// The echo service of tests/Ogi.Grpc.TestHost/Protos/echo.proto on grpc-js, with the same behaviours as ours
// (EchoServiceImpl.cs), so our client can be tested against an independent server, and for the benchmark.
// Prints "listening <host:port>". OGI_GZIP=1 compresses responses.
import grpc from '@grpc/grpc-js';
import { echoPackage, RpcStatus, BadRequest, ErrorInfo, PreconditionFailure, packAny } from './proto.mjs';

function sleep(ms, call) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    call.on('cancelled', () => { clearTimeout(timer); reject(Object.assign(new Error('cancelled'), { cancelled: true })); });
  });
}

function failure(request) {
  const rich = (code, message, ...details) => {
    const metadata = new grpc.Metadata();
    metadata.set('grpc-status-details-bin', Buffer.from(RpcStatus.encode(RpcStatus.create({ code, message, details })).finish()));
    return { code, details: message, metadata };
  };
  switch (request.fail) {
    case 'status':
      return rich(request.failCode, request.text, packAny(BadRequest, { fieldViolations: [{ field: 'text', description: request.text }] }));
    case 'rule':
      return rich(grpc.status.FAILED_PRECONDITION, 'The test rule refuses this.',
        packAny(ErrorInfo, { type: 'TEST-1', domain: 'ogi' }), packAny(PreconditionFailure, { violations: [{ type: 'TEST-1' }] }));
    case 'invalid':
      return rich(grpc.status.INVALID_ARGUMENT, 'text: must not be what it is', packAny(BadRequest, { fieldViolations: [{ field: 'text', description: 'must not be what it is' }] }));
    case 'not-found':
      return { code: grpc.status.NOT_FOUND, details: 'No such thing.' };
    case 'crash':
      return { code: grpc.status.INTERNAL, details: 'Exception was thrown by handler.' };
    default:
      return undefined;
  }
}

function answer(request, index) {
  return {
    text: request.count > 0 ? `${request.text}${index}` : request.text,
    payload: request.responseSize > 0 ? Buffer.alloc(request.responseSize) : request.payload,
    index,
    traceId: '',
  };
}

function echoMetadata(call) {
  const text = call.metadata.get('x-echo-text')[0];
  const bin = call.metadata.get('x-echo-bin')[0];
  if (text === undefined && bin === undefined) return undefined;
  const headers = new grpc.Metadata();
  if (text !== undefined) headers.set('x-echoed-text', text);
  if (bin !== undefined) headers.set('x-echoed-bin', bin);
  call.sendMetadata(headers);
  const trailers = new grpc.Metadata();
  trailers.set('x-trailer-text', 'done');
  trailers.set('x-trailer-bin', Buffer.from([0, 1, 2, 255]));
  return trailers;
}

async function behave(request, call) {
  if (request.delayMs > 0) await sleep(request.delayMs, call);
  return failure(request);
}

const service = {
  async echo(call, callback) {
    const trailers = echoMetadata(call);
    try {
      const error = await behave(call.request, call);
      if (error) return callback(error);
      callback(null, answer(call.request, 0), trailers);
    } catch { /* cancelled: nothing to answer */ }
  },
  async expand(call) {
    const trailers = echoMetadata(call);
    try {
      for (let i = 0; i < call.request.count; i++) {
        if (call.request.delayMs > 0) await sleep(call.request.delayMs, call);
        call.write(answer(call.request, i));
      }
      const error = failure(call.request);
      if (error) return call.emit('error', error);
      call.end(trailers);
    } catch { /* cancelled */ }
  },
  collect(call, callback) {
    const trailers = echoMetadata(call);
    const texts = [];
    let size = 0;
    call.on('data', (request) => { texts.push(request.text); size += request.payload.length; });
    call.on('end', () => callback(null, { text: texts.join(','), index: size }, trailers));
  },
  chat(call) {
    const trailers = echoMetadata(call);
    let index = 0;
    call.on('data', (request) => {
      const error = failure(request);
      if (error) return call.emit('error', error);
      call.write(answer(request, index++));
    });
    call.on('end', () => call.end(trailers));
  },
};

const options = process.env.OGI_GZIP === '1' ? { 'grpc.default_compression_algorithm': 2 } : {};
const server = new grpc.Server(options);
server.addService(echoPackage.EchoService.service, service);
server.bindAsync('127.0.0.1:' + (process.argv[2] ?? '0'), grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`listening 127.0.0.1:${port}`);
});
process.stdin.on('end', () => server.forceShutdown());
process.stdin.resume();
