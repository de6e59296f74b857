// @ts-check
// Figure 2 — organization crawl: every active project's users, service accounts, API keys, rate
// limits, model permissions and hosted tool permissions (every page) at 50 ms added latency, with
// Load Organization's loader (src/model/organization/load.ts) limited to those lists, into a fresh
// org store each run, at the setting's default concurrency, against
//   (a) the bound ceil(requests / concurrency) × latency: no client with that many requests in
//       flight can be faster (the fake's own processing time comes on top), and
//   (b) a plain sequential loop over the official SDK making the same requests.
// The fake's request log shows whether any request was made twice.
import { median, spread } from './stats.mjs';
import { duplicates, startBenchFake } from './fake.mjs';
import { SDK_LABEL, createSdk } from './sdk.mjs';

const LATENCY = 50;
/** @type {import('../../src/model/organization/load').LoadResource[]} */
const CRAWL_LISTS = ['projectUsers', 'projectServiceAccounts', 'projectApiKeys', 'projectRateLimits', 'modelPermissions', 'hostedToolPermissions'];

/**
 * The sequential loop a script author would write with the official SDK.
 * @param {ReturnType<typeof createSdk>} sdk
 */
async function sdkCrawl(sdk) {
  const org = sdk.admin.organization;
  const out = [];
  for await (const project of org.projects.list({ limit: 100 })) {
    const entry = { project, users: /** @type {unknown[]} */ ([]), serviceAccounts: /** @type {unknown[]} */ ([]), apiKeys: /** @type {unknown[]} */ ([]), rateLimits: /** @type {unknown[]} */ ([]) };
    for await (const u of org.projects.users.list(project.id, { limit: 100 })) entry.users.push(u);
    for await (const s of org.projects.serviceAccounts.list(project.id, { limit: 100 })) entry.serviceAccounts.push(s);
    for await (const k of org.projects.apiKeys.list(project.id, { limit: 100 })) entry.apiKeys.push(k);
    for await (const r of org.projects.rateLimits.listRateLimits(project.id, { limit: 100 })) entry.rateLimits.push(r);
    try {
      entry.modelPermissions = await org.projects.modelPermissions.retrieve(project.id);
    } catch (/** @type {any} */ err) {
      if (err?.status !== 404) throw err;
      entry.modelPermissions = null;
    }
    entry.hostedToolPermissions = await org.projects.hostedToolPermissions.retrieve(project.id);
    out.push(entry);
  }
  return out;
}

