// Fetching against the fake: a long range's pages are read side by side at the largest bucket limit, queries run in
// parallel within the limit, a newer selection aborts the older one at the server, the cache.
import assert from 'node:assert/strict';
import { BucketFetcher, isCancellation, Latest } from '../../../src/model/usage/fetch';
import { ENDPOINTS } from '../../../src/model/usage/catalogue';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { CLOCK_MS, useUsageFake } from './usageHelpers';

const NOW = CLOCK_MS / 1000;
const never = new AbortController().signal;

function queryFor(kind: 'completions' | 'costs' | 'embeddings', preset: '7d' | '90d', width: '1d' | '1h' = '1d', groupBy: string[] = []) {
  const sel = normalizeSelection({ kind, range: { preset }, width, groupBy }, NOW);
  return buildQuery(ENDPOINTS[kind], sel, rangeOf(sel, NOW));
}

describe('usage model: fetching (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake, client } = useUsageFake();
  const requests = (route: string) => fake().requests.filter((r) => r.route === route);

  it('asks for a long range\'s pages side by side, as time windows at the largest bucket limit: 91 daily buckets in 31 + 31 + 29', async () => {
    fake().faults.add({ path: '^/organization/usage/completions', kind: 'latency', latencyMs: 100 });
    fake().resetStats();
    const query = queryFor('completions', '90d');
    const buckets = await new BucketFetcher(async () => client()).buckets('completions', query, never);
    assert.equal(buckets.length, 91);
    assert.equal(fake().stats.maxInFlight, 3, 'the three windows were in flight together');
    const pages = requests('GET /organization/usage/completions').map((r) => new URLSearchParams(r.query));
    assert.deepEqual(pages.map((p) => p.get('limit')), ['31', '31', '31']);
    assert.deepEqual(pages.map((p) => p.get('page')), [null, null, null]);
    const start = query.start_time as number;
    const windows = pages.map((p) => [Number(p.get('start_time')), Number(p.get('end_time'))]).sort((a, b) => a[0]! - b[0]!);
    assert.deepEqual(windows, [[start, start + 31 * 86_400], [start + 31 * 86_400, start + 62 * 86_400], [start + 62 * 86_400, query.end_time]]);
    assert.equal(buckets[0]!.start_time, start);
    for (let i = 1; i < buckets.length; i++) assert.equal(buckets[i]!.start_time - buckets[i - 1]!.start_time, 86_400);
  });

  it('gives the same buckets as following next_page one page at a time', async () => {
    const query = queryFor('completions', '90d', '1d', ['model']);
    const f = new BucketFetcher(async () => client());
    const windowed = await f.buckets('completions', query, never);
    const chained = [];
    for await (const b of client().usage.completions.iterate(query as never)) chained.push(b);
    assert.deepEqual(windowed, chained);
  });

  it('hourly buckets page at 168; costs at 180 per page', async () => {
    fake().resetStats();
    const f = new BucketFetcher(async () => client());
    assert.equal((await f.buckets('embeddings', queryFor('embeddings', '7d', '1h'), never)).length, 7 * 24 + 1);
    assert.deepEqual(requests('GET /organization/usage/embeddings').map((r) => new URLSearchParams(r.query).get('limit')), ['168', '168']);
    assert.equal((await f.buckets('costs', queryFor('costs', '90d'), never)).length, 91);
    assert.deepEqual(requests('GET /organization/costs').map((r) => new URLSearchParams(r.query).get('limit')), ['180']);
  });

  it('a failing window fails the query with the API\'s error and stops the other windows', async () => {
    // The first window fails at once; the other two would take 2 s.
    fake().faults.add({ path: '^/organization/usage/completions', kind: 'latency', latencyMs: 2_000, skip: 1 });
    fake().faults.add({ path: '^/organization/usage/completions', kind: 'status', status: 400, times: 1 });
    fake().resetStats();
    await assert.rejects(new BucketFetcher(async () => client()).buckets('completions', queryFor('completions', '90d'), never), (err: Error) => err.name === 'BadRequestError');
    const deadline = Date.now() + 3_000;
    while (fake().stats.aborted < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake().stats.aborted, 2, 'the two other windows were aborted at the server');
  });

  it('runs no more queries at once than its limit', async () => {
    fake().faults.add({ path: '^/organization/(usage|costs)', kind: 'latency', latencyMs: 80 });
    fake().resetStats();
    const f = new BucketFetcher(async () => client(), { concurrency: 2 });
    const kinds = ['completions', 'embeddings', 'costs'] as const;
    await Promise.all(kinds.flatMap((k) => [f.buckets(k, queryFor(k, '7d'), never), f.buckets(k, queryFor(k, '7d', '1d', ['project_id']), never)]));
    assert.equal(fake().stats.total, 6);
    assert.equal(fake().stats.maxInFlight, 2);
  });

  it('a newer selection aborts the older one, down to the request at the server', async () => {
    fake().faults.add({ path: '^/organization/usage/completions', kind: 'latency', latencyMs: 2_000, times: 1 });
    fake().resetStats();
    const f = new BucketFetcher(async () => client());
    const latest = new Latest();
    const first = latest.run((signal) => f.buckets('completions', queryFor('completions', '7d'), signal));
    await new Promise((r) => setTimeout(r, 200));
    const second = latest.run((signal) => f.buckets('embeddings', queryFor('embeddings', '7d'), signal));
    await assert.rejects(first, (err) => isCancellation(err));
    assert.equal((await second).length, 8);
    const deadline = Date.now() + 3_000;
    while (fake().stats.aborted < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake().stats.aborted, 1, 'the superseded request was aborted at the server');
    latest.cancel();
  });

  it('a cancelled wait for a slot never sends its request', async () => {
    fake().faults.add({ path: '^/organization/usage', kind: 'latency', latencyMs: 300 });
    fake().resetStats();
    const f = new BucketFetcher(async () => client(), { concurrency: 1 });
    const a = new AbortController();
    const running = f.buckets('completions', queryFor('completions', '7d'), never);
    const queued = f.buckets('embeddings', queryFor('embeddings', '7d'), a.signal);
    a.abort();
    await assert.rejects(queued, (err) => isCancellation(err) || (err as Error).name === 'AbortError');
    await running;
    assert.deepEqual(fake().requests.map((r) => r.route), ['GET /organization/usage/completions']);
  });

  it('answers a repeated query from its cache unless asked for fresh data; one load reads a query once', async () => {
    fake().resetStats();
    let t = 0;
    const f = new BucketFetcher(async () => client(), { cacheMs: 1_000, now: () => t });
    const q = queryFor('costs', '7d', '1d', ['project_id']);
    const first = await f.buckets('costs', q, never);
    assert.equal(await f.buckets('costs', q, never), first);
    assert.equal(fake().stats.total, 1);
    await f.buckets('costs', q, never, true);
    assert.equal(fake().stats.total, 2);
    t = 5_000;
    await f.buckets('costs', q, never);
    assert.equal(fake().stats.total, 3, 'expired');
    const signal = new AbortController().signal;
    await Promise.all([f.buckets('costs', q, signal, true), f.buckets('costs', q, signal, true)]);
    assert.equal(fake().stats.total, 4, 'the same query twice in one load');
  });
});
