// The Project panel in the real extension host against the fake. The webview draws every section
// (its report is what is on screen); edits are sent as the webview sends them (the panel's own
// request handlers), answered by scripted dialogs, and checked in the fake's state. Also: a rate
// limit changed on the server after loading is a conflict, a failing row does not block the others,
// and the tree and the panel follow each other's changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { SECTION_IDS } from '../../src/model/project/types';
import type { ProjectReport } from '../../src/webviews/project/protocol';
import { api, fake, sleep } from './helpers';
import { connectedToFake, describeRequests, fakeState, freshNode, membersOutside, newProject, v1, writes } from './fixtures';
import { asUser, type Step } from './ui';

type Report = ProjectReport;
const ready = (r: Report) => Object.values(r.sections).length === SECTION_IDS.length && Object.values(r.sections).every((s) => s!.status !== 'loading');
const rowsOf = (r: Report, s: keyof Report['sections']) => r.sections[s]?.rows ?? [];

function projectTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('openaiAdmin.project'));
}

describe('project panel', function () {
  this.timeout(120_000);
  connectedToFake();
  let t: ExtensionTestApi;
  before(async () => { t = await api(); });
  after(() => t.projectPanel.close());

  async function open(projectId: string, arg: unknown = { projectId }): Promise<Report> {
    await vscode.commands.executeCommand('openaiAdmin.openProject', arg);
    return t.projectPanel.waitForRender(projectId, ready, 60_000);
  }
  const rendered = (projectId: string, accept: (r: Report) => boolean, what = 'render') =>
    t.projectPanel.waitForRender(projectId, accept, 30_000).catch((err: Error) => { throw new Error(`${what}: ${err.message}`); });

  /** A panel request with its dialogs answered by `steps`. */
  async function request<K extends Parameters<ExtensionTestApi['projectPanel']['request']>[1]>(
    projectId: string, method: K, params: Parameters<ExtensionTestApi['projectPanel']['request']>[2], steps: Step[] = [],
  ) {
    const out = await asUser(steps, () => t.projectPanel.request(projectId, method, params as never));
    out.user.assertDone();
    return out;
  }

  it('opens from a project row and from the palette (one panel per project) and shows every section as the fake has it', async () => {
    const p = await newProject();
    const node = await freshNode(`projects/${p.id}`);
    const report = await open(p.id, node);
    assert.deepEqual(report.cspViolations, []);
    for (const [id, s] of Object.entries(report.sections)) assert.equal(s!.status, 'data', `${id}: ${s!.error ?? ''}`);
    assert.equal(t.projectPanel.title(p.id), `Project: ${p.name}`);
    const state = (await fakeState()).projectData[p.id]!;
    assert.deepEqual(rowsOf(report, 'rateLimits').map((r) => r[0]), state.rateLimits.map((r) => r.model));
    assert.deepEqual(rowsOf(report, 'members'), []);
    assert.deepEqual(rowsOf(report, 'overview'), [[p.name, p.id, 'active']]);

    // From the palette: search the project; the open panel is reused.
    const { user } = await asUser([{ search: p.id }], () => vscode.commands.executeCommand('openaiAdmin.openProject'));
    user.assertDone();
    assert.equal(projectTabs().length, 1, 'the panel for this project is reused');

    // The page: strict CSP, one script with this load's nonce, no key anywhere in it.
    const html = t.projectPanel.html(p.id)!;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;|&apos;/g, "'");
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{16,}'; style-src [^;]+; font-src [^;]+; img-src [^;]+$/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|connect-src|sk-admin/);
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
  });

  it('every edit reaches the fake: name, members and roles, service accounts, rate limits, permissions, spend, retention, archive', async () => {
    const p = await newProject();
    const [a, b] = await membersOutside(p.id, 2);
    await open(p.id);
    const sp = () => fakeState().then((s) => s.projectData[p.id]!);

    // Overview: rename.
    const name = `${p.name} renamed`;
    await request(p.id, 'rename', { name });
    assert.equal((await fakeState()).projects.find((x) => x.id === p.id)!.name, name);
    await rendered(p.id, (r) => rowsOf(r, 'overview')[0]?.[0] === name, 'the new name');
    assert.equal(t.projectPanel.title(p.id), `Project: ${name}`);

    // Members: found by searching the organization, add two, change a role, assign and unassign a project role, remove one.
    const found = await request(p.id, 'searchMembers', { query: a!.email.toUpperCase() });
    assert.ok(found.result.members.some((m) => m.id === a!.id && m.email === a!.email), `search found ${JSON.stringify(found.result.members.slice(0, 3))}`);
    await request(p.id, 'addMember', { userId: a!.id, role: 'member' });
    // The host adds only members its search offered this panel.
    await request(p.id, 'searchMembers', { query: b!.email });
    await request(p.id, 'addMember', { userId: b!.id, role: 'owner' });
    assert.deepEqual((await sp()).members.map((m) => [m.id, m.role]), [[a!.id, 'member'], [b!.id, 'owner']]);
    await request(p.id, 'setMemberRole', { userId: a!.id, role: 'owner' });
    assert.equal((await sp()).members.find((m) => m.id === a!.id)!.role, 'owner');
    const loaded = await rendered(p.id, (r) => rowsOf(r, 'members').length === 2 && rowsOf(r, 'members').every((m) => m[2] === 'owner'), 'two owners');
    assert.ok(loaded);
    const viewer = t.projectPanel.data(p.id)!.members!.roles.find((r) => r.name === 'Viewer')!;
    assert.ok(viewer, 'the project offers a Viewer role');
    await request(p.id, 'assignRole', { userId: a!.id, roleId: viewer.id });
    const held = async () => (await v1<{ data: Array<{ id: string }> }>('GET', `/projects/${p.id}/users/${a!.id}/roles`)).data.map((r) => r.id);
    assert.ok((await held()).includes(viewer.id));
    await rendered(p.id, (r) => rowsOf(r, 'members').find((m) => m[0] === a!.name)?.[3]?.includes('Viewer') === true, 'the assigned role');
    const unassign = await request(p.id, 'unassignRole', { userId: a!.id, roleId: viewer.id }, [{ confirm: true }]);
    assert.match(unassign.user.of('confirm')[0]!.text, /Unassign role “Viewer” from/);
    assert.ok(!(await held()).includes(viewer.id));
    const cancelled = await request(p.id, 'removeMember', { userId: b!.id }, [{ confirm: false }]);
    assert.deepEqual(cancelled.result, { done: false });
    assert.equal((await sp()).members.length, 2, 'cancelling the confirmation sends nothing');
    await request(p.id, 'removeMember', { userId: b!.id }, [{ confirm: true }]);
    assert.deepEqual((await sp()).members.map((m) => m.id), [a!.id]);

    // Service accounts: the one-time key is shown once in a modal, and nowhere else.
    const created = await request(p.id, 'createServiceAccount', { name: 'panel-bot', role: 'owner' }, [{ info: undefined }]);
    const secret = created.user.of('info')[0]!.detail!.split('\n')[0]!;
    assert.match(secret, /^sk-/);
    const sa = (await sp()).serviceAccounts.find((s) => s.name === 'panel-bot')!;
    assert.equal(sa.role, 'owner');
    const withAccount = await rendered(p.id, (r) => rowsOf(r, 'serviceAccounts').some((s) => s[0] === 'panel-bot') && rowsOf(r, 'apiKeys').length === 1, 'the new account and its key');
    for (const [where, text] of [['report', JSON.stringify(withAccount)], ['panel data', JSON.stringify(t.projectPanel.data(p.id))], ['html', t.projectPanel.html(p.id)!], ['log', t.logLines().join('\n')]]) {
      assert.ok(!text!.includes(secret), `the one-time key is in the ${where}`);
    }
    // Its key goes on its own, as in the tree: one confirmation naming the key and its account; the account stays.
    const keyId = t.projectPanel.data(p.id)!.apiKeys![0]!.id;
    const viaKey = await request(p.id, 'deleteApiKey', { id: keyId }, [{ confirm: true }]);
    assert.equal(viaKey.user.of('confirm').length, 1);
    assert.match(viaKey.user.of('confirm')[0]!.text, /^Delete API key “.+” \(sk-[^)]+\), owned by service account “panel-bot”/);
    assert.deepEqual((await sp()).apiKeys, []);
    assert.deepEqual((await sp()).serviceAccounts.map((s) => s.id), [sa.id]);
    await rendered(p.id, (r) => rowsOf(r, 'serviceAccounts').length === 1 && rowsOf(r, 'apiKeys').length === 0, 'key gone, account kept');

    // Rate limits: two rows, only changed fields.
    const limits = t.projectPanel.data(p.id)!.rateLimits!;
    const [r1, r2] = limits;
    await fake.clearRequests();
    const saved = await request(p.id, 'saveRateLimits', {
      changes: [
        { id: r1!.id, model: r1!.model, body: { max_requests_per_1_minute: 111 }, before: r1!.limits },
        { id: r2!.id, model: r2!.model, body: { max_tokens_per_1_minute: 2222 }, before: r2!.limits },
      ],
    });
    assert.equal(saved.result.status, 'saved');
    const posts = await writes();
    assert.deepEqual(posts.map((w) => w.body).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))), [{ max_requests_per_1_minute: 111 }, { max_tokens_per_1_minute: 2222 }]);
    const stateLimits = (await sp()).rateLimits;
    assert.equal(stateLimits.find((r) => r.id === r1!.id)!.max_requests_per_1_minute, 111);
    assert.equal(stateLimits.find((r) => r.id === r2!.id)!.max_tokens_per_1_minute, 2222);
    await rendered(p.id, (r) => rowsOf(r, 'rateLimits').find((row) => row[0] === r1!.model)?.[1] === '111', 'the saved limit on screen');

    // Model permissions: set, then remove (with a confirmation).
    assert.equal((await request(p.id, 'saveModelPermissions', { mode: 'deny_list', modelIds: [r1!.model], before: null })).result.status, 'saved');
    assert.deepEqual((await sp()).modelPermissions, { mode: 'deny_list', model_ids: [r1!.model] });
    await rendered(p.id, (r) => rowsOf(r, 'modelPermissions')[0]?.[0] === 'deny_list', 'the policy');
    const removed = await request(p.id, 'saveModelPermissions', { mode: 'none', modelIds: [], before: { mode: 'deny_list', modelIds: [r1!.model] } }, [{ confirm: true }]);
    assert.equal(removed.result.status, 'saved');
    assert.equal((await sp()).modelPermissions, null);

    // Hosted tools: only the switch moved is sent.
    const tools = t.projectPanel.data(p.id)!.hostedTools!;
    await fake.clearRequests();
    assert.equal((await request(p.id, 'saveHostedTools', { enabled: { web_search: !tools.web_search }, before: tools })).result.status, 'saved');
    assert.deepEqual((await writes()).map((w) => w.body), [{ web_search: { enabled: !tools.web_search } }]);
    assert.equal((await sp()).hostedTools.web_search!.enabled, !tools.web_search);

    // Spend limit and alerts; data retention.
    await request(p.id, 'setSpendLimit', { amount: '1,500' });
    assert.equal((await sp()).spendLimit!.threshold_amount, 150_000, 'dollars typed, cents sent');
    await request(p.id, 'addSpendAlert', { amount: '900', recipients: 'ops@example.com, fin@example.com' });
    const alert = (await sp()).spendAlerts[0]!;
    assert.deepEqual([alert.threshold_amount, alert.notification_channel.recipients], [90_000, ['ops@example.com', 'fin@example.com']]);
    await rendered(p.id, (r) => rowsOf(r, 'spend').length === 2, 'limit and alert');
    await request(p.id, 'deleteSpendAlert', { id: alert.id }, [{ confirm: true }]);
    await request(p.id, 'removeSpendLimit', {}, [{ confirm: true }]);
    assert.deepEqual([(await sp()).spendLimit, (await sp()).spendAlerts], [null, []]);
    await request(p.id, 'setDataRetention', { type: 'zero_data_retention' });
    assert.equal((await v1<{ type: string }>('GET', `/organization/projects/${p.id}/data_retention`)).type, 'zero_data_retention');

    // Bad input from the webview is refused before anything is sent.
    await fake.clearRequests();
    for (const [method, params] of [['setSpendLimit', { amount: '-3' }], ['addMember', { userId: a!.id, role: 'admin' }], ['setDataRetention', { type: 'forever' }],
      ['saveRateLimits', { changes: [{ id: r1!.id, model: r1!.model, body: { max_requests_per_1_minute: -1 }, before: {} }], force: true }]] as const) {
      const out = await request(p.id, method, params as never).then((o) => o.result, (e: Error) => e);
      if (method === 'saveRateLimits') assert.equal((out as { results: Array<{ ok: boolean }> }).results[0]!.ok, false);
      else assert.ok(out instanceof Error, `${method} accepted ${JSON.stringify(params)}`);
    }
    assert.deepEqual(await writes(), [], `nothing sent for bad input: ${describeRequests(await writes())}`);

    // Archive, confirmed: the page turns read-only.
    await request(p.id, 'archive', {}, [{ confirm: true }]);
    assert.equal((await fakeState()).projects.find((x) => x.id === p.id)!.status, 'archived');
    await rendered(p.id, (r) => rowsOf(r, 'overview')[0]?.[2] === 'archived', 'archived');
  });

  it('detects a rate limit changed on the server after the panel loaded it, and sends nothing until told to overwrite', async () => {
    const p = await newProject();
    await open(p.id);
    const row = t.projectPanel.data(p.id)!.rateLimits![0]!;
    // Another admin changes the same row behind the panel's back (not through this extension).
    await v1('POST', `/organization/projects/${p.id}/rate_limits/${row.id}`, { max_requests_per_1_minute: 77 });
    await fake.clearRequests();
    const change = { id: row.id, model: row.model, body: { max_tokens_per_1_minute: 3333 }, before: row.limits };
    const first = await request(p.id, 'saveRateLimits', { changes: [change] });
    assert.equal(first.result.status, 'conflict');
    const conflict = first.result as Extract<typeof first.result, { status: 'conflict' }>;
    assert.deepEqual(conflict.conflicts.map((c) => [c.id, c.fields.map((f) => [f.field, f.loaded, f.now])]), [[row.id, [['max_requests_per_1_minute', row.limits.max_requests_per_1_minute, 77]]]]);
    assert.match(conflict.messages[0]!, new RegExp(`^${row.model}: changed on the server since you loaded it: RPM [\\d,]+ → 77\\.$`));
    assert.deepEqual(await writes(), [], 'nothing was sent');
    assert.ok((await fake.requests()).some((r) => r.method === 'GET' && r.path.endsWith(`/projects/${p.id}/rate_limits`)), 'the limits were read again before saving');

    const forced = await request(p.id, 'saveRateLimits', { changes: [change], force: true });
    assert.equal(forced.result.status, 'saved');
    const now = (await fakeState()).projectData[p.id]!.rateLimits.find((r) => r.id === row.id)!;
    assert.deepEqual([now.max_requests_per_1_minute, now.max_tokens_per_1_minute], [77, 3333], 'the other admin\'s field stays, ours is set');
  });

  it('a failing row does not block the others: each row reports its own result', async () => {
    const p = await newProject();
    await open(p.id);
    const [x, y, z] = t.projectPanel.data(p.id)!.rateLimits!;
    await fake.setFaults({ method: 'POST', path: `^/organization/projects/${p.id}/rate_limits/${y!.id}$`, kind: 'status', status: 500 });
    const out = await request(p.id, 'saveRateLimits', {
      changes: [x!, y!, z!].map((r, i) => ({ id: r.id, model: r.model, body: { max_requests_per_1_minute: 10 + i }, before: r.limits })),
    });
    assert.equal(out.result.status, 'saved');
    const results = (out.result as Extract<typeof out.result, { status: 'saved' }>).results;
    assert.deepEqual(results.map((r) => [r.id, r.ok]), [[x!.id, true], [y!.id, false], [z!.id, true]]);
    assert.match((results[1] as { error: string }).error, /^500 /);
    const state = (await fakeState()).projectData[p.id]!.rateLimits;
    assert.deepEqual([x, y, z].map((r) => state.find((s) => s.id === r!.id)!.max_requests_per_1_minute), [10, y!.limits.max_requests_per_1_minute, 12]);
    assert.ok(t.logLines().some((l) => l.includes(`Updating the “${y!.model}” rate limit`) && l.includes('500')), 'the failure is logged');
  });

  it('tree and panel stay in step: a tree command reloads the panel, a panel save reloads the tree', async () => {
    const p = await newProject();
    await open(p.id);
    const row = t.projectPanel.data(p.id)!.rateLimits![0]!;

    // The tree's Edit Rate Limit: one input box per limit the model has.
    const rowNode = await freshNode(`projects/${p.id}/rateLimits/${row.id}`);
    const fields = Object.keys(row.limits);
    const steps: Step[] = fields.map((f, i) => ({ input: (prefilled) => (i === 0 ? '4321' : prefilled!) }));
    assert.ok(fields.length > 0);
    const { user } = await asUser(steps, () => vscode.commands.executeCommand('openaiAdmin.rateLimit.edit', rowNode));
    user.assertDone();
    await rendered(p.id, (r) => rowsOf(r, 'rateLimits').find((x) => x[0] === row.model)?.[1] === '4,321', 'the panel shows the tree\'s edit');

    // The tree's hosted-tool command, too.
    const before = t.projectPanel.data(p.id)!.hostedTools!;
    const folder = await freshNode(`projects/${p.id}/hostedTools`);
    const wanted = (['code_interpreter', 'file_search', 'image_generation', 'mcp', 'web_search'] as const).filter((k) => (k === 'mcp' ? !before.mcp : before[k]));
    const labels = { code_interpreter: 'Code interpreter', file_search: 'File search', image_generation: 'Image generation', mcp: 'MCP', web_search: 'Web search' };
    const tools = await asUser([{ pick: wanted.map((k) => labels[k]) }], () => vscode.commands.executeCommand('openaiAdmin.hostedTools.edit', folder));
    tools.user.assertDone();
    await rendered(p.id, (r) => rowsOf(r, 'hostedTools').find((x) => x[0] === 'MCP')?.[1] === (before.mcp ? 'off' : 'on'), 'the panel shows the tree\'s tool change');

    // A save in the panel reloads the tree's Rate Limits folder.
    await (await api()).treeChildren(`projects/${p.id}/rateLimits`);
    await request(p.id, 'saveRateLimits', { changes: [{ id: row.id, model: row.model, body: { max_requests_per_1_minute: 1234 }, before: t.projectPanel.data(p.id)!.rateLimits![0]!.limits }] });
    const treeRow = (await (await api()).treeChildren(`projects/${p.id}/rateLimits`)).find((r) => r.label === row.model)!;
    assert.match(treeRow.description ?? '', /1,234 RPM/, `tree row: ${treeRow.description}`);
  });

  it('a write made in the tree redraws an open panel from the store, without reading lists the write did not change', async () => {
    const p = await newProject();
    const keyOf = async (name: string) => (await v1<{ api_key: { id: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name })).api_key.id;
    const [gone, stays] = [await keyOf('gone-bot'), await keyOf('stays-bot')];
    await freshNode(`projects/${p.id}`);
    await open(p.id);

    assert.deepEqual(t.projectPanel.data(p.id)!.apiKeys!.map((k) => k.id).sort(), [gone, stays].sort());
    await fake.clearRequests();

    // The tree shows the key list the panel read: finding the key's row asks the API for nothing.
    const row = await t.treeNode(`projects/${p.id}/apiKeys/${gone}`);
    assert.ok(row, 'the key row');
    const gets = async () => (await fake.requests()).filter((r) => r.method === 'GET').map((r) => r.path);
    assert.deepEqual(await gets(), [], 'the tree read the store, not the API');

    const { user } = await asUser([{ confirm: true }], () => vscode.commands.executeCommand('openaiAdmin.projectApiKey.delete', row));
    user.assertDone();
    await rendered(p.id, () => t.projectPanel.data(p.id)!.apiKeys!.every((k) => k.id !== gone), 'the panel drops the deleted key');
    assert.deepEqual(t.projectPanel.data(p.id)!.apiKeys!.map((k) => k.id), [stays]);
    // The delete's effect removed the key from the store's list: no section was read again.
    await sleep(300);
    assert.deepEqual(await gets(), []);
    assert.deepEqual((await writes()).map((w) => `${w.method} ${w.path.replace(/^\/v1/, '')}`), [`DELETE /organization/projects/${p.id}/api_keys/${gone}`]);
  });

  it('closing the panel cancels what it was still reading', async () => {

    const p = await newProject();
    await open(p.id);
    await fake.setFaults({ method: 'GET', path: `^/organization/projects/${p.id}/rate_limits$`, kind: 'latency', latencyMs: 5_000 });
    await fake.clearRequests();
    void vscode.commands.executeCommand('openaiAdmin.refresh');
    await new Promise((r) => setTimeout(r, 500));
    t.projectPanel.close(p.id);
    assert.equal(t.projectPanel.isOpen(p.id), false);
    await new Promise((r) => setTimeout(r, 300));
    const pending = (await fake.requests()).filter((r) => r.path.endsWith(`/projects/${p.id}/rate_limits`)) as Array<{ aborted?: boolean }>;
    assert.ok(pending.length > 0, 'the reload asked for the rate limits');
    assert.ok(pending.every((r) => r.aborted), `the reads were aborted: ${JSON.stringify(pending)}`);
  });

  /** The fake's own record of a project's keys and service tiers (fields the shared fixture type leaves out). */
  async function keysAndTiers(projectId: string) {
    const d = (await fakeState()).projectData[projectId] as unknown as {
      apiKeys: Array<{ id: string; expires_at?: number | null; scopes?: string[] }>;
      serviceTiers: { default: string; enabled_tiers: 'all' | string[] };
    };
    return { keys: new Map(d.apiKeys.map((k) => [k.id, k])), tiers: d.serviceTiers };
  }

  it('API keys: the page shows each key\'s expiry; new expiry and scopes reach the fake, each key with its own result', async () => {
    const p = await newProject();
    const keyOf = async (name: string) => (await v1<{ api_key: { id: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name })).api_key.id;
    const [plain, soon, old] = [await keyOf('never-bot'), await keyOf('soon-bot'), await keyOf('old-bot')];
    await v1('POST', `/organization/projects/${p.id}/api_keys/${soon}`, { expires_in_seconds: 3 * 86_400 + 3600 });
    await v1('POST', `/organization/projects/${p.id}/api_keys/${old}`, { expires_in_seconds: 1 });
    await sleep(1_500);
    const report = await open(p.id);
    const expiry = (r: Report, name: string) => rowsOf(r, 'apiKeys').find((k) => k[2] === name)?.[4];
    assert.equal(expiry(report, 'never-bot'), 'never expires');
    assert.equal(expiry(report, 'soon-bot'), 'expires in 3 days');
    assert.equal(expiry(report, 'old-bot'), 'expired just now');

    await fake.clearRequests();
    const before = (id: string) => ({ expiresAt: t.projectPanel.data(p.id)!.apiKeys!.find((k) => k.id === id)!.expiresAt });
    const out = await request(p.id, 'saveApiKeys', {
      changes: [
        { id: plain, name: 'never-bot', body: { expires_in_seconds: 30 * 86_400, scopes: ['api.model.request'] }, before: before(plain) },
        { id: soon, name: 'soon-bot', body: { scopes: [] }, before: before(soon) },
        { id: old, name: 'old-bot', body: { expires_in_seconds: 86_400 }, before: before(old) },
      ],
    });
    assert.equal(out.result.status, 'saved');
    const results = (out.result as Extract<typeof out.result, { status: 'saved' }>).results;
    assert.deepEqual(results.map((r) => [r.id, r.ok]), [[plain, true], [soon, true], [old, false]]);
    assert.match((results[2] as { error: string }).error, /expired/);
    assert.deepEqual((await writes()).map((w) => [w.path.split('/').pop(), w.body]), [[plain, { expires_in_seconds: 2_592_000, scopes: ['api.model.request'] }], [soon, { scopes: [] }]],
      'only the keys that can be changed, only the fields edited');
    const { keys } = await keysAndTiers(p.id);
    assert.ok(Math.abs(keys.get(plain)!.expires_at! - (Date.now() / 1000 + 30 * 86_400)) < 30, `expires_at ${keys.get(plain)!.expires_at}`);
    assert.deepEqual([keys.get(plain)!.scopes, keys.get(soon)!.scopes], [['api.model.request'], []]);
    await rendered(p.id, (r) => expiry(r, 'never-bot') === 'expires in 30 days', 'the new expiry on screen');

    // Someone else moves a key's expiry after the panel loaded it: a conflict, nothing sent until told to overwrite.
    const loadedAt = before(soon);
    await v1('POST', `/organization/projects/${p.id}/api_keys/${soon}`, { expires_in_seconds: 86_400 });
    await fake.clearRequests();
    const change = { id: soon, name: 'soon-bot', body: { expires_in_seconds: 10 * 86_400 }, before: loadedAt };
    const conflict = await request(p.id, 'saveApiKeys', { changes: [change] });
    assert.equal(conflict.result.status, 'conflict');
    assert.match((conflict.result as { messages: string[] }).messages[0]!, /^Secret Key \(sk-[^)]+\): changed on the server since you loaded it: expires .* → expires /);
    assert.deepEqual(await writes(), []);
    assert.equal((await request(p.id, 'saveApiKeys', { changes: [change], force: true })).result.status, 'saved');

    // Bad values from the webview are refused before anything is sent.
    await fake.clearRequests();
    for (const body of [{ expires_in_seconds: 31_536_001 }, { expires_in_seconds: 0 }, {}, { scopes: ['not a scope'] }, { name: 'renamed' }]) {
      await assert.rejects(request(p.id, 'saveApiKeys', { changes: [{ id: plain, name: 'x', body: body as never, before: { expiresAt: null } }] }), Error, JSON.stringify(body));
    }
    assert.deepEqual(await writes(), [], `nothing sent for bad input: ${describeRequests(await writes())}`);
  });

  it('service tier: default and enabled tiers reach the fake; a change made elsewhere is a conflict; bad values are refused', async () => {
    const p = await newProject();
    await v1('POST', `/organization/projects/${p.id}/service_tier_settings`, { default: 'standard', enabled_tiers: ['flex'] });
    const report = await open(p.id);
    assert.deepEqual(rowsOf(report, 'serviceTier'), [['Default tier', 'Standard', ''], ['Enabled tiers', 'Standard, Flex', '']]);
    const start = t.projectPanel.data(p.id)!.serviceTier!;
    assert.deepEqual(start, { default: 'standard', enabled: ['flex'] });

    await fake.clearRequests();
    const saved = await request(p.id, 'saveServiceTier', { default: 'fast', enabled: ['flex', 'fast'], before: start });
    assert.deepEqual(saved.result, { status: 'saved', fields: ['default', 'enabled'], current: { default: 'fast', enabled: ['flex', 'fast'] } });
    assert.deepEqual((await writes()).map((w) => w.body), [{ default: 'fast', enabled_tiers: ['flex', 'fast'] }]);
    assert.deepEqual((await keysAndTiers(p.id)).tiers, { default: 'fast', enabled_tiers: ['flex', 'fast'] });
    await rendered(p.id, (r) => rowsOf(r, 'serviceTier')[0]?.[1] === 'Fast', 'the saved default on screen');

    // Another admin turns every tier on; this panel still thinks [flex, fast] and changes the list: conflict.
    await v1('POST', `/organization/projects/${p.id}/service_tier_settings`, { enabled_tiers: 'all' });
    await fake.clearRequests();
    const stale = { default: 'fast' as const, enabled: ['fast' as const], before: { default: 'fast' as const, enabled: ['flex' as const, 'fast' as const] } };
    const conflict = await request(p.id, 'saveServiceTier', stale);
    assert.equal(conflict.result.status, 'conflict');
    assert.match((conflict.result as { messages: string[] }).messages[0]!, /enabled tiers are now all tiers/);
    assert.deepEqual(await writes(), []);
    // Only the default moved by this admin: the other admin's "all" stays.
    assert.equal((await request(p.id, 'saveServiceTier', { default: 'scale', enabled: ['flex', 'fast'], before: stale.before })).result.status, 'saved');
    assert.deepEqual((await keysAndTiers(p.id)).tiers, { default: 'scale', enabled_tiers: 'all' });

    await fake.clearRequests();
    const invalid = await request(p.id, 'saveServiceTier', { default: 'fast', enabled: [], before: { default: 'scale', enabled: 'all' } });
    assert.equal(invalid.result.status, 'invalid');
    for (const params of [{ default: 'turbo', enabled: 'all' }, { default: 'standard', enabled: ['warp'] }, { default: 'standard', enabled: 'some' }, { default: 'standard', enabled: 'all', before: null }]) {
      await assert.rejects(request(p.id, 'saveServiceTier', { before: { default: 'scale', enabled: 'all' }, ...params } as never), Error, JSON.stringify(params));
    }
    assert.deepEqual(await writes(), [], `nothing sent for bad input: ${describeRequests(await writes())}`);
  });
});

