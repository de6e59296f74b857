// The Access Review in the real extension host against the fake: opened from its command, it reads
// the organization (Load Organization) and its rows equal the fake's state; the webview draws a
// virtualized window of them; a write made in the tree (Remove from Project) shows in the open
// review without a Refresh; CSV export writes what the query keeps; the host refuses requests for
// anything the review does not list.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import type { ReviewRow } from '../../src/model/review/types';
import type { AccessReviewReport } from '../../src/webviews/accessReview/protocol';
import { parseCsv } from '../unit/model/csv';
import { api } from './helpers';
import { connectedToFake, describeRequests, fakeState, freshNode, runAsUser, writes } from './fixtures';

interface StateJson {
  users: Array<{ id: string; name: string; email: string; role: string }>;
  projects: Array<{ id: string; name: string; status: string }>;
  projectData: Record<string, {
    members: Array<{ id: string; role: string }>;
    serviceAccounts: Array<{ id: string; name: string; role: string }>;
    apiKeys: Array<{ id: string; owner: { type: string; id: string } }>;
  }>;
  groups: Array<{ id: string; name: string }>;
  groupMembers: Record<string, Array<{ id: string }>>;
  invites: Array<{ id: string; email: string; role: string; status: string; projects: Array<{ id: string; role: string }> }>;
}

/** Each row as the fake's state says it should be: key → [kind, name, email, org role, projects, groups, keys]. */
async function truth(): Promise<Map<string, string>> {
  const s = await fakeState() as unknown as StateJson;
  const rows = new Map<string, { kind: string; name: string; email: string; role: string; projects: string[]; groups: string[]; keys: string[] }>();
  for (const u of s.users) rows.set(`member:${u.id}`, { kind: 'member', name: u.name, email: u.email, role: u.role, projects: [], groups: [], keys: [] });
  for (const g of s.groups) for (const m of s.groupMembers[g.id] ?? []) rows.get(`member:${m.id}`)?.groups.push(g.name);
  for (const p of s.projects.filter((x) => x.status === 'active')) {
    const d = s.projectData[p.id]!;
    for (const m of d.members) rows.get(`member:${m.id}`)?.projects.push(`${p.id}:${m.role}`);
    for (const sa of d.serviceAccounts) rows.set(`serviceAccount:${p.id}/${sa.id}`, { kind: 'serviceAccount', name: sa.name, email: '', role: '', projects: [`${p.id}:${sa.role}`], groups: [], keys: [] });
    const members = new Set(d.members.map((m) => m.id));
    for (const k of d.apiKeys) {
      // Keys of owners who left the project are not in its key list (owner_project_access: inactive).
      if (k.owner.type === 'user' && members.has(k.owner.id)) rows.get(`member:${k.owner.id}`)?.keys.push(k.id);
      if (k.owner.type === 'service_account') rows.get(`serviceAccount:${p.id}/${k.owner.id}`)?.keys.push(k.id);
    }
  }
  for (const i of s.invites.filter((x) => x.status === 'pending')) {
    rows.set(`invite:${i.id}`, { kind: 'invite', name: '', email: i.email, role: i.role, projects: i.projects.map((p) => `${p.id}:${p.role}`), groups: [], keys: [] });
  }
  return new Map([...rows].map(([k, r]) => [k, JSON.stringify([r.kind, r.name, r.email, r.role, r.projects.sort(), r.groups.sort(), r.keys.sort()])]));
}

const shown = (r: ReviewRow) => JSON.stringify([r.kind, r.name, r.email, r.orgRole, r.projects.map((p) => `${p.projectId}:${p.role}`).sort(), r.groups.map((g) => g.name).sort(), r.keys.map((k) => k.id).sort()]);

