// One command for `make test`: starts our echo server (TestHost), runs the grpc-js client, reflection and buf
// tests against it with node's test runner, and prints "ogi-suite: N passed, N failed, N skipped".
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from './proto.mjs';

const config = process.env.CONFIG ?? 'Release';
const hostDll = path.join(repoRoot, `tests/Ogi.Grpc.TestHost/bin/${config}/net10.0/Ogi.Grpc.TestHost.dll`);
const host = spawn('dotnet', [hostDll, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
const address = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the echo server did not start within 60 s')), 60_000);
  host.on('exit', (code) => reject(new Error(`the echo server exited (${code}); is it built? (make build)`)));
  readline.createInterface({ input: host.stdout }).on('line', (line) => {
    const match = /^listening (\S+)/.exec(line);
    if (match) {
      clearTimeout(timer);
      resolve(new URL(match[1]).host);
    }
  });
});

const here = path.dirname(new URL(import.meta.url).pathname);
const tests = ['client.test.mjs', 'reflection.test.mjs', 'buf.test.mjs'].map((f) => path.join(here, f));
const runner = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=' + path.join(here, '.last-run.tap'), ...tests],
  { stdio: 'inherit', env: { ...process.env, OGI_TARGET: address } });
const code = await new Promise((resolve) => runner.on('exit', resolve));
host.stdin.end();
host.kill();

const tap = (await import('node:fs')).readFileSync(path.join(here, '.last-run.tap'), 'utf8');
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
const [passed, failed, skipped] = [count('pass'), count('fail') + count('cancelled'), count('skipped') + count('todo')];
console.log(`ogi-suite: ${passed} passed, ${failed} failed, ${skipped} skipped (grpc-js interop, reflection, buf)`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
