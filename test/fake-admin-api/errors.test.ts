// Error responses: status, the {error: {message, type, param, code}} body, key redaction and
// x-request-id on everything.
import assert from 'node:assert/strict';
import { busyProject, call } from './helpers';
import { startFakeAdminApi } from './index';
import { loadSpec, type Spec } from './openapi';
import type { FakeAdminApi } from './types';

describe('fake-admin-api: errors', () => {
  let fake: FakeAdminApi;
  let spec: Spec | undefined;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 5, projects: 8, users: 40 });
    const loaded = loadSpec();
    spec = 'skipped' in loaded ? undefined : loaded;
  });
  after(() => fake.close());

  function assertErrorShape(r: { json: any; headers: Headers }) {
    assert.deepEqual(Object.keys(r.json.error).sort(), ['code', 'message', 'param', 'type']);
    assert.match(r.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    if (spec) assert.ok(spec.component('ErrorResponse')(r.json), 'not an ErrorResponse');
  }

  it('401 without a key', async () => {
    const r = await call(fake, 'GET', '/organization/projects', { key: null });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'invalid_api_key');
    assertErrorShape(r);
  });

  it('401 with an unknown key, which is redacted in the message', async () => {
    const key = 'sk-admin-THIS-IS-A-SECRET-abcdefghijklmnopqrstuvwxyz';
    const r = await call(fake, 'GET', '/organization/users', { key });
    assert.equal(r.status, 401);
    assert.deepEqual([r.json.error.type, r.json.error.code, r.json.error.param], ['invalid_request_error', 'invalid_api_key', null]);
    assert.match(r.json.error.message, /^Incorrect API key provided: sk-ad\*\*\*yz\./);
    assert.ok(!r.text.includes(key) && !r.text.includes('THIS-IS-A-SECRET'));
    assertErrorShape(r);
    const short = await call(fake, 'GET', '/organization/users', { key: 'sk-short' });
    assert.ok(!short.text.includes('sk-short'));
  });

  it('403 for a non-admin key on every operation kind', async () => {
    for (const [method, path] of [
      ['GET', '/organization/projects'],
      ['POST', '/organization/projects'],
      ['DELETE', '/organization/admin_api_keys/key_x'],
      ['GET', '/organization/usage/completions'],
    ] as const) {
      const r = await call(fake, method, path, { key: fake.nonAdminKey, body: method === 'POST' ? { name: 'x' } : undefined });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal(r.json.error.code, 'insufficient_permissions');
      assert.match(r.json.error.message, /admin/i);
      assertErrorShape(r);
    }
    assert.equal(fake.state.projects.values().filter((p) => p.name === 'x').length, 0, 'a 403 must not write');
  });

  it('404 for unknown routes and methods', async () => {
    const r = await call(fake, 'GET', '/organization/nothing-here');
    assert.equal(r.status, 404);
    assert.equal(r.json.error.message, 'Invalid URL (GET /v1/organization/nothing-here)');
    assertErrorShape(r);
    assert.equal((await call(fake, 'DELETE', '/organization/projects')).status, 404);
    const rec = fake.requests.at(-1)!;
    assert.deepEqual([rec.route, rec.operationId, rec.status], ['', '', 404]);
  });

  it('404 with the error body for unknown ids', async () => {
    const project = busyProject(fake);
    for (const path of [
      '/organization/projects/proj_missing',
      `/organization/projects/${project}/api_keys/key_missing`,
      `/organization/projects/${project}/users/user-missing`,
      `/organization/projects/${project}/service_accounts/svc_acct_missing`,
      '/organization/groups/group_missing',
      '/organization/roles/role_missing',
      '/organization/invites/invite-missing',
      '/organization/certificates/cert_missing',
      '/organization/admin_api_keys/key_missing',
    ]) {
      const r = await call(fake, 'GET', path);
      assert.equal(r.status, 404, path);
      assert.equal(r.json.error.type, 'invalid_request_error');
      assertErrorShape(r);
    }
  });

  it('400 with param for a missing field, a wrong enum value, a wrong type, and bad JSON', async () => {
    const project = busyProject(fake);
    const cases: [string, unknown, string][] = [
      ['/organization/projects', {}, 'name'],
      ['/organization/projects', { name: 42 }, 'name'],
      ['/organization/invites', { email: 'a@b.example', role: 'admin' }, 'role'],
      [`/organization/projects/${project}/users`, { user_id: fake.state.users.values()[0]!.id }, 'role'],
      [`/organization/projects/${project}/spend_alerts`, { threshold_amount: 5, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: 'x' } }, 'notification_channel.recipients'],
      ['/organization/certificates/activate', { certificate_ids: Array.from({ length: 11 }, (_, i) => `cert_${i}`) }, 'certificate_ids'],
      ['/organization/data_retention', { retention_type: 'forever' }, 'retention_type'],
    ];
    for (const [path, body, param] of cases) {
      const r = await call(fake, 'POST', path, { body });
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.equal(r.json.error.param, param);
      assertErrorShape(r);
    }
    const bad = await call(fake, 'POST', '/organization/projects', { body: '{"name": ' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /could not parse the JSON body/);
  });

  it('every response carries a request id, also successes', async () => {
    const r = await call(fake, 'GET', '/organization/projects');
    assert.match(r.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
  });
});
