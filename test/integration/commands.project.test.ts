// Project-level write commands, run in the extension host against the fake: each one's effect on
// the fake's state, exactly what was sent, and the tree folders it reloads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RATE_LIMIT_FIELDS } from '../../src/model/format';
import { api, fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, membersOutside, newProject, received, rowIds, uniqueName, v1, writes,
  noWrites, onlyWrite, runAsUser as run,
} from './fixtures';
import type { Step } from './ui';

describe('commands: project users', function () {
  this.timeout(60_000);
  connectedToFake();

  it('adds a member from the Users folder with the chosen role, and reloads just that folder', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    const folder = await freshNode(`projects/${p.id}/users`);
    assert.deepEqual(await rowIds(folder.id), [], 'a new project has no users');
    await fake.clearRequests();

    const { result, user } = await run('openaiAdmin.projectUser.add', [{ search: u.id }, { pick: 'Owner' }], folder);
    assert.equal((result as { id: string; role: string }).role, 'owner');
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/users`);
    assert.deepEqual(sent.body, { user_id: u.id, role: 'owner' });
    assert.deepEqual((await fakeState()).projectData[p.id].members.map((m) => [m.id, m.role]), [[u.id, 'owner']]);
    assert.match(user.of('search')[0].text, new RegExp(p.name));
    assert.deepEqual(await rowIds(folder.id), [`projects/${p.id}/users/${u.id}`], 'the Users folder was not refreshed');
  });

  it('from the palette asks for the project and the member by search', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.projectUser.add', [{ search: p.id }, { search: u.id }, { pick: 'Member' }]);
    assert.deepEqual((await fakeState()).projectData[p.id].members.map((m) => [m.id, m.role]), [[u.id, 'member']]);
  });

  it('changes a project role, marking the current one, and sends nothing when it stays the same', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const row = await freshNode(`projects/${p.id}/users/${u.id}`);
    await fake.clearRequests();

    const same = await run('openaiAdmin.projectUser.changeRole', [{ pick: 'Member' }], row);
    assert.equal(same.result, undefined);
    await noWrites();

    const { user } = await run('openaiAdmin.projectUser.changeRole', [{ pick: 'Owner' }], row);
    const picks = user.of('pick')[0];
    assert.deepEqual(picks.items, ['Member', 'Owner']);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/users/${u.id}`);
    assert.deepEqual(sent.body, { role: 'owner' });
    assert.equal((await fakeState()).projectData[p.id].members[0].role, 'owner');
  });

  it('removes a user after a confirmation naming user and project; cancelling keeps them', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const row = await freshNode(`projects/${p.id}/users/${u.id}`);
    await fake.clearRequests();

    const cancelled = await run('openaiAdmin.projectUser.remove', [{ confirm: false }], row);
    assert.equal(cancelled.result, undefined);
    await noWrites();
    assert.equal((await fakeState()).projectData[p.id].members.length, 1);

    const { user } = await run('openaiAdmin.projectUser.remove', [{ confirm: true }], row);
    const confirm = user.of('confirm')[0];
    assert.equal(confirm.text, `Remove “${u.name}” from project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/users/${u.id}`);
    assert.deepEqual((await fakeState()).projectData[p.id].members, []);
  });

  it('assigns a project role not yet held, then unassigns it from its row after confirming', async () => {
    const p = await newProject();
    const [u] = await membersOutside(p.id);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: u.id, role: 'member' });
    const row = await freshNode(`projects/${p.id}/users/${u.id}`);
    await fake.clearRequests();

    const { user } = await run('openaiAdmin.projectUser.assignRole', [{ pick: 'Viewer' }], row);
    const offered = user.of('pick')[0].items!;
    assert.ok(offered.includes('Viewer'), `roles offered: ${offered}`);
    assert.ok(!offered.includes('Member'), 'the role the membership implies was offered again');
    const sent = await onlyWrite('POST', `/projects/${p.id}/users/${u.id}/roles`);
    const viewer = (await fakeState()).projectPredefinedRoles.find((r) => r.name === 'Viewer')!;
    assert.deepEqual(sent.body, { role_id: viewer.id });
    assert.deepEqual((await fakeState()).assignments[`${p.id}|user|${u.id}`].map((a) => a.id), [viewer.id]);
    assert.ok((await rowIds(row.id)).includes(`${row.id}/${viewer.id}`), 'the user row was not refreshed');

    const assignment = await freshNode(`${row.id}/${viewer.id}`);
    await fake.clearRequests();
    const un = await run('openaiAdmin.projectUser.unassignRole', [{ confirm: true }], assignment);
    assert.match(un.user.of('confirm')[0].text, /Unassign role “Viewer” from .* in project “.*”\?/);
    await onlyWrite('DELETE', `/projects/${p.id}/users/${u.id}/roles/${viewer.id}`);
    assert.deepEqual((await fakeState()).assignments[`${p.id}|user|${u.id}`], []);
  });
});

