// Prints every figure `make bench` recorded (one JSON line each in $OGI_BENCH_RESULTS) as one table, and writes it
// to docs/performance.md with the machine and the date. Benchmarks report; nothing here fails on a missed goal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const resultsPath = process.env.OGI_BENCH_RESULTS ?? '.build/bench/results.jsonl';
const output = process.argv[2] ?? 'docs/performance.md';
const rows = fs.existsSync(resultsPath)
  ? fs.readFileSync(resultsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];
if (rows.length === 0) {
  console.error(`no benchmark figures in ${resultsPath}`);
  process.exit(1);
}

const number = (v) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(v));
const verdict = (r) => (r.met === true ? 'met' : r.met === false ? 'MISSED' : '');
const header = ['area', 'figure', 'value', 'goal', '', 'how'];
const table = rows.map((r) => [r.group, r.metric, `${number(r.value)} ${r.unit}`, r.goal ?? '', verdict(r), r.detail ?? '']);

const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
console.log('\n' + line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
let kernel = os.release();
try { kernel = execFileSync('uname', ['-sr']).toString().trim(); } catch { /* keep os.release() */ }
const escape = (c) => String(c).replaceAll('|', '\\|');
const markdown = [
  '# Performance',
  '',
  'Written by `make bench` (tests/bench/report.mjs); every figure below was measured in the same run, and each',
  'ratio against its baseline (pgbench, grpc-js) was measured on the same machine minutes apart. Benchmarks',
  'report figures; they do not fail the build. Re-run `make bench` to refresh this page.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${kernel}`,
  `- .NET: ${(() => { try { return execFileSync('dotnet', ['--version']).toString().trim(); } catch { return 'unknown'; } })()}, PostgreSQL 15 (embedded, as \`make run\`)`,
  '',
  '| ' + header.join(' | ') + ' |',
  '| ' + header.map(() => '---').join(' | ') + ' |',
  ...table.map((row) => '| ' + row.map(escape).join(' | ') + ' |'),
  '',
].join('\n');
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, markdown);
console.log(`\nwritten to ${output}`);
