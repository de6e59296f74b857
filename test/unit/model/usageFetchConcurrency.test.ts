// All eleven usage and costs endpoints at once (issue 7, figure 5): by default the fetcher does not
// hold queries back; the client's own request limit (the extension's openaiAdmin.maxConcurrentRequests)
// is what bounds requests, and it hands free slots to waiting first pages before later pages.
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { createAdminClient } from '../../../src/api';
import { ENDPOINTS, KIND_IDS } from '../../../src/model/usage/catalogue';
import { BucketFetcher, DEFAULT_QUERY_CONCURRENCY } from '../../../src/model/usage/fetch';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { CLOCK_MS, useUsageFake } from './usageHelpers';

describe('usage model: all eleven endpoints at once (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake } = useUsageFake({ latencyMs: 20 });
  const NOW = CLOCK_MS / 1000;

  it('starts every endpoint\'s first page before any endpoint\'s last, within the client\'s request limit', async () => {
    assert.ok(DEFAULT_QUERY_CONCURRENCY >= KIND_IDS.length);
    const client = createAdminClient({ apiKey: fake().adminKey, baseUrl: fake().url, env: {}, maxRetries: 0, concurrency: 8 });
    fake().resetStats();
    const fetcher = new BucketFetcher(async () => client);
    const signal = new AbortController().signal;
    setMaxListeners(32, signal); // eleven queries wait on it
    const results = await Promise.all(KIND_IDS.map((kind) => {
      const sel = normalizeSelection({ kind, range: { preset: '90d' }, width: '1d' }, NOW);
      return fetcher.buckets(kind, buildQuery(ENDPOINTS[kind], sel, rangeOf(sel, NOW)), signal);
    }));
    for (const buckets of results) assert.ok(buckets.length >= 90);
    const requests = fake().requests;
    const firstPages = requests.filter((r) => !new URLSearchParams(r.query).get('page'));
    assert.equal(firstPages.length, KIND_IDS.length);
    const lastFirst = Math.max(...firstPages.map((r) => r.seq));
    const thirdPages = requests.filter((r) => r.route !== 'GET /organization/costs').filter((r, _i, all) =>
      all.filter((o) => o.route === r.route && o.seq < r.seq).length === 2);
    assert.ok(thirdPages.length > 0);
    assert.ok(thirdPages.every((r) => r.seq > lastFirst), 'an endpoint waited for another one to finish');
    assert.ok(fake().stats.maxInFlight <= 8, `the fake saw ${fake().stats.maxInFlight} requests at once`);
  });
});
