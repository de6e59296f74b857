// Rate-limit mode: one token bucket for every /v1 route, 429 with Retry-After when it is empty.
import assert from 'node:assert/strict';
import { call } from './helpers';
import { startFakeAdminApi } from './index';
import { TokenBucket } from './rateLimit';
import type { FakeAdminApi } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fake-admin-api: rate-limit mode', function () {
  this.timeout(20_000);
  let fake: FakeAdminApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('token bucket arithmetic: a burst of N, then one token per 1/N s', () => {
    let now = 0;
    const bucket = new TokenBucket(4, () => now);
    assert.deepEqual([1, 2, 3, 4].map(() => bucket.take()), [0, 0, 0, 0]);
    assert.equal(bucket.take(), 250);
    now = 100;
    assert.equal(bucket.take(), 150);
    now = 250;
    assert.equal(bucket.take(), 0);
    now = 10_000; // refills only up to the burst
    assert.deepEqual([1, 2, 3, 4, 5].map(() => bucket.take() === 0), [true, true, true, true, false]);
    const slow = new TokenBucket(0.5, () => now);
    assert.equal(slow.take(), 0, 'below 1/s the burst is still one request');
    assert.equal(slow.take(), 2000);
  });

  it('an empty bucket answers 429 in the API envelope with Retry-After (s, rounded up) and retry-after-ms, and records it', async () => {
    fake = await startFakeAdminApi({ projects: 3, users: 5, rateLimit: 0.5 });
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
    // Another route: the bucket is shared.
    const r = await call(fake, 'GET', '/organization/users');
    assert.equal(r.status, 429);
    assert.deepEqual([r.json.error.type, r.json.error.code, r.json.error.param], ['requests', 'rate_limit_exceeded', null]);
    assert.match(r.json.error.message, /^Rate limit reached for requests/);
    const ms = Number(r.headers.get('retry-after-ms'));
    // Two seconds per token minus the time since the first request (far less than a second).
    assert.ok(ms > 1000 && ms <= 2000, `retry-after-ms ${ms}`);
    assert.equal(r.headers.get('retry-after'), '2');
    assert.match(r.headers.get('x-request-id') ?? '', /^req_/);
    assert.deepEqual(fake.requests.map((q) => [q.route, q.status]), [
      ['GET /organization/projects', 200],
      ['GET /organization/users', 429],
    ]);
    // Without auth there is no rate limit to speak of: 401 first, as with faults.
    assert.equal((await call(fake, 'GET', '/organization/users', { key: null })).status, 401);
  });

  it('Retry-After rounds a sub-second wait up to 1', async () => {
    fake = await startFakeAdminApi({ projects: 3, users: 5, rateLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await call(fake, 'GET', '/organization/projects'));
    assert.deepEqual(statuses.map((s) => s.status), [200, 200, 429]);
    const ms = Number(statuses[2]!.headers.get('retry-after-ms'));
    assert.ok(ms > 0 && ms <= 500, `retry-after-ms ${ms}`);
    assert.equal(statuses[2]!.headers.get('retry-after'), '1');
  });

  it('no 429 while requests stay below the rate', async () => {
    fake = await startFakeAdminApi({ projects: 3, users: 5, rateLimit: 20 });
    // A burst of 20 at once, then one request per 60 ms (slower than 1/20 s; load only slows it).
    const burst = await Promise.all(Array.from({ length: 20 }, () => call(fake!, 'GET', '/organization/projects')));
    assert.deepEqual(new Set(burst.map((r) => r.status)), new Set([200]));
    await sleep(1100);
    for (let i = 0; i < 15; i++) {
      assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200, `request ${i}`);
      await sleep(60);
    }
  });

  it('lets through at most burst + rate × elapsed requests, and keeps serving at the rate', async () => {
    const rate = 20;
    fake = await startFakeAdminApi({ projects: 3, users: 5, rateLimit: rate });
    const started = performance.now();
    let ok = 0;
    let limited = 0;
    // Four callers hammering for 1.5 s.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (performance.now() - started < 1500) {
          const r = await call(fake!, 'GET', '/organization/projects');
          if (r.status === 200) ok++;
          else if (r.status === 429) limited++;
          else assert.fail(`unexpected ${r.status}`);
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    assert.ok(ok <= rate + rate * elapsedS + 1, `${ok} successes in ${elapsedS.toFixed(2)} s at ${rate}/s`);
    // The burst alone is 20; the refill over 1.5 s adds 30. However slow the machine, the callers
    // keep asking, so more than the burst gets through.
    assert.ok(ok > rate, `only ${ok} successes`);
    assert.ok(limited > 0, 'the callers asked faster than the rate');
    assert.equal(fake.requests.filter((q) => q.status === 429).length, limited);
  });

  it('the control plane sets and clears the rate limit', async () => {
    fake = await startFakeAdminApi({ projects: 3, users: 5 });
    const set = await fetch(`${fake.origin}/__fake/rate-limit`, { method: 'POST', body: JSON.stringify({ requestsPerSecond: 1 }) });
    assert.equal(set.status, 200);
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 429);
    const bad = await fetch(`${fake.origin}/__fake/rate-limit`, { method: 'POST', body: JSON.stringify({ requestsPerSecond: 0 }) });
    assert.equal(bad.status, 400);
    await fetch(`${fake.origin}/__fake/rate-limit`, { method: 'POST', body: JSON.stringify({ requestsPerSecond: null }) });
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
  });
});
