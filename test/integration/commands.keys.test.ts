// API key expiry (shown in the tree, set when creating a service account or another key for one,
// changed with Edit API Key) and project service tiers, in the extension host against the fake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectApiKey, ProjectServiceTierSettings } from '../../src/api';
import type { TreeRow } from '../../src/extension';
import { api, fake, sleep } from './helpers';
import { connectedToFake, freshNode, newProject, noWrites, onlyWrite, rowIds, runAsUser as run, shownText, uniqueName, v1 } from './fixtures';

const DAY = 86400;
const keysPath = (projectId: string) => `/organization/projects/${projectId}/api_keys`;
const rows = async (id: string): Promise<TreeRow[]> => (await (await api()).treeChildren(id)).filter((r) => !r.id.split('/').pop()!.startsWith('~'));
const iconOf = async (id: string) => (await (await api()).treeNode(id))!.spec.icon;

async function account(projectId: string, body: Record<string, unknown> = {}) {
  return v1<{ id: string; name: string; api_key: { id: string; expires_at?: number | null } }>(
    'POST', `/organization/projects/${projectId}/service_accounts`, { name: uniqueName('svc'), ...body });
}

async function keyOf(projectId: string, keyId: string): Promise<ProjectApiKey> {
  return v1<ProjectApiKey>('GET', `${keysPath(projectId)}/${keyId}`);
}

