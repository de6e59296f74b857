// Organization-level write commands (invites, members, admin keys, groups, spend), run in the
// extension host against the fake: effect on the fake's state, what was sent, what was reloaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, newProject, plainName, rowIds, uniqueName, v1,
  noWrites, onlyWrite, runAsUser as run,
} from './fixtures';

const uniqueEmail = () => `${uniqueName('invitee').replace(/[^a-z0-9-]/gi, '.')}@example.com`.toLowerCase();

/** A reader with a plain name on the first page of Members (the tree loads 100 per page). */
async function readerOnFirstPage(skip = 0) {
  const s = await fakeState();
  const u = s.users.slice(0, 100).filter((x) => x.role === 'reader' && plainName(x))[skip];
  assert.ok(u, 'no reader on the first page of members');
  return u;
}

describe('commands: invites', function () {
  this.timeout(60_000);
  connectedToFake();

  it('invites by email with a role and projects found by search, each joined as member', async () => {
    const [p1, p2] = [await newProject(), await newProject()];
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const email = uniqueEmail();
    const { result } = await run('openaiAdmin.invite.create', [{ input: email }, { pick: 'Owner' }, { search: [p1.id, p2.id] }]);
    const sent = await onlyWrite('POST', '/organization/invites');
    assert.deepEqual(sent.body, { email, role: 'owner', projects: [{ id: p1.id, role: 'member' }, { id: p2.id, role: 'member' }] });
    const invite = (await fakeState()).invites.find((i) => i.email === email);
    assert.ok(invite);
    assert.deepEqual([invite.role, invite.status, invite.projects], ['owner', 'pending', [{ id: p1.id, role: 'member' }, { id: p2.id, role: 'member' }]]);
    assert.equal((result as { id: string }).id, invite.id);
    assert.ok((await rowIds('invites')).includes(`invites/${invite.id}`), 'the Invites folder was not refreshed');
  });

  it('projects are optional: accepting with none ticked invites to the organization only', async () => {
    const email = uniqueEmail();
    await run('openaiAdmin.invite.create', [{ input: email }, { pick: 'Reader' }, { search: [] }], await freshNode('invites'));
    const sent = await onlyWrite('POST', '/organization/invites');
    assert.deepEqual(sent.body, { email, role: 'reader' });
  });

  it('refuses a malformed email before anything is sent', async () => {
    const { user } = await run('openaiAdmin.invite.create', [{ input: 'not an email', reject: /not an email address/ }]);
    assert.equal(user.rejected.length, 1);
    await noWrites();
  });

  it('shows the API’s refusal (an existing member) and creates nothing', async () => {
    const existing = (await fakeState()).users[3];
    const before = (await fakeState()).invites.length;
    const { user } = await run('openaiAdmin.invite.create', [{ input: existing.email }, { pick: 'Reader' }, { search: [] }]);
    assert.equal(user.errors.length, 1);
    assert.match(user.errors[0], /^Inviting .* failed: 409 .*already a member of the organization/);
    assert.equal((await fakeState()).invites.length, before);
  });

  it('deletes a pending invite after a confirmation naming its email', async () => {
    const email = uniqueEmail();
    const invite = await v1<{ id: string }>('POST', '/organization/invites', { email, role: 'reader' });
    const row = await freshNode(`invites/${invite.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.invite.delete', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.invite.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Delete the invite for “${email}”?`);
    await onlyWrite('DELETE', `/organization/invites/${invite.id}`);
    assert.ok(!(await fakeState()).invites.some((i) => i.id === invite.id));
    assert.ok(!(await rowIds('invites')).includes(row.id));
  });
});