export async function figureCrawl({ quick, log }) {
  const { createAdminClient, closeSharedDispatchers } = await import('../../src/api');
  const { loadOrganization, DEFAULT_LOAD_CONCURRENCY } = await import('../../src/model/organization/load');
  const { OrgStore } = await import('../../src/model/store');
  const PROJECTS = quick ? 50 : 500;
  const runs = quick ? 2 : 3;
  const sdkRuns = 1; // a full sequential loop takes minutes: one run (thousands of requests) is its own average
  const concurrency = DEFAULT_LOAD_CONCURRENCY;
  const fake = await startBenchFake({ projects: PROJECTS, users: 1000, latencyMs: LATENCY });
  try {
    const client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {} });
    /** The crawl the SDK loop below makes too (six lists per active project), into a fresh store. */
    const crawl = (/** @type {{ concurrency: number, resources?: import('../../src/model/organization/load').LoadResource[] }} */ options) =>
      loadOrganization(new OrgStore(async () => client), { resources: CRAWL_LISTS, ...options });
    const sdk = createSdk(fake);

    const measure = async (what, fn) => {
      await fake.reset();
      const t0 = performance.now();
      const result = await fn();
      const ms = performance.now() - t0;
      const records = await fake.requests();
      const stats = await fake.stats();
      return { what, ms, result, records, maxInFlight: stats.maxInFlight };
    };

    // Warm-up (connections, JIT) on a small part of the work.
    await crawl({ concurrency, resources: ['hostedToolPermissions'] });

    const ours = [];
    for (let i = 0; i < runs; i++) {
      const m = await measure('ours', () => crawl({ concurrency }));
      if (m.result.errors.length) throw new Error(`the crawl reported ${m.result.errors.length} errors: ${m.result.errors[0].error}`);
      const projects = m.result.lists.filter((ref) => ref.resource === 'projectUsers').length;
      const n = m.records.length;
      const bound = Math.ceil(n / concurrency) * LATENCY;
      ours.push({ ms: m.ms, requests: n, bound, efficiency: bound / m.ms, dup: duplicates(m.records), maxInFlight: m.maxInFlight, projects });
      log(`  figure 2, crawl run ${i + 1}/${runs}: ${m.ms.toFixed(0)} ms for ${n} requests (bound ${bound} ms, ${((bound / m.ms) * 100).toFixed(1)} %), max in flight at the fake ${m.maxInFlight}`);
    }
    const sdkRunsOut = [];
    for (let i = 0; i < sdkRuns; i++) {
      log(`  figure 2, sequential SDK loop ${i + 1}/${sdkRuns} (about ${Math.round((ours[0].requests * (LATENCY + 2)) / 1000)} s)…`);
      const m = await measure('sdk', () => sdkCrawl(sdk));
      sdkRunsOut.push({ ms: m.ms, requests: m.records.length, projects: m.result.length });
      log(`  figure 2, sequential SDK loop: ${m.ms.toFixed(0)} ms for ${m.records.length} requests`);
    }

    const oursMs = median(ours.map((r) => r.ms));
    const efficiency = median(ours.map((r) => r.efficiency));
    const bound = median(ours.map((r) => r.bound));
    const sdkMs = median(sdkRunsOut.map((r) => r.ms));
    const speedup = sdkMs / oursMs;
    const requests = [...new Set(ours.map((r) => r.requests))];
    const sdkRequests = [...new Set(sdkRunsOut.map((r) => r.requests))];
    const dups = ours.flatMap((r) => r.dup);
    const maxInFlight = Math.max(...ours.map((r) => r.maxInFlight));
    const label = `${PROJECTS} projects, ${LATENCY} ms latency, concurrency ${concurrency}`;
    const detail = {
      ours: spread(ours.map((r) => r.ms)),
      requests: `ours ${requests.join('/')} per crawl (${ours[0].projects} active projects), SDK loop ${sdkRequests.join('/')}`,
      'max in flight at the fake': String(maxInFlight),
    };
    return [
      {
        figure: '2',
        name: `Crawl ${label} vs round-trip bound`,
        ours: `${oursMs.toFixed(0)} ms`,
        reference: `${bound.toFixed(0)} ms bound`,
        ratio: `${(efficiency * 100).toFixed(1)} %`,
        budget: '≥ 85 % of bound',
        pass: efficiency >= 0.85,
        why: efficiency >= 0.85 ? undefined : `${(efficiency * 100).toFixed(1)} % < 85 %`,
        detail: { ...detail, efficiencies: ours.map((r) => `${(r.efficiency * 100).toFixed(1)} %`).join(' ') },
      },
      {
        figure: '2',
        name: `Crawl ${label} vs sequential SDK loop`,
        ours: `${oursMs.toFixed(0)} ms`,
        reference: `${sdkMs.toFixed(0)} ms (${SDK_LABEL})`,
        ratio: `${speedup.toFixed(1)}× faster`,
        budget: '≥ 6× faster',
        pass: speedup >= 6,
        why: speedup >= 6 ? undefined : `${speedup.toFixed(1)}× < 6×`,
        detail: { sdk: spread(sdkRunsOut.map((r) => r.ms)) },
      },
      {
        figure: '2',
        name: 'Crawl: requests made twice',
        ours: String(dups.length),
        reference: `${requests.join('/')} requests`,
        ratio: '',
        budget: '0',
        pass: dups.length === 0 && maxInFlight <= concurrency,
        why: dups.length ? `repeated: ${dups.slice(0, 3).join(', ')}` : maxInFlight > concurrency ? `${maxInFlight} in flight > ${concurrency}` : undefined,
      },
    ];
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }
}