describe('commands: service accounts', function () {
  this.timeout(60_000);
  connectedToFake();
  afterEach(async () => { await vscode.env.clipboard.writeText(''); });

  it('creates one and shows its key once, in a modal, never in the log, the result or anywhere else', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/serviceAccounts`);
    assert.deepEqual(await rowIds(folder.id), []);
    assert.deepEqual(await rowIds(`projects/${p.id}/apiKeys`), []);
    await fake.clearRequests();
    const name = uniqueName('ci bot');

    const { result, user } = await run('openaiAdmin.serviceAccount.create', [{ input: name }, { pick: 'Member' }, { pick: 'No expiry' }, { info: 'Copy Key' }], folder);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts`);
    assert.deepEqual(sent.body, { name });
    const sa = (await fakeState()).projectData[p.id].serviceAccounts.find((s) => s.name === name);
    assert.ok(sa, 'no service account in the fake');
    assert.equal(sa.role, 'member');

    const modal = user.of('info');
    assert.equal(modal.length, 1);
    assert.match(modal[0].text, /will not be shown again/);
    const secret = /sk-svcacct-[A-Za-z0-9]+/.exec(modal[0].detail ?? '')?.[0];
    assert.ok(secret, `the modal does not show the key: ${modal[0].detail}`);
    assert.deepEqual(modal[0].buttons, ['Copy Key']);
    const everywhere = (x: unknown) => JSON.stringify(x).split(secret).length - 1;
    assert.equal(everywhere(user.prompts), 1, 'the key was shown more than once');
    assert.equal(everywhere([user.notes, user.errors]), 0, 'the key appeared in a notification');
    assert.equal(everywhere(result), 0, 'the command returned the key');
    const log = (await api()).logLines().join('\n');
    assert.ok(!log.includes(secret.slice(-16)), 'the key (or its tail) is in the log');
    const r = result as { id: string; api_key: { id: string } };
    assert.equal(r.id, sa.id);
    assert.ok(r.api_key.id, 'the key id is returned');
    assert.equal(await vscode.env.clipboard.readText(), secret, 'Copy Key did not copy the key');

    // Both folders the create changed were reloaded.
    assert.deepEqual(await rowIds(folder.id), [`${folder.id}/${sa.id}`]);
    assert.deepEqual(await rowIds(`projects/${p.id}/apiKeys`), [`projects/${p.id}/apiKeys/${r.api_key.id}`]);
  });

  it('makes the account owner with a second request when Owner is picked; dismissing the key copies nothing', async () => {
    const p = await newProject();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await vscode.env.clipboard.writeText('unchanged');
    const name = uniqueName('deployer');
    const { result } = await run('openaiAdmin.serviceAccount.create', [{ search: p.id }, { input: name }, { pick: 'Owner' }, { pick: 'No expiry' }, { info: undefined }]);
    const w = await writes();
    assert.deepEqual(w.map((r) => `${r.method} ${r.path}`), [
      `POST /organization/projects/${p.id}/service_accounts`,
      `POST /organization/projects/${p.id}/service_accounts/${(result as { id: string }).id}`,
    ]);
    assert.deepEqual(w[1].body, { role: 'owner' });
    assert.equal((await fakeState()).projectData[p.id].serviceAccounts[0].role, 'owner');
    assert.equal((result as { role: string }).role, 'owner');
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('still shows the key when making it owner fails, then says what failed', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/serviceAccounts`);
    await fake.setFaults([{ method: 'POST', path: '/service_accounts/[^/]+$', kind: 'status', status: 400 }]);
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.serviceAccount.create', [{ input: uniqueName('half') }, { pick: 'Owner' }, { pick: 'No expiry' }, { info: undefined }], folder);
    assert.equal(user.of('info').length, 1, 'the one-time key was not shown');
    assert.equal(user.errors.length, 1);
    assert.match(user.errors[0], /making it owner failed: 400 Injected error 400/);
    assert.equal((await fakeState()).projectData[p.id].serviceAccounts[0].role, 'member');
  });

  it('deletes an account and its keys after a confirmation naming account and project', async () => {
    const p = await newProject();
    const created = await v1<{ id: string; name: string; api_key: { id: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('old bot') });
    const row = await freshNode(`projects/${p.id}/serviceAccounts/${created.id}`);
    assert.deepEqual(await rowIds(`projects/${p.id}/apiKeys`), [`projects/${p.id}/apiKeys/${created.api_key.id}`]);
    await fake.clearRequests();

    await run('openaiAdmin.serviceAccount.delete', [{ confirm: false }], row);
    await noWrites();

    const { user } = await run('openaiAdmin.serviceAccount.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Delete service account “${created.name}” from project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/service_accounts/${created.id}`);
    const s = (await fakeState()).projectData[p.id];
    assert.deepEqual([s.serviceAccounts, s.apiKeys], [[], []]);
    assert.deepEqual(await rowIds(`projects/${p.id}/apiKeys`), [], 'the API keys folder still lists the deleted account’s key');
  });
});

