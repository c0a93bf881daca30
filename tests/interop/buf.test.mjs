// buf lint of protos/, and buf breaking against the last committed state of protos/ (HEAD), taken with
// `git archive` so it works in worktrees and shallow CI clones alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protosDir, repoRoot } from './proto.mjs';

const buf = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules/.bin/buf');

function run(args, cwd) {
  const result = spawnSync(buf, args, { cwd, encoding: 'utf8' });
  return { code: result.status, output: (result.stdout ?? '') + (result.stderr ?? '') };
}

test('buf lint protos/', () => {
  const { code, output } = run(['lint'], protosDir);
  assert.equal(code, 0, output);
});

const committed = spawnSync('git', ['cat-file', '-e', 'HEAD:protos/buf.yaml'], { cwd: repoRoot }).status === 0;

test('buf breaking against the last commit', { skip: committed ? false : 'protos/ is not committed yet' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-protos-'));
  try {
    const archive = execFileSync('git', ['archive', 'HEAD', 'protos'], { cwd: repoRoot });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    const { code, output } = run(['breaking', '--against', path.join(dir, 'protos')], protosDir);
    assert.equal(code, 0, output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
