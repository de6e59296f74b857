// Reliability in the real extension host: the slice of the fault matrix a user sees (error
// rows and their Retry, a failed command with its Retry), Members loaded to the end under random
// faults, and load: 100 folders expanded at once plus the usage dashboard at 50 ms latency with 5 %
// faults — bounded concurrency at the fake, nothing crashes, and the tree ends equal to the fake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi, TreeRow } from '../../src/extension';
import { api, eventually, fake } from './helpers';
import { connectedToFake, fakeState, freshNode, newProject, v1 } from './fixtures';
import { asUser } from './ui';

const special = (r: TreeRow) => r.id.split('/').pop()!.startsWith('~');
const errorRow = (rows: TreeRow[]) => rows.find((r) => r.contextValue === 'error');

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${fake.origin()}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path} → ${res.status}`);
  return res.json();
}

/** The first page (as the tree asks for it) of a list, straight from the fake. */
async function firstPageIds(path: string): Promise<string[]> {
  return (await v1<{ data: Array<{ id: string }> }>('GET', `${path}?limit=100`)).data.map((x) => x.id);
}

/** Presses Retry on a folder's error row until it loads (bounded: the faults are random, not permanent). */
async function settled(t: ExtensionTestApi, id: string): Promise<TreeRow[]> {
  for (let i = 0; i < 20; i++) {
    const rows = await t.treeChildren(id);
    if (!errorRow(rows)) return rows;
    await vscode.commands.executeCommand('openaiAdmin.retryNode', id);
  }
  throw new Error(`${id} still fails after 20 retries`);
}

describe('reliability: faults, paging and load in the extension host', function () {
  this.timeout(180_000);
  connectedToFake();
  let t: ExtensionTestApi;
  before(async () => { t = await api(); });
  afterEach(async () => { await control('POST', '/__fake/latency', { latencyMs: 0 }); });
  after(() => t.usagePanel.close());

  it('a folder whose connection breaks shows a clear error row with Retry; the others keep working; Retry recovers', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.setFaults({ path: '^/organization/invites$', kind: 'reset' });
    const failed = await t.treeChildren('invites');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.label, /^Couldn't load invites — Network error \(connection reset\): /);
    assert.equal(failed[0]!.command, 'openaiAdmin.retryNode');
    assert.ok((await t.treeChildren('roles')).filter((r) => !special(r)).length > 0, 'another folder stopped working');
    await fake.clearFaults();
    await vscode.commands.executeCommand('openaiAdmin.retryNode', 'invites');
    assert.equal(errorRow(await t.treeChildren('invites')), undefined);
  });

  it('a failed command says why and offers Retry, which sends it again once', async () => {
    const p = await newProject();
    const row = await freshNode(`projects/${p.id}`);
    await fake.setFaults({ method: 'POST', path: `^/organization/projects/${p.id}$`, kind: 'status', status: 503, times: 1 });
    await fake.clearRequests();
    const shown: Array<{ text: string; items: unknown[] }> = [];
    await asUser([{ input: 'Renamed after a retry' }], () => {
      // Press Retry on the error notification (asUser answers the input box and restores this afterwards).
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = async (text: string, ...items: unknown[]) => {
        shown.push({ text, items });
        return items.includes('Retry') ? 'Retry' : undefined;
      };
      return vscode.commands.executeCommand('openaiAdmin.project.rename', row);
    });
    await eventually(async () => (await fakeState()).projects.find((x) => x.id === p.id)?.name === 'Renamed after a retry', 10_000, 'the retried rename');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0]!.text, /^Renaming project “.+” failed: 503 /);
    const renames = (await fake.requests()).filter((r) => r.method === 'POST' && r.path === `/organization/projects/${p.id}`);
    assert.deepEqual(renames.map((r) => r.status), [503, 200], 'the POST is sent again only because Retry was pressed');
  });

  it('Members under random faults, loaded to the end with Load more… and Retry: exactly the fake\'s members, in order', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.setFaults([
      { path: '^/organization/users$', kind: 'status', status: 503, probability: 0.3 },
      { path: '^/organization/users$', kind: 'malformed', probability: 0.2 },
    ]);
    let rows: TreeRow[] = [];
    for (let round = 0; round < 60; round++) {
      rows = await t.treeChildren('members');
      const last = rows[rows.length - 1];
      if (last?.contextValue === 'error') await vscode.commands.executeCommand('openaiAdmin.retryNode', 'members');
      else if (last?.contextValue === 'loadMore') await vscode.commands.executeCommand('openaiAdmin.loadMore', 'members');
      else break;
    }
    await fake.clearFaults();
    const users = (await fakeState()).users.map((u) => `members/${u.id}`);
    assert.deepEqual(rows.filter((r) => !special(r)).map((r) => r.id), users);
  });

  it('load: 100 folders at once and a dashboard refresh at 50 ms with 5 % faults — at most maxConcurrentRequests in flight, then the tree equals the fake', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const projects = (await t.treeChildren('projects')).filter((r) => r.contextValue === 'project active').slice(0, 20);
    assert.equal(projects.length, 20);
    const kinds = ['users', 'serviceAccounts', 'apiKeys', 'rateLimits', 'hostedTools'];
    const folders = projects.flatMap((p) => kinds.map((k) => `${p.id}/${k}`));
    const limit = vscode.workspace.getConfiguration('openaiAdmin').get<number>('maxConcurrentRequests')!;
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    await t.usagePanel.waitForRender(() => true, 60_000);

    await control('POST', '/__fake/latency', { latencyMs: 50 });
    await fake.setFaults([
      { path: '.*', kind: 'status', status: 503, retryAfterMs: 10, probability: 0.02 },
      { path: '.*', kind: 'status', status: 429, retryAfterMs: 10, probability: 0.01 },
      { path: '.*', kind: 'reset', probability: 0.01 },
      { path: '.*', kind: 'truncated', probability: 0.01 },
    ]);
    // The dashboard's names read project and key lists into the org store, which the folders would
    // then show without a request: forget them, so each folder reads its own list under the faults.
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests(); // also resets maxInFlight
    t.usagePanel.select({ kind: 'completions', range: { preset: '30d' }, groupBy: ['project_id'] });
    const results = await Promise.allSettled(folders.map((id) => t.treeChildren(id)));
    await t.usagePanel.waitForRender((r) => r.selection.kind === 'completions', 90_000);
    const stats = await control('GET', '/__fake/stats') as { maxInFlight: number; total: number };
    await fake.clearFaults();
    await control('POST', '/__fake/latency', { latencyMs: 0 });

    assert.deepEqual(results.filter((r) => r.status === 'rejected'), [], 'an expansion threw');
    assert.ok(stats.total >= folders.length, `only ${stats.total} requests reached the fake`);
    // The fake counts a request until its response's 'close' event, a moment after the client has read
    // the answer (or given up on a broken connection) and handed its slot to the next request: it can
    // see one more than the client ever had. The exact cap is checked against a server of our own in
    // test/unit/api/connection.test.ts.
    assert.ok(stats.maxInFlight <= limit + 1, `${stats.maxInFlight} requests in flight at once, limit ${limit}`);
    assert.ok(stats.maxInFlight >= Math.min(limit, 4), `only ${stats.maxInFlight} in flight: the load did not load`);

    for (const id of folders) {
      const rows = await settled(t, id);
      const [, pid, kind] = id.split('/');
      if (kind === 'hostedTools') {
        const tools = await v1<Record<string, { enabled: boolean } | null>>('GET', `/organization/projects/${pid}/hosted_tool_permissions`);
        for (const r of rows) assert.equal(r.description, tools[r.id.split('/').pop()!]?.enabled ? 'on' : 'off', r.id);
        continue;
      }
      const path = { users: 'users', serviceAccounts: 'service_accounts', apiKeys: 'api_keys', rateLimits: 'rate_limits' }[kind!]!;
      assert.deepEqual(rows.filter((r) => !special(r)).map((r) => r.id.split('/').pop()), await firstPageIds(`/organization/projects/${pid}/${path}`), id);
    }
    t.usagePanel.select({ kind: 'costs', range: { preset: '7d' }, groupBy: [] });
    const clean = await t.usagePanel.waitForRender((r) => r.selection.kind === 'costs', 60_000);
    assert.equal(clean.status, 'data', `the dashboard did not recover: ${clean.error}`);
  });
});
