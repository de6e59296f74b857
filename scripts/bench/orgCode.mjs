// @ts-check
// Figure 8 — Organization as code (src/model/orgCode):
//   (a) Plan and Export of a 2,000-project organization already in the org store: readLiveState
//       answered from the store, then planOrgFile of a file that changes 200 projects, or
//       exportOrgFile + stringifyOrgFile; budgets 500 ms and 1 s;
//   (b) Apply of 200 independent changes (one rate limit in each of 200 projects) at 50 ms latency,
//       after one warm-up change, through runPlan at its default concurrency, against the round-trip bound
//       ceil(200 ÷ concurrency) × 50 ms; budget ≤ 1.2 × the bound.
// --quick: 300 projects for (a); (b) unchanged (it is small).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../vscode/index.mjs';
import { median, spread } from './stats.mjs';
import { startBenchFake } from './fake.mjs';

const APPLY_LATENCY = 50;
const CHANGES = 200;

/** @param {{ quick: boolean, log: (line: string) => void }} ctx */
export async function figureOrgCode({ quick, log }) {
  const { createAdminClient, closeSharedDispatchers } = await import('../../src/api');
  const { OrgStore } = await import('../../src/model/store');
  const { readLiveState, planOrgFile, exportOrgFile, stringifyOrgFile } = await import('../../src/model/orgCode');
  const { runPlan, DEFAULT_PLAN_CONCURRENCY } = await import('../../src/model/plan');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  /** @type {number} */
  const concurrency = pkg.contributes.configuration.properties['openaiAdmin.maxConcurrentRequests'].default;
  /** @param {{ adminKey: string, url: string }} fake */
  const clientOf = (fake) => createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {}, concurrency });
  /**
   * A file that changes one rate limit in each of `n` projects: the live organization's own file
   * (so every other section is compared and found equal), gpt-4o's requests per minute lowered by one.
   * @param {import('../../src/model/orgCode').LiveState} live @param {number} n
   */
  const editedFile = (live, n) => {
    const file = exportOrgFile(live);
    let edited = 0;
    for (const p of file.projects ?? []) {
      const rl = p.rate_limits?.['gpt-4o'];
      if (edited === n || !rl?.max_requests_per_1_minute) continue;
      rl.max_requests_per_1_minute -= 1;
      edited++;
    }
    return file;
  };
  const rows = [];

  // (a) Plan and Export over a filled store.
  const PROJECTS = quick ? 300 : 2000;
  const USERS = quick ? 1000 : 5000;
  const rounds = quick ? 3 : 5;
  let fake = await startBenchFake({ projects: PROJECTS, users: USERS, latencyMs: 0 });
  try {
    const store = new OrgStore(async () => clientOf(fake));
    const t0 = performance.now();
    const filled = await readLiveState(store, { concurrency });
    log(`  figure 8: store filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (${filled.file.projects?.length} projects read)`);
    const file = editedFile(filled, CHANGES);
    /** @type {number[]} */ const planMs = [];
    /** @type {number[]} */ const exportMs = [];
    let steps = 0;
    let bytes = 0;
    for (let i = 0; i < rounds + 1; i++) {
      const p0 = performance.now();
      const plan = planOrgFile(file, await readLiveState(store));
      const p1 = performance.now();
      const text = stringifyOrgFile(exportOrgFile(await readLiveState(store)));
      const p2 = performance.now();
      steps = plan.steps.length;
      bytes = text.length;
      if (i === 0) continue; // warm-up
      planMs.push(p1 - p0);
      exportMs.push(p2 - p1);
    }
    store.dispose();
    if (steps !== CHANGES) throw new Error(`the plan has ${steps} steps, expected ${CHANGES}`);
    const plan = median(planMs);
    const exp = median(exportMs);
    log(`  figure 8: plan ${plan.toFixed(0)} ms (${steps} steps), export ${exp.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KB)`);
    rows.push({
      figure: '8',
      name: `Org file Plan, ${PROJECTS.toLocaleString('en-US')} projects in the store, ${CHANGES} changes`,
      ours: `${plan.toFixed(0)} ms`, reference: '', ratio: '', budget: '≤ 500 ms', pass: plan <= 500,
      why: plan <= 500 ? undefined : `${plan.toFixed(0)} ms > 500 ms`,
      detail: { runs: spread(planMs), steps: String(steps) },
    });
    rows.push({
      figure: '8',
      name: `Org file Export, ${PROJECTS.toLocaleString('en-US')} projects in the store`,
      ours: `${exp.toFixed(0)} ms`, reference: '', ratio: '', budget: '≤ 1 s', pass: exp <= 1000,
      why: exp <= 1000 ? undefined : `${exp.toFixed(0)} ms > 1000 ms`,
      detail: { runs: spread(exportMs), 'file size': `${(bytes / 1024).toFixed(0)} KB` },
    });
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }

  // (b) Apply: 200 independent calls at 50 ms latency.
  // More projects than changes: some of the generated ones are archived.
  fake = await startBenchFake({ projects: Math.ceil(CHANGES * 1.3), users: 500, latencyMs: APPLY_LATENCY });
  try {
    const client = clientOf(fake);
    const store = new OrgStore(async () => client);
    const live = await readLiveState(store, { concurrency });
    const whole = planOrgFile(editedFile(live, CHANGES + 1), live);
    if (whole.steps.length !== CHANGES + 1) throw new Error(`the plan has ${whole.steps.length} steps, expected ${CHANGES + 1}`);
    // Warm-up: one change first (connections, and the fake's first write builds its audit log).
    const [first, ...steps] = whole.steps;
    await runPlan({ title: 'warm-up', steps: [first] }, client, { store });
    const plan = { ...whole, steps };
    await fake.reset();
    const t0 = performance.now();
    const outcomes = await runPlan(plan, client, { store });
    const ms = performance.now() - t0;
    store.dispose();
    const failed = [...outcomes.values()].filter((o) => o.status !== 'done').length;
    const { maxInFlight, total } = await fake.stats();
    const bound = Math.ceil(CHANGES / DEFAULT_PLAN_CONCURRENCY) * APPLY_LATENCY;
    const ratio = ms / bound;
    const pass = ratio <= 1.2 && failed === 0;
    log(`  figure 8: apply ${ms.toFixed(0)} ms for ${CHANGES} steps (bound ${bound} ms, ${ratio.toFixed(2)}×), ${failed} not done, max in flight ${maxInFlight}`);
    rows.push({
      figure: '8',
      name: `Org file Apply, ${CHANGES} independent changes, ${APPLY_LATENCY} ms latency, plan concurrency ${DEFAULT_PLAN_CONCURRENCY}, vs round-trip bound`,
      ours: `${ms.toFixed(0)} ms`, reference: `${bound} ms bound`, ratio: `${ratio.toFixed(2)}×`, budget: '≤ 1.2 × bound, every step done',
      pass, why: pass ? undefined : failed ? `${failed} steps not done` : `${ratio.toFixed(2)}× > 1.2×`,
      detail: { 'requests at the fake': String(total), 'max in flight at the fake': String(maxInFlight) },
    });
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }
  return rows;
}
