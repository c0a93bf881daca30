// A grpc-js reflection client (what grpcurl and Postman do): list the services, then resolve a method's descriptor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { loadPackage } from './proto.mjs';

const target = process.env.OGI_TARGET;

for (const version of ['v1', 'v1alpha']) {
  const reflection = loadPackage(`grpc/reflection/${version}/reflection.proto`).grpc.reflection[version];

  const ask = (request) => new Promise((resolve, reject) => {
    const client = new reflection.ServerReflection(target, grpc.credentials.createInsecure());
    const call = client.serverReflectionInfo();
    call.on('data', resolve);
    call.on('error', reject);
    call.write(request);
    call.end();
  });

  test(`${version}: lists the services`, async () => {
    const answer = await ask({ listServices: '' });
    const names = answer.listServicesResponse.service.map((s) => s.name);
    assert.ok(names.includes('ogi.test.echo.v1.EchoService'));
    assert.ok(names.includes('grpc.health.v1.Health'));
    assert.ok(names.includes(`grpc.reflection.${version}.ServerReflection`));
  });

  test(`${version}: resolves a method to its descriptor and its message types`, async () => {
    const answer = await ask({ fileContainingSymbol: 'ogi.test.echo.v1.EchoService.Chat' });
    const files = answer.fileDescriptorResponse.fileDescriptorProto.map((b) => descriptor.FileDescriptorProto.decode(b));
    const file = files.find((f) => f.name === 'echo.proto');
    const chat = file.service[0].method.find((m) => m.name === 'Chat');
    assert.equal(chat.inputType, '.ogi.test.echo.v1.EchoRequest');
    assert.equal(chat.clientStreaming, true);
    assert.equal(chat.serverStreaming, true);
    assert.ok(file.messageType.some((m) => m.name === 'EchoRequest'));
  });

  test(`${version}: an unknown symbol is a NOT_FOUND error response`, async () => {
    const answer = await ask({ fileContainingSymbol: 'no.such.Symbol' });
    assert.equal(answer.errorResponse.errorCode, grpc.status.NOT_FOUND);
  });
}
