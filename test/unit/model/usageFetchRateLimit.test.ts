// A usage query that ends in a 429 (after the client's retries) slows the dashboard's other queries
// down too: the next one waits out the server's Retry-After instead of starting into the same limit.
import assert from 'node:assert/strict';
import { BucketFetcher } from '../../../src/model/usage/fetch';
import { ENDPOINTS } from '../../../src/model/usage/catalogue';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { CLOCK_MS, PATHS, useUsageFake } from './usageHelpers';

const NOW = CLOCK_MS / 1000;

function queryFor(kind: 'completions' | 'embeddings') {
  const sel = normalizeSelection({ kind, range: { preset: '7d' }, width: '1d' }, NOW);
  return buildQuery(ENDPOINTS[kind], sel, rangeOf(sel, NOW));
}

describe('usage model: a rate-limited query slows the others (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake, client } = useUsageFake();

  it('the query after a 429 starts only once the server\'s wait has passed', async () => {
    fake().faults.add({ path: '^/organization/usage/completions', kind: 'status', status: 429, retryAfter: '0.6', times: 1 });
    fake().resetStats();
    const fetcher = new BucketFetcher(async () => client(), { concurrency: 1 });
    const signal = new AbortController().signal;
    const [first, second] = await Promise.allSettled([
      fetcher.buckets('completions', queryFor('completions'), signal),
      fetcher.buckets('embeddings', queryFor('embeddings'), signal),
    ]);
    assert.equal(first.status, 'rejected');
    assert.equal((first as PromiseRejectedResult).reason.status, 429);
    assert.equal(second.status, 'fulfilled');
    const limited = fake().requests.find((r) => r.path === PATHS.completions)!;
    const next = fake().requests.find((r) => r.path === PATHS.embeddings)!;
    const waited = next.startedAt - limited.endedAt!;
    assert.ok(waited >= 500, `the next query started ${waited} ms after the 429 (Retry-After: 0.6 s)`);
  });
});
