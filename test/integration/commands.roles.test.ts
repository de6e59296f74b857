// Custom roles, role assignments (members, groups, groups in a project) and groups in a project, run
// in the extension host against the fake: effect on the fake's state, what was sent, what reloaded,
// and that cancelling sends nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, newProject, noWrites, onlyWrite, plainName, rowIds, runAsUser as run, uniqueName, v1,
  type FakeStateJson,
} from './fixtures';

type Role = { id: string; name: string; permissions: string[]; predefined_role: boolean };
type State = FakeStateJson & {
  orgRoles: Role[];
  projectData: Record<string, { roles: Role[]; groups: Array<{ id: string }> }>;
};
const state = async () => await fakeState() as State;

async function readerOnFirstPage(skip: number) {
  const u = (await fakeState()).users.slice(0, 100).filter((x) => x.role === 'reader' && plainName(x))[skip];
  assert.ok(u, 'no reader on the first page of members');
  return u;
}

describe('commands: custom roles', function () {
  this.timeout(60_000);
  connectedToFake();

  it('creates an organization role from the Roles folder, offering the permissions roles already use plus typed ones', async () => {
    const folder = await freshNode('roles');
    await fake.clearRequests();
    const name = uniqueName('Auditors');
    const { result, user } = await run('openaiAdmin.role.create', [
      { input: name }, { input: 'Reads usage' }, { pick: ['api.usage.read', '$(edit) Other permission…'] }, { input: 'api.audit_logs.read' },
    ], folder);
    const offered = user.of('pick')[0].items!;
    assert.ok(offered.includes('api.groups.write') && offered.includes('api.organization.read'), `permissions offered: ${offered.join(', ')}`);
    const sent = await onlyWrite('POST', '/organization/roles');
    assert.deepEqual(sent.body, { role_name: name, permissions: ['api.usage.read', 'api.audit_logs.read'], description: 'Reads usage' });
    const role = (await state()).orgRoles.find((r) => r.name === name);
    assert.ok(role);
    assert.equal((result as { id: string }).id, role.id);
    assert.ok((await rowIds('roles')).includes(`roles/${role.id}`), 'the Roles folder was not refreshed');
  });

  it('refuses a malformed typed permission, and sends nothing when no permission is ticked', async () => {
    const { user } = await run('openaiAdmin.role.create', [
      { input: uniqueName('Bad') }, { input: '' }, { pick: ['$(edit) Other permission…'] }, { input: 'read everything', reject: /not a permission id/ },
    ], await freshNode('roles'));
    assert.equal(user.rejected.length, 1);
    const none = await run('openaiAdmin.role.create', [{ input: uniqueName('Empty') }, { input: '' }, { pick: [] }], await freshNode('roles'));
    assert.match(none.user.notes.join('\n'), /No permissions were ticked/);
    await noWrites();
  });

  it('shows the API’s refusal of a duplicate role name and creates nothing', async () => {
    const existing = await v1<Role>('POST', '/organization/roles', { role_name: uniqueName('Taken'), permissions: ['api.usage.read'] });
    const before = (await state()).orgRoles.length;
    const { user } = await run('openaiAdmin.role.create', [{ input: existing.name }, { input: '' }, { pick: ['api.usage.read'] }], await freshNode('roles'));
    assert.equal(user.errors.length, 1);
    assert.match(user.errors[0], new RegExp(`^Creating role “${existing.name}” in the organization failed: 409 .*already exists`));
    assert.equal((await state()).orgRoles.length, before);
  });

  it('edits a custom role’s permissions with the current ones ticked; unchanged sends nothing', async () => {
    const role = await v1<Role>('POST', '/organization/roles', { role_name: uniqueName('Editors'), permissions: ['api.groups.read'] });
    const row = await freshNode(`roles/${role.id}`);
    await fake.clearRequests();
    const same = await run('openaiAdmin.role.editPermissions', [{ pick: ['api.groups.read'] }], row);
    assert.deepEqual(same.user.of('pick')[0].ticked, ['api.groups.read']);
    await noWrites();

    await run('openaiAdmin.role.editPermissions', [{ pick: ['api.groups.read', 'api.groups.write'] }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/roles/${role.id}`)).body, { permissions: ['api.groups.read', 'api.groups.write'] });
    assert.deepEqual((await state()).orgRoles.find((r) => r.id === role.id)!.permissions, ['api.groups.read', 'api.groups.write']);
  });

  it('deletes a custom role after a confirmation naming it; a predefined role is refused without a request', async () => {
    const role = await v1<Role>('POST', '/organization/roles', { role_name: uniqueName('Temporary'), permissions: ['api.usage.read'] });
    const row = await freshNode(`roles/${role.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.role.delete', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.role.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Delete role “${role.name}” of the organization?`);
    await onlyWrite('DELETE', `/organization/roles/${role.id}`);
    assert.ok(!(await state()).orgRoles.some((r) => r.id === role.id));
    assert.ok(!(await rowIds('roles')).includes(row.id));

    const predefined = (await state()).orgRoles.find((r) => r.predefined_role)!;
    await fake.clearRequests();
    const refused = await run('openaiAdmin.role.delete', [], await freshNode(`roles/${predefined.id}`));
    assert.match(refused.user.notes.join('\n'), /predefined role/);
    await noWrites();
  });

  it('creates a project role in the project’s Roles folder and deletes it from the palette', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/roles`);
    await fake.clearRequests();
    const name = uniqueName('Key managers');
    await run('openaiAdmin.role.create', [{ input: name }, { input: '' }, { pick: ['api.organization.projects.api_keys.write'] }], folder);
    assert.deepEqual((await onlyWrite('POST', `/projects/${p.id}/roles`)).body, { role_name: name, permissions: ['api.organization.projects.api_keys.write'] });
    const role = (await state()).projectData[p.id].roles.find((r) => r.name === name);
    assert.ok(role);
    assert.ok((await rowIds(folder.id)).includes(`${folder.id}/${role.id}`), 'the project’s Roles folder was not refreshed');

    await fake.clearRequests();
    const { user } = await run('openaiAdmin.role.delete', [{ pick: '$(project) Project…' }, { search: p.id }, { pick: name }, { confirm: true }]);
    assert.match(user.of('confirm')[0].text, new RegExp(`^Delete role “${name}” of project “`));
    await onlyWrite('DELETE', `/projects/${p.id}/roles/${role.id}`);
    assert.deepEqual((await state()).projectData[p.id].roles, []);
  });
});

describe('commands: role assignments and groups in projects', function () {
  this.timeout(60_000);
  connectedToFake();

  it('assigns and unassigns an organization role of a member', async () => {
    const u = await readerOnFirstPage(4);
    const role = await v1<Role>('POST', '/organization/roles', { role_name: uniqueName('Member role'), permissions: ['api.usage.read'] });
    const row = await freshNode(`members/${u.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.member.assignRole', [{ pick: role.name }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/users/${u.id}/roles`)).body, { role_id: role.id });
    assert.ok((await fakeState()).assignments[`org|user|${u.id}`].some((a) => a.id === role.id));

    await fake.clearRequests();
    await run('openaiAdmin.member.unassignRole', [{ pick: role.name }, { confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.member.unassignRole', [{ pick: role.name }, { confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Unassign role “${role.name}” from member “${u.name}” in the organization?`);
    await onlyWrite('DELETE', `/organization/users/${u.id}/roles/${role.id}`);
    assert.ok(!(await fakeState()).assignments[`org|user|${u.id}`].some((a) => a.id === role.id));
  });

  it('assigns and unassigns a role of a group, found from the palette', async () => {
    const g = await v1<{ id: string; name: string }>('POST', '/organization/groups', { name: uniqueName('Role group') });
    const role = await v1<Role>('POST', '/organization/roles', { role_name: uniqueName('Group role'), permissions: ['api.groups.read'] });
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.group.assignRole', [{ search: g.id }, { pick: role.name }]);
    assert.equal(user.of('pick')[0].text, `Assign Role to Group: group “${g.name}” — Role of the organization to assign`);
    assert.deepEqual((await onlyWrite('POST', `/organization/groups/${g.id}/roles`)).body, { role_id: role.id });
    assert.deepEqual((await fakeState()).assignments[`org|group|${g.id}`].map((a) => a.id), [role.id]);

    await fake.clearRequests();
    await run('openaiAdmin.group.unassignRole', [{ pick: role.name }, { confirm: true }], await freshNode(`groups/${g.id}`));
    await onlyWrite('DELETE', `/organization/groups/${g.id}/roles/${role.id}`);
    assert.deepEqual((await fakeState()).assignments[`org|group|${g.id}`], []);
  });

  it('adds a group to a project with a role, assigns and unassigns another, then removes the group', async () => {
    const p = await newProject();
    const g = await v1<{ id: string; name: string }>('POST', '/organization/groups', { name: uniqueName('Project group') });
    const roles = (await fakeState()).projectPredefinedRoles;
    const viewer = roles.find((r) => r.name === 'Viewer')!;
    const member = roles.find((r) => r.name === 'Member')!;
    const folder = await freshNode(`projects/${p.id}/groups`);
    await fake.clearRequests();

    await run('openaiAdmin.projectGroup.add', [{ search: g.id }, { pick: 'Viewer' }], folder);
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/groups`)).body, { group_id: g.id, role: viewer.id });
    assert.deepEqual((await state()).projectData[p.id].groups.map((x) => x.id), [g.id]);
    assert.deepEqual(await rowIds(folder.id), [`${folder.id}/${g.id}`], 'the project’s Groups folder was not refreshed');

    const row = await freshNode(`${folder.id}/${g.id}`);
    await fake.clearRequests();
    const assigned = await run('openaiAdmin.projectGroup.assignRole', [{ pick: 'Member' }], row);
    assert.ok(!assigned.user.of('pick')[0].items!.includes('Viewer'), 'a role the group holds was offered');
    assert.deepEqual((await onlyWrite('POST', `/projects/${p.id}/groups/${g.id}/roles`)).body, { role_id: member.id });
    assert.deepEqual((await fakeState()).assignments[`${p.id}|group|${g.id}`].map((a) => a.id), [viewer.id, member.id]);

    await fake.clearRequests();
    await run('openaiAdmin.projectGroup.unassignRole', [{ pick: 'Member' }, { confirm: true }], row);
    await onlyWrite('DELETE', `/projects/${p.id}/groups/${g.id}/roles/${member.id}`);

    await fake.clearRequests();
    await run('openaiAdmin.projectGroup.remove', [{ confirm: false }], row);
    await noWrites();
    const removed = await run('openaiAdmin.projectGroup.remove', [{ confirm: true }], row);
    assert.equal(removed.user.of('confirm')[0].text, `Remove group “${g.name}” from project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/groups/${g.id}`);
    assert.deepEqual((await state()).projectData[p.id].groups, []);
    assert.deepEqual(await rowIds(folder.id), []);
  });
});
