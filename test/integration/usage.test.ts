// The Usage & Costs panel in the real extension host against the fake: it opens (palette, tree row,
// project menu), draws the fake's numbers, follows range/grouping changes, exports a CSV whose numbers
// are the fake's, shows API errors as text, and stops its requests when closed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import type { RenderedReport } from '../../src/webviews/usage/protocol';
import { parseCsv } from '../unit/model/csv';
import { freshNode, runAsUser, v1 } from './fixtures';
import { api, eventually, EXTENSION_ID, fake } from './helpers';

interface Bucket {
  start_time: number;
  results: Record<string, unknown>[];
}

/** Every bucket of a usage/costs query, straight from the fake (not through the extension). */
async function rawBuckets(path: string, query: Record<string, string | number | string[]>): Promise<Bucket[]> {
  const out: Bucket[] = [];
  let page: string | undefined;
  for (;;) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, String(x));
    if (page) params.set('page', page);
    const res = await fetch(`${fake.url()}${path}?${params}`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
    assert.equal(res.status, 200, `${path} → ${res.status}`);
    const body = await res.json() as { data: Bucket[]; has_more: boolean; next_page: string | null };
    out.push(...body.data);
    if (!body.has_more || !body.next_page) return out;
    page = body.next_page;
  }
}

const sum = (buckets: Bucket[], field: (r: Record<string, unknown>) => number) =>
  buckets.reduce((s, b) => s + b.results.reduce((t, r) => t + field(r), 0), 0);
const amount = (r: Record<string, unknown>) => (r.amount as { value: number }).value;
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function usageTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('openaiAdmin.usage'));
}

