import assert from 'node:assert/strict';
import {
  CancelledError,
  NetworkError,
  NotFoundError,
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

  // Timing is read from the fake's records: the pause between the end of one attempt's answer and
  // the start of the next, as the server saw them. A loaded machine only makes pauses longer, so
  // lower bounds come straight from the policy (minus 5 ms of clock rounding), and upper bounds
  // allow LOAD_MS more than the policy's longest wait: they only catch a wait of the wrong size.
  const LOAD_MS = 2500;
  const pauses = (records: { startedAt: number; endedAt?: number }[]) =>
    records.slice(1).map((r, i) => r.startedAt - (records[i]!.endedAt ?? records[i]!.startedAt));
  const within = (pause: number, min: number, max: number, what: string) =>
    assert.ok(pause >= min - 5 && pause < max + LOAD_MS, `${what}: ${pause} ms (policy: ${min}–${max} ms)`);

  it('waits for Retry-After: 1 (≥ 1 s) after a 429, then succeeds', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfter: '1', times: 1 });
    const { page, records, log } = await listProjects();
    assert.ok(page, 'succeeds after the retry');
    assert.deepEqual(records.map((r) => r.status), [429, 200]);
    within(pauses(records)[0]!, 1000, 1000, 'Retry-After: 1');
    assert.deepEqual(log.map((e) => [e.attempt, e.status]), [[1, 429], [2, 200]]);
  });

  it('prefers retry-after-ms, waiting that long rather than the back-off', async () => {
    // Longer than the back-off could ever be for these retries (≤ 0.5 s, then ≤ 1 s), so a pause
    // of at least this long can only come from the header, however loaded the machine.
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfterMs: 1200, times: 2 });
    const { page, records } = await listProjects();
    assert.ok(page);
    assert.deepEqual(records.map((r) => r.status), [429, 429, 200]);
    pauses(records).forEach((pause, i) => within(pause, 1200, 1200, `pause ${i + 1}`));
  });

  it('uses exponential back-off (0.5 s × 2ⁿ, jittered) when the server gives no delay', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 503, times: 2 });
    const { page, records } = await listProjects();
    assert.ok(page);
    const [first, second] = pauses(records);
    within(first!, 375, 500, 'first back-off');
    within(second!, 750, 1000, 'second back-off');
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
    // Between the two starts: the 200 ms timeout, then the first back-off (375–500 ms).
    within(records[1]!.startedAt - records[0]!.startedAt, 200 + 375, 200 + 500, 'timeout + back-off');
    // Two timeouts and one back-off; without a timeout the client would wait for ever.
    assert.ok(elapsed >= 2 * 200 + 375 - 5 && elapsed < 2 * 200 + 500 + LOAD_MS, `elapsed ${elapsed} ms`);
  });

  it('applies the timeout to the body too (slow-dripping body)', async () => {
    // The body takes 10 s to arrive; a client that only timed the headers would wait for all of it.
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'slow-body', latencyMs: 10_000 });
    const started = Date.now();
    const { error } = await listProjects({ timeoutMs: 300, maxRetries: 0 });
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 300 + LOAD_MS, `gave up after ${Date.now() - started} ms`);
  });

  it('cancels an in-flight request through AbortSignal; the fake sees it aborted', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/users$', kind: 'latency', latencyMs: 10_000 });
    const since = fake().requests.length;
    const controller = new AbortController();
    const started = Date.now();
    const pending = clientFor(fake()).users.listPage({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (err: unknown) => err instanceof CancelledError && /cancelled: GET \/organization\/users/.test(err.message));
    assert.ok(Date.now() - started < 100 + LOAD_MS, `rejected after ${Date.now() - started} ms (the answer would take 10 s)`);
    await eventually(() => requestsSince(fake(), since, 'GET /organization/users').some((r) => r.aborted));
    assert.equal(requestsSince(fake(), since, 'GET /organization/users').length, 1, 'a cancelled request is not retried');
  });

  it('cancels during the wait before a retry', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/projects$', kind: 'status', status: 429, retryAfter: '10' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const since = fake().requests.length;
    await assert.rejects(clientFor(fake()).projects.listPage({}, { signal: controller.signal }), CancelledError);
    assert.ok(Date.now() - started < 150 + LOAD_MS, `took ${Date.now() - started} ms: sat out the 10 s Retry-After`);
    assert.equal(requestsSince(fake(), since, LIST_PROJECTS).length, 1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const since = fake().requests.length;
    await assert.rejects(clientFor(fake()).projects.listPage({}, { signal: AbortSignal.abort() }), CancelledError);
    assert.equal(requestsSince(fake(), since).length, 0);
  });

  describe('a DELETE that finds nothing (404)', () => {
    const DELETE_INVITE = 'DELETE /organization/invites/{invite_id}';
    async function deleteInvite(id: string) {
      const since = fake().requests.length;
      const outcome = await clientFor(fake()).invites.delete(id).then((value) => ({ value, error: undefined }), (error: unknown) => ({ value: undefined, error }));
      return { ...outcome, statuses: requestsSince(fake(), since, DELETE_INVITE).map((r) => r.status) };
    }
    const newInvite = async (email: string) => (await clientFor(fake()).invites.create({ email, role: 'reader' })).id;

    it('on its first try is NotFoundError: the client deleted nothing', async () => {
      const { error, statuses } = await deleteInvite('invite_never_existed');
      assert.ok(error instanceof NotFoundError, String(error));
      assert.deepEqual(statuses, [404]);
    });

    it('after a 429 (the server provably did nothing) is still NotFoundError', async () => {
      fake().faults.add({ method: 'DELETE', path: '^/organization/invites/', kind: 'status', status: 429, retryAfterMs: 10, times: 1 });
      const { error, statuses } = await deleteInvite('invite_never_existed');
      assert.ok(error instanceof NotFoundError, String(error));
      assert.deepEqual(statuses, [429, 404]);
    });

    it('on a retry after an answer lost on the way (the first try deleted it) is the success it was', async () => {
      const id = await newInvite('delete-twice@example.com');
      fake().faults.add({ method: 'DELETE', path: `^/organization/invites/${id}$`, kind: 'truncated', times: 1 });
      const { value, error, statuses } = await deleteInvite(id);
      assert.equal(error, undefined, String(error));
      assert.deepEqual(value, { deleted: true });
      assert.deepEqual(statuses, [200, 404]);
      assert.equal(fake().state.invites.get(id), undefined);
    });
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
