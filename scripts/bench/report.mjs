// @ts-check
// The benchmark's output: a table on stdout and BENCHMARKS.md (machine, command, date, numbers).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

const COLUMNS = [
  ['figure', 'Fig.'],
  ['name', 'Measure'],
  ['ours', 'Ours'],
  ['reference', 'Reference'],
  ['ratio', 'Ratio'],
  ['budget', 'Budget'],
  ['result', 'Result'],
];

const resultOf = (row) => (row.pass === undefined ? 'info' : row.pass ? 'pass' : 'FAIL');

export function printTable(rows, write = (s) => process.stdout.write(s)) {
  const cells = rows.map((r) => COLUMNS.map(([key]) => String(key === 'result' ? resultOf(r) : r[key] ?? '')));
  const widths = COLUMNS.map(([, title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  write(`\n${line(COLUMNS.map(([, t]) => t))}\n${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
  for (const c of cells) write(`${line(c)}\n`);
}

export function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown CPU'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const md = (s) => String(s ?? '').replace(/\|/g, '\\|');

export function writeMarkdown(file, { rows, command, started, finished, machineAtStart, loadAtEnd, notes, definitions, failures }) {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  // The file this writes is left out: a run right after another finds the last one's figures uncommitted.
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md']) ? ' (with uncommitted changes in the work tree)' : '';
  const out = [];
  out.push('# Benchmarks', '');
  out.push('Written by `npm run bench` (scripts/bench.mjs); do not edit by hand. Every figure runs against the fake Admin API',
    '(test/fake-admin-api) on 127.0.0.1, in its own process, with its latency injection. Timings on a shared machine are noisy:',
    'each number is a median of several runs, and each ratio compares runs made in the same invocation (usually back to back).', '');
  out.push('| | |', '|---|---|');
  out.push(`| Command | \`${md(command)}\` |`);
  out.push(`| Date | ${started.toISOString()} (took ${((finished - started) / 1000).toFixed(0)} s) |`);
  out.push(`| Commit | ${commit}${dirty} |`);
  out.push(`| Machine | ${md(machineAtStart.os)}; ${md(machineAtStart.cpu)}; ${machineAtStart.memory} |`);
  out.push(`| Node.js | ${machineAtStart.node} |`);
  out.push(`| Load average (1/5/15 min) | ${machineAtStart.load} at the start, ${loadAtEnd} at the end |`);
  out.push('');
  out.push('## Results', '');
  out.push(`| ${COLUMNS.map(([, t]) => t).join(' | ')} |`);
  out.push(`|${COLUMNS.map(() => '---').join('|')}|`);
  for (const r of rows) out.push(`| ${COLUMNS.map(([key]) => md(key === 'result' ? (resultOf(r) === 'FAIL' ? '**FAIL**' : resultOf(r)) : r[key])).join(' | ')} |`);
  out.push('');
  if (failures.length) {
    out.push('### Budgets not met', '');
    for (const f of failures) out.push(`- ${md(f)}`);
    out.push('');
  }
  const detailed = rows.filter((r) => r.detail && Object.keys(r.detail).length);
  if (detailed.length) {
    out.push('## Details', '');
    for (const r of detailed) {
      out.push(`**${md(r.figure)}. ${md(r.name)}**`, '');
      for (const [k, v] of Object.entries(r.detail)) out.push(`- ${md(k)}: ${md(v)}`);
      out.push('');
    }
  }
  out.push('## What each figure measures', '');
  for (const d of definitions) out.push(d, '');
  if (notes.length) {
    out.push('## Notes from this run', '');
    for (const n of notes) out.push(`- ${md(n)}`);
    out.push('');
  }
  writeFileSync(file, out.join('\n'));
}