describe('Access Review', function () {
  this.timeout(240_000);
  connectedToFake();
  let t: ExtensionTestApi;
  before(async () => { t = await api(); });
  // Each test works on the open review (the command reveals it when it is open already).
  beforeEach(async () => {
    await vscode.commands.executeCommand('openaiAdmin.openAccessReview');
    await whole();
  });
  after(() => t.accessReview.close());

  /** Every row of the panel for a query, read through the webview's own window requests. */
  async function allRows(query = {}): Promise<ReviewRow[]> {
    const out: ReviewRow[] = [];
    for (let start = 0; ; start += 500) {
      const win = await t.accessReview.request('rows', { query, start, count: 500 });
      out.push(...win.rows);
      if (out.length >= win.total) return out;
    }
  }

  const settled = (r: AccessReviewReport) => r.total > 0 && r.rows.length > 0 && !r.status.some((s) => s.startsWith('Loading'));

  /** Waits until the host has read the whole organization and the webview has drawn that version. */
  async function whole(timeoutMs = 180_000, after = 0): Promise<AccessReviewReport> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status } = await t.accessReview.request('init', {});
      const c = status.coverage;
      if (status.version > after && !status.loading && c.members && c.invites && c.projects && c.projectsRead === c.projectCount && c.groupsRead === c.groupCount) {
        return t.accessReview.waitForRender((r) => r.version >= status.version && settled(r), 30_000);
      }
      if (Date.now() > deadline) throw new Error(`the review never became whole: ${JSON.stringify(status)}; log: ${t.logLines().slice(-10).join(' / ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('opens from its command, reads the organization, and its rows equal the fake\'s; the webview draws a window of them', async () => {
    await vscode.commands.executeCommand('openaiAdmin.openAccessReview');
    const report = await whole();
    const want = await truth();
    const rows = await allRows();
    assert.equal(rows.length, want.size, 'one row per member, pending invite and service account');
    for (const row of rows) assert.equal(shown(row), want.get(row.key), row.key);

    assert.deepEqual(report.cspViolations, []);
    assert.deepEqual(report.header, ['Name', 'Email', 'Kind', 'Org role', 'Projects', 'Groups', 'API keys', 'Last key use', 'Next key expiry']);
    assert.deepEqual(report.sort, ['Name', 'ascending']);
    assert.equal(report.total, rows.length);
    assert.ok(report.rowElements > 0 && report.rowElements < rows.length, `virtualized: ${report.rowElements} row elements for ${rows.length} rows`);
    assert.match(report.status[0]!, /^as of \d{1,2}:\d\d/);
    // What the page drew is the host's first rows, in order.
    const label = (r: ReviewRow) => r.name || r.email || r.id;
    assert.deepEqual(report.rows.map((cells) => cells[0]), rows.slice(0, report.rows.length).map((r) => label(r).trim()));
    assert.equal(t.accessReview.html()?.includes("default-src 'none'"), true);
  });

  it('a member removed from a project in the tree leaves the open review\'s rows for that project, keys included, without a Refresh', async () => {
    const rows = await allRows();
    const member = rows.find((r) => r.kind === 'member' && r.keys.length > 0 && r.projects.some((p) => r.keys.some((k) => k.projectId === p.projectId)))!;
    assert.ok(member, 'a member owning a key in one of their projects');
    const project = member.projects.find((p) => member.keys.some((k) => k.projectId === p.projectId))!;

    const v0 = (await t.accessReview.request('init', {})).status.version;
    const node = await freshNode(`projects/${project.projectId}/users/${member.id}`);
    // The tree's Refresh (freshNode) made the review read everything again: the write must be all that changes now.
    const before = await whole(180_000, v0);
    assert.ok((await allRows()).find((r) => r.key === member.key)!.projects.some((p) => p.projectId === project.projectId));
    await runAsUser('openaiAdmin.projectUser.remove', [{ confirm: true }], node);
    assert.deepEqual((await writes()).map((w) => `${w.method} ${w.path}`), [`DELETE /organization/projects/${project.projectId}/users/${member.id}`], describeRequests(await writes()));

    // The webview hears of it and draws again.
    await t.accessReview.waitForRender((r) => r.version > before.version && settled(r), 30_000);
    await whole(60_000);
    const deadline = Date.now() + 30_000;
    let now: ReviewRow | undefined;
    while (Date.now() < deadline) {
      now = (await t.accessReview.request('rows', { query: { search: member.id }, start: 0, count: 10 })).rows.find((r) => r.key === member.key);
      if (now && !now.keys.some((k) => k.projectId === project.projectId)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(now);
    assert.deepEqual(now.projects.map((p) => p.projectId).filter((id) => id === project.projectId), [], 'the project is gone from the member\'s row');
    assert.deepEqual(now.keys.filter((k) => k.projectId === project.projectId), [], 'their keys there left the project\'s key list');
    // And the whole review still equals the fake.
    const want = await truth();
    for (const row of await allRows()) assert.equal(shown(row), want.get(row.key), row.key);
  });

  it('filters and sorts on the host; Export CSV writes the rows the query keeps, in its order', async () => {
    const rows = await allRows();
    const p = rows.find((r) => r.kind === 'serviceAccount')!.projects[0]!;
    const query = { projectId: p.projectId, sort: { column: 'keys' as const, direction: 'desc' as const } };
    const inProject = await allRows(query);
    assert.deepEqual(inProject.map((r) => r.key).sort(), rows.filter((r) => r.projects.some((a) => a.projectId === p.projectId)).map((r) => r.key).sort());
    for (let i = 1; i < inProject.length; i++) assert.ok(inProject[i - 1]!.keys.length >= inProject[i]!.keys.length);

    const file = join(mkdtempSync(join(tmpdir(), 'oae-review-')), 'review.csv');
    assert.equal(await t.accessReview.exportTo(file, query), true);
    const csv = parseCsv(readFileSync(file, 'utf8'));
    assert.equal(csv.length, inProject.length + 1);
    assert.deepEqual(csv.slice(1).map((line) => line[1]), inProject.map((r) => r.id));
  });

  it('refuses what the review does not list, and bad queries; nothing is sent', async () => {
    const refused = async (method: Parameters<ExtensionTestApi['accessReview']['request']>[0], params: unknown, pattern: RegExp) => {
      await assert.rejects(t.accessReview.request(method, params as never), pattern);
    };
    await refused('openProject', { projectId: 'proj_not_in_this_org' }, /Not a project of this review/);
    await refused('openProject', { projectId: '../../v1/organization/users' }, /Not a project of this review/);
    await refused('reveal', { kind: 'member', id: 'user_nobody' }, /Not a row of this review/);
    await refused('rows', { query: { sort: { column: 'constructor', direction: 'asc' } }, start: 0, count: 10 }, /Unknown sort column/);
    await refused('rows', { query: { evil: true }, start: 0, count: 10 }, /Unknown query field/);
    await refused('rows', { query: {}, start: 0, count: 100_000 }, /count must be/);
    await refused('rows', { query: { search: 'x'.repeat(500) }, start: 0, count: 10 }, /at most 200/);
    assert.deepEqual(await writes(), []);
  });
});
