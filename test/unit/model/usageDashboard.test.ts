// The panel's entry point against the fake: view + summary in one load, names after it, filter choices,
// errors as readable text (never the key), and cancellation of everything a load started.
import assert from 'node:assert/strict';
import { OrgStore } from '../../../src/model/store';
import { UsageDashboard } from '../../../src/model/usage/dashboard';
import { isCancellation, Latest } from '../../../src/model/usage/fetch';
import { withNames } from '../../../src/model/usage/labels';
import { resolveRange } from '../../../src/model/usage/range';
import type { DashboardData } from '../../../src/model/usage/types';
import { CLOCK_MS, close, rawBuckets, rawSum, useUsageFake } from './usageHelpers';

const NOW = CLOCK_MS / 1000;

describe('usage model: dashboard loads (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake, client } = useUsageFake({ seed: 1, hostile: true }); // seed 1 hostile names a project '<input autofocus onfocus=alert(1)>'
  const dashboard = () => new UsageDashboard(async () => client(), new OrgStore(async () => client()), { clock: () => CLOCK_MS });
  const never = new AbortController().signal;
  const projectName = (id: string) => fake().state.projects.get(id)!.name;
  /** A load as the panel shows it once the names have followed. */
  const named = async (d: UsageDashboard, data: DashboardData) => withNames(data, (await d.resolveNames(data, never)).names);

  it('one load gives the chart and the summary figures; names follow for the table rows, the legend and the top projects', async () => {
    const d = dashboard();
    const first = await d.load({ kind: 'completions', range: { preset: '30d' }, groupBy: ['project_id'], metric: 'output_tokens' }, never);
    // Nothing in the store yet: the first chart shows ids rather than wait for the names.
    assert.ok(first.view.series.every((s) => s.label === s.group.project_id));
    const data = await named(d, first);
    const { view, chart, summary, warnings } = data;
    assert.deepEqual(warnings, []);
    assert.equal(view.selection.metric, 'output_tokens');
    assert.equal(view.buckets.length, 31);
    assert.ok(view.series.length > 2);
    for (const s of view.series) assert.equal(s.label, projectName(s.group.project_id!) + (fake().state.projects.get(s.group.project_id!)!.status === 'archived' ? ' (archived)' : ''));
    const shown = view.series.length > 10 ? 9 : view.series.length;
    assert.deepEqual(chart.slice(0, shown).map((d) => d.label), view.series.slice(0, shown).map((s) => s.label));
    assert.equal(chart.length, Math.min(view.series.length, 10));

    const range = resolveRange({ preset: '30d' }, '1d', NOW);
    const costs = await rawBuckets(fake(), 'costs', { start_time: range.start, end_time: range.end, group_by: ['project_id'] });
    assert.ok(summary.cost);
    assert.equal(summary.cost.currencies.length, 1);
    assert.ok(close(summary.cost.currencies[0]!.value, rawSum(costs, 'amount')));
    assert.equal(summary.cost.topProjects.length, 5);
    assert.ok(summary.cost.topProjects.every((p, i, all) => i === 0 || all[i - 1]!.value >= p.value));
    assert.ok(summary.cost.topProjects.every((p) => !p.label.startsWith('proj_')), 'top projects are named');
    assert.equal(summary.modelMetric?.kind, 'completions');
    assert.equal(summary.modelMetric?.metric.key, 'output_tokens');
    assert.ok(summary.topModels.length > 0);
  });

  it('kinds without models rank models by completions tokens; costs ignore filters they do not take', async () => {
    const projectId = fake().state.projects.values()[0]!.id;
    const { view, summary } = await dashboard().load({ kind: 'vector_stores', range: { preset: '7d' }, filters: { project_ids: [projectId] } }, never);
    assert.deepEqual(view.selection.filters, { project_ids: [projectId] });
    assert.equal(summary.modelMetric?.kind, 'completions');
    assert.equal(summary.modelMetric?.metric.key, 'total_tokens');
    assert.deepEqual(summary.costFiltersIgnored, []);
    const other = await dashboard().load({ kind: 'completions', range: { preset: '7d' }, filters: { models: ['gpt-4o'], project_ids: [projectId] } }, never);
    assert.deepEqual(other.summary.costFiltersIgnored, ['Models']);
  });

  it('decisions by api_source: the fake\'s numbers, its own top models, and cost filters it cannot narrow', async () => {
    const users = fake().state.users.values().slice(0, 3).map((u) => u.id);
    const data = await dashboard().load({ kind: 'decisions', range: { preset: '30d' }, groupBy: ['api_source'], metric: 'input_cache_write_30m_tokens', filters: { user_ids: users } }, never);
    const { view, summary } = data;
    assert.equal(view.selection.kind, 'decisions');
    const range = resolveRange({ preset: '30d' }, '1d', NOW);
    const raw = await rawBuckets(fake(), 'decisions', { start_time: range.start, end_time: range.end, group_by: ['api_source'], user_ids: users });
    assert.deepEqual(view.series.map((s) => s.label).sort(), [...new Set(raw.flatMap((b) => b.results.map((r) => r.api_source === 'agents_api' ? 'Agents API' : 'Unlabeled')))].sort());
    for (const m of view.metrics) assert.ok(close(view.totals[m.key]!, rawSum(raw, m.key)), m.key);
    assert.ok(view.totals.input_cache_write_30m_tokens! > 0 && view.totals.input_cache_write_12h_tokens! > 0, 'the fake writes both caches');
    assert.equal(summary.modelMetric?.kind, 'decisions');
    assert.equal(summary.modelMetric?.metric.key, 'input_cache_write_30m_tokens');
    assert.deepEqual(summary.costFiltersIgnored, ['Users']);
  });

  it('costs by user show names; line items filter exactly, with the line items seen as choices', async () => {
    const d = dashboard();
    const { view } = await named(d, await d.load({ kind: 'costs', range: { preset: '7d' }, groupBy: ['user_id'] }, never));
    const users = view.series.filter((s) => s.group.user_id !== null);
    assert.ok(users.length > 2);
    for (const s of users) {
      const u = fake().state.users.get(s.group.user_id!)!;
      assert.equal(s.label, u.name || u.email);
    }

    const { options } = await dashboard().filterOptions({ kind: 'costs', range: { preset: '7d' } }, never);
    assert.deepEqual(Object.keys(options).sort(), ['api_key_ids', 'line_items', 'project_ids']);
    const lines = options.line_items!.map((o) => o.value);
    assert.ok(lines.length > 5 && lines.every((l, i) => options.line_items![i]!.label === l));
    const picked = lines.slice(0, 2);
    const filtered = await dashboard().load({ kind: 'costs', range: { preset: '7d' }, groupBy: ['line_item'], filters: { line_items: picked } }, never);
    assert.deepEqual(filtered.view.series.map((s) => s.group.line_item).sort(), [...picked].sort());
    const range = resolveRange({ preset: '7d' }, '1d', NOW);
    const raw = await rawBuckets(fake(), 'costs', { start_time: range.start, end_time: range.end, group_by: ['line_item'], line_items: picked });
    assert.ok(close(filtered.view.totals.amount!, rawSum(raw, 'amount')));
    // The cost summary is narrowed by the same line items.
    assert.ok(close(filtered.summary.cost!.currencies[0]!.value, rawSum(raw, 'amount')));
  });

  it('filter choices: named projects and users, values seen for keys and models, enums as given', async () => {
    const { options, warnings } = await dashboard().filterOptions({ kind: 'images', range: { preset: '30d' } }, never);
    assert.deepEqual(warnings, []);
    assert.deepEqual(Object.keys(options).sort(), ['api_key_ids', 'models', 'project_ids', 'sizes', 'sources', 'user_ids']);
    assert.equal(options.project_ids!.length, fake().state.projects.size);
    assert.ok(options.project_ids!.some((o) => o.label === '<input autofocus onfocus=alert(1)>'));
    assert.equal(options.user_ids!.length, fake().state.users.size);
    assert.ok(options.models!.length > 0 && options.models!.every((o) => o.value === o.label));
    assert.ok(options.api_key_ids!.length > 0 && options.api_key_ids!.some((o) => o.label !== o.value), 'keys are named');
    assert.deepEqual(options.sizes!.map((o) => o.value), ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792']);
    const batch = await dashboard().filterOptions({ kind: 'completions' }, never);
    assert.deepEqual(batch.options.batch!.map((o) => o.value), ['true', 'false']);
  });

  it('a failing summary becomes text next to a working chart; a failing chart rejects with status and API message only', async () => {
    fake().faults.add({ path: '^/organization/costs', kind: 'status', status: 500 });
    const data = await dashboard().load({ kind: 'embeddings', range: { preset: '7d' } }, never);
    assert.equal(data.summary.cost, null);
    assert.match(data.summary.costError!, /^500 /);
    assert.ok(data.view.series.length > 0);

    fake().faults.clear();
    fake().faults.add({ path: '^/organization/usage/embeddings', kind: 'status', status: 403 });
    const err = await dashboard().load({ kind: 'embeddings', range: { preset: '7d' } }, never).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal((err as { status?: number }).status, 403);
    assert.ok(!JSON.stringify(err).includes(fake().adminKey) && !String((err as Error).stack).includes(fake().adminKey), 'the key is not in the error');
  });

  it('a newer selection cancels every request of the older load', async () => {
    fake().faults.add({ path: '^/organization/(usage|costs)', kind: 'latency', latencyMs: 1_500, times: 3 });
    fake().resetStats();
    const d = dashboard();
    const latest = new Latest();
    const first = latest.run((signal) => d.load({ kind: 'completions', range: { preset: '7d' }, groupBy: ['project_id'] }, signal));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(fake().stats.inFlight >= 3, `the load's queries run in parallel (${fake().stats.inFlight} in flight)`);
    const second = latest.run((signal) => d.load({ kind: 'embeddings', range: { preset: '7d' } }, signal));
    await assert.rejects(first, (e) => isCancellation(e));
    await second;
    const deadline = Date.now() + 3_000;
    while (fake().stats.aborted < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake().stats.aborted, 3, 'all three queries of the first load were aborted at the server');
  });
});