describe('commands: API keys', function () {
  this.timeout(60_000);
  connectedToFake();

  /** A user-owned key (owner still in the project, so it is listed) in a generated project. */
  async function userKey() {
    const s = await fakeState();
    for (const p of s.projects.filter((x) => x.status === 'active')) {
      const d = s.projectData[p.id];
      const members = new Set(d.members.map((m) => m.id));
      const key = d.apiKeys.find((k) => k.owner.type === 'user' && members.has(k.owner.id));
      if (key) return { project: p, key };
    }
    throw new Error('no user key in the generated org');
  }

  it('deletes a user key after a confirmation naming key, owner and last use', async () => {
    const { project, key } = await userKey();
    const row = await freshNode(`projects/${project.id}/apiKeys/${key.id}`);
    await fake.clearRequests();

    await run('openaiAdmin.projectApiKey.delete', [{ confirm: false }], row);
    await noWrites();

    const { user } = await run('openaiAdmin.projectApiKey.delete', [{ confirm: true }], row);
    const text = user.of('confirm')[0].text;
    assert.match(text, /^Delete API key “.+” \(sk-[^)]+\), owned by “.+”, (last used .+|never used)\?$/s);
    assert.ok(text.includes(key.redacted_value), text);
    await onlyWrite('DELETE', `/organization/projects/${project.id}/api_keys/${key.id}`);
    assert.ok(!(await fakeState()).projectData[project.id].apiKeys.some((k) => k.id === key.id));
    assert.ok(!(await rowIds(`projects/${project.id}/apiKeys`)).includes(row.id), 'the API keys folder was not refreshed');
  });

  it('deletes a service account key on its own: the account and its other keys stay', async () => {
    const p = await newProject();
    const sa = await v1<{ id: string; name: string; api_key: { id: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('ci') });
    const other = await v1<{ id: string }>('POST', `/organization/projects/${p.id}/service_accounts/${sa.id}/api_keys`, { name: 'second' });
    const keysFolder = `projects/${p.id}/apiKeys`;
    const accountRow = `projects/${p.id}/serviceAccounts/${sa.id}`;
    const row = await freshNode(`${keysFolder}/${sa.api_key.id}`);
    await freshNode(accountRow);
    assert.deepEqual((await rowIds(accountRow)).length, 2, 'the account row lists both keys');
    await fake.clearRequests();

    const declined = await run('openaiAdmin.projectApiKey.delete', [{ confirm: false }], row);
    assert.match(declined.user.of('confirm')[0].text, new RegExp(`^Delete API key “.+” \\(sk-[^)]+\\), owned by service account “${sa.name}”, (last used .+|never used)\\?$`, 's'));
    assert.match(declined.user.of('confirm')[0].detail ?? '', /The service account and its other keys stay\./);
    await noWrites();

    const { user } = await run('openaiAdmin.projectApiKey.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm').length, 1, 'one confirmation, naming the key');
    await onlyWrite('DELETE', `/organization/projects/${p.id}/api_keys/${sa.api_key.id}`);
    const data = (await fakeState()).projectData[p.id];
    assert.deepEqual(data.apiKeys.map((k) => k.id), [other.id], 'the key is gone, the account\u2019s other key stays');
    assert.deepEqual(data.serviceAccounts.map((s) => s.id), [sa.id], 'the account stays');
    assert.deepEqual(await rowIds(keysFolder), [`${keysFolder}/${other.id}`], 'the API keys folder was not refreshed');
    const underAccount = await rowIds(accountRow);
    assert.equal(underAccount.length, 1, 'the account row was not refreshed');
    assert.ok(underAccount[0]!.endsWith(other.id), underAccount[0]);
  });
});

