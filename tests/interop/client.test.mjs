// grpc-js as the client of our server (the TestHost echo service, address in OGI_TARGET).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import { echoPackage, loadPackage, richStatus, BadRequest, ErrorInfo } from './proto.mjs';

const target = process.env.OGI_TARGET;
const client = new echoPackage.EchoService(target, grpc.credentials.createInsecure());
const gzipClient = new echoPackage.EchoService(target, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
const unary = (c, method, request, metadata = new grpc.Metadata(), options = {}) =>
  new Promise((resolve, reject) => c[method](request, metadata, options, (error, reply) => (error ? reject(error) : resolve(reply))));
const collect = (stream) => new Promise((resolve, reject) => {
  const items = [];
  stream.on('data', (m) => items.push(m));
  stream.on('error', reject);
  stream.on('end', () => resolve(items));
});

test('unary call with a Unicode text', async () => {
  const reply = await unary(client, 'echo', { text: '政务公开', payload: Buffer.from([1, 2, 3]) });
  assert.equal(reply.text, '政务公开');
  assert.deepEqual([...reply.payload], [1, 2, 3]);
});

test('server streaming', async () => {
  const replies = await collect(client.expand({ text: 'm', count: 20 }));
  assert.deepEqual(replies.map((r) => r.text), Array.from({ length: 20 }, (_, i) => `m${i}`));
});

test('client streaming', async () => {
  const reply = await new Promise((resolve, reject) => {
    const call = client.collect((error, r) => (error ? reject(error) : resolve(r)));
    for (const text of ['a', 'b', 'c']) call.write({ text, payload: Buffer.alloc(10) });
    call.end();
  });
  assert.equal(reply.text, 'a,b,c');
  assert.equal(reply.index, 30);
});

test('bidirectional streaming, ping-pong', async () => {
  const call = client.chat();
  const replies = [];
  for (let i = 0; i < 10; i++) {
    const next = new Promise((resolve) => call.once('data', resolve));
    call.write({ text: `ping${i}` });
    replies.push((await next).text);
  }
  const ended = new Promise((resolve) => call.on('end', resolve));
  call.end();
  await ended;
  assert.deepEqual(replies, Array.from({ length: 10 }, (_, i) => `ping${i}`));
});

test('metadata text and -bin both ways, headers and trailers', async () => {
  const metadata = new grpc.Metadata();
  metadata.set('x-echo-text', 'hello');
  metadata.set('x-echo-bin', Buffer.from([0, 1, 2, 250, 255]));
  const seen = {};
  await new Promise((resolve, reject) => {
    const call = client.echo({ text: 'x' }, metadata, (error) => (error ? reject(error) : undefined));
    call.on('metadata', (m) => { seen.headers = m; });
    call.on('status', (s) => { seen.trailers = s.metadata; resolve(); });
  });
  assert.equal(seen.headers.get('x-echoed-text')[0], 'hello');
  assert.deepEqual([...seen.headers.get('x-echoed-bin')[0]], [0, 1, 2, 250, 255]);
  assert.equal(seen.trailers.get('x-trailer-text')[0], 'done');
  assert.deepEqual([...seen.trailers.get('x-trailer-bin')[0]], [0, 1, 2, 255]);
});

test('deadline exceeded', async () => {
  const error = await unary(client, 'echo', { delayMs: 5000 }, new grpc.Metadata(), { deadline: Date.now() + 200 }).catch((e) => e);
  assert.equal(error.code, grpc.status.DEADLINE_EXCEEDED);
});

test('cancellation', async () => {
  const error = await new Promise((resolve) => {
    const call = client.echo({ delayMs: 5000 }, (e) => resolve(e));
    setTimeout(() => call.cancel(), 200);
  });
  assert.equal(error.code, grpc.status.CANCELLED);
  assert.equal((await unary(client, 'echo', { text: 'after' })).text, 'after');
});

test('error with a Unicode message and status details', async () => {
  const error = await unary(client, 'echo', { fail: 'status', failCode: 11, text: '超出范围 100%' }).catch((e) => e);
  assert.equal(error.code, grpc.status.OUT_OF_RANGE);
  assert.equal(error.details, '超出范围 100%');
  const rich = richStatus(error);
  assert.equal(rich.status.code, 11);
  assert.equal(rich.unpack(BadRequest)[0].fieldViolations[0].field, 'text');
});

test('a domain rule refusal carries the rule id in ErrorInfo', async () => {
  const error = await unary(client, 'echo', { fail: 'rule' }).catch((e) => e);
  assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
  assert.equal(richStatus(error).unpack(ErrorInfo)[0].type, 'TEST-1');
});

test('a handler exception is INTERNAL without its message', async () => {
  const error = await unary(client, 'echo', { fail: 'crash' }).catch((e) => e);
  assert.equal(error.code, grpc.status.INTERNAL);
  assert.ok(!error.details.includes('secret'));
});

test('an error after streamed messages arrives with the trailers', async () => {
  const received = [];
  const error = await new Promise((resolve) => {
    const call = client.expand({ text: 'm', count: 3, fail: 'not-found' });
    call.on('data', (m) => received.push(m.text));
    call.on('error', resolve);
  });
  assert.equal(received.length, 3);
  assert.equal(error.code, grpc.status.NOT_FOUND);
});

test('gzip-compressed requests and responses', async () => {
  const payload = Buffer.alloc(200_000, 'z');
  const reply = await unary(gzipClient, 'echo', { payload });
  assert.equal(reply.payload.length, payload.length);
});

test('messages near the 4 MiB limit pass both ways; larger ones are RESOURCE_EXHAUSTED', async () => {
  const near = Buffer.alloc(4 * 1024 * 1024 - 100);
  assert.equal((await unary(client, 'echo', { payload: near })).payload.length, near.length);
  const tooBig = await unary(client, 'echo', { payload: Buffer.alloc(4 * 1024 * 1024 + 1) }).catch((e) => e);
  assert.equal(tooBig.code, grpc.status.RESOURCE_EXHAUSTED);
  const tooBigReply = await unary(client, 'echo', { responseSize: 4 * 1024 * 1024 + 1 }).catch((e) => e);
  assert.equal(tooBigReply.code, grpc.status.RESOURCE_EXHAUSTED);
});

test('an unknown method is UNIMPLEMENTED', async () => {
  const Generic = grpc.makeGenericClientConstructor({
    Nothing: { path: '/ogi.test.echo.v1.EchoService/Nothing', requestStream: false, responseStream: false, requestSerialize: (x) => x, requestDeserialize: (x) => x, responseSerialize: (x) => x, responseDeserialize: (x) => x },
  });
  const generic = new Generic(target, grpc.credentials.createInsecure());
  const error = await new Promise((resolve) => generic.Nothing(Buffer.alloc(0), (e) => resolve(e)));
  assert.equal(error.code, grpc.status.UNIMPLEMENTED);
});

test('health check of the whole server and of the echo service', async () => {
  const health = loadPackage('grpc/health/v1/health.proto').grpc.health.v1;
  const healthClient = new health.Health(target, grpc.credentials.createInsecure());
  const check = (service) => new Promise((resolve, reject) => healthClient.check({ service }, (e, r) => (e ? reject(e) : resolve(r))));
  assert.equal((await check('')).status, 'SERVING');
  assert.equal((await check('ogi.test.echo.v1.EchoService')).status, 'SERVING');
  const unknown = await check('nope').catch((e) => e);
  assert.equal(unknown.code, grpc.status.NOT_FOUND);
});
