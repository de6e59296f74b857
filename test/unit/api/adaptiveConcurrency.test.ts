// When the API answers 429, the whole client slows down (AIMD in ConcurrencyLimiter): the limit
// halves and new requests wait out Retry-After; answered requests grow it back to the maximum.
import assert from 'node:assert/strict';
import type { RequestLogEntry } from '../../../src/api';
import { ConcurrencyLimiter, type Release } from '../../../src/api/limiter';
import { startFakeAdminApi, type FakeAdminApi } from '../../fake-admin-api';
import { clientFor } from './helpers/fake';
import { closeSharedDispatchers } from '../../../src/api';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('api adaptive concurrency: ConcurrencyLimiter arithmetic', () => {
  async function take(limiter: ConcurrencyLimiter, n: number): Promise<Release[]> {
    return Promise.all(Array.from({ length: n }, () => limiter.acquire()));
  }

  it('stays at the maximum without 429s', async () => {
    const limiter = new ConcurrencyLimiter(8);
    for (let i = 0; i < 100; i++) (await take(limiter, 8)).forEach((r) => r('answered'));
    assert.equal(limiter.limit, 8);
  });

  it('halves once per round of requests on 429 (at least 1), then grows by one per `limit` answers, up to the maximum', async () => {
    const limiter = new ConcurrencyLimiter(8);
    const round = await take(limiter, 8);
    round.slice(0, 4).forEach((r) => r({ rateLimitedMs: 0 }));
    assert.equal(limiter.limit, 4, 'four 429s of one round halve once');
    round.slice(4).forEach((r) => r('answered'));
    assert.equal(limiter.limit, 4, 'answers to requests sent before the decrease do not grow it');
    await sleep(5);
    (await take(limiter, 1))[0]!({ rateLimitedMs: 0 });
    assert.equal(limiter.limit, 2);
    await sleep(5);
    (await take(limiter, 1))[0]!({ rateLimitedMs: 0 });
    await sleep(5);
    (await take(limiter, 1))[0]!({ rateLimitedMs: 0 });
    assert.equal(limiter.limit, 1, 'never below 1');
    await sleep(5);
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      (await take(limiter, 1))[0]!('answered');
      seen.push(limiter.limit);
    }
    // 1 answer → 2, 2 more → 3, 3 more → 4, … 7 more → 8 (28 answers), then it stays at 8.
    assert.deepEqual(seen.slice(0, 10), [2, 2, 3, 3, 3, 4, 4, 4, 4, 5]);
    assert.equal(seen.indexOf(8), 27);
    assert.equal(Math.max(...seen), 8);
    // Releases without feedback (cancelled, no answer) change nothing.
    (await take(limiter, 1))[0]!();
    assert.equal(limiter.limit, 8);
  });

  it('holds new requests until the server’s wait has passed, with slots free', async () => {
    const limiter = new ConcurrencyLimiter(4);
    const [a] = await take(limiter, 1);
    const started = performance.now();
    a!({ rateLimitedMs: 150 });
    const next = await limiter.acquire();
    const waited = performance.now() - started;
    next();
    assert.ok(waited >= 145, `a new request started after ${waited.toFixed(0)} ms`);
    assert.equal(limiter.limit, 2);
  });

  it('a waiting request aborted during the pause leaves the queue', async () => {
    const limiter = new ConcurrencyLimiter(2);
    (await limiter.acquire())({ rateLimitedMs: 100 });
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await assert.rejects(waiting, /gone/);
    await sleep(120);
    const [x] = await take(limiter, 1);
    x!();
  });
});

describe('api adaptive concurrency against the rate-limited fake (20 requests/s)', function () {
  this.timeout(60_000);
  const RATE = 20;
  const SLOTS = 8;
  const REQUESTS = 120;
  let fake: FakeAdminApi;
  before(async () => {
    // 100 ms per answer, like a real API: there 8 slots ask about 80/s, 2 slots about the rate.
    fake = await startFakeAdminApi({ projects: 3, users: 5, rateLimit: RATE, latencyMs: 100 });
  });
  after(async () => {
    await closeSharedDispatchers();
    await fake.close();
  });

  const count429 = (since: number) => fake.requests.slice(since).filter((r) => r.status === 429).length;
  const fresh = () => sleep(1100); // a full bucket for the next test

  it('AIMD: all requests succeed with far fewer 429s than fixed concurrency, the limit drops, recovers and never exceeds the maximum', async () => {
    await fresh();
    // Without AIMD: the same 8 slots, each request retrying on its own (the client before AIMD).
    fake.resetStats();
    const plain = clientFor(fake, { maxRetries: 100 });
    const queue = Array.from({ length: REQUESTS }, (_, i) => i);
    await Promise.all(
      Array.from({ length: SLOTS }, async () => {
        while (queue.shift() !== undefined) await plain.projects.listPage();
      }),
    );
    const fixed429 = count429(0);

    await fresh();
    fake.resetStats();
    const log: RequestLogEntry[] = [];
    const client = clientFor(fake, { concurrency: SLOTS, maxRetries: 100, onRequest: (e) => log.push(e) });
    const results = await Promise.all(Array.from({ length: REQUESTS }, () => client.projects.listPage()));
    const aimd429 = count429(0);
    const changes = log.filter((e) => e.concurrencyLimit !== undefined).map((e) => e.concurrencyLimit!);

    assert.equal(results.length, REQUESTS);
    assert.equal(fake.requests.filter((r) => r.status === 200).length, REQUESTS);
    assert.ok(fake.stats.maxInFlight <= SLOTS, `max in flight ${fake.stats.maxInFlight}`);
    assert.ok(Math.max(...changes) <= SLOTS);
    assert.ok(Math.min(...changes) < SLOTS, 'the limit dropped');
    // Measured unloaded: fixed about 160, AIMD about 30. Load slows both, so only the ratio is asserted.
    assert.ok(aimd429 * 2 <= fixed429, `AIMD ${aimd429} vs fixed ${fixed429}; limit changes ${changes.join(' ')}`);
    assert.ok(aimd429 <= REQUESTS / 2, `AIMD 429s ${aimd429}`);

    // One request at a time (100 ms each) stays below the rate; every answer counts towards growing
    // the limit back (from 1 that takes 28 answers).
    for (let i = 0; i < 40 && client.concurrencyLimit! < SLOTS; i++) await client.projects.listPage();
    assert.equal(client.concurrencyLimit, SLOTS, 'recovered to the maximum');
    for (let i = 0; i < 5; i++) await client.projects.listPage();
    assert.equal(client.concurrencyLimit, SLOTS, 'and not beyond');
    assert.equal(count429(0), aimd429, 'no 429 while recovering below the rate');
  });
});
