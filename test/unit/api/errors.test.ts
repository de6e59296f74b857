import assert from 'node:assert/strict';
import {
  AdminApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from '../../../src/api';
import { clientFor, requestsSince, useFakeApi } from './helpers/fake';
import { jsonOk, startHttpServer } from './helpers/servers';

async function failure(promise: Promise<unknown>): Promise<AdminApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AdminApiError, `expected an AdminApiError, got ${String(error)}`);
  return error;
}

describe('api error mapping from real responses (fake Admin API)', () => {
  const fake = useFakeApi({ projects: 5, users: 20 });

  it('401 → AuthenticationError with the API message, type, code and request id', async () => {
    const error = await failure(clientFor(fake(), { apiKey: 'sk-admin-wrong-key-000000' }).projects.listPage());
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.apiMessage, /Incorrect API key provided/);
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/organization/projects?limit=100');
    assert.ok(error.requestId, 'x-request-id is captured');
    assert.equal(error.message, `401 Unauthorized: ${error.apiMessage} (request ${error.requestId})`);
  });

  it('403 → PermissionDeniedError for a non-admin key', async () => {
    const error = await failure(clientFor(fake(), { apiKey: fake().nonAdminKey }).users.listPage());
    assert.ok(error instanceof PermissionDeniedError, error.name);
    assert.equal(error.status, 403);
    assert.match(error.message, /^403 Forbidden: /);
  });

  it('404 → NotFoundError for an unknown id', async () => {
    const error = await failure(clientFor(fake()).projects.retrieve('proj_does_not_exist'));
    assert.ok(error instanceof NotFoundError, error.name);
    assert.equal(error.status, 404);
    assert.equal(error.path, '/organization/projects/proj_does_not_exist');
  });

  it('400 → BadRequestError for an invalid body', async () => {
    const error = await failure(clientFor(fake()).projects.create({ name: '' }));
    assert.ok(error instanceof BadRequestError, error.name);
    assert.equal(error.status, 400);
    assert.ok(error.apiMessage.length > 0);
  });

  it('409 → ConflictError when adding a group member twice', async () => {
    const client = clientFor(fake());
    const group = await client.groups.create({ name: 'conflict-test' });
    const [user] = (await client.users.listPage({ limit: 1 })).data;
    await client.groups.users.add(group.id, { user_id: user!.id });
    const error = await failure(client.groups.users.add(group.id, { user_id: user!.id }));
    assert.ok(error instanceof ConflictError, `${error.name}: ${error.message}`);
    assert.equal(error.status, 409);
  });

  it('422 → UnprocessableEntityError; 429 → RateLimitError; 5xx → ServerError', async () => {
    const client = clientFor(fake(), { maxRetries: 0 });
    const cases = [
      [422, UnprocessableEntityError],
      [429, RateLimitError],
      [500, ServerError],
      [503, ServerError],
    ] as const;
    for (const [status, ErrorClass] of cases) {
      fake().faults.clear();
      fake().faults.add({ path: '^/organization/invites$', kind: 'status', status, times: 1 });
      const error = await failure(client.invites.listPage());
      assert.ok(error instanceof ErrorClass, `${status}: ${error.name}`);
      assert.equal(error.status, status);
    }
  });

  it('malformed JSON → NetworkError, not retried', async () => {
    fake().faults.add({ path: '^/organization/invites$', kind: 'malformed' });
    const since = fake().requests.length;
    const error = await failure(clientFor(fake()).invites.listPage());
    assert.ok(error instanceof NetworkError);
    assert.equal(error.networkCode, 'MALFORMED_BODY');
    assert.match(error.message, /not valid JSON/);
    assert.equal(requestsSince(fake(), since).length, 1);
  });

  it('truncated body → NetworkError (a GET is retried first)', async () => {
    fake().faults.add({ path: '^/organization/invites$', kind: 'truncated' });
    const since = fake().requests.length;
    const error = await failure(clientFor(fake(), { maxRetries: 1 }).invites.listPage());
    assert.ok(error instanceof NetworkError, error.name);
    assert.match(error.networkCode, /UND_ERR_RES_CONTENT_LENGTH_MISMATCH|UND_ERR_SOCKET|ECONNRESET/);
    assert.equal(requestsSince(fake(), since).length, 2);
  });

  it('connection refused → NetworkError', async () => {
    const error = await failure(clientFor(fake(), { baseUrl: 'http://127.0.0.1:1/v1', maxRetries: 0 }).projects.listPage());
    assert.ok(error instanceof NetworkError);
    assert.equal(error.networkCode, 'ECONNREFUSED');
    assert.equal(error.status, undefined);
  });

  it('a redirect is not followed: NetworkError, and the key never reaches the target', async () => {
    const target = await startHttpServer(jsonOk);
    const redirector = await startHttpServer((_req, res) => {
      res.writeHead(302, { location: `${target.origin}/v1/organization/projects` }).end();
    });
    try {
      const error = await failure(clientFor(fake(), { baseUrl: `${redirector.origin}/v1` }).projects.listPage());
      assert.ok(error instanceof NetworkError);
      assert.equal(error.networkCode, 'REDIRECT');
      assert.equal(error.status, 302);
      assert.match(error.message, /redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/organization\/projects was not followed/);
      assert.equal(redirector.requests.length, 1, 'not retried');
      assert.equal(target.requests.length, 0);
    } finally {
      await Promise.all([target.close(), redirector.close()]);
    }
  });

  it('an error body that is not JSON still gives a readable message', async () => {
    const html = await startHttpServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1> upstream down</body></html>');
    });
    try {
      const error = await failure(clientFor(fake(), { baseUrl: `${html.origin}/v1`, maxRetries: 0 }).projects.listPage());
      assert.ok(error instanceof ServerError);
      assert.equal(error.message, '502 Bad Gateway: 502 Bad Gateway upstream down');
    } finally {
      await html.close();
    }
  });
});
