#!/usr/bin/env node
// @ts-check
// npm run bench [-- --quick] [--only 1,2,3,4,5,6] [--no-write]
//
// Six figures against the fake Admin API on 127.0.0.1 (each figure starts its own fake, in its own
// process, with the latency it needs):
//   1  client overhead: 10,000 users, ours vs the official `openai` SDK (the 7.x that package.json
//      pins, scripts/bench/sdk.mjs), at 0 and 20 ms latency
//   2  organization crawl at 50 ms latency: vs the round-trip bound and vs a sequential SDK loop
//   3  activation time inside the real extension host (code-server) and the bundle sizes
//   4  the tree at scale in code-server: Load more on a 2,000-project org and a 1,000-user project,
//      data received → rows in the workbench's DOM, and extension-host memory after 10,000 nodes
//   5  the usage dashboard's data: the eleven usage/costs endpoints it was defined with, not Decisions (90 days × 1d) at 50 ms latency,
//      and shaping + drawing 24 h × 1 min completions grouped by model (1,440 buckets × 10 groups)
//   6  Load Organization: a 2,000-project org at 20 ms latency vs the round-trip bound, and a 500-project
//      org behind the fake's rate limit (100 requests/s): the rate sustained, no list failing
//   7  the Access Review of 5,000 members × 2,000 projects: first rows after the data is in the store,
//      a search keystroke, and the memory of the filled store
//   8  organization as code: Plan and Export of a 2,000-project organization in the store, and Apply of
//      200 independent changes at 50 ms latency vs the round-trip bound
//
// Prints a table (figure, ours, reference, ratio, budget, result) and writes BENCHMARKS.md. Exits 1
// when a budget is not met (the table and BENCHMARKS.md say which), 2 when a figure could not run.
// --quick runs smaller versions (well under two minutes). Before the first figure, when 3, 4 or 5 is
// selected, the bench runs scripts/install-code-server.sh as npm run test:vscode does (code-server and
// Debian's chromium, cached under .vscode-test/; seconds when already installed), outside the timed
// part and the watchdog: a fresh clone's first install takes minutes.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import os from 'node:os';
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';
import { ROOT, installSignalHandlers, cleanupAll, run } from './vscode/index.mjs';
import { machine, printTable, writeMarkdown } from './bench/report.mjs';

// The figures import the TypeScript sources (client, crawl, usage model) directly, as `node --import tsx` would.
registerEsm();
registerCjs();

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const quick = opts.quick;
const only = opts.only ? new Set(opts.only.split(',').map((s) => s.trim())) : undefined;
const log = (line) => process.stderr.write(`${line}\n`);

installSignalHandlers();

const FIGURES = [
  { id: '1', title: 'client overhead', run: async (ctx) => (await import('./bench/client.mjs')).figureClient(ctx) },
  { id: '2', title: 'organization crawl', run: async (ctx) => (await import('./bench/crawl.mjs')).figureCrawl(ctx) },
  { id: '6', title: 'Load Organization', run: async (ctx) => (await import('./bench/load.mjs')).figureLoad(ctx) },
  { id: '8', title: 'organization as code', run: async (ctx) => (await import('./bench/orgCode.mjs')).figureOrgCode(ctx) },
  // needsInstall: its render half draws the usage webview in Debian's chromium, which the install step brings.
  { id: '5', needsInstall: true, title: 'usage dashboard data', run: async (ctx) => (await import('./bench/dashboard.mjs')).figureDashboard(ctx) },
  // needsInstall: the webview half draws in Debian's chromium.
  { id: '7', needsInstall: true, title: 'Access Review at scale', run: async (ctx) => (await import('./bench/accessReview.mjs')).figureAccessReview(ctx) },
  // One code-server session for both: activation samples first (fresh extension hosts), then the tree.
  { id: '3', also: ['4'], needsInstall: true, title: 'activation, bundle sizes and the tree at scale (code-server)', run: async (ctx) => (await import('./bench/vscode.mjs')).figuresVscode(ctx) },
];
const selected = FIGURES.filter((figure) => !only || [figure.id, ...(figure.also ?? [])].some((id) => only.has(id)));

// What npm test installs for the in-editor tests, the same way; its output goes to stderr with the log.
let installError;
if (selected.some((figure) => figure.needsInstall)) {
  log('[bench] install: code-server + chromium for figures 3–5 (scripts/install-code-server.sh, cached in .vscode-test/)…');
  try {
    await run('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { name: 'bash scripts/install-code-server.sh', cwd: ROOT, timeoutMs: 600_000, stdio: ['ignore', 2, 2] });
  } catch (/** @type {any} */ err) {
    installError = err;
    log(`[bench] install failed: ${err?.message ?? err}`);
  } finally {
    await cleanupAll();
  }
}

const HARD_LIMIT_MS = quick ? 5 * 60_000 : 45 * 60_000;
const watchdog = setTimeout(async () => {
  log(`[bench] gave up after ${HARD_LIMIT_MS / 60_000} min`);
  await cleanupAll();
  process.exit(2);
}, HARD_LIMIT_MS);
watchdog.unref();

const started = new Date();
const machineAtStart = machine();
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
log(`[bench] ${command} on ${machineAtStart.cpu}, ${machineAtStart.memory}, Node ${machineAtStart.node}, load ${machineAtStart.load}`);

const rows = [];
const notes = [];
const broken = [];
for (const figure of selected) {
  log(`[bench] figure ${figure.id}: ${figure.title}…`);
  const t0 = Date.now();
  try {
    if (figure.needsInstall && installError) throw new Error(`the install step failed: ${installError?.message ?? installError}`);
    const out = await figure.run({ quick, log, notes, verbose: opts.verbose });
    rows.push(...out);
  } catch (/** @type {any} */ err) {
    log(`[bench] figure ${figure.id} failed to run: ${err?.stack ?? err}`);
    broken.push(`figure ${figure.id} (${figure.title}) did not run: ${err?.message ?? err}`);
    rows.push({ figure: figure.id, name: `${figure.title}: did not run`, ours: '', reference: '', ratio: '', budget: '', pass: false, why: String(err?.message ?? err).split('\n')[0] });
  } finally {
    await cleanupAll();
  }
  log(`[bench] figure ${figure.id} took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
clearTimeout(watchdog);
const finished = new Date();

printTable(rows);
const failures = rows.filter((r) => r.pass === false).map((r) => `figure ${r.figure}, ${r.name}: ${r.why ?? 'over budget'}`);
if (!opts['no-write']) {
  const { DEFINITIONS } = await import('./bench/definitions.mjs');
  writeMarkdown(join(ROOT, 'BENCHMARKS.md'), {
    rows, command, started, finished, machineAtStart, loadAtEnd: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    notes: [...(quick ? ['--quick: smaller organizations and fewer rounds than the full run; compare full runs with full runs.'] : []), ...notes],
    definitions: DEFINITIONS.filter((d) => !only || only.has(d.id)).map((d) => d.text),
    failures,
  });
  log('[bench] wrote BENCHMARKS.md');
}
if (failures.length) {
  log(`\n[bench] ${failures.length} budget(s) not met:`);
  for (const f of failures) log(`  - ${f}`);
}
log(`[bench] done in ${((/** @type {any} */ (finished) - /** @type {any} */ (started)) / 1000).toFixed(0)} s`);
process.exit(broken.length ? 2 : failures.length ? 1 : 0);
