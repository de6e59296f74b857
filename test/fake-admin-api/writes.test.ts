// Writes change what later reads see; secrets are shown once; archived projects refuse writes.
import assert from 'node:assert/strict';
import { archivedProject, busyProject, call, ok, outsider, walkA } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi } from './types';

describe('fake-admin-api: writes', () => {
  let fake: FakeAdminApi;
  let project: string;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 11 });
    project = busyProject(fake);
  });
  after(() => fake.close());

  const P = () => `/organization/projects/${project}`;

  it('an added project user is listed, can be modified, and a second add is a 409', async () => {
    const userId = outsider(fake, project);
    const added = await ok(fake, 'POST', `${P()}/users`, { body: { user_id: userId, role: 'member' } });
    assert.deepEqual([added.id, added.role, added.object], [userId, 'member', 'organization.project.user']);
    const listed = (await walkA(fake, `${P()}/users`, { limit: 100 })).items;
    assert.ok(listed.some((u) => u.id === userId));
    assert.equal((await ok(fake, 'POST', `${P()}/users/${userId}`, { body: { role: 'owner' } })).role, 'owner');
    assert.equal((await ok(fake, 'GET', `${P()}/users/${userId}`)).role, 'owner');
    const again = await call(fake, 'POST', `${P()}/users`, { body: { user_id: userId, role: 'member' } });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.param, 'user_id');
    // The org user's project list reflects it too.
    const user = await ok(fake, 'GET', `/organization/users/${userId}`);
    assert.ok(user.projects.data.some((p: { id: string }) => p.id === project));
  });

  it('adding by email works; an unknown user is a 404', async () => {
    const userId = outsider(fake, project);
    const email = fake.state.users.get(userId)!.email;
    assert.equal((await ok(fake, 'POST', `${P()}/users`, { body: { email, role: 'member' } })).id, userId);
    assert.equal((await call(fake, 'POST', `${P()}/users`, { body: { user_id: 'user-nobody', role: 'member' } })).status, 404);
  });

  it('a deleted API key is gone (404) and no longer listed', async () => {
    const key = fake.state.project(project)!.apiKeys.values().find((k) => k.owner.type === 'user')!;
    const del = await ok(fake, 'DELETE', `${P()}/api_keys/${key.id}`);
    assert.deepEqual(del, { id: key.id, object: 'organization.project.api_key.deleted', deleted: true });
    assert.equal((await call(fake, 'GET', `${P()}/api_keys/${key.id}`)).status, 404);
    const listed = (await walkA(fake, `${P()}/api_keys`, { owner_project_access: 'any' })).items;
    assert.ok(!listed.some((k) => k.id === key.id));
  });

  it('a service-account key can be deleted on its own; the account and its other keys stay (November spec)', async () => {
    const account = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'two keys' } });
    const second = await ok(fake, 'POST', `${P()}/service_accounts/${account.id}/api_keys`, { body: { name: 'second' } });
    const del = await ok(fake, 'DELETE', `${P()}/api_keys/${account.api_key.id}`);
    assert.deepEqual(del, { id: account.api_key.id, object: 'organization.project.api_key.deleted', deleted: true });
    assert.equal((await call(fake, 'GET', `${P()}/api_keys/${account.api_key.id}`)).status, 404);
    assert.equal((await ok(fake, 'GET', `${P()}/service_accounts/${account.id}`)).id, account.id);
    assert.equal((await ok(fake, 'GET', `${P()}/api_keys/${second.id}`)).owner.service_account.id, account.id);
    // The deleted key's secret stops being a credential (a project key gets 403, an unknown one 401).
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: account.api_key.value })).status, 401);
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: second.value })).status, 403);
  });

  it('a new service account returns api_key.value exactly once; it never appears again', async () => {
    const created = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'one-time' } });
    const secret: string = created.api_key.value;
    assert.match(secret, /^sk-svcacct-/);
    assert.equal(created.role, 'member');
    const seen = [
      (await call(fake, 'GET', `${P()}/service_accounts/${created.id}`)).text,
      (await call(fake, 'GET', `${P()}/service_accounts`, { query: { limit: 100 } })).text,
      (await call(fake, 'GET', `${P()}/api_keys`, { query: { limit: 100, owner_project_access: 'any' } })).text,
      (await call(fake, 'GET', `${P()}/api_keys/${created.api_key.id}`)).text,
      (await call(fake, 'GET', '/organization/audit_logs', { query: { limit: 100 } })).text,
      await (await fetch(`${fake.origin}/__fake/state`)).text(),
    ];
    for (const text of seen) assert.ok(!text.includes(secret), 'secret leaked after creation');
    const key = await ok(fake, 'GET', `${P()}/api_keys/${created.api_key.id}`);
    assert.equal(key.owner.type, 'service_account');
    assert.ok(key.redacted_value.endsWith(secret.slice(-4)));
    // The key is a real, non-admin credential.
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: secret })).status, 403);
  });

  it('create_service_account_only makes an account with role none and no key', async () => {
    const created = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'bare', create_service_account_only: true } });
    assert.deepEqual([created.role, created.api_key], ['none', null]);
  });

  it('deleting a service account deletes its keys', async () => {
    const created = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'short-lived' } });
    await ok(fake, 'DELETE', `${P()}/service_accounts/${created.id}`);
    assert.equal((await call(fake, 'GET', `${P()}/api_keys/${created.api_key.id}`)).status, 404);
  });

  it('rate limit updates show in later reads; irrelevant fields and values above the org limit are 400', async () => {
    await ok(fake, 'POST', `${P()}/rate_limits/rl-gpt-4o-mini`, { body: { max_requests_per_1_minute: 123 } });
    const list = (await ok(fake, 'GET', `${P()}/rate_limits`)).data;
    assert.equal(list.find((r: { id: string }) => r.id === 'rl-gpt-4o-mini').max_requests_per_1_minute, 123);
    const images = await call(fake, 'POST', `${P()}/rate_limits/rl-gpt-4o`, { body: { max_images_per_1_minute: 5 } });
    assert.deepEqual([images.status, images.json.error.param], [400, 'max_images_per_1_minute']);
    const huge = await call(fake, 'POST', `${P()}/rate_limits/rl-gpt-4o`, { body: { max_tokens_per_1_minute: 10 ** 12 } });
    assert.equal(huge.status, 400);
    const dalle = (await ok(fake, 'GET', `${P()}/rate_limits`)).data.find((r: { model: string }) => r.model === 'dall-e-3');
    assert.ok('max_images_per_1_minute' in dalle && !('max_audio_megabytes_per_1_minute' in dalle));
  });

  it('model permissions: 404 when unset, POST sets, DELETE removes', async () => {
    const other = fake.state.projects.values().find((p) => p.status === 'active' && !fake.state.project(p.id)!.modelPermissions)!.id;
    const path = `/organization/projects/${other}/model_permissions`;
    const unset = await call(fake, 'GET', path);
    assert.equal(unset.status, 404);
    assert.match(unset.json.error.message, /No model permissions/);
    await ok(fake, 'POST', path, { body: { mode: 'allow_list', model_ids: ['gpt-4o-mini', 'o3'] } });
    assert.deepEqual(await ok(fake, 'GET', path), { object: 'project.model_permissions', mode: 'allow_list', model_ids: ['gpt-4o-mini', 'o3'] });
    assert.deepEqual(await ok(fake, 'DELETE', path), { object: 'project.model_permissions.deleted', deleted: true });
    assert.equal((await call(fake, 'GET', path)).status, 404);
    assert.equal((await call(fake, 'POST', path, { body: { mode: 'maybe', model_ids: [] } })).json.error.param, 'mode');
  });

  it('hosted tool permissions: POST changes only the keys present', async () => {
    const path = `${P()}/hosted_tool_permissions`;
    const before = await ok(fake, 'GET', path);
    const after = await ok(fake, 'POST', path, { body: { mcp: { enabled: !before.mcp.enabled }, web_search: null } });
    assert.deepEqual(after, { ...before, mcp: { enabled: !before.mcp.enabled } });
    assert.deepEqual(await ok(fake, 'GET', path), after);
  });

  it('archiving: status and archived_at set, hidden unless include_archived, and every write refused', async () => {
    const created = await ok(fake, 'POST', '/organization/projects', { body: { name: 'To archive' } });
    const id = created.id;
    const userId = fake.state.users.values()[1]!.id;
    await ok(fake, 'POST', `/organization/projects/${id}/users`, { body: { user_id: userId, role: 'owner' } });
    const sa = await ok(fake, 'POST', `/organization/projects/${id}/service_accounts`, { body: { name: 'bot' } });
    const archived = await ok(fake, 'POST', `/organization/projects/${id}/archive`);
    assert.equal(archived.status, 'archived');
    assert.equal(typeof archived.archived_at, 'number');
    const visible = (await walkA(fake, '/organization/projects', { limit: 100 })).items;
    assert.ok(!visible.some((p) => p.id === id));
    const all = (await walkA(fake, '/organization/projects', { limit: 100, include_archived: true })).items;
    assert.equal(all.find((p) => p.id === id).status, 'archived');

    const base = `/organization/projects/${id}`;
    const writes: [string, string, unknown?][] = [
      ['POST', base, { name: 'x' }],
      ['POST', `${base}/users`, { user_id: fake.state.users.values()[2]!.id, role: 'member' }],
      ['POST', `${base}/users/${userId}`, { role: 'member' }],
      ['DELETE', `${base}/users/${userId}`],
      ['POST', `${base}/service_accounts`, { name: 'x' }],
      ['POST', `${base}/service_accounts/${sa.id}`, { name: 'y' }],
      ['DELETE', `${base}/service_accounts/${sa.id}`],
      ['POST', `${base}/service_accounts/${sa.id}/api_keys`, {}],
      ['POST', `${base}/rate_limits/rl-gpt-4o`, { max_requests_per_1_minute: 1 }],
      ['POST', `${base}/model_permissions`, { mode: 'deny_list', model_ids: ['o3'] }],
      ['POST', `${base}/hosted_tool_permissions`, { mcp: { enabled: false } }],
      ['POST', `${base}/data_retention`, { retention_type: 'none' }],
      ['POST', `${base}/spend_alerts`, { threshold_amount: 1, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['a@b.c'] } }],
      ['POST', `${base}/spend_limit`, { threshold_amount: 1, currency: 'USD', interval: 'month' }],
      ['POST', `/projects/${id}/roles`, { role_name: 'x', permissions: [] }],
      ['POST', `/projects/${id}/users/${userId}/roles`, { role_id: fake.state.projectPredefinedRoles.values()[2]!.id }],
      ['DELETE', `${base}/api_keys/${sa.api_key.id}`],
    ];
    for (const [method, path, body] of writes) {
      const r = await call(fake, method, path, { body });
      assert.equal(r.status, 400, `${method} ${path} → ${r.status}`);
      assert.match(r.json.error.message, /Project is archived/);
    }
    // The spec documents a 400 for listing users / service accounts of an archived project.
    assert.equal((await call(fake, 'GET', `${base}/users`)).status, 400);
    assert.equal((await call(fake, 'GET', `${base}/service_accounts`)).status, 400);
    // Reads of the project itself still work, and archiving again is idempotent.
    assert.equal((await ok(fake, 'GET', base)).status, 'archived');
    assert.equal((await ok(fake, 'POST', `${base}/archive`)).archived_at, archived.archived_at);
  });

  it('an archived generated project also refuses writes', async () => {
    const r = await call(fake, 'POST', `/organization/projects/${archivedProject(fake)}/service_accounts`, { body: { name: 'x' } });
    assert.equal(r.status, 400);
  });

  it('the default project cannot be archived or renamed', async () => {
    const def = fake.state.projects.values()[0]!;
    assert.equal(def.is_default, true);
    assert.equal((await call(fake, 'POST', `/organization/projects/${def.id}/archive`)).status, 400);
    assert.equal((await call(fake, 'POST', `/organization/projects/${def.id}`, { body: { name: 'Other' } })).status, 400);
  });

  it('conflicts: duplicate group name, accepted invite delete, duplicate pending invite, duplicate role assignment', async () => {
    const name = fake.state.groups.values()[0]!.name;
    assert.equal((await call(fake, 'POST', '/organization/groups', { body: { name } })).status, 409);
    const accepted = fake.state.invites.values().find((i) => i.status === 'accepted')!;
    const del = await call(fake, 'DELETE', `/organization/invites/${accepted.id}`);
    assert.equal(del.status, 409);
    assert.ok(fake.state.invites.has(accepted.id));
    await ok(fake, 'POST', '/organization/invites', { body: { email: 'twice@acme.example', role: 'reader' } });
    assert.equal((await call(fake, 'POST', '/organization/invites', { body: { email: 'twice@acme.example', role: 'reader' } })).status, 409);
    const user = fake.state.users.values()[4]!;
    const implied = fake.state.orgRoles.values().find((r) => r.mirrors === user.role)!;
    assert.equal((await call(fake, 'POST', `/organization/users/${user.id}/roles`, { body: { role_id: implied.id } })).status, 409);
  });

  it('a pending invite can be deleted and is then gone', async () => {
    const invite = await ok(fake, 'POST', '/organization/invites', { body: { email: 'gone@acme.example', role: 'owner', projects: [{ id: project, role: 'owner' }] } });
    assert.equal(invite.status, 'pending');
    await ok(fake, 'DELETE', `/organization/invites/${invite.id}`);
    assert.equal((await call(fake, 'GET', `/organization/invites/${invite.id}`)).status, 404);
  });

  it('groups: rename, members, delete cascades', async () => {
    const group = await ok(fake, 'POST', '/organization/groups', { body: { name: 'Temp group' } });
    const user = fake.state.users.values()[7]!.id;
    await ok(fake, 'POST', `/organization/groups/${group.id}/users`, { body: { user_id: user } });
    assert.equal((await call(fake, 'POST', `/organization/groups/${group.id}/users`, { body: { user_id: user } })).status, 409);
    const renamed = await ok(fake, 'POST', `/organization/groups/${group.id}`, { body: { name: 'Renamed temp group' } });
    assert.equal(renamed.name, 'Renamed temp group');
    await ok(fake, 'POST', `${P()}/groups`, { body: { group_id: group.id, role: fake.state.projectPredefinedRoles.values()[1]!.id } });
    await ok(fake, 'DELETE', `/organization/groups/${group.id}`);
    assert.equal((await call(fake, 'GET', `/organization/groups/${group.id}`)).status, 404);
    assert.equal((await call(fake, 'GET', `${P()}/groups/${group.id}`)).status, 404);
  });

  it('a created admin key authenticates until it is deleted', async () => {
    const created = await ok(fake, 'POST', '/organization/admin_api_keys', { body: { name: 'rotating' } });
    assert.match(created.value, /^sk-admin-/);
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: created.value })).status, 200);
    const listed = (await ok(fake, 'GET', '/organization/admin_api_keys', { query: { limit: 100 } })).data;
    assert.ok(!JSON.stringify(listed).includes(created.value));
    await ok(fake, 'DELETE', `/organization/admin_api_keys/${created.id}`);
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: created.value })).status, 401);
  });

  it('removing an org user removes their project memberships', async () => {
    const member = fake.state.project(project)!.members.values().find((m) => fake.state.users.get(m.id)!.role === 'reader')!;
    await ok(fake, 'DELETE', `/organization/users/${member.id}`);
    assert.equal((await call(fake, 'GET', `${P()}/users/${member.id}`)).status, 404);
    assert.equal((await call(fake, 'GET', `/organization/users/${member.id}`)).status, 404);
  });

  it('writes through the API are audit-logged', async () => {
    const created = await ok(fake, 'POST', '/organization/projects', { body: { name: 'Audited' } });
    const logs = await ok(fake, 'GET', '/organization/audit_logs', { query: { 'resource_ids[]': created.id, 'event_types[]': 'project.created' } });
    assert.equal(logs.data.length, 1);
    assert.equal(logs.data[0]['project.created'].id, created.id);
  });
});
