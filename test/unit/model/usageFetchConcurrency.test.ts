// All twelve usage and costs endpoints at once (BENCHMARKS.md figure 5): by default the fetcher does not
// hold queries back; the client's own request limit (the extension's openaiAdmin.maxConcurrentRequests)
// is what bounds requests, and since each page is its own time window, no request waits for another's answer.
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { createAdminClient } from '../../../src/api';
import { ENDPOINTS, KIND_IDS } from '../../../src/model/usage/catalogue';
import { BucketFetcher, DEFAULT_QUERY_CONCURRENCY } from '../../../src/model/usage/fetch';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { CLOCK_MS, useUsageFake } from './usageHelpers';

describe('usage model: all twelve endpoints at once (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake } = useUsageFake({ latencyMs: 20 });
  const NOW = CLOCK_MS / 1000;

  it('asks for every page of all twelve at once, within the client\'s request limit, none waiting for another\'s answer', async () => {
    assert.ok(DEFAULT_QUERY_CONCURRENCY >= KIND_IDS.length);
    const client = createAdminClient({ apiKey: fake().adminKey, baseUrl: fake().url, env: {}, maxRetries: 0, concurrency: 8 });
    fake().resetStats();
    const fetcher = new BucketFetcher(async () => client);
    const signal = new AbortController().signal;
    setMaxListeners(64, signal); // every window waits on it
    const results = await Promise.all(KIND_IDS.map((kind) => {
      const sel = normalizeSelection({ kind, range: { preset: '90d' }, width: '1d' }, NOW);
      return fetcher.buckets(kind, buildQuery(ENDPOINTS[kind], sel, rangeOf(sel, NOW)), signal);
    }));
    for (const buckets of results) assert.ok(buckets.length >= 90);
    const requests = fake().requests;
    // Eleven usage endpoints at 31 buckets a page (91 days: 3 pages) and costs at 180 (1 page).
    assert.equal(requests.length, 11 * 3 + 1);
    assert.deepEqual(requests.filter((r) => new URLSearchParams(r.query).get('page')), [], 'no page followed next_page');
    assert.equal(fake().stats.maxInFlight, 8, `the fake saw ${fake().stats.maxInFlight} requests at once`);
  });
});