describe('commands: rate limits', function () {
  this.timeout(60_000);
  connectedToFake();

  async function limitRow() {
    const p = await newProject();
    const limit = (await fakeState()).projectData[p.id].rateLimits.find((l) => l.model === 'gpt-4o')!;
    const row = await freshNode(`projects/${p.id}/rateLimits/${limit.id}`);
    await fake.clearRequests();
    const fields = RATE_LIMIT_FIELDS.filter(([f]) => typeof limit[f] === 'number');
    return { p, limit, row, fields };
  }

  it('asks once per limit the model has, pre-filled, and sends only the changed field', async () => {
    const { p, limit, row, fields } = await limitRow();
    assert.ok(fields.length >= 2, 'gpt-4o should have several limits');
    const [first, second] = fields;
    const wanted = Number(limit[second[0]]) - 1;
    const steps: Step[] = fields.map(([f]) => ({ input: f === second[0] ? wanted.toLocaleString('en-US') : (prefilled) => prefilled! }));

    const { user } = await run('openaiAdmin.rateLimit.edit', steps, row);
    const boxes = user.of('input');
    assert.equal(boxes.length, fields.length);
    assert.deepEqual(boxes.map((b) => b.prefilled), fields.map(([f]) => String(limit[f])));
    assert.ok(boxes[0].text.includes(first[2]), boxes[0].text);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/rate_limits/${limit.id}`);
    assert.deepEqual(sent.body, { [second[0]]: wanted });
    const after = (await fakeState()).projectData[p.id].rateLimits.find((l) => l.id === limit.id)!;
    assert.equal(after[second[0]], wanted);
    assert.equal(after[first[0]], limit[first[0]]);
  });

  it('sends nothing when no value changed', async () => {
    const { row, fields } = await limitRow();
    await run('openaiAdmin.rateLimit.edit', fields.map(() => ({ input: (v: string | undefined) => v! })), row);
    await noWrites();
  });

  it('refuses decimals and negative numbers in the box', async () => {
    const { row } = await limitRow();
    const { user } = await run('openaiAdmin.rateLimit.edit', [{ input: '1.5', reject: /whole number/ }], row);
    await run('openaiAdmin.rateLimit.edit', [{ input: '-3', reject: /negative/ }], row);
    assert.equal(user.rejected.length, 1);
    await noWrites();
  });

  it('from the palette picks project then model', async () => {
    const { p, limit, fields } = await limitRow();
    await run('openaiAdmin.rateLimit.edit', [{ search: p.id }, { search: limit.id }, ...fields.map((): Step => ({ input: '0' }))]);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/rate_limits/${limit.id}`);
    assert.deepEqual(sent.body, Object.fromEntries(fields.map(([f]) => [f, 0])));
  });

  it('shows the API’s refusal and changes nothing', async () => {
    const { p, limit, row, fields } = await limitRow();
    const { user } = await run('openaiAdmin.rateLimit.edit', fields.map(([f], i): Step => ({ input: i === 0 ? '999999999999' : String(limit[f]) })), row);
    assert.equal(user.errors.length, 1, `errors: ${JSON.stringify(user.errors)}`);
    assert.match(user.errors[0], /failed: 400 .*cannot exceed the organization's limit/);
    const after = (await fakeState()).projectData[p.id].rateLimits.find((l) => l.id === limit.id)!;
    assert.deepEqual(after, limit);
  });
});

