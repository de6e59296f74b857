// What every write command shares: Escape at any prompt (or No at a confirmation) sends nothing,
// an API refusal is shown with the API's message and changes nothing, and refreshing a folder
// reloads just that folder.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, itCancelsAtEveryPrompt, membersOutside, newProject, received, rowIds, uniqueName, v1, writes,
} from './fixtures';
import { asUser, type Step } from './ui';

describe('commands: cancelling any prompt sends nothing', function () {
  this.timeout(120_000);
  connectedToFake();

  /** Full scripts from the palette; each is replayed once per prompt, cancelling at that prompt. */
  const scenarios: Array<[command: string, steps: () => Step[]]> = [];
  let f: {
    p: { id: string; name: string }; u: { id: string }; u2: { id: string }; sa: { id: string; keyId: string };
    viewer: string; group: string; invite: string; adminKey: string; alertLabel: string;
    orgRole: string; projectRole: string; otherGroup: string; cert: { id: string; name: string }; activeCert: string;
  };

  before(async () => {
    const p = await newProject();
    const [u, u2] = await membersOutside(p.id, 2);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const viewer = (await fakeState()).projectPredefinedRoles.find((r) => r.name === 'Viewer')!.id;
    await v1('POST', `/projects/${p.id}/users/${u.id}/roles`, { role_id: viewer });
    const sa = await v1<{ id: string; api_key: { id: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('matrix bot') });
    await v1('POST', `/organization/projects/${p.id}/model_permissions`, { mode: 'allow_list', model_ids: ['gpt-4o'] });
    await v1('POST', `/organization/projects/${p.id}/spend_alerts`, {
      threshold_amount: 32_100, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['x@example.com'] },
    });
    const group = await v1<{ id: string }>('POST', '/organization/groups', { name: uniqueName('Matrix group') });
    await v1('POST', `/organization/groups/${group.id}/users`, { user_id: u.id });
    const invite = await v1<{ id: string }>('POST', '/organization/invites', { email: `${Date.now()}.matrix@example.com`, role: 'reader' });
    const adminKey = await v1<{ id: string }>('POST', '/organization/admin_api_keys', { name: uniqueName('matrix key') });
    const orgRole = await v1<{ id: string; name: string }>('POST', '/organization/roles', { role_name: uniqueName('Matrix role'), permissions: ['api.usage.read'] });
    await v1('POST', `/organization/groups/${group.id}/roles`, { role_id: orgRole.id });
    const projectRole = await v1<{ name: string }>('POST', `/projects/${p.id}/roles`, { role_name: uniqueName('Matrix project role'), permissions: ['api.organization.projects.read'] });
    await v1('POST', `/organization/projects/${p.id}/groups`, { group_id: group.id, role: viewer });
    const otherGroup = await v1<{ id: string }>('POST', '/organization/groups', { name: uniqueName('Matrix other group') });
    // The bundle runs from out/integration; the unit tests' TLS fixture is in the repository.
    const pem = readFileSync(join(__dirname, '..', '..', 'test', 'unit', 'api', 'fixtures', 'localhost-cert.pem'), 'utf8');
    const cert = await v1<{ id: string; name: string }>('POST', '/organization/certificates', { certificate: pem, name: uniqueName('matrix cert') });
    const activeCert = await v1<{ id: string; name: string }>('POST', '/organization/certificates', { certificate: pem, name: uniqueName('matrix active cert') });
    await v1('POST', '/organization/certificates/activate', { certificate_ids: [activeCert.id] });
    // The fake makes a principal's (empty) assignment table on its first read; read it now so the
    // state compared below does not change by a read.
    await v1('GET', `/organization/users/${u.id}/roles`);
    f = {
      p, u, u2, sa: { id: sa.id, keyId: sa.api_key.id }, viewer, group: group.id, invite: invite.id, adminKey: adminKey.id, alertLabel: '$321 per month',
      orgRole: orgRole.name, projectRole: projectRole.name, otherGroup: otherGroup.id, cert, activeCert: activeCert.name,
    };
  });

  const limitSteps = (): Step[] => [{ search: f.p.id }, { search: 'rl-gpt-4o' }, { input: '1' }, { input: '1' }, { input: '1' }];
  scenarios.push(
    ['openaiAdmin.projectUser.add', () => [{ search: f.p.id }, { search: f.u2.id }, { pick: 'Member' }]],
    ['openaiAdmin.projectUser.changeRole', () => [{ search: f.p.id }, { search: f.u.id }, { pick: 'Owner' }]],
    ['openaiAdmin.projectUser.remove', () => [{ search: f.p.id }, { search: f.u.id }, { confirm: true }]],
    ['openaiAdmin.projectUser.assignRole', () => [{ search: f.p.id }, { search: f.u.id }, { pick: 'Owner' }]],
    ['openaiAdmin.projectUser.unassignRole', () => [{ search: f.p.id }, { search: f.u.id }, { search: f.viewer }, { confirm: true }]],
    ['openaiAdmin.serviceAccount.create', () => [{ search: f.p.id }, { input: 'never created' }, { pick: 'Owner' }, { pick: '30 days' }]],
    ['openaiAdmin.serviceAccount.delete', () => [{ search: f.p.id }, { search: f.sa.id }, { confirm: true }]],
    ['openaiAdmin.projectApiKey.delete', () => [{ search: f.p.id }, { search: f.sa.keyId }, { confirm: true }]],
    ['openaiAdmin.rateLimit.edit', limitSteps],
    ['openaiAdmin.modelPermissions.edit', () => [{ search: f.p.id }, { pick: 'Deny list' }, { pick: ['gpt-4o', '$(edit) Other model…'] }, { input: 'o3' }]],
    ['openaiAdmin.modelPermissions.remove', () => [{ search: f.p.id }, { confirm: true }]],
    ['openaiAdmin.hostedTools.edit', () => [{ search: f.p.id }, { pick: ['MCP'] }]],
    ['openaiAdmin.invite.create', () => [{ input: 'cancel.me@example.com' }, { pick: 'Reader' }, { search: [f.p.id] }]],
    ['openaiAdmin.invite.delete', () => [{ search: f.invite }, { confirm: true }]],
    ['openaiAdmin.member.changeRole', () => [{ search: f.u.id }, { pick: 'Owner' }]],
    ['openaiAdmin.member.remove', () => [{ search: f.u.id }, { confirm: true }]],
    ['openaiAdmin.adminKey.delete', () => [{ search: f.adminKey }, { confirm: true }]],
    ['openaiAdmin.group.create', () => [{ input: 'Never created' }]],
    ['openaiAdmin.group.rename', () => [{ search: f.group }, { input: 'Never renamed' }]],
    ['openaiAdmin.group.delete', () => [{ search: f.group }, { confirm: true }]],
    ['openaiAdmin.group.addUser', () => [{ search: f.group }, { search: f.u2.id }]],
    ['openaiAdmin.group.removeUser', () => [{ search: f.group }, { search: f.u.id }, { confirm: true }]],
    ['openaiAdmin.spendLimit.set', () => [{ pick: '$(organization) Organization' }, { input: '123' }]],
    ['openaiAdmin.spendLimit.remove', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { confirm: true }]],
    ['openaiAdmin.spendAlert.create', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { input: '50' }, { input: 'a@example.com' }]],
    ['openaiAdmin.spendAlert.delete', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { pick: f.alertLabel }, { confirm: true }]],
    ['openaiAdmin.spendAlert.edit', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { pick: f.alertLabel }, { input: '77' }, { input: 'b@example.com' }]],
    ['openaiAdmin.serviceAccount.changeRole', () => [{ search: f.p.id }, { search: f.sa.id }, { pick: 'Owner' }]],
    ['openaiAdmin.serviceAccount.rename', () => [{ search: f.p.id }, { search: f.sa.id }, { input: 'Never renamed' }]],
    ['openaiAdmin.member.assignRole', () => [{ search: f.u.id }, { pick: f.orgRole }]],
    ['openaiAdmin.member.unassignRole', () => [{ search: f.u.id }, { pick: 'Reader' }, { confirm: true }]],
    ['openaiAdmin.group.assignRole', () => [{ search: f.group }, { pick: 'Reader' }]],
    ['openaiAdmin.group.unassignRole', () => [{ search: f.group }, { pick: f.orgRole }, { confirm: true }]],
    ['openaiAdmin.projectGroup.add', () => [{ search: f.p.id }, { search: f.otherGroup }, { pick: 'Viewer' }]],
    ['openaiAdmin.projectGroup.assignRole', () => [{ search: f.p.id }, { search: f.group }, { pick: 'Member' }]],
    ['openaiAdmin.projectGroup.unassignRole', () => [{ search: f.p.id }, { search: f.group }, { pick: 'Viewer' }, { confirm: true }]],
    ['openaiAdmin.projectGroup.remove', () => [{ search: f.p.id }, { search: f.group }, { confirm: true }]],
    ['openaiAdmin.role.create', () => [{ pick: '$(organization) Organization' }, { input: 'Never created' }, { input: 'none' }, { pick: ['api.usage.read'] }]],
    ['openaiAdmin.role.editPermissions', () => [{ pick: '$(organization) Organization' }, { pick: f.orgRole }, { pick: ['api.usage.read', 'api.groups.read'] }]],
    ['openaiAdmin.role.delete', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { pick: f.projectRole }, { confirm: true }]],
    ['openaiAdmin.certificate.rename', () => [{ search: f.cert.id }, { input: 'Never renamed' }]],
    ['openaiAdmin.certificate.activate', () => [{ pick: '$(organization) Organization' }, { pick: [f.cert.name] }]],
    ['openaiAdmin.certificate.deactivate', () => [{ pick: '$(organization) Organization' }, { pick: [f.activeCert] }, { confirm: true }]],
    ['openaiAdmin.certificate.delete', () => [{ search: f.cert.id }, { confirm: true }]],
    ['openaiAdmin.dataRetention.edit', () => [{ pick: '$(project) Project…' }, { search: f.p.id }, { pick: 'None' }]],
    ['openaiAdmin.adminKey.create', () => [{ input: 'Never created' }, { pick: '30 days' }]],
  );

  itCancelsAtEveryPrompt(scenarios);
});

