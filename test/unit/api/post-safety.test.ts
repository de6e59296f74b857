import assert from 'node:assert/strict';
import { AdminApiError, NetworkError, ServerError, TimeoutError, type RequestLogEntry } from '../../../src/api';
import { clientFor, requestsSince, useFakeApi } from './helpers/fake';

const CREATE_PROJECT = 'POST /organization/projects';

describe('api POST creates are never duplicated by retries (fake Admin API)', function () {
  this.timeout(10_000);
  const fake = useFakeApi({ projects: 3, users: 10 });

  async function createUnderFault(name: string, options: Parameters<typeof clientFor>[1] = {}) {
    const before = fake().state.projects.size;
    const since = fake().requests.length;
    const outcome = await clientFor(fake(), { timeoutMs: 500, ...options })
      .projects.create({ name })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const created = fake().state.projects.values().filter((p) => p.name === name).length;
    return { error: outcome, sent: requestsSince(fake(), since, CREATE_PROJECT).length, created, grew: fake().state.projects.size - before };
  }

  const faults = [
    ['500', { kind: 'status', status: 500, retryAfterMs: 10 }, ServerError],
    ['502', { kind: 'status', status: 502, retryAfterMs: 10 }, ServerError],
    ['connection reset', { kind: 'reset' }, NetworkError],
    ['truncated body', { kind: 'truncated' }, NetworkError],
    ['malformed body', { kind: 'malformed' }, NetworkError],
    ['timeout', { kind: 'timeout' }, TimeoutError],
  ] as const;

  for (const [label, rule, ErrorClass] of faults) {
    it(`${label}: one request, at most one project, error raised`, async () => {
      fake().faults.add({ method: 'POST', path: '^/organization/projects$', ...rule });
      const result = await createUnderFault(`post-safety ${label}`);
      assert.ok(result.error instanceof ErrorClass, `${label}: ${String(result.error)}`);
      assert.equal(result.sent, 1, 'exactly one request reached the server');
      assert.ok(result.created <= 1 && result.grew <= 1, `created ${result.created}`);
    });
  }

  it('429: retried, and exactly one project is created', async () => {
    fake().faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'status', status: 429, retryAfterMs: 20, times: 1 });
    const result = await createUnderFault('post-safety 429');
    assert.equal(result.error, undefined);
    assert.equal(result.sent, 2);
    assert.equal(result.created, 1);
  });

  it('connection refused: retried, since nothing was sent', async () => {
    const log: RequestLogEntry[] = [];
    const client = clientFor(fake(), { baseUrl: 'http://127.0.0.1:1/v1', onRequest: (e) => log.push(e) });
    const error = await client.projects.create({ name: 'never' }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError && error.networkCode === 'ECONNREFUSED', String(error));
    assert.deepEqual(log.map((e) => e.attempt), [1, 2, 3]);
  });

  it('DELETE is retried on 5xx (idempotent)', async () => {
    const client = clientFor(fake());
    const invite = await client.invites.create({ email: 'retry-delete@example.com', role: 'reader' });
    fake().faults.add({ method: 'DELETE', path: '^/organization/invites/', kind: 'status', status: 500, retryAfterMs: 10, times: 1 });
    const since = fake().requests.length;
    const deleted = await client.invites.delete(invite.id);
    assert.equal(deleted.deleted, true);
    assert.deepEqual(requestsSince(fake(), since).map((r) => r.status), [500, 200]);
  });

  it('errors are AdminApiError subclasses with method and path', async () => {
    fake().faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'status', status: 500 });
    const { error } = await createUnderFault('post-safety shape');
    assert.ok(error instanceof AdminApiError);
    assert.equal(error.method, 'POST');
    assert.equal(error.path, '/organization/projects');
  });
});
