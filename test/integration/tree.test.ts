import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeRow } from '../../src/extension';
import { api, fake } from './helpers';

/** Ground truth straight from the fake's API (every page), not through the extension. */
async function listAll<T extends { id?: string }>(path: string, query = ''): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const url = `${fake.url()}${path}?limit=100${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${fake.adminKey}` } });
    assert.equal(res.status, 200, `${path} → ${res.status}`);
    const body = await res.json() as { data: T[]; has_more: boolean; last_id?: string; next?: string };
    out.push(...body.data);
    if (!body.has_more) return out;
    after = body.next ?? body.last_id ?? out[out.length - 1].id;
  }
}

const rows = async (id?: string): Promise<TreeRow[]> => (await api()).treeChildren(id);
const real = (r: TreeRow[]) => r.filter((row) => !row.id.split('/').pop()!.startsWith('~'));

describe('organization explorer tree', function () {
  this.timeout(60_000);

  before(async () => {
    await fake.clearFaults();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
  });
  afterEach(async () => { await fake.clearFaults(); });
  after(async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
  });

  it('shows the organization folders at the top level', async () => {
    assert.deepEqual((await rows()).map((r) => r.label), [
      'Projects', 'Members', 'Invites', 'Groups', 'Roles', 'Admin API Keys', 'Certificates', 'Workload Identity', 'External Keys',
      'External Storage', 'Audit Log', 'Spend Limit & Alerts', 'Data Retention',
    ]);
  });

  it('lists active projects in API order under Projects, archived ones only in "Archived", loaded when opened', async () => {
    const active = await listAll<{ id: string; name: string }>('/organization/projects');
    await fake.clearRequests();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const projectRows = await rows('projects');
    assert.equal(projectRows[0].label, 'Archived');
    const shown = real(projectRows).slice(1).filter((r) => r.contextValue?.startsWith('project'));
    assert.deepEqual(shown.map((r) => r.id), active.slice(0, 100).map((p) => `projects/${p.id}`));
    assert.ok(!(await fake.requests()).some((r) => /include_archived=true/.test(r.path + ((r as { query?: string }).query ?? ''))),
      'archived projects were fetched before the folder was opened');

    const archived = (await listAll<{ id: string; status: string }>('/organization/projects', '&include_archived=true'))
      .filter((p) => p.status === 'archived');
    const archivedRows = real(await rows('projects/archived'));
    assert.deepEqual(archivedRows.map((r) => r.id), archived.map((p) => `projects/archived/${p.id}`));
    for (const r of archivedRows) assert.match(r.description ?? '', /archived/);
  });

  it('shows every folder of a project, and its users with their roles', async () => {
    const [project] = await listAll<{ id: string }>('/organization/projects');
    const folders = await rows(`projects/${project.id}`);
    assert.deepEqual(folders.map((r) => r.label), [
      'Users', 'Service Accounts', 'API Keys', 'Rate Limits', 'Model Permissions', 'Hosted Tool Permissions', 'Groups', 'Roles',
      'Spend Limit & Alerts', 'Data Retention', 'Certificates', 'Service Tier',
    ]);
    const users = await listAll<{ id: string; role: string; email: string }>(`/organization/projects/${project.id}/users`);
    const userRows = real(await rows(`projects/${project.id}/users`));
    assert.equal(userRows.length, Math.min(users.length, 100));
    users.slice(0, 100).forEach((u, i) => {
      assert.equal(userRows[i].id, `projects/${project.id}/users/${u.id}`);
      assert.ok(userRows[i].description?.startsWith(u.role), `row ${i} description ${userRows[i].description} lacks role ${u.role}`);
    });

    const tools = await rows(`projects/${project.id}/hostedTools`);
    assert.deepEqual(tools.map((r) => r.label), ['Code interpreter', 'File search', 'Image generation', 'MCP', 'Web search']);
    for (const t of tools) assert.match(t.description ?? '', /^(on|off)$/);
  });

  it('pages Members with "Load more…" across three pages, losing and repeating nothing', async () => {
    const members = await listAll<{ id: string }>('/organization/users');
    assert.ok(members.length > 200, `the fake needs > 200 members for this test, has ${members.length}`);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    let memberRows = await rows('members');
    assert.equal(real(memberRows).length, 100);
    assert.equal(memberRows.at(-1)?.label, 'Load more…');
    assert.equal(memberRows.at(-1)?.command, 'openaiAdmin.loadMore');
    for (let page = 2; memberRows.at(-1)?.label === 'Load more…'; page++) {
      assert.ok(page <= 10, 'Load more never ends');
      await vscode.commands.executeCommand('openaiAdmin.loadMore', 'members');
      memberRows = await rows('members');
    }
    assert.deepEqual(real(memberRows).map((r) => r.id), members.map((m) => `members/${m.id}`));
    const requests = (await fake.requests()).filter((r) => r.path.startsWith('/organization/users'));
    assert.equal(requests.length, Math.ceil(members.length / 100), 'each page is requested exactly once');
  });

  it('merges concurrent loads of the same folder into one request', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const [a, b] = await Promise.all([rows('roles'), rows('roles')]);
    assert.deepEqual(a.map((r) => r.id), b.map((r) => r.id));
    const roleRequests = (await fake.requests()).filter((r) => r.method === 'GET' && r.path.startsWith('/organization/roles'));
    assert.equal(roleRequests.length, 1);
  });

  it('shows an error row with Retry when a folder fails, keeps the rest working, and recovers', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.setFaults({ path: '^/organization/invites$', kind: 'status', status: 503 });
    const failed = await rows('invites');
    assert.equal(failed.length, 1);
    assert.match(failed[0].label, /^Couldn't load invites — 503/);
    assert.equal(failed[0].command, 'openaiAdmin.retryNode');
    assert.equal(failed[0].contextValue, 'error');

    assert.ok(real(await rows('roles')).length > 0, 'another folder stopped working');

    await fake.clearFaults();
    await vscode.commands.executeCommand('openaiAdmin.retryNode', 'invites');
    const recovered = await rows('invites');
    assert.ok(recovered.every((r) => r.contextValue !== 'error'), 'the error row is still there after retry');
    const invites = await listAll<{ id: string }>('/organization/invites');
    assert.deepEqual(real(recovered).filter((r) => r.contextValue?.startsWith('invite')).map((r) => r.id),
      invites.slice(0, 100).map((i) => `invites/${i.id}`));
  });

  it('keeps ids stable across a refresh (expansion state survives)', async () => {
    const before = (await rows('projects')).map((r) => r.id);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const afterRefresh = (await rows('projects')).map((r) => r.id);
    assert.deepEqual(afterRefresh, before);
  });

  it('escapes API text in tooltips: no live links, no HTML', async () => {
    const all = await rows('members');
    for (const r of all) {
      const tip = r.tooltip ?? '';
      assert.ok(!/(^|[^\\])\[[^\]]*\]\((command|javascript):/.test(tip), `unescaped link in tooltip of ${r.id}: ${tip.slice(0, 200)}`);
    }
  });
});
