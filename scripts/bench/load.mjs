// @ts-check
// Figure 6 — Load Organization (src/model/organization/load.ts) into a fresh org store, with the client
// the extension builds (at most openaiAdmin.maxConcurrentRequests requests in flight, AIMD on 429):
//   (a) a 2,000-project organization at 20 ms latency, against the round-trip bound
//       ceil(requests / concurrency) × latency;
//   (b) a 500-project organization behind the fake's rate limit (100 requests/s, burst 100) at 20 ms
//       latency: the rate of answered requests it sustains, with no list failing and no request made
//       twice except the retries of 429s.
// --quick: 200 and 100 projects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../vscode/index.mjs';
import { median, spread } from './stats.mjs';
import { duplicates, requestKeys, startBenchFake } from './fake.mjs';

const LATENCY = 20;
const RATE = 100;

/**
 * Requests repeated without a 429 before them: a key may come back only after its earlier tries were
 * all rate limited.
 * @param {{ method: string, path: string, query?: string, status: number }[]} records
 */
function repeatsBeyond429(records) {
  const keys = requestKeys(records);
  /** @type {Map<string, number>} */
  const lastTry = new Map();
  keys.forEach((key, i) => lastTry.set(key, i));
  return keys.filter((key, i) => lastTry.get(key) !== i && records[i].status !== 429);
}