describe('usage & costs panel', function () {
  this.timeout(90_000);
  let t: ExtensionTestApi;
  const rendered = (accept: (r: RenderedReport) => boolean) => t.usagePanel.waitForRender(accept, 30_000);

  before(async () => {
    t = await api();
    await fake.clearFaults();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
  });
  afterEach(async () => {
    await fake.clearFaults();
  });
  after(async () => {
    t.usagePanel.close();
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
  });

  it('opens from the palette command and draws the fake\'s costs per project, named', async () => {
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    // The chart may be drawn with ids first; the names follow from the org store.
    const report = await rendered((r) => r.status !== 'error' && r.tableRows.every((row) => !row[0]!.startsWith('proj_')));
    assert.ok(usageTab(), 'a Usage & Costs editor tab is open');
    assert.equal(usageTab()!.label, 'Usage & Costs');
    assert.equal(report.status, 'data');
    assert.deepEqual(report.cspViolations, [], 'the page loads within its Content-Security-Policy');
    assert.equal(report.selection.kind, 'costs');
    assert.deepEqual(report.selection.groupBy, ['project_id']);

    const view = t.usagePanel.lastData()!.view;
    const raw = await rawBuckets('/organization/costs', { start_time: view.start, end_time: view.end, bucket_width: '1d', group_by: 'project_id', limit: 180 });
    assert.equal(view.buckets.length, raw.length, 'every bucket of the range, zeros included');
    assert.ok(near(view.totals.amount!, sum(raw, amount)), `total ${view.totals.amount} ≠ fake ${sum(raw, amount)}`);

    // The table on screen: one row per project with costs, names (not ids), and the fake's total.
    const projects = new Set(raw.flatMap((b) => b.results.map((r) => r.project_id as string)));
    assert.equal(report.tableRows.length, projects.size);
    assert.deepEqual(report.tableHead.slice(0, 2), ['Project', 'Cost']);
    assert.ok(report.tableRows.every((row) => !row[0]!.startsWith('proj_')), 'rows show project names');
    assert.ok(report.legend.length > 0 && report.legend.length <= 10);
    assert.ok(report.summary.some((s) => s.startsWith('Total cost') && s.includes('$')), report.summary.join(' | '));
    const dollars = Number(report.summary.find((s) => s.startsWith('Total cost'))!.match(/\$([\d,]+\.\d\d)/)![1]!.replace(/,/g, ''));
    assert.ok(Math.abs(dollars - sum(raw, amount)) < 0.01, `summary shows ${dollars}, fake says ${sum(raw, amount)}`);
  });

  it('changes range and grouping: 7 days by line item, then completions by model, hourly over 24 hours', async () => {
    t.usagePanel.select({ range: { preset: '7d' }, groupBy: ['line_item'] });
    let report = await rendered((r) => r.selection.range.preset === '7d' && r.selection.groupBy.join() === 'line_item');
    let view = t.usagePanel.lastData()!.view;
    assert.equal(view.buckets.length, 8);
    assert.equal(report.tableHead[0], 'Line item');
    const lines = await rawBuckets('/organization/costs', { start_time: view.start, end_time: view.end, group_by: 'line_item', limit: 180 });
    assert.equal(report.tableRows.length, new Set(lines.flatMap((b) => b.results.map((r) => r.line_item))).size);
    assert.ok(near(view.totals.amount!, sum(lines, amount)));
    assert.ok(report.tableHead.includes('Quantity (per line item)'), 'quantity is shown per line item');

    t.usagePanel.select({ kind: 'completions', range: { preset: '24h' }, width: '1h', groupBy: ['model'], metric: 'input_tokens' });
    report = await rendered((r) => r.selection.kind === 'completions' && r.selection.width === '1h' && r.status !== 'error');
    view = t.usagePanel.lastData()!.view;
    assert.equal(view.buckets.length, 25);
    assert.equal(view.buckets[1]! - view.buckets[0]!, 3_600);
    const raw = await rawBuckets('/organization/usage/completions', { start_time: view.start, end_time: view.end, bucket_width: '1h', group_by: 'model', limit: 168 });
    assert.ok(near(view.totals.input_tokens!, sum(raw, (r) => r.input_tokens as number)));
    assert.equal(report.tableHead[0], 'Model');
    assert.equal(report.tableHead[1], 'Input tokens', 'the selected metric is the first number column');

    // A range without usage says so, and still has every (zero) bucket.
    t.usagePanel.select({ range: { preset: 'custom', from: '2015-03-01', to: '2015-03-07' }, width: '1d', groupBy: [] });
    report = await rendered((r) => r.selection.range.preset === 'custom' && r.status !== 'error');
    assert.equal(report.status, 'empty');
    view = t.usagePanel.lastData()!.view;
    assert.equal(view.buckets.length, 7);
    assert.deepEqual(view.series.map((s) => s.values.input_tokens), [[0, 0, 0, 0, 0, 0, 0]]);
  });

  it('exports the view as CSV whose rows add up to the fake\'s numbers', async () => {
    t.usagePanel.select({ kind: 'embeddings', range: { preset: '30d' }, width: '1d', groupBy: ['project_id', 'model'] });
    await rendered((r) => r.selection.kind === 'embeddings' && r.selection.groupBy.length === 2 && r.status !== 'error');
    const view = t.usagePanel.lastData()!.view;
    const dir = mkdtempSync(join(tmpdir(), 'usage-export-'));
    try {
      const file = join(dir, 'usage.csv');
      assert.equal(await t.usagePanel.exportTo(file, 'csv'), true);
      const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
      assert.deepEqual(header, ['bucket_start', 'bucket_end', 'project_id', 'project_name', 'model', 'input_tokens', 'num_model_requests']);
      assert.equal(rows.length, view.buckets.length * view.series.length);
      const raw = await rawBuckets('/organization/usage/embeddings', { start_time: view.start, end_time: view.end, group_by: ['project_id', 'model'], limit: 31 });
      for (const field of ['input_tokens', 'num_model_requests']) {
        const col = header!.indexOf(field);
        assert.equal(rows.reduce((s, r) => s + Number(r[col]), 0), sum(raw, (r) => r[field] as number), field);
      }
      const perBucket = new Map<string, number>();
      for (const r of rows) perBucket.set(r[0]!, (perBucket.get(r[0]!) ?? 0) + Number(r[5]));
      raw.forEach((b) => assert.equal(perBucket.get(new Date(b.start_time * 1000).toISOString()), sum([b], (r) => r.input_tokens as number)));

      const json = join(dir, 'usage.json');
      assert.equal(await t.usagePanel.exportTo(json, 'json'), true);
      const parsed = JSON.parse(readFileSync(json, 'utf8')) as { kind: string; totals: Record<string, number> };
      assert.equal(parsed.kind, 'embeddings');
      assert.equal(parsed.totals.input_tokens, sum(raw, (r) => r.input_tokens as number));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens pre-filtered to a project from the project\'s context menu, and from the Organization view\'s title (not a tree row)', async () => {
    const roots = await t.treeChildren();
    assert.ok(!roots.some((r) => r.label === 'Usage & Costs' || r.command), 'no tree row runs a command');
    const titleMenu = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> } }).contributes.menus['view/title'];
    const action = titleMenu.find((m) => m.command === 'openaiAdmin.openUsage');
    assert.match(action?.when ?? '', /view == openaiAdmin\.explorer/);
    assert.match(action?.group ?? '', /^navigation/);

    const projectRow = (await t.treeChildren('projects')).find((r) => r.contextValue?.startsWith('project'))!;
    const node = await t.treeNode(projectRow.id);
    const projectId = projectRow.id.split('/').pop()!;
    // Hide the panel behind another editor: its webview stops, and the filter must wait for its restart.
    const doc = await vscode.workspace.openTextDocument({ content: 'hides the panel' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await eventually(() => !(usageTab()?.isActive ?? false), 5_000, 'the panel is hidden');
    await fake.clearRequests();
    await vscode.commands.executeCommand('openaiAdmin.openUsage', node);
    const report = await rendered((r) => r.selection.filters.project_ids?.join() === projectId && r.status !== 'error');
    assert.equal(usageTab()?.isActive, true, 'the panel is shown again');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('openaiAdmin.usage')).length, 1, 'the open panel is reused');
    const asked = (await fake.requests()).filter((r) => /\/organization\/usage\/embeddings/.test(r.path));
    assert.ok(asked.length > 0);
    const lastData = t.usagePanel.lastData()!;
    assert.ok(lastData.view.series.every((s) => s.group.project_id === projectId), 'only that project');
    assert.equal(report.tableRows.length, lastData.view.series.length);
  });

  it('loads with a strict Content-Security-Policy and a fresh nonce each time', async () => {
    const csp = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replace(/&#39;|&apos;/g, "'") ?? '';
    const first = t.usagePanel.html()!;
    const policy = csp(first);
    // Styles, fonts and images only from the extension's own files (webview.cspSource); nothing else.
    const cspSource = /style-src ([^;]+)/.exec(policy)?.[1] ?? '';
    assert.equal(policy, `default-src 'none'; script-src 'nonce-${/'nonce-([A-Za-z0-9+/=]{16,})'/.exec(policy)?.[1]}'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource}`);
    assert.doesNotMatch(cspSource, /\*(?!\.)|data:|blob:|http:/, `cspSource ${cspSource}`);
    assert.doesNotMatch(first, /unsafe-inline|unsafe-eval|connect-src/);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    const scripts = [...first.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.includes(`nonce="${nonce}"`), 'the only script carries the nonce');
    assert.doesNotMatch(first, /\son[a-z]+=/i, 'no inline event handlers');

    const selection = t.usagePanel.lastReport()!.selection;
    t.usagePanel.close();
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    await rendered((r) => r.status !== 'error');
    const again = /'nonce-([^']+)'/.exec(csp(t.usagePanel.html()!))![1];
    assert.notEqual(again, nonce, 'a new load gets a new nonce');
    t.usagePanel.select(selection);
    await rendered((r) => JSON.stringify(r.selection) === JSON.stringify(selection));
  });

  it('draws Decisions by API source with the fake\'s numbers, sources named, in the table and the legend', async () => {
    t.usagePanel.select({ kind: 'decisions', range: { preset: '30d' }, width: '1d', groupBy: ['api_source'], metric: 'total_tokens', filters: {} });
    const report = await rendered((r) => r.selection.kind === 'decisions' && r.selection.groupBy.join() === 'api_source' && r.status !== 'error');
    assert.equal(report.status, 'data');
    const view = t.usagePanel.lastData()!.view;
    const raw = await rawBuckets('/organization/usage/decisions', { start_time: view.start, end_time: view.end, bucket_width: '1d', group_by: 'api_source', limit: 31 });
    assert.equal(view.buckets.length, raw.length);

    // Per source, per metric: the panel's totals are the fake's sums (nulls count as nothing).
    const label = (source: unknown) => (source === 'agents_api' ? 'Agents API' : source === 'unlabeled' ? 'Unlabeled' : '—');
    const sources = [...new Set(raw.flatMap((b) => b.results.map((r) => r.api_source)))];
    assert.deepEqual(sources.map(label).sort(), ['Agents API', 'Unlabeled']);
    assert.deepEqual(view.series.map((s) => s.label).sort(), sources.map(label).sort());
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    for (const source of sources) {
      const mine = raw.map((b) => ({ ...b, results: b.results.filter((r) => r.api_source === source) }));
      const series = view.series.find((s) => s.group.api_source === source)!;
      for (const m of view.metrics) {
        const truth = m.key === 'total_tokens' ? sum(mine, (r) => num(r.input_tokens) + num(r.output_tokens)) : sum(mine, (r) => num(r[m.key]));
        assert.equal(series.totals[m.key], truth, `${label(source)} ${m.key}`);
      }
    }

    // On screen: the grouping column, the selected metric first, one row per source with the fake's total.
    assert.deepEqual(report.tableHead.slice(0, 3), ['API source', 'Total tokens', 'Input tokens']);
    assert.ok(report.tableHead.includes('Cache-write tokens (30 min)') && report.tableHead.includes('Cache-write tokens (12 h)'), report.tableHead.join(' | '));
    assert.equal(report.tableRows.length, sources.length);
    for (const row of report.tableRows) {
      const source = sources.find((x) => label(x) === row[0])!;
      const mine = raw.map((b) => ({ ...b, results: b.results.filter((r) => r.api_source === source) }));
      assert.equal(Number(row[1]!.replace(/,/g, '')), sum(mine, (r) => num(r.input_tokens) + num(r.output_tokens)), `${row[0]} total tokens on screen`);
    }
    assert.deepEqual([...report.legend].sort(), sources.map(label).sort());
    assert.ok(report.summary.some((x) => x.startsWith('Decisions: total tokens')), report.summary.join(' | '));
  });

  it('Usage & Costs by API key names each key "name (sk-…) · owner · project" as the fake has it; a key deleted in the tree then reads "deleted key …", in the table and the export', async () => {
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    await rendered((r) => r.status !== 'error');
    t.usagePanel.select({ kind: 'costs', range: { preset: '30d' }, width: '1d', groupBy: ['api_key_id'], metric: 'amount', filters: {} });
    const byKey = (r: RenderedReport) => r.selection.kind === 'costs' && r.selection.groupBy.join() === 'api_key_id' && r.status === 'data';
    // The chart may come first with ids; the names follow.
    const report = await rendered((r) => byKey(r) && r.tableRows.length > 1 && r.tableRows.every((row) => !row[0]!.startsWith('key_')));

    // The fake's truth, read over HTTP: every project (archived too) and all its keys, whoever owns them.
    type Key = { id: string; name: string; redacted_value: string; owner_project_access: string; owner: { type: string; user?: { id: string; name: string; email: string }; service_account?: { name: string } } };
    const projects = (await v1<{ data: Array<{ id: string; name: string; status: string }> }>('GET', '/organization/projects?include_archived=true&limit=100')).data;
    const truth = new Map<string, { text: string; projectId: string; active: boolean }>();
    for (const p of projects) {
      for (const k of (await v1<{ data: Key[] }>('GET', `/organization/projects/${p.id}/api_keys?owner_project_access=any&limit=100`)).data) {
        const owner = k.owner.type === 'user' ? k.owner.user!.name || k.owner.user!.email || k.owner.user!.id : `${k.owner.service_account!.name} (service account)`;
        const text = [k.name ? `${k.name} (${k.redacted_value})` : k.redacted_value, owner, p.name].filter(Boolean).join(' · ');
        truth.set(k.id, { text, projectId: p.id, active: p.status === 'active' && k.owner_project_access === 'active' });
      }
    }
    const series = t.usagePanel.lastData()!.view.series;
    const expected = series.map((s) => (s.group.api_key_id ? truth.get(s.group.api_key_id)?.text : '(none)'));
    assert.ok(expected.every((x) => x !== undefined), 'every key in the costs exists in the fake');
    assert.deepEqual(report.tableRows.map((row) => row[0]).sort(), [...expected].sort());
    assert.ok(report.legend.every((l) => expected.includes(l) || /^Other \(/.test(l)), report.legend.join(' | '));

    // Delete the key with the smallest cost that the tree lists, as an admin would: its row turns into "deleted key …".
    const victim = [...series].reverse().find((s) => s.group.api_key_id && truth.get(s.group.api_key_id)!.active)!.group.api_key_id!;
    const projectId = truth.get(victim)!.projectId;
    const node = await freshNode(`projects/${projectId}/apiKeys/${victim}`);
    await runAsUser('openaiAdmin.projectApiKey.delete', [{ confirm: true }], node);
    const after = await rendered((r) => byKey(r) && r.tableRows.some((row) => row[0] === `deleted key ${victim}`));
    assert.equal(after.tableRows.length, report.tableRows.length, 'the same rows: only a label changed');
    assert.deepEqual(after.tableRows.filter((row) => row[0] !== `deleted key ${victim}`).map((row) => row[0]).sort(), expected.filter((x) => x !== truth.get(victim)!.text).sort());

    const dir = mkdtempSync(join(tmpdir(), 'usage-keys-'));
    try {
      const file = join(dir, 'keys.csv');
      assert.equal(await t.usagePanel.exportTo(file, 'csv'), true);
      const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
      const [id, name] = [header!.indexOf('api_key_id'), header!.indexOf('api_key_name')];
      assert.ok(id > 0 && name === id + 1, header!.join());
      assert.ok(rows.filter((r) => r[id] === victim).every((r) => r[name] === `deleted key ${victim}`));
      const other = series.find((s) => s.group.api_key_id && s.group.api_key_id !== victim)!.group.api_key_id!;
      assert.ok(rows.filter((r) => r[id] === other).every((r) => r[name] === truth.get(other)!.text.replace(/^([=+\-@\t\r])/, "'$1")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the API\'s error as text (status and message, never the key), and recovers', async () => {
    await fake.setFaults([{ path: '^/organization/usage/images', kind: 'status', status: 403 }]);
    t.usagePanel.select({ kind: 'images', filters: {} });
    const failed = await rendered((r) => r.selection.kind === 'images' && r.status === 'error');
    assert.match(failed.error!, /^403 /);
    assert.ok(!failed.error!.includes(fake.adminKey));
    await fake.clearFaults();
    t.usagePanel.select({ range: { preset: '90d' } });
    const ok = await rendered((r) => r.selection.kind === 'images' && r.selection.range.preset === '90d' && r.status !== 'error');
    assert.ok(ok.tableRows.length > 0);
  });

  it('closing the panel aborts the requests it still had in flight', async () => {
    await fake.setFaults([{ path: '^/organization/usage/moderations', kind: 'latency', latencyMs: 5_000 }]);
    await fake.clearRequests();
    t.usagePanel.select({ kind: 'moderations', range: { preset: '7d' } });
    await eventually(async () => (await fake.requests()).some((r) => r.path.includes('/usage/moderations')), 10_000, 'the slow request started');
    t.usagePanel.close();
    assert.equal(t.usagePanel.isOpen(), false);
    await eventually(async () => {
      const mine = (await fake.requests() as Array<{ path: string; aborted?: boolean }>).filter((r) => r.path.includes('/usage/moderations'));
      return mine.length > 0 && mine.every((r) => r.aborted);
    }, 10_000, 'the fake saw the request aborted');
    // The tab leaves VS Code's tab model when the workbench has closed it, a round trip after dispose.
    await eventually(() => usageTab() === undefined, 5_000, 'the panel\'s tab closed');
  });
});