describe('commands: members and admin keys', function () {
  this.timeout(60_000);
  connectedToFake();

  it('changes an organization role, marking the current one', async () => {
    const u = await readerOnFirstPage();
    const row = await freshNode(`members/${u.id}`);
    await fake.clearRequests();
    try {
      const { user } = await run('openaiAdmin.member.changeRole', [{ pick: 'Owner' }], row);
      assert.deepEqual(user.of('pick')[0].items, ['Reader', 'Owner']);
      assert.match(user.of('pick')[0].text, new RegExp(`Organization role of ${u.name}`));
      const sent = await onlyWrite('POST', `/organization/users/${u.id}`);
      assert.deepEqual(sent.body, { role: 'owner' });
      assert.equal((await fakeState()).users.find((x) => x.id === u.id)!.role, 'owner');
      assert.match((await (await api()).treeChildren('members')).find((r) => r.id === row.id)!.description ?? '', /^owner/);
    } finally {
      await v1('POST', `/organization/users/${u.id}`, { role: 'reader' });
    }
  });

  it('removes a member after confirming, and reloads the project user lists they were in', async () => {
    const u = await readerOnFirstPage(1);
    const p = await newProject();
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const row = await freshNode(`members/${u.id}`);
    assert.deepEqual(await rowIds(`projects/${p.id}/users`), [`projects/${p.id}/users/${u.id}`]);
    await fake.clearRequests();

    await run('openaiAdmin.member.remove', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.member.remove', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Remove “${u.name}” from the organization?`);
    await onlyWrite('DELETE', `/organization/users/${u.id}`);
    assert.ok(!(await fakeState()).users.some((x) => x.id === u.id));
    assert.ok(!(await rowIds('members')).includes(row.id));
    assert.deepEqual(await rowIds(`projects/${p.id}/users`), [], 'the project’s Users folder still lists the removed member');
  });

  it('deletes an admin key, warning that the extension’s own key would disconnect it', async () => {
    const name = uniqueName('old automation key');
    const key = await v1<{ id: string; redacted_value: string }>('POST', '/organization/admin_api_keys', { name });
    const row = await freshNode(`adminKeys/${key.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.adminKey.delete', [{ confirm: false }], row);
    await noWrites();

    const { user } = await run('openaiAdmin.adminKey.delete', [{ confirm: true }], row);
    const confirm = user.of('confirm')[0];
    assert.ok(confirm.text.startsWith(`Delete admin API key “${name}” (${key.redacted_value})`), confirm.text);
    assert.match(confirm.detail ?? '', /If it is the key this extension uses, the explorer disconnects/);
    await onlyWrite('DELETE', `/organization/admin_api_keys/${key.id}`);
    assert.ok(!(await fakeState()).adminKeys.some((k) => k.id === key.id));
    assert.equal((await api()).keyState(), 'ok');
  });
});

describe('commands: groups', function () {
  this.timeout(60_000);
  connectedToFake();

  it('creates, renames, adds and removes a member, and deletes a group', async () => {
    const name = uniqueName('Data team');
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const created = await run('openaiAdmin.group.create', [{ input: name }]);
    const gid = (created.result as { id: string }).id;
    assert.deepEqual((await onlyWrite('POST', '/organization/groups')).body, { name });
    assert.ok((await fakeState()).groups.some((g) => g.id === gid && g.name === name));
    assert.ok((await rowIds('groups')).includes(`groups/${gid}`), 'the Groups folder was not refreshed');

    let row = await freshNode(`groups/${gid}`);
    await fake.clearRequests();
    await run('openaiAdmin.group.rename', [{ input: (v) => v! }], row);
    await noWrites();
    const renamed = `${name} (renamed)`;
    await run('openaiAdmin.group.rename', [{ input: renamed }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/groups/${gid}`)).body, { name: renamed });
    assert.equal((await fakeState()).groups.find((g) => g.id === gid)!.name, renamed);

    const u = await readerOnFirstPage(2);
    row = await freshNode(`groups/${gid}`);
    assert.deepEqual(await rowIds(row.id), []);
    await fake.clearRequests();
    await run('openaiAdmin.group.addUser', [{ search: u.id }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/groups/${gid}/users`)).body, { user_id: u.id });
    assert.deepEqual((await fakeState()).groupMembers[gid].map((m) => m.id), [u.id]);
    assert.deepEqual(await rowIds(row.id), [`groups/${gid}/${u.id}`], 'the group row was not refreshed');

    const member = await freshNode(`groups/${gid}/${u.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.group.removeUser', [{ confirm: false }], member);
    await noWrites();
    const removed = await run('openaiAdmin.group.removeUser', [{ confirm: true }], member);
    assert.equal(removed.user.of('confirm')[0].text, `Remove “${u.name}” from group “${renamed}”?`);
    await onlyWrite('DELETE', `/organization/groups/${gid}/users/${u.id}`);
    assert.deepEqual((await fakeState()).groupMembers[gid], []);

    row = await freshNode(`groups/${gid}`);
    await fake.clearRequests();
    await run('openaiAdmin.group.delete', [{ confirm: false }], row);
    await noWrites();
    const deleted = await run('openaiAdmin.group.delete', [{ confirm: true }], row);
    assert.equal(deleted.user.of('confirm')[0].text, `Delete group “${renamed}”?`);
    await onlyWrite('DELETE', `/organization/groups/${gid}`);
    assert.ok(!(await fakeState()).groups.some((g) => g.id === gid));
  });

  it('from the palette finds the group and the member by search', async () => {
    const g = await v1<{ id: string; name: string }>('POST', '/organization/groups', { name: uniqueName('Palette group') });
    const u = await readerOnFirstPage(3);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.group.addUser', [{ search: g.id }, { search: u.id }]);
    assert.deepEqual((await fakeState()).groupMembers[g.id].map((m) => m.id), [u.id]);
  });
});

describe('commands: spend limits and alerts', function () {
  this.timeout(60_000);
  connectedToFake();

  it('sets the organization limit from the palette in whole dollars, sent as cents', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const { user } = await run('openaiAdmin.spendLimit.set', [{ pick: '$(organization) Organization' }, { input: '$1,500' }]);
    assert.deepEqual(user.of('pick')[0].items, ['$(organization) Organization', '$(project) Project…']);
    const sent = await onlyWrite('POST', '/organization/spend_limit');
    assert.deepEqual(sent.body, { threshold_amount: 150_000, currency: 'USD', interval: 'month' });
    assert.equal((await fakeState()).org.spendLimit?.threshold_amount, 150_000);
  });

  it('sets, pre-fills and removes a project’s limit from its Spend folder', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/spend`);
    await fake.clearRequests();
    await run('openaiAdmin.spendLimit.set', [{ input: '12.50', reject: /whole US dollars/ }], folder);
    await noWrites();
    await run('openaiAdmin.spendLimit.set', [{ input: '250' }], folder);
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/spend_limit`)).body, { threshold_amount: 25_000, currency: 'USD', interval: 'month' });
    assert.equal((await fakeState()).projectData[p.id].spendLimit?.threshold_amount, 25_000);
    assert.match((await (await api()).treeChildren(folder.id))[0].label, /Hard limit \$250\.00 per month/);

    const limitRow = await freshNode(`projects/${p.id}/spend/limit`);
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.spendLimit.set', [{ input: (v) => v! }], limitRow);
    assert.equal(user.of('input')[0].prefilled, '250');
    await noWrites();

    await run('openaiAdmin.spendLimit.remove', [{ confirm: false }], limitRow);
    await noWrites();
    const removed = await run('openaiAdmin.spendLimit.remove', [{ confirm: true }], limitRow);
    assert.equal(removed.user.of('confirm')[0].text, `Remove the hard spend limit of $250 per month of project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/spend_limit`);
    assert.equal((await fakeState()).projectData[p.id].spendLimit, null);
  });

  it('adds a project alert with validated recipients and deletes it from its row', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/spend`);
    await fake.clearRequests();
    await run('openaiAdmin.spendAlert.create', [{ input: '100' }, { input: 'finance@example.com, nope', reject: /"nope" is not an email/ }], folder);
    await noWrites();

    await run('openaiAdmin.spendAlert.create', [{ input: '100' }, { input: 'finance@example.com; ops@example.com' }], folder);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/spend_alerts`);
    assert.deepEqual(sent.body, {
      threshold_amount: 10_000, currency: 'USD', interval: 'month',
      notification_channel: { type: 'email', recipients: ['finance@example.com', 'ops@example.com'] },
    });
    const [alert] = (await fakeState()).projectData[p.id].spendAlerts;
    assert.deepEqual(alert.notification_channel.recipients, ['finance@example.com', 'ops@example.com']);
    assert.ok((await rowIds(folder.id)).includes(`${folder.id}/${alert.id}`), 'the Spend folder was not refreshed');

    const row = await freshNode(`${folder.id}/${alert.id}`);
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.spendAlert.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Delete the spend alert at $100 per month of project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/spend_alerts/${alert.id}`);
    assert.deepEqual((await fakeState()).projectData[p.id].spendAlerts, []);
  });

  it('deletes an organization alert picked from the palette', async () => {
    const alert = await v1<{ id: string }>('POST', '/organization/spend_alerts', {
      threshold_amount: 777_700, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['cfo@example.com'] },
    });
    await fake.clearRequests();
    await run('openaiAdmin.spendAlert.delete', [{ pick: '$(organization) Organization' }, { pick: '$7,777 per month' }, { confirm: true }]);
    await onlyWrite('DELETE', `/organization/spend_alerts/${alert.id}`);
    assert.ok(!(await fakeState()).orgSpendAlerts.some((a) => a.id === alert.id));
  });

  it('a project picked from the palette gets the alert, not the organization', async () => {
    const p = await newProject();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const before = (await fakeState()).orgSpendAlerts.length;
    await run('openaiAdmin.spendAlert.create', [{ pick: '$(project) Project…' }, { search: p.id }, { input: '40' }, { input: 'a@example.com' }]);
    await onlyWrite('POST', `/organization/projects/${p.id}/spend_alerts`);
    assert.equal((await fakeState()).projectData[p.id].spendAlerts.length, 1);
    assert.equal((await fakeState()).orgSpendAlerts.length, before);
  });
});

describe('commands: members outside a project are offered by search across pages', function () {
  this.timeout(60_000);
  connectedToFake();

  it('finds a member beyond the first loaded page', async () => {
    const p = await newProject();
    const s = await fakeState();
    const far = s.users.slice(150).find((u) => !s.projectData[p.id].members.some((m) => m.id === u.id));
    assert.ok(far, 'the org has fewer than 150 members');
    const folder = await freshNode(`projects/${p.id}/users`);
    await fake.clearRequests();
    await run('openaiAdmin.projectUser.add', [{ search: far.id }, { pick: 'Member' }], folder);
    assert.deepEqual((await fakeState()).projectData[p.id].members.map((m) => m.id), [far.id]);
  });
});

describe("commands: find member's projects", function () {
  this.timeout(90_000);
  connectedToFake();

  /** The active projects that list the user, in the projects list's order, read from the fake itself. */
  async function expectedProjects(userId: string) {
    const s = await fakeState();
    return s.projects
      .filter((p) => p.status === 'active' && s.projectData[p.id]?.members.some((m) => m.id === userId))
      .map((p) => ({ id: p.id, role: s.projectData[p.id]!.members.find((m) => m.id === userId)!.role }));
  }

  it('from the palette: reads every project\'s members, lists the member\'s projects with roles, opens the chosen one', async () => {
    const user = await readerOnFirstPage(1);
    const [p1, p2] = [await newProject(), await newProject()];
    await v1('POST', `/organization/projects/${p1.id}/users`, { user_id: user.id, role: 'member' });
    await v1('POST', `/organization/projects/${p2.id}/users`, { user_id: user.id, role: 'owner' });
    const expected = await expectedProjects(user.id);
    assert.ok(expected.length >= 2);
    await fake.clearRequests();

    const { result, user: ui } = await run('openaiAdmin.findMemberProjects', [{ search: user.id }, { pick: p2.name }]);
    const found = result as { projects: { id: string; role: string }[]; unreadable: number };
    assert.deepEqual(found.projects.map((p) => ({ id: p.id, role: p.role })), expected);
    assert.equal(found.unreadable, 0);
    const pick = ui.of('pick')[0]!;
    assert.equal(pick.items?.length, expected.length);
    assert.ok(pick.text.includes(`${expected.length} project(s)`), pick.text);
    const t = await api();
    assert.ok(t.projectPanel.isOpen(p2.id), 'the chosen project opened in the Project panel');
    t.projectPanel.close(p2.id);
    await noWrites();
  });

  it('from a member row: no member prompt; a project whose members cannot be read is reported, the others still listed', async () => {
    const user = await readerOnFirstPage(2);
    const [ok1, broken] = [await newProject(), await newProject()];
    await v1('POST', `/organization/projects/${ok1.id}/users`, { user_id: user.id, role: 'member' });
    await v1('POST', `/organization/projects/${broken.id}/users`, { user_id: user.id, role: 'member' });
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const node = await (await api()).treeNode(`members/${user.id}`);
    assert.ok(node, 'the member row');
    await fake.setFaults({ method: 'GET', path: `^/organization/projects/${broken.id}/users$`, kind: 'status', status: 500 });
    try {
      const { result, user: ui } = await run('openaiAdmin.findMemberProjects', [{ pick: undefined }], node);
      const found = result as { projects: { id: string }[]; unreadable: number };
      assert.equal(found.unreadable, 1);
      const ids = found.projects.map((p) => p.id);
      assert.ok(ids.includes(ok1.id) && !ids.includes(broken.id), JSON.stringify(ids));
      assert.equal(ui.of('search').length, 0, 'no member prompt when run on a member row');
      assert.ok(ui.notes.some((n) => /members of 1 project\(s\) could not be read/.test(n)), JSON.stringify(ui.notes));
    } finally {
      await fake.clearFaults();
    }
  });
});