describe('commands: model and hosted tool permissions', function () {
  this.timeout(60_000);
  connectedToFake();

  it('sets an allow list from the project’s rate-limit models plus a typed one', async () => {
    const p = await newProject();
    const models = (await fakeState()).projectData[p.id].rateLimits.map((l) => l.model);
    const folder = await freshNode(`projects/${p.id}/modelPermissions`);
    await fake.clearRequests();
    const chosen = models.slice(0, 2);

    const { user } = await run('openaiAdmin.modelPermissions.edit', [
      { pick: 'Allow list' },
      { pick: [...chosen, '$(edit) Other model…'] },
      { input: 'ft:gpt-4o-mini:acme:custom:1, ' + chosen[0] },
    ], folder);
    const list = user.of('pick')[1];
    assert.deepEqual([...list.items!].sort(), [...new Set(models)].concat('$(edit) Other model…').sort());
    assert.deepEqual(list.ticked, []);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/model_permissions`);
    assert.deepEqual(sent.body, { mode: 'allow_list', model_ids: [...chosen, 'ft:gpt-4o-mini:acme:custom:1'] });
    assert.deepEqual((await fakeState()).projectData[p.id].modelPermissions, { mode: 'allow_list', model_ids: [...chosen, 'ft:gpt-4o-mini:acme:custom:1'] });
  });

  it('pre-ticks the current policy, sends nothing when it is kept, and can switch the mode', async () => {
    const p = await newProject();
    await v1('POST', `/organization/projects/${p.id}/model_permissions`, { mode: 'deny_list', model_ids: ['gpt-4o', 'my-custom-model'] });
    const folder = await freshNode(`projects/${p.id}/modelPermissions`);
    await fake.clearRequests();

    const kept = await run('openaiAdmin.modelPermissions.edit', [{ pick: 'Deny list' }, { pick: (items) => items.filter((i) => i.picked) }], folder);
    assert.deepEqual(kept.user.of('pick')[1].ticked!.sort(), ['gpt-4o', 'my-custom-model']);
    assert.ok(kept.user.of('pick')[1].items!.includes('my-custom-model'), 'a policy model outside the rate limits was not offered');
    await noWrites();

    await run('openaiAdmin.modelPermissions.edit', [{ pick: 'Allow list' }, { pick: (items) => items.filter((i) => i.picked) }], folder);
    assert.deepEqual((await fakeState()).projectData[p.id].modelPermissions, { mode: 'allow_list', model_ids: ['gpt-4o', 'my-custom-model'] });
  });

  it('removes the policy after confirming', async () => {
    const p = await newProject();
    await v1('POST', `/organization/projects/${p.id}/model_permissions`, { mode: 'allow_list', model_ids: ['gpt-4o'] });
    const row = await freshNode(`projects/${p.id}/modelPermissions/mode`);
    await fake.clearRequests();
    await run('openaiAdmin.modelPermissions.remove', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.modelPermissions.remove', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Remove the model allow list of project “${p.name}”?`);
    await onlyWrite('DELETE', `/organization/projects/${p.id}/model_permissions`);
    assert.equal((await fakeState()).projectData[p.id].modelPermissions, null);
    assert.deepEqual(await rowIds(`projects/${p.id}/modelPermissions`), [`projects/${p.id}/modelPermissions/mode`]);
    assert.equal((await (await api()).treeChildren(`projects/${p.id}/modelPermissions`))[0].label, 'Not set');
  });

  it('hosted tools: sends only the tools whose state changed', async () => {
    const p = await newProject();
    const before = (await fakeState()).projectData[p.id].hostedTools;
    assert.ok(Object.values(before).every((t) => t.enabled), 'a new project starts with every tool on');
    const folder = await freshNode(`projects/${p.id}/hostedTools`);
    await fake.clearRequests();

    const { user } = await run('openaiAdmin.hostedTools.edit', [{ pick: (items) => items.filter((i) => i.label !== 'Web search' && i.label !== 'MCP') }], folder);
    assert.deepEqual(user.of('pick')[0].ticked, ['Code interpreter', 'File search', 'Image generation', 'MCP', 'Web search']);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/hosted_tool_permissions`);
    assert.deepEqual(sent.body, { mcp: { enabled: false }, web_search: { enabled: false } });
    const after = (await fakeState()).projectData[p.id].hostedTools;
    assert.deepEqual(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v.enabled])),
      { file_search: true, web_search: false, image_generation: true, mcp: false, code_interpreter: true });
    assert.equal((await (await api()).treeChildren(folder.id)).find((r) => r.label === 'MCP')?.description, 'off');

    await fake.clearRequests();
    await run('openaiAdmin.hostedTools.edit', [{ pick: (items) => items.filter((i) => i.picked) }], folder);
    await noWrites();
    assert.ok((await received()).some((r) => r.path === `/organization/projects/${p.id}/hosted_tool_permissions`), 'the current state was not read fresh');
  });
});