describe('project panel: the host acts only on what it offered that panel', function () {
  this.timeout(120_000);
  connectedToFake();
  let t: ExtensionTestApi;
  before(async () => { t = await api(); });
  after(() => t.projectPanel.close());
  const refused = /not one this panel shows|not offered by this panel's search/;

  it('a load names only the panel\'s own sections: `constructor` does not hand out the client', async () => {
    const p = await newProject();
    await vscode.commands.executeCommand('openaiAdmin.openProject', { projectId: p.id });
    await t.projectPanel.waitForRender(p.id, ready, 60_000);
    for (const sections of [['constructor'], ['toString'], ['__proto__'], ['overview', 'nope'], 'overview']) {
      await assert.rejects(t.projectPanel.request(p.id, 'load', { sections: sections as never }), /Unknown section/, JSON.stringify(sections));
    }
    const ok = await t.projectPanel.request(p.id, 'load', { sections: ['overview'] });
    assert.deepEqual(Object.keys(ok), ['overview']);
  });

  it('member, role, service account, key and alert ids from another project (or never offered) are refused; nothing is sent', async () => {
    const [p, other] = [await newProject(), await newProject()];
    const [mine, theirs, stranger] = await membersOutside(p.id, 3);
    await v1('POST', `/organization/projects/${p.id}/users`, { user_id: mine!.id, role: 'member' });
    await v1('POST', `/organization/projects/${other.id}/users`, { user_id: theirs!.id, role: 'member' });
    const sa = await v1<{ id: string; api_key: { id: string } }>('POST', `/organization/projects/${other.id}/service_accounts`, { name: 'elsewhere-bot' });
    const alert = await v1<{ id: string }>('POST', `/organization/projects/${other.id}/spend_alerts`, {
      threshold_amount: 10_000, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['ops@example.com'] },
    });
    await vscode.commands.executeCommand('openaiAdmin.openProject', { projectId: p.id });
    await t.projectPanel.waitForRender(p.id, ready, 60_000);
    const viewer = t.projectPanel.data(p.id)!.members!.roles.find((r) => r.name === 'Viewer')!;

    await fake.clearRequests();
    const attempts: Array<[string, unknown]> = [
      ['setMemberRole', { userId: theirs!.id, role: 'owner' }],
      ['removeMember', { userId: theirs!.id }],
      ['assignRole', { userId: theirs!.id, roleId: viewer.id }],
      ['assignRole', { userId: mine!.id, roleId: 'role_not_offered' }],
      ['unassignRole', { userId: mine!.id, roleId: 'role_not_offered' }],
      ['addMember', { userId: stranger!.id, role: 'member' }],
      ['deleteServiceAccount', { id: sa.id }],
      ['deleteApiKey', { id: sa.api_key.id }],
      ['saveApiKeys', { changes: [{ id: sa.api_key.id, name: 'x', body: { expires_in_seconds: 60 }, before: { expiresAt: null } }] }],
      ['deleteSpendAlert', { id: alert.id }],
    ];
    for (const [method, params] of attempts) {
      // No dialog may open either: the scripted user has no steps.
      await assert.rejects(request(method, params), refused, `${method} ${JSON.stringify(params)}`);
    }
    assert.deepEqual(await writes(), [], `sent: ${describeRequests(await writes())}`);
    const state = (await fakeState()).projectData;
    assert.deepEqual(state[other.id]!.members.map((m) => [m.id, m.role]), [[theirs!.id, 'member']]);
    assert.equal(state[other.id]!.serviceAccounts.length, 1);
    assert.equal(state[other.id]!.spendAlerts.length, 1);

    // What the panel does offer still works: the member its search found, the role it lists.
    const found = await t.projectPanel.request(p.id, 'searchMembers', { query: stranger!.email });
    assert.ok(found.members.some((m) => m.id === stranger!.id));
    await request('addMember', { userId: stranger!.id, role: 'member' });
    await request('assignRole', { userId: mine!.id, roleId: viewer.id });
    assert.deepEqual((await fakeState()).projectData[p.id]!.members.map((m) => m.id).sort(), [mine!.id, stranger!.id].sort());

    async function request(method: string, params: unknown) {
      const out = await asUser([], () => t.projectPanel.request(p.id, method as never, params as never));
      out.user.assertDone();
      return out.result;
    }
  });
});