describe('commands: API errors', function () {
  this.timeout(60_000);
  connectedToFake();

  it('shows the API’s message for a refused write and changes nothing, not even the tree', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    const folder = await freshNode(`projects/${p.id}/users`);
    assert.deepEqual(await rowIds(folder.id), []);
    await fake.setFaults([{ method: 'POST', path: `^/organization/projects/${p.id}/users$`, kind: 'status', status: 400 }]);
    await fake.clearRequests();

    const { result, user } = await asUser([{ search: u.id }, { pick: 'Member' }], () => vscode.commands.executeCommand('openaiAdmin.projectUser.add', folder));
    user.assertDone();
    assert.equal(result, undefined);
    assert.deepEqual(user.errors, [`Adding “${u.name}” to project “${p.name}” failed: 400 Injected error 400.`]);
    assert.deepEqual(user.notes, []);
    assert.deepEqual((await writes()).map((r) => r.status), [400]);
    assert.deepEqual((await fakeState()).projectData[p.id].members, []);
    assert.ok((await api()).logLines().some((l) => l.includes('failed: 400 Injected error 400.')), 'the failure is not in the log');
    await fake.clearRequests();
    assert.deepEqual(await rowIds(folder.id), []);
    assert.deepEqual(await received(), [], 'the folder was reloaded after a failed write');
  });

  it('shows a conflict the API reports (already a member) with its own words', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const folder = await freshNode(`projects/${p.id}/users`);
    const { user } = await asUser([{ search: u.id }, { pick: 'Owner' }], () => vscode.commands.executeCommand('openaiAdmin.projectUser.add', folder));
    user.assertDone();
    assert.equal(user.errors.length, 1);
    assert.match(user.errors[0], new RegExp(`failed: 409 User '${u.id}' is already a member of project '${p.id}'\\.`));
    assert.equal((await fakeState()).projectData[p.id].members[0].role, 'member');
  });

  it('a failed read before a prompt says what could not be loaded and sends nothing', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const row = await freshNode(`projects/${p.id}/users/${u.id}`);
    await fake.setFaults([{ method: 'GET', path: `^/projects/${p.id}/roles$`, kind: 'status', status: 404 }]);
    await fake.clearRequests();
    const { user } = await asUser([], () => vscode.commands.executeCommand('openaiAdmin.projectUser.assignRole', row));
    user.assertDone();
    assert.deepEqual(user.errors, ['Couldn\'t load project roles: 404 Injected error 404.']);
    assert.deepEqual(await writes(), []);
  });
});

describe('commands: refreshNode', function () {
  this.timeout(60_000);
  connectedToFake();

  it('reloads just the folder it is invoked on', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    const folder = await freshNode(`projects/${p.id}/users`);
    assert.deepEqual(await rowIds(folder.id), []);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    assert.deepEqual(await rowIds(folder.id), [], 'the folder reloaded by itself');
    await fake.clearRequests();

    await vscode.commands.executeCommand('openaiAdmin.refreshNode', folder);
    assert.deepEqual(await rowIds(folder.id), [`${folder.id}/${u.id}`]);
    assert.deepEqual((await received()).map((r) => `${r.method} ${r.path}`), [`GET /organization/projects/${p.id}/users`]);
  });
});