describe('API key expiry in the tree', function () {
  this.timeout(60_000);
  connectedToFake();

  it('says when each key expires, and flags expired and soon-expiring keys', async () => {
    const p = await newProject();
    const never = await account(p.id);
    const later = await account(p.id, { expires_in_seconds: 12 * DAY });
    const soon = await account(p.id, { expires_in_seconds: 3 * DAY });
    const gone = await account(p.id, { expires_in_seconds: 1 });
    await sleep(2_100);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const shown = new Map((await rows(`projects/${p.id}/apiKeys`)).map((r) => [r.id.split('/').pop(), r]));
    const expect: Array<[typeof never, RegExp, unknown]> = [
      [never, /^never expires · /, 'key'],
      [later, /^expires in 12 days · /, 'key'],
      [soon, /^expires in 3 days · /, ['warning', 'list.warningForeground']],
      [gone, /^expired just now · /, ['warning', 'list.errorForeground']],
    ];
    for (const [sa, text, icon] of expect) {
      const row = shown.get(sa.api_key.id);
      assert.ok(row, `no row for ${sa.api_key.id}`);
      assert.match(row.description ?? '', text);
      assert.deepEqual(await iconOf(row.id), icon, row.description);
      const expiresAt = (await keyOf(p.id, sa.api_key.id)).expires_at;
      assert.match(shownText(row.tooltip), expiresAt ? /\*\*Expires:\*\* \d{4}-\d\d-\d\d \d\d:\d\d UTC \((expires|expired) / : /\*\*Expires:\*\* never/);
    }
    assert.match(shown.get(soon.api_key.id)!.contextValue ?? '', /\bexpiresSoon\b/);
    assert.match(shown.get(gone.api_key.id)!.contextValue ?? '', /\bexpired\b/);
    // The same rows under the owning service account.
    const under = await rows(`projects/${p.id}/serviceAccounts/${later.id}`);
    assert.match(under[0]!.description ?? '', /^expires in 12 days · /);
  });

  it('shows the generated organization\'s expired, expiring and never-expiring keys as the API dates them', async () => {
    const projects = (await v1<{ data: Array<{ id: string }> }>('GET', '/organization/projects?limit=20')).data;
    const now = Date.now() / 1000;
    let checked = 0;
    for (const p of projects) {
      const keys = (await v1<{ data: ProjectApiKey[] }>('GET', `${keysPath(p.id)}?limit=100`)).data;
      const keyRows = await rows(`projects/${p.id}/apiKeys`);
      for (const k of keys) {
        const row = keyRows.find((r) => r.id === `projects/${p.id}/apiKeys/${k.id}`);
        if (!row) continue;
        const word = !k.expires_at ? 'never expires' : k.expires_at <= now ? 'expired' : 'expires in';
        assert.ok(row.description?.includes(word), `${k.id} expires_at=${k.expires_at}: ${row.description}`);
        checked++;
      }
    }
    assert.ok(checked > 0, 'no generated keys to check');
  });
});

describe('commands: API keys and service account keys with expiry', function () {
  this.timeout(60_000);
  connectedToFake();
  afterEach(async () => { await vscode.env.clipboard.writeText(''); });

  it('Create Service Account sends the chosen expiry and the key row shows it', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/serviceAccounts`);
    await fake.clearRequests();
    const name = uniqueName('expiring bot');
    const { user } = await run('openaiAdmin.serviceAccount.create', [{ input: name }, { pick: 'Member' }, { pick: '90 days' }, { info: undefined }], folder);
    const offered = user.of('pick')[1]!.items!;
    assert.deepEqual(offered, ['No expiry', '30 days', '90 days', '365 days', 'Custom number of days…']);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts`);
    assert.deepEqual(sent.body, { name, expires_in_seconds: 90 * DAY });
    const [keyRow] = await rows(`projects/${p.id}/apiKeys`);
    assert.match(keyRow!.description ?? '', /^expires in 90 days · /);
  });

  it('Create Service Account takes a custom number of days, refusing more than 365', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/serviceAccounts`);
    await fake.clearRequests();
    await run('openaiAdmin.serviceAccount.create', [{ input: 'x' }, { pick: 'Member' }, { pick: 'Custom number of days…' }, { input: '400', reject: /1 to 365 days/ }], folder);
    await noWrites();
    await run('openaiAdmin.serviceAccount.create', [{ input: uniqueName('x') }, { pick: 'Member' }, { pick: 'Custom number of days…' }, { input: '45' }, { info: undefined }], folder);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts`);
    assert.equal((sent.body as { expires_in_seconds?: number }).expires_in_seconds, 45 * DAY);
  });

  it('Create API Key on a service account shows the secret once and refreshes both the account and the API keys', async () => {
    const p = await newProject();
    const sa = await account(p.id);
    const row = await freshNode(`projects/${p.id}/serviceAccounts/${sa.id}`);
    assert.deepEqual(await rowIds(row.id), [`${row.id}/${sa.api_key.id}`]);
    await rowIds(`projects/${p.id}/apiKeys`);
    await fake.clearRequests();
    const name = uniqueName('second key');

    const { result, user } = await run('openaiAdmin.serviceAccount.createApiKey', [{ input: name }, { pick: '30 days' }, { info: 'Copy Key' }], row);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/service_accounts/${sa.id}/api_keys`);
    assert.deepEqual(sent.body, { name, expires_in_seconds: 30 * DAY });
    const modal = user.of('info');
    assert.equal(modal.length, 1);
    assert.match(modal[0]!.text, new RegExp(`^API key “${name}” was created for service account “${sa.name}” in “${p.name}” \\(expires in 30 days\\)\\. Copy it now: it will not be shown again\\.$`));
    const secret = /sk-svcacct-[A-Za-z0-9]+/.exec(modal[0]!.detail ?? '')?.[0];
    assert.ok(secret, `the modal does not show the key: ${modal[0]!.detail}`);
    assert.equal(await vscode.env.clipboard.readText(), secret);
    assert.equal(JSON.stringify([result, user.notes, user.errors]).includes(secret), false, 'the secret left the modal');
    assert.ok(!(await api()).logLines().join('\n').includes(secret.slice(-16)), 'the key (or its tail) is in the log');
    const created = result as { id: string; expires_at?: number };
    assert.ok(created.expires_at && Math.abs(created.expires_at - (Date.now() / 1000 + 30 * DAY)) < 120);

    const keyIds = [sa.api_key.id, created.id].sort();
    assert.deepEqual((await rowIds(row.id)).map((id) => id.split('/').pop()).sort(), keyIds, 'the service account row was not refreshed');
    assert.deepEqual((await rowIds(`projects/${p.id}/apiKeys`)).map((id) => id.split('/').pop()).sort(), keyIds, 'the API keys folder was not refreshed');
  });

  it('Edit API Key changes scopes and expiry with one request; keeping both sends nothing', async () => {
    const p = await newProject();
    const sa = await account(p.id);
    const row = await freshNode(`projects/${p.id}/apiKeys/${sa.api_key.id}`);
    await fake.clearRequests();

    const kept = await run('openaiAdmin.projectApiKey.edit', [{ pick: 'Keep the current scopes' }, { pick: 'Keep the current expiry' }], row);
    assert.equal(kept.result, undefined);
    await noWrites();
    const expiryPick = kept.user.of('pick')[1]!;
    assert.deepEqual(expiryPick.items, ['Keep the current expiry', '30 days', '90 days', '365 days', 'Custom number of days…'],
      'the API cannot clear an expiry, so "No expiry" must not be offered');

    await run('openaiAdmin.projectApiKey.edit', [{ pick: 'Read only' }, { pick: '365 days' }], row);
    const sent = await onlyWrite('POST', `${keysPath(p.id)}/${sa.api_key.id}`);
    assert.deepEqual(sent.body, { scopes: ['api.all.read'], expires_in_seconds: 365 * DAY });
    const k = await keyOf(p.id, sa.api_key.id);
    assert.ok(k.expires_at && Math.abs(k.expires_at - (Date.now() / 1000 + 365 * DAY)) < 120, `expires_at ${k.expires_at}`);
    const shown = (await rows(`projects/${p.id}/apiKeys`)).find((r) => r.id === row.id)!;
    assert.match(shown.description ?? '', /^expires in 1 year · /, 'the API keys folder was not refreshed');

    await fake.clearRequests();
    await run('openaiAdmin.projectApiKey.edit', [{ pick: 'Custom scopes…' }, { input: 'api.responses.write, api.files.read' }, { pick: 'Keep the current expiry' }], row);
    assert.deepEqual((await onlyWrite('POST', `${keysPath(p.id)}/${sa.api_key.id}`)).body, { scopes: ['api.responses.write', 'api.files.read'] });

    await fake.clearRequests();
    await run('openaiAdmin.projectApiKey.edit', [{ pick: 'All permissions' }, { pick: 'Keep the current expiry' }], row);
    assert.deepEqual((await onlyWrite('POST', `${keysPath(p.id)}/${sa.api_key.id}`)).body, { scopes: [] });
  });
});

describe('service tier', function () {
  this.timeout(60_000);
  connectedToFake();

  const settingsOf = (projectId: string) => v1<ProjectServiceTierSettings>('GET', `/organization/projects/${projectId}/service_tier_settings`);

  it('shows the default tier and each optional tier as the API reports them', async () => {
    const projects = (await v1<{ data: Array<{ id: string }> }>('GET', '/organization/projects?limit=8')).data;
    for (const p of projects) {
      const t = await settingsOf(p.id);
      const shown = await rows(`projects/${p.id}/serviceTier`);
      const name = (s: string) => s[0]!.toUpperCase() + s.slice(1);
      assert.deepEqual(shown.map((r) => r.label), [`Default: ${name(t.default)}`, 'Flex', 'Fast', 'Ultrafast'], p.id);
      for (const r of shown.slice(1)) {
        const on = t.enabled_tiers === 'all' || t.enabled_tiers.includes(r.label.toLowerCase() as 'flex');
        assert.equal(r.description?.startsWith('enabled'), on, `${p.id} ${r.label}: ${r.description} vs ${JSON.stringify(t.enabled_tiers)}`);
      }
    }
  });

  it('Edit Service Tier marks the current default, ticks the enabled tiers, and sends only what changed', async () => {
    const p = await newProject();
    const folder = await freshNode(`projects/${p.id}/serviceTier`);
    const start = await settingsOf(p.id);
    await fake.clearRequests();

    const same = await run('openaiAdmin.serviceTier.edit', [{ pick: (items) => items.filter((i) => i.description?.startsWith('current')) }, { pick: (items) => items.filter((i) => i.picked) }], folder);
    assert.equal(same.result, undefined);
    await noWrites();
    const [defaults, tiers] = same.user.of('pick');
    assert.deepEqual(defaults!.items, ['Standard', 'Fast', 'Scale']);
    assert.deepEqual(tiers!.items, ['All optional tiers', 'Flex', 'Fast', 'Ultrafast']);
    assert.deepEqual(tiers!.ticked, start.enabled_tiers === 'all' ? ['All optional tiers'] : start.enabled_tiers.map((t) => t[0]!.toUpperCase() + t.slice(1)));

    await run('openaiAdmin.serviceTier.edit', [{ pick: 'Scale' }, { pick: ['Flex', 'Ultrafast'] }], folder);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/service_tier_settings`);
    assert.deepEqual(sent.body, { ...(start.default === 'scale' ? {} : { default: 'scale' }), enabled_tiers: ['flex', 'ultrafast'] });
    assert.deepEqual(await settingsOf(p.id), { object: 'project.service_tier_settings', default: 'scale', enabled_tiers: ['flex', 'ultrafast'] });
    const shown = await rows(folder.id);
    assert.deepEqual(shown.map((r) => `${r.label}: ${r.description ?? ''}`), ['Default: Scale: ', 'Flex: enabled', 'Fast: not enabled', 'Ultrafast: enabled'], 'the folder was not refreshed');

    await fake.clearRequests();
    await run('openaiAdmin.serviceTier.edit', [{ pick: 'Scale' }, { pick: ['All optional tiers'] }], folder);
    assert.deepEqual((await onlyWrite('POST', `/organization/projects/${p.id}/service_tier_settings`)).body, { enabled_tiers: 'all' });

    // The same rule as the Project panel (model/serviceTier.ts): a Fast default needs Fast enabled.
    await fake.clearRequests();
    const refused = await run('openaiAdmin.serviceTier.edit', [{ pick: 'Fast' }, { pick: ['Flex'] }], folder);
    assert.equal(refused.result, undefined);
    await noWrites();
    assert.deepEqual(refused.user.errors, [`Service tier of “${p.name}” not changed. The default tier Fast must also be enabled: tick Fast, or choose another default.`]);
    assert.deepEqual(await settingsOf(p.id), { object: 'project.service_tier_settings', default: 'scale', enabled_tiers: 'all' });
  });
});