/** @param {{ quick: boolean, log: (line: string) => void }} ctx */
export async function figureLoad({ quick, log }) {
  const { createAdminClient, closeSharedDispatchers } = await import('../../src/api');
  const { loadOrganization } = await import('../../src/model/organization/load');
  const { OrgStore } = await import('../../src/model/store');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  /** @type {number} */
  const concurrency = pkg.contributes.configuration.properties['openaiAdmin.maxConcurrentRequests'].default;
  /** @param {{ adminKey: string, url: string }} fake */
  const clientOf = (fake) => createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {}, concurrency });
  /** @param {import('../../src/api').AdminClient} client @param {Partial<import('../../src/model/organization/load').LoadOptions>} [options] */
  const load = (client, options = {}) => loadOrganization(new OrgStore(async () => client), { concurrency, ...options });
  const rows = [];

  // (a) Throughput against the round-trip bound.
  const PROJECTS = quick ? 200 : 2000;
  const USERS = quick ? 1000 : 5000;
  const runs = quick ? 1 : 2;
  let fake = await startBenchFake({ projects: PROJECTS, users: USERS, latencyMs: LATENCY });
  try {
    const client = clientOf(fake);
    await load(client, { resources: ['hostedToolPermissions'] }); // warm-up: connections, JIT
    const out = [];
    for (let i = 0; i < runs; i++) {
      await fake.reset();
      const cpu0 = process.cpuUsage();
      const fakeCpu0 = fake.cpuMs();
      const t0 = performance.now();
      const result = await load(client);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const fakeCpu = fake.cpuMs() - fakeCpu0;
      const records = await fake.requests();
      const { maxInFlight } = await fake.stats();
      if (result.errors.length) throw new Error(`Load Organization reported ${result.errors.length} failed lists: ${result.errors[0].error}`);
      const n = records.length;
      const bound = Math.ceil(n / concurrency) * LATENCY;
      // CPU per 1,000 requests, the client's apart from the fake's (which shares the machine's two cores).
      const clientCpu = ((cpu.user + cpu.system) / 1000 / n) * 1000;
      out.push({ ms, n, bound, efficiency: bound / ms, lists: result.lists.length, dup: duplicates(records), maxInFlight, clientCpu, fakeCpu: (fakeCpu / n) * 1000 });
      log(`  figure 6, load run ${i + 1}/${runs}: ${ms.toFixed(0)} ms for ${n} requests, ${result.lists.length} lists (bound ${bound} ms, ${((bound / ms) * 100).toFixed(1)} %), max in flight at the fake ${maxInFlight}`);
    }
    const efficiency = median(out.map((r) => r.efficiency));
    const dups = out.flatMap((r) => r.dup);
    const maxInFlight = Math.max(...out.map((r) => r.maxInFlight));
    const pass = efficiency >= 0.9 && dups.length === 0 && maxInFlight <= concurrency;
    rows.push({
      figure: '6',
      name: `Load Organization, ${PROJECTS.toLocaleString('en-US')} projects and ${USERS.toLocaleString('en-US')} members, ${LATENCY} ms latency, concurrency ${concurrency}, vs round-trip bound`,
      ours: `${median(out.map((r) => r.ms)).toFixed(0)} ms`,
      reference: `${median(out.map((r) => r.bound)).toFixed(0)} ms bound`,
      ratio: `${(efficiency * 100).toFixed(1)} %`,
      budget: `≥ 90 % of bound, no request twice, ≤ ${concurrency} in flight`,
      pass,
      why: pass ? undefined : efficiency < 0.9 ? `${(efficiency * 100).toFixed(1)} % < 90 %` : dups.length ? `repeated: ${dups.slice(0, 3).join(', ')}` : `${maxInFlight} in flight > ${concurrency}`,
      detail: {
        ours: spread(out.map((r) => r.ms)),
        requests: `${[...new Set(out.map((r) => r.n))].join('/')} per load, ${[...new Set(out.map((r) => r.lists))].join('/')} lists`,
        efficiencies: out.map((r) => `${(r.efficiency * 100).toFixed(1)} %`).join(' '),
        'max in flight at the fake': String(maxInFlight),
        'CPU per 1,000 requests': `client ${median(out.map((r) => r.clientCpu)).toFixed(0)} ms, fake ${median(out.map((r) => r.fakeCpu)).toFixed(0)} ms`,
      },
    });
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }

  // (b) Behind a rate limit: the rate of answered requests sustained once the bucket's burst is spent.
  const LIMITED = quick ? 100 : 500;
  const LIMITED_USERS = quick ? 300 : 1000;
  fake = await startBenchFake({ projects: LIMITED, users: LIMITED_USERS, latencyMs: LATENCY, extraArgs: ['--rate-limit', String(RATE)] });
  try {
    const client = clientOf(fake);
    /** @type {number[]} */
    const limits = [];
    const t0 = Date.now();
    const result = await load(client, { onProgress: () => limits.push(client.concurrencyLimit ?? concurrency) });
    const t1 = Date.now();
    const records = await fake.requests();
    const { maxInFlight } = await fake.stats();
    const answered = records.filter((r) => r.status !== 429);
    const limited = records.length - answered.length;
    // The bucket starts full (a burst of 100 on top of the rate): the rate is counted from the first
    // 429, when the bucket first ran dry (or after the first second, if no 429 came).
    const firstLimited = records.find((r) => r.status === 429);
    const steadyFrom = firstLimited?.endedAt ?? t0 + 1000;
    const steady = answered.filter((r) => (r.endedAt ?? r.startedAt) > steadyFrom).length;
    const rate = steady / ((t1 - steadyFrom) / 1000);
    const repeats = repeatsBeyond429(records);
    const failed = result.errors.length;
    const pass = rate >= 0.85 * RATE && failed === 0 && repeats.length === 0 && maxInFlight <= concurrency;
    log(`  figure 6, rate limited: ${answered.length} answered + ${limited} 429s in ${t1 - t0} ms, ${rate.toFixed(1)} req/s from the first 429 on, limit ${Math.min(...limits)}–${Math.max(...limits)}, ${failed} failed lists`);
    rows.push({
      figure: '6',
      name: `Load Organization, ${LIMITED} projects behind --rate-limit ${RATE}, ${LATENCY} ms latency: sustained rate`,
      ours: `${rate.toFixed(1)} req/s`,
      reference: `${RATE} req/s limit`,
      ratio: `${((rate / RATE) * 100).toFixed(1)} %`,
      budget: '≥ 85 %, no list failing, no request twice but 429s',
      pass,
      why: pass ? undefined : rate < 0.85 * RATE ? `${rate.toFixed(1)} req/s < ${0.85 * RATE}` : failed ? `${failed} lists failed: ${result.errors[0].error}` : repeats.length ? `repeated without a 429: ${repeats.slice(0, 3).join(', ')}` : `${maxInFlight} in flight > ${concurrency}`,
      detail: {
        requests: `${answered.length} answered and ${limited} rate limited (429) in ${t1 - t0} ms; ${result.lists.length} lists`,
        'client limit during the load': `${Math.min(...limits)}–${Math.max(...limits)} (median ${median(limits)})`,
        'max in flight at the fake': String(maxInFlight),
      },
    });
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }
  return rows;
}
