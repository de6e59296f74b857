// Data retention, admin key creation, spend alert edits and service account edits, in the extension
// host against the fake: effect on the fake's state, what was sent, what reloaded, cancel sends nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, newProject, noWrites, onlyWrite, rowIds, runAsUser as run, uniqueName, v1,
  type FakeStateJson,
} from './fixtures';

type State = FakeStateJson & {
  org: { dataRetention: string };
  projectData: Record<string, { dataRetention: string }>;
};
const state = async () => await fakeState() as State;

const alertBody = (dollars: number, recipients: string[]) => ({
  threshold_amount: dollars * 100, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients },
});

describe('commands: data retention', function () {
  this.timeout(60_000);
  connectedToFake();

  it('sets the organization’s data retention from its row, marking the current one; the current one sends nothing', async () => {
    const before = (await state()).org.dataRetention;
    const target = before === 'modified_abuse_monitoring' ? 'zero_data_retention' : 'modified_abuse_monitoring';
    const label = target === 'zero_data_retention' ? 'Zero data retention' : 'Modified abuse monitoring';
    const row = await freshNode('dataRetention/retention');
    await fake.clearRequests();
    try {
      const { user } = await run('openaiAdmin.dataRetention.edit', [{ pick: label }], row);
      assert.deepEqual(user.of('pick')[0].items, ['Zero data retention', 'Modified abuse monitoring', 'Enhanced zero data retention', 'Enhanced modified abuse monitoring']);
      assert.deepEqual((await onlyWrite('POST', '/organization/data_retention')).body, { retention_type: target });
      assert.equal((await state()).org.dataRetention, target);
      assert.equal((await (await api()).treeChildren('dataRetention'))[0]?.label.toLowerCase(), label.toLowerCase(), 'the Data Retention folder was not refreshed');

      await fake.clearRequests();
      await run('openaiAdmin.dataRetention.edit', [{ pick: label }], row);
      await run('openaiAdmin.dataRetention.edit', [{ pick: undefined }], row);
      await noWrites();
    } finally {
      await v1('POST', '/organization/data_retention', { retention_type: before });
    }
  });

  it('sets a project’s data retention from the palette, including the project-only choices', async () => {
    const p = await newProject();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.dataRetention.edit', [{ pick: '$(project) Project…' }, { search: p.id }, { pick: 'None' }]);
    assert.ok(user.of('pick')[1].items!.includes('Organization default'));
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/data_retention`)).body, { retention_type: 'none' });
    assert.equal((await state()).projectData[p.id].dataRetention, 'none');
  });
});

describe('commands: admin key creation', function () {
  this.timeout(60_000);
  connectedToFake();
  afterEach(async () => { await vscode.env.clipboard.writeText(''); });

  it('creates a key with an expiry and shows its secret once, in a modal with Copy, nowhere else', async () => {
    const folder = await freshNode('adminKeys');
    await fake.clearRequests();
    const name = uniqueName('deploy automation');
    const { result, user } = await run('openaiAdmin.adminKey.create', [{ input: name }, { pick: '30 days' }, { info: 'Copy Key' }], folder);
    assert.deepEqual((await onlyWrite('POST', '/organization/admin_api_keys')).body, { name, expires_in_seconds: 30 * 86_400 });
    const key = (await fakeState()).adminKeys.find((k) => k.name === name);
    assert.ok(key, 'no admin key in the fake');

    const modal = user.of('info');
    assert.equal(modal.length, 1);
    assert.match(modal[0].text, /will not be shown again/);
    const secret = /sk-admin-[A-Za-z0-9_-]+/.exec(modal[0].detail ?? '')?.[0];
    assert.ok(secret, `the modal does not show the key: ${modal[0].detail}`);
    assert.deepEqual(modal[0].buttons, ['Copy Key']);
    const everywhere = (x: unknown) => JSON.stringify(x).split(secret).length - 1;
    assert.equal(everywhere(user.prompts), 1, 'the key was shown more than once');
    assert.equal(everywhere([user.notes, user.errors]), 0, 'the key appeared in a notification');
    assert.equal(everywhere(result), 0, 'the command returned the key');
    assert.equal((result as { id: string }).id, key.id);
    assert.ok(!(await api()).logLines().join('\n').includes(secret.slice(-16)), 'the key (or its tail) is in the log');
    assert.equal(await vscode.env.clipboard.readText(), secret, 'Copy Key did not copy the key');
    assert.ok((await rowIds('adminKeys')).includes(`adminKeys/${key.id}`), 'the Admin API Keys folder was not refreshed');
    // The new key works: it is a real admin key of the organization.
    const res = await fetch(`${fake.url()}/organization/admin_api_keys`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(res.status, 200);
  });

  it('takes a typed number of days, refuses one out of range, and sends nothing when cancelled', async () => {
    await vscode.env.clipboard.writeText('unchanged');
    await run('openaiAdmin.adminKey.create', [{ input: uniqueName('too long') }, { pick: 'Other…' }, { input: '400', reject: /1 to 365/ }]);
    await run('openaiAdmin.adminKey.create', [{ input: uniqueName('cancelled') }, { pick: undefined }]);
    await noWrites();
    const name = uniqueName('week key');
    await run('openaiAdmin.adminKey.create', [{ input: name }, { pick: 'Other…' }, { input: '7' }, { info: undefined }]);
    assert.deepEqual((await onlyWrite('POST', '/organization/admin_api_keys')).body, { name, expires_in_seconds: 7 * 86_400 });
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });
});

describe('commands: spend alert edits and service account edits', function () {
  this.timeout(60_000);
  connectedToFake();

  it('edits an organization spend alert from its row, pre-filled; unchanged sends nothing', async () => {
    const alert = await v1<{ id: string }>('POST', '/organization/spend_alerts', alertBody(500, ['a@example.com']));
    const row = await freshNode(`spend/${alert.id}`);
    await fake.clearRequests();
    try {
      const same = await run('openaiAdmin.spendAlert.edit', [{ input: (v) => v! }, { input: (v) => v! }], row);
      assert.deepEqual(same.user.of('input').map((i) => i.prefilled), ['500', 'a@example.com']);
      await noWrites();
      await run('openaiAdmin.spendAlert.edit', [{ input: '$750' }, { input: 'a@example.com, b@example.com' }], row);
      const sent = await onlyWrite('POST', `/organization/spend_alerts/${alert.id}`);
      assert.deepEqual(sent.body, alertBody(750, ['a@example.com', 'b@example.com']));
      const stored = (await fakeState()).orgSpendAlerts.find((a) => a.id === alert.id)!;
      assert.deepEqual([stored.threshold_amount, stored.notification_channel.recipients], [75_000, ['a@example.com', 'b@example.com']]);
      assert.match((await (await api()).treeChildren('spend')).find((r) => r.id === row.id)?.label ?? '', /750/);
    } finally {
      await v1('DELETE', `/organization/spend_alerts/${alert.id}`);
    }
  });

  it('edits a project spend alert found from the palette', async () => {
    const p = await newProject();
    const alert = await v1<{ id: string }>('POST', `/organization/projects/${p.id}/spend_alerts`, alertBody(40, ['ops@example.com']));
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.spendAlert.edit', [{ pick: '$(project) Project…' }, { search: p.id }, { pick: '$40 per month' }, { input: '60' }, { input: (v) => v! }]);
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/spend_alerts/${alert.id}`)).body, alertBody(60, ['ops@example.com']));
    assert.equal((await fakeState()).projectData[p.id].spendAlerts[0].threshold_amount, 6_000);
  });

  it('changes a service account’s role and renames it', async () => {
    const p = await newProject();
    const sa = await v1<{ id: string; name: string }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('ci bot') });
    const row = await freshNode(`projects/${p.id}/serviceAccounts/${sa.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.serviceAccount.changeRole', [{ pick: 'Member' }], row);
    await noWrites();
    await run('openaiAdmin.serviceAccount.changeRole', [{ pick: 'Owner' }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts/${sa.id}`)).body, { role: 'owner' });
    assert.equal((await fakeState()).projectData[p.id].serviceAccounts[0].role, 'owner');

    await fake.clearRequests();
    const name = uniqueName('ci bot renamed');
    await run('openaiAdmin.serviceAccount.rename', [{ input: name }], await freshNode(row.id));
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts/${sa.id}`)).body, { name });
    assert.equal((await fakeState()).projectData[p.id].serviceAccounts[0].name, name);
    assert.ok((await (await api()).treeChildren(`projects/${p.id}/serviceAccounts`)).some((r) => r.label === name), 'the Service Accounts folder was not refreshed');
  });
});
