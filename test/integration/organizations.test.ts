// Several organizations in one window, against two fakes with different keys and data: each
// organization's folder shows its own fake's objects, a write from a row acts on that row's fake
// only, each fake sees only its own key, each status bar item follows its own fake, and removing
// an organization deletes its secret and brings the one-organization tree back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { api, env, fake } from './helpers';
import { asUser } from './ui';

interface Recorded { method: string; path: string; status: number; authorization?: string }

/** The second organization's fake (scripts/vscode/integration.mjs SECOND_FAKE_OPTIONS). */
const second = {
  url: () => env('OPENAI_ADMIN_FAKE2_URL'),
  key: () => env('OPENAI_ADMIN_FAKE2_KEY'),
  origin: () => new URL(env('OPENAI_ADMIN_FAKE2_URL')).origin,
};

async function call(origin: string, key: string, method: string, path: string): Promise<unknown> {
  const res = await fetch(`${origin}/v1${path}`, { method, headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200, `${method} ${path}`);
  return res.json();
}

async function projects(origin: string, key: string): Promise<{ id: string; name: string }[]> {
  const body = await call(origin, key, 'GET', '/organization/projects?limit=100&include_archived=true') as { data: { id: string; name: string }[] };
  return body.data;
}
const projectNames = async (origin: string, key: string) => (await projects(origin, key)).map((p) => p.name).sort();
const projectIds = async (origin: string, key: string) => (await projects(origin, key)).map((p) => p.id).sort();

/** What a fake recorded, with the keys replaced by which organization's they are (no assertion may print a key). */
async function recorded(origin: string): Promise<Recorded[]> {
  const res = await fetch(`${origin}/__fake/requests`);
  const body = await res.json() as Recorded[] | { requests?: Recorded[]; data?: Recorded[] };
  const records = Array.isArray(body) ? body : body.requests ?? body.data ?? [];
  const masked = JSON.stringify(records).split(fake.adminKey).join('<first key>').split(second.key()).join('<second key>');
  return JSON.parse(masked) as Recorded[];
}

/** The active projects' ids: the Projects folder lists those (archived ones are in its Archived folder). */
async function listedTruth(origin: string, key: string): Promise<string[]> {
  const body = await call(origin, key, 'GET', '/organization/projects?limit=100') as { data: { id: string }[] };
  return body.data.map((p) => p.id).sort();
}

const clearRecorded = (origin: string) => fetch(`${origin}/__fake/requests`, { method: 'DELETE' });

describe('several organizations', function () {
  this.timeout(120_000);
  let t: ExtensionTestApi;
  let secondId: string;

  before(async () => {
    t = await api();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
    const added = await vscode.commands.executeCommand<string | undefined>('openaiAdmin.addOrganization',
      { name: 'Second Org', key: second.key(), baseUrl: second.url() });
    assert.ok(added, 'the second organization was added');
    secondId = added!;
  });

  after(async () => {
    // Leave one organization for the suites after this one, whatever happened above.
    if (t.organizations.list().some((o) => o.id === secondId)) {
      await vscode.commands.executeCommand('openaiAdmin.removeOrganization', { organization: secondId, confirm: false });
    }
    t.projectPanel.close();
  });

  it('the tree has a folder per organization, each showing its own fake\'s projects', async () => {
    const roots = await t.treeChildren();
    assert.deepEqual(roots.map((r) => r.label), ['Organization', 'Second Org']);
    assert.deepEqual(roots.map((r) => r.contextValue), ['connection', 'connection']);
    const [a, b] = roots;
    assert.ok((await t.treeChildren(a!.id)).some((r) => r.id === `${a!.id}/projects`), 'the first folder holds the organization\'s folders');

    // Project rows' ids end in the project's id.
    const listed = async (root: string) => (await t.treeChildren(`${root}/projects`))
      .filter((r) => r.contextValue?.startsWith('project')).map((r) => r.id.split('/').pop()!).sort();
    const secondTruth = await projectIds(second.origin(), second.key());
    assert.deepEqual(await listed(b!.id), (await listedTruth(second.origin(), second.key())));
    const first = await listed(a!.id);
    const firstTruth = await projectIds(fake.origin(), fake.adminKey);
    assert.ok(first.length > 0 && first.every((id) => firstTruth.includes(id)), `the first folder shows the first fake's projects: ${first.join(', ')}`);
    assert.ok(!first.some((id) => secondTruth.includes(id) && !firstTruth.includes(id)), 'nothing of the second organization under the first');
  });

  it('a write from a row acts on that row\'s fake only, and each fake sees only its own key', async () => {
    await clearRecorded(fake.origin());
    await clearRecorded(second.origin());
    const rows = await t.treeChildren(`@${secondId}/projects`);
    const row = rows.find((r) => r.contextValue?.startsWith('project') && / active\b/.test(` ${r.contextValue}`) && r.label !== 'Default project')!;
    assert.ok(row, 'an active project in the second organization');
    const node = await t.treeNode(row.id);
    const name = `Renamed in the second org ${Date.now()}`;
    const { user } = await asUser([{ input: name }], () => vscode.commands.executeCommand('openaiAdmin.project.rename', node));
    assert.deepEqual(user.errors, [], 'no error shown');

    assert.ok((await projectNames(second.origin(), second.key())).includes(name), 'the second fake has the new name');
    assert.ok(!(await projectNames(fake.origin(), fake.adminKey)).includes(name), 'the first fake does not');
    const atFirst = await recorded(fake.origin());
    const atSecond = await recorded(second.origin());
    assert.ok(atSecond.some((r) => r.method === 'POST' && r.path.includes('/organization/projects/')), 'the rename reached the second fake');
    assert.ok(!atFirst.some((r) => r.method !== 'GET' && !r.path.startsWith('/__fake')), `no write reached the first fake: ${JSON.stringify(atFirst)}`);
    // The fakes' records (this test's own reads included) carry only their own organization's key.
    assert.ok(atSecond.length && atSecond.every((r) => !r.authorization || r.authorization === 'Bearer <second key>'), JSON.stringify(atSecond.map((r) => r.authorization)));
    assert.ok(atFirst.every((r) => !r.authorization || r.authorization === 'Bearer <first key>'), JSON.stringify(atFirst.map((r) => r.authorization)));
  });

  it('a Project panel opened from a row is that organization\'s, and its tab names it', async () => {
    const rows = await t.treeChildren(`@${secondId}/projects`);
    const row = rows.find((r) => r.contextValue?.startsWith('project'))!;
    const node = await t.treeNode(row.id);
    const projectId = node!.lookup('projectId')!;
    await vscode.commands.executeCommand('openaiAdmin.openProject', node);
    const report = await t.projectPanel.waitForRender(projectId, (r) => r.sections.overview?.status === 'data');
    assert.ok(report.sections.overview!.rows.flat().some((cell) => cell.includes(row.label)), 'the panel shows the second organization\'s project');
    assert.match(t.projectPanel.title(projectId) ?? '', /— Second Org$/);
  });

  it('each organization has its own status bar item, following its own fake\'s costs', async () => {
    await t.spendStatus.refresh(secondId);
    await t.spendStatus.refresh();
    const a = t.spendStatus.snapshot()!;
    const b = t.spendStatus.snapshot(secondId)!;
    assert.ok(a.visible && b.visible);
    assert.match(a.text, /^\$\(graph\) Organization: /);
    assert.match(b.text, /^\$\(graph\) Second Org: /);
    assert.notEqual(a.text.replace('Organization', ''), b.text.replace('Second Org', ''), 'two organizations, two amounts');
    assert.deepEqual((b.command?.arguments?.[0] as { organization?: string }).organization, secondId, 'a click opens Usage & Costs on that organization');

    // A spend limit the month passes, set at the second fake only: only the second item warns.
    const limit = async (origin: string, key: string, method: string, body?: unknown) => fetch(`${origin}/v1/organization/spend_limit`, {
      method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const firstLimit = await limit(fake.origin(), fake.adminKey, 'GET');
    await limit(fake.origin(), fake.adminKey, 'DELETE');
    await t.spendStatus.refresh();
    const firstWarning = t.spendStatus.snapshot()!.warning;
    try {
      assert.equal((await limit(second.origin(), second.key(), 'POST', { threshold_amount: 1, currency: 'USD', interval: 'month' })).status, 200);
      await t.spendStatus.refresh(secondId);
      await t.spendStatus.refresh();
      assert.equal(t.spendStatus.snapshot(secondId)!.warning, true, 'the second organization\'s forecast passes its $1 limit');
      assert.equal(t.spendStatus.snapshot()!.warning, firstWarning, 'the first organization\'s item follows its own fake only');
    } finally {
      await limit(second.origin(), second.key(), 'DELETE');
      if (firstLimit.ok) {
        const { threshold_amount } = await firstLimit.json() as { threshold_amount: number };
        await limit(fake.origin(), fake.adminKey, 'POST', { threshold_amount, currency: 'USD', interval: 'month' });
      }
    }
  });

  it('Usage & Costs for all organizations: one series per organization, the costs the sum of both fakes', async () => {
    await vscode.commands.executeCommand('openaiAdmin.openUsage', { organization: secondId });
    await t.usagePanel.waitForRender((r) => r.status === 'data' && r.selection.organization === secondId);
    assert.match(t.usagePanel.title() ?? '', /— Second Org$/, 'the tab names the organization');
    t.usagePanel.select({ organization: 'all', kind: 'costs', metric: 'amount', range: { preset: '30d' }, width: '1d', groupBy: [], filters: {} });
    await t.usagePanel.waitForRender((r) => r.status === 'data' && r.selection.organization === 'all');
    const data = t.usagePanel.lastData()!;
    const { view } = data;
    const costs = async (origin: string, key: string) => {
      let total = 0;
      let page: string | undefined;
      do {
        const q = new URLSearchParams({ start_time: String(view.start), end_time: String(view.end), bucket_width: '1d', limit: '180', ...(page ? { page } : {}) });
        const body = await call(origin, key, 'GET', `/organization/costs?${q}`) as { data: { results: { amount: { value: number } }[] }[]; has_more: boolean; next_page: string | null };
        total += body.data.reduce((sum, b) => sum + b.results.reduce((x, r) => x + r.amount.value, 0), 0);
        page = body.has_more && body.next_page ? body.next_page : undefined;
      } while (page);
      return total;
    };
    const [a, b] = [await costs(fake.origin(), fake.adminKey), await costs(second.origin(), second.key())];
    const near = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y));
    const byOrg = new Map(view.series.map((s) => [s.group.organization_id, s.totals.amount ?? 0]));
    assert.ok(near(byOrg.get('default')!, a), `the first organization's series ${byOrg.get('default')} ≠ its fake's ${a}`);
    assert.ok(near(byOrg.get(secondId)!, b), `the second organization's series ${byOrg.get(secondId)} ≠ its fake's ${b}`);
    assert.equal(view.currencies.length, 1, 'one currency');
    assert.ok(near(view.currencies[0]!.value, a + b), `combined ${view.currencies[0]!.value} ≠ ${a} + ${b}`);
    assert.deepEqual(data.organizations?.map((o) => [o.name, o.error]), [['Organization', undefined], ['Second Org', undefined]]);
    assert.match(t.usagePanel.title() ?? '', /— All organizations$/);
    t.usagePanel.close();
  });

  it('renaming changes the folder; removing deletes the key and brings the one-organization tree back', async () => {
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.renameOrganization', { organization: secondId, name: 'Staging' }), true);
    assert.deepEqual((await t.treeChildren()).map((r) => r.label), ['Organization', 'Staging']);
    assert.match(t.spendStatus.snapshot(secondId)!.text, /^\$\(graph\) Staging: /, 'the item follows the new name without reading again');
    assert.equal(await t.organizations.secretsOf(secondId), true);

    assert.equal(await vscode.commands.executeCommand('openaiAdmin.removeOrganization', { organization: secondId, confirm: false }), true);
    assert.deepEqual(t.organizations.list().map((o) => o.id), ['default']);
    assert.equal(await t.organizations.secretsOf(secondId), false, 'its secret is gone');
    assert.ok((await t.treeChildren()).some((r) => r.id === 'projects'), 'the tree is one organization\'s again, ids as before');
    await t.spendStatus.refresh();
    assert.match(t.spendStatus.snapshot()!.text, /^\$\(graph\) [^:]+ this month$/, 'the remaining item no longer names an organization');
  });
});
