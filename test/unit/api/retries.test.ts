import assert from 'node:assert/strict';
import {
  CancelledError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type RequestLogEntry,
} from '../../../src/api';
import { clientFor, eventually, requestsSince, useFakeApi } from './helpers/fake';

const LIST_PROJECTS = 'GET /organization/projects';

describe('api retries, timeouts and cancellation (fake Admin API)', function () {
  this.timeout(15_000);
  const fake = useFakeApi({ projects: 5, users: 20 });

  /** Lists projects and returns the fake's records of that route plus the log entries. */
  async function listProjects(options: Parameters<typeof clientFor>[1] = {}) {
    const since = fake().requests.length;
    const log: RequestLogEntry[] = [];
    const client = clientFor(fake(), { onRequest: (e) => log.push(e), ...options });
    const result = await client.projects.listPage().then(
      (page) => ({ page, error: undefined }),
      (error: unknown) => ({ page: undefined, error }),
    );
    return { ...result, log, records: requestsSince(fake(), since, LIST_PROJECTS) };
  }

  const gaps = (records: { startedAt: number }[]) => records.slice(1).map((r, i) => r.startedAt - records[i]!.startedAt);

  it('waits for Retry-After: 1 (≥ ~1 s) after a 429, then succeeds', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfter: '1', times: 1 });
    const { page, records, log } = await listProjects();
    assert.ok(page, 'succeeds after the retry');
    assert.deepEqual(records.map((r) => r.status), [429, 200]);
    assert.ok(gaps(records)[0]! >= 950, `waited ${gaps(records)[0]} ms`);
    assert.deepEqual(log.map((e) => [e.attempt, e.status]), [[1, 429], [2, 200]]);
  });

  it('prefers retry-after-ms, waiting that long rather than the back-off', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfterMs: 120, times: 2 });
    const { page, records } = await listProjects();
    assert.ok(page);
    assert.deepEqual(records.map((r) => r.status), [429, 429, 200]);
    for (const gap of gaps(records)) assert.ok(gap >= 110 && gap < 375, `gap ${gap} ms: neither the header's 120 ms nor under the 375 ms minimum back-off`);
  });

  it('uses exponential back-off (0.5 s × 2ⁿ, jittered) when the server gives no delay', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 503, times: 2 });
    const { page, records } = await listProjects();
    assert.ok(page);
    const [first, second] = gaps(records);
    assert.ok(first! >= 360 && first! < 700, `first back-off ${first} ms (expected 375–500)`);
    assert.ok(second! >= 730 && second! < 1200, `second back-off ${second} ms (expected 750–1000)`);
  });

  for (const status of [500, 502, 503]) {
    it(`retries a GET after ${status} and succeeds`, async () => {
      fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status, retryAfterMs: 10, times: 1 });
      const { page, records } = await listProjects();
      assert.ok(page);
      assert.deepEqual(records.map((r) => r.status), [status, 200]);
    });
  }

  it('raises ServerError after exhausting retries (1 try + maxRetries)', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 503, retryAfterMs: 10 });
    const { error, records, log } = await listProjects({ maxRetries: 3 });
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.status, 503);
    assert.equal(records.length, 4);
    assert.deepEqual(log.map((e) => e.attempt), [1, 2, 3, 4]);
  });

  it('raises RateLimitError after exhausting retries on 429', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfterMs: 10 });
    const { error, records } = await listProjects();
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(records.length, 3, 'default maxRetries is 2');
  });

  it('does not retry with maxRetries: 0', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 500, retryAfterMs: 10 });
    const { error, records } = await listProjects({ maxRetries: 0 });
    assert.ok(error instanceof ServerError);
    assert.equal(records.length, 1);
  });

  it('retries a GET after a connection reset, and raises NetworkError when resets persist', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'reset', times: 1 });
    const once = await listProjects({ maxRetries: 2 });
    assert.ok(once.page, String(once.error));
    fake().faults.clear();
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'reset' });
    const always = await listProjects({ maxRetries: 1 });
    assert.ok(always.error instanceof NetworkError, String(always.error));
    assert.match(always.error.networkCode, /ECONNRESET|UND_ERR_SOCKET/);
    assert.equal(always.records.length, 2);
  });

  it('times out (TimeoutError) when the server never answers, retrying GETs', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'timeout' });
    const started = Date.now();
    const { error, records } = await listProjects({ timeoutMs: 200, maxRetries: 1 });
    const elapsed = Date.now() - started;
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /timed out after 200 ms: GET \/organization\/projects/);
    assert.equal(records.length, 2);
    assert.ok(elapsed >= 400 + 300 && elapsed < 2500, `elapsed ${elapsed} ms`);
  });

  it('applies the timeout to the body too (slow-dripping body)', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'slow-body', latencyMs: 3000 });
    const started = Date.now();
    const { error } = await listProjects({ timeoutMs: 300, maxRetries: 0 });
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 1500);
  });

  it('cancels an in-flight request through AbortSignal; the fake sees it aborted', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/users$', kind: 'latency', latencyMs: 3000 });
    const since = fake().requests.length;
    const controller = new AbortController();
    const started = Date.now();
    const pending = clientFor(fake()).users.listPage({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (err: unknown) => err instanceof CancelledError && /cancelled: GET \/organization\/users/.test(err.message));
    assert.ok(Date.now() - started < 1000);
    await eventually(() => requestsSince(fake(), since, 'GET /organization/users').some((r) => r.aborted));
    assert.equal(requestsSince(fake(), since, 'GET /organization/users').length, 1, 'a cancelled request is not retried');
  });

  it('cancels during the wait before a retry', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfter: '5' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const since = fake().requests.length;
    await assert.rejects(clientFor(fake()).projects.listPage({}, { signal: controller.signal }), CancelledError);
    assert.ok(Date.now() - started < 1000, 'did not sit out the 5 s Retry-After');
    assert.equal(requestsSince(fake(), since, LIST_PROJECTS).length, 1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const since = fake().requests.length;
    await assert.rejects(clientFor(fake()).projects.listPage({}, { signal: AbortSignal.abort() }), CancelledError);
    assert.equal(requestsSince(fake(), since).length, 0);
  });

  it('stops an iteration with CancelledError when aborted between pages', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const user of clientFor(fake()).users.iterate({ limit: 5 }, { signal: controller.signal })) {
        seen.push(user.id);
        if (seen.length === 7) controller.abort();
      }
    }, CancelledError);
    assert.equal(seen.length, 10, 'the second page was already loaded; the third is never requested');
  });
});
