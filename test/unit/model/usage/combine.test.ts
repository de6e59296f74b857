// "All organizations" in Usage & Costs: several organizations' loads combined into one view, with
// costs summed per currency (never one currency into another), each organization's series under its
// name, an organization that failed named with its error while the others stay, and the whole
// path against two fakes with different keys and data: the combined costs are the sum of both.
import assert from 'node:assert/strict';
import { OrgStore } from '../../../../src/model/store';
import { loadAllOrganizations } from '../../../../src/model/usage/allOrganizations';
import { ENDPOINTS, type RawBucket, type RawResult } from '../../../../src/model/usage/catalogue';
import { combineOrganizations, sumByCurrency, type OrganizationPart } from '../../../../src/model/usage/combine';
import { UsageDashboard } from '../../../../src/model/usage/dashboard';
import { toCsv } from '../../../../src/model/usage/export';
import { resolveRange } from '../../../../src/model/usage/range';
import { normalizeSelection } from '../../../../src/model/usage/selection';
import { chartDatasets, ranked, shape } from '../../../../src/model/usage/shape';
import type { DashboardData, KindId, Selection } from '../../../../src/model/usage/types';
import { parseCsv } from '../csv';
import { CLOCK_MS, close, rawBuckets, rawSum, useUsageFake } from '../usageHelpers';

const DAY = 86_400;
const START = Date.UTC(2026, 5, 1) / 1000;
const RANGE = { start: START, end: START + 3 * DAY };

function selectionOf(kind: KindId, groupBy: string[], metric = kind === 'costs' ? 'amount' : 'input_tokens'): Selection {
  return { kind, metric, range: { preset: 'custom', from: '2026-06-01', to: '2026-06-03' }, width: '1d', groupBy, filters: {}, chart: 'bar', organization: 'all' };
}

/** One organization's load from its results per day (three days), as the dashboard would give it. */
function load(kind: KindId, groupBy: string[], days: RawResult[][], models: { key: string; label: string; value: number }[] = []): DashboardData {
  const selection = { ...selectionOf(kind, groupBy), organization: 'x' };
  const buckets: RawBucket[] = days.map((results, i) => ({ start_time: START + i * DAY, end_time: START + (i + 1) * DAY, results }));
  const view = shape(ENDPOINTS[kind], buckets, { selection, range: RANGE });
  const costView = kind === 'costs' ? shape(ENDPOINTS.costs, buckets, { selection: { ...selection, groupBy: ['project_id'] }, range: RANGE }) : undefined;
  return {
    view,
    chart: chartDatasets(view),
    summary: {
      cost: costView ? { currencies: costView.currencies, topProjects: ranked(costView, 'amount', Infinity) } : { currencies: [], topProjects: [] },
      costFiltersIgnored: [],
      topModels: models,
    },
    warnings: [],
  };
}

const usd = (project_id: string, value: number): RawResult => ({ project_id, amount: { value, currency: 'usd' } });
const eur = (project_id: string, value: number): RawResult => ({ project_id, amount: { value, currency: 'eur' } });

describe('usage model: all organizations combined', function () {
  this.timeout(30_000);

  it('costs: one series per organization under its name, the total the sum of both, per bucket and per currency', () => {
    const a = load('costs', [], [[usd('p1', 10), usd('p2', 5)], [usd('p1', 1)], []]);
    const b = load('costs', [], [[usd('q1', 2)], [], [usd('q1', 7.5)]]);
    const data = combineOrganizations(selectionOf('costs', []), [{ id: 'default', name: 'Acme', data: a }, { id: 'o2', name: 'Globex', data: b }], 5);
    const { view } = data;
    assert.deepEqual(view.groupFields.map((g) => g.field), ['organization_id']);
    assert.deepEqual(view.series.map((s) => [s.label, s.group.organization_id, s.totals.amount]), [['Acme', 'default', 16], ['Globex', 'o2', 9.5]]);
    assert.deepEqual(view.series[0]!.values.amount, [15, 1, 0]);
    assert.deepEqual(view.series[1]!.values.amount, [2, 0, 7.5]);
    assert.equal(view.totals.amount, 25.5);
    assert.deepEqual(view.currencies, [{ currency: 'usd', value: 25.5 }]);
    assert.deepEqual(data.chart.map((d) => [d.label, d.values]), [['Acme', [15, 1, 0]], ['Globex', [2, 0, 7.5]]]);
    assert.deepEqual(data.summary.cost?.currencies, [{ currency: 'usd', value: 25.5 }]);
    assert.deepEqual(data.summary.cost?.topProjects.map((p) => [p.label, p.value]), [['Acme · p1', 11], ['Globex · q1', 9.5], ['Acme · p2', 5]]);
    assert.deepEqual(data.organizations, [{ id: 'default', name: 'Acme' }, { id: 'o2', name: 'Globex' }]);
    assert.deepEqual(data.warnings, []);
    assert.equal(view.selection.organization, 'all');
  });

  it('mixed currencies are totalled per currency, never added together; the chart names each organization\'s currency', () => {
    const a = load('costs', [], [[usd('p1', 10)], [usd('p1', 4)], []]);
    const b = load('costs', [], [[eur('q1', 3)], [], [eur('q1', 1), usd('q2', 2)]]);
    const data = combineOrganizations(selectionOf('costs', []), [{ id: 'a', name: 'Acme', data: a }, { id: 'b', name: 'Europa', data: b }], 5);
    assert.deepEqual(data.view.currencies, [{ currency: 'usd', value: 16 }, { currency: 'eur', value: 4 }]);
    assert.deepEqual(data.summary.cost?.currencies, [{ currency: 'usd', value: 16 }, { currency: 'eur', value: 4 }]);
    assert.deepEqual(data.view.series.map((s) => [s.label, s.currency, s.totals.amount]), [['Acme', 'usd', 14], ['Europa', 'eur', 4], ['Europa', 'usd', 2]]);
    assert.deepEqual(data.chart.map((d) => [d.label, d.currency]), [['Acme (USD)', 'usd'], ['Europa (EUR)', 'eur'], ['Europa (USD)', 'usd']]);
    assert.deepEqual(sumByCurrency([{ currency: 'usd', value: 1 }, { currency: 'eur', value: 2 }, { currency: 'usd', value: 3 }]), [{ currency: 'usd', value: 4 }, { currency: 'eur', value: 2 }]);
  });

  it('an organization that failed is named with its error; the others\' numbers stay, and the totals are theirs alone', () => {
    const a = load('costs', ['project_id'], [[usd('p1', 10)], [], []]);
    const parts: OrganizationPart[] = [{ id: 'a', name: 'Acme', data: a }, { id: 'b', name: 'Broken', error: '401 Invalid admin key' }];
    const data = combineOrganizations(selectionOf('costs', ['project_id']), parts, 5);
    assert.equal(data.view.totals.amount, 10);
    assert.deepEqual(data.view.series.map((s) => s.label), ['Acme · p1']);
    assert.deepEqual(data.organizations, [{ id: 'a', name: 'Acme' }, { id: 'b', name: 'Broken', error: '401 Invalid admin key' }]);
    assert.deepEqual(data.warnings, ["Couldn't load Broken: 401 Invalid admin key. Its numbers are not included."]);
    assert.throws(() => combineOrganizations(selectionOf('costs', []), [{ id: 'b', name: 'Broken', error: 'x' }], 5), /No organization could be read/);
  });

  it('grouped views keep each organization\'s groups (organization first); top models are summed per model; tokens sum per bucket', () => {
    const a = load('completions', ['model'], [[{ model: 'gpt-4o', input_tokens: 100 }], [{ model: 'o3', input_tokens: 5 }], []], [{ key: '["gpt-4o"]', label: 'gpt-4o', value: 100 }, { key: '["o3"]', label: 'o3', value: 5 }]);
    const b = load('completions', ['model'], [[], [{ model: 'o3', input_tokens: 200 }], [{ model: 'gpt-4o', input_tokens: 1 }]], [{ key: '["o3"]', label: 'o3', value: 200 }, { key: '["gpt-4o"]', label: 'gpt-4o', value: 1 }]);
    const data = combineOrganizations(selectionOf('completions', ['model']), [{ id: 'a', name: 'Acme', data: a }, { id: 'b', name: 'Globex', data: b }], 5);
    assert.deepEqual(data.view.groupFields.map((g) => g.label), ['Organization', 'Model']);
    assert.deepEqual(data.view.series.map((s) => [s.label, s.totals.input_tokens]), [['Globex · o3', 200], ['Acme · gpt-4o', 100], ['Acme · o3', 5], ['Globex · gpt-4o', 1]]);
    assert.equal(data.view.totals.input_tokens, 306);
    assert.deepEqual(data.chart.map((d) => [d.label, d.values]), [['Globex', [0, 200, 1]], ['Acme', [100, 5, 0]]], 'the chart: one dataset per organization');
    assert.deepEqual(data.summary.topModels.map((m) => [m.label, m.value]), [['o3', 205], ['gpt-4o', 101]]);
    assert.equal(data.view.currencies.length, 0);
  });

  it('the CSV of the combined view has the organization\'s id and name columns', () => {
    const a = load('costs', ['project_id'], [[usd('p1', 10)], [], []]);
    const b = load('costs', ['project_id'], [[], [usd('q1', 2)], []]);
    const data = combineOrganizations(selectionOf('costs', ['project_id']), [{ id: 'a', name: 'Acme', data: a }, { id: 'b', name: '=Globex', data: b }], 5);
    const [header, ...rows] = parseCsv(toCsv(data.view));
    assert.deepEqual(header!.slice(0, 6), ['bucket_start', 'bucket_end', 'organization_id', 'organization_name', 'project_id', 'project_name']);
    assert.equal(rows.length, 3 * 2);
    assert.deepEqual(rows.filter((r) => r[2] === 'b').map((r) => r[3]), ["'=Globex", "'=Globex", "'=Globex"], 'names are guarded against formulas like any other');
  });

  describe('against two fakes with different keys and data', () => {
    const one = useUsageFake({ seed: 3, adminKey: 'sk-admin-one' });
    const two = useUsageFake({ seed: 11, adminKey: 'sk-admin-two' });
    const never = new AbortController().signal;
    const orgs = () => [
      { id: 'default', name: 'One', dashboard: new UsageDashboard(async () => one.client(), new OrgStore(async () => one.client()), { clock: () => CLOCK_MS }) },
      { id: 'second', name: 'Two', dashboard: new UsageDashboard(async () => two.client(), new OrgStore(async () => two.client()), { clock: () => CLOCK_MS }) },
    ];
    const NOW = CLOCK_MS / 1000;

    it('the combined costs equal the sum of both organizations\' costs, each series named by its organization and its projects by that organization\'s store', async () => {
      const selection = normalizeSelection({ kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'], organization: 'all' }, NOW, ['default', 'second']);
      const data = await loadAllOrganizations(orgs(), selection, never, { now: NOW });
      const range = resolveRange({ preset: '30d' }, '1d', NOW);
      const query = { start_time: range.start, end_time: range.end, group_by: ['project_id'] };
      const [a, b] = [await rawBuckets(one.fake(), 'costs', query), await rawBuckets(two.fake(), 'costs', query)];
      assert.ok(rawSum(a, 'amount') > 0 && rawSum(b, 'amount') > 0 && !close(rawSum(a, 'amount'), rawSum(b, 'amount')), 'two different organizations');
      assert.ok(close(data.view.totals.amount!, rawSum(a, 'amount') + rawSum(b, 'amount')));
      assert.equal(data.view.currencies.length, 1);
      assert.ok(close(data.view.currencies[0]!.value, rawSum(a, 'amount') + rawSum(b, 'amount')));
      assert.ok(close(data.summary.cost!.currencies[0]!.value, rawSum(a, 'amount') + rawSum(b, 'amount')));
      const perOrg = (id: string) => data.view.series.filter((s) => s.group.organization_id === id).reduce((t, s) => t + s.totals.amount!, 0);
      assert.ok(close(perOrg('default'), rawSum(a, 'amount')) && close(perOrg('second'), rawSum(b, 'amount')));
      assert.deepEqual(data.chart.map((d) => d.label).sort(), ['One', 'Two']);
      // Each project is named from its own organization's projects.
      for (const s of data.view.series) {
        const fake = s.group.organization_id === 'default' ? one.fake() : two.fake();
        const project = fake.state.projects.get(s.group.project_id!);
        assert.ok(project, `${s.group.project_id} belongs to ${s.group.organization_id}`);
        assert.ok(s.label.startsWith(`${s.group.organization_id === 'default' ? 'One' : 'Two'} · ${project.name}`), s.label);
      }
      assert.equal(data.summary.cost!.topProjects.length, 5);
    });

    it('one organization failing shows its error beside the other\'s numbers', async () => {
      two.fake().faults.add({ path: '^/organization/costs', kind: 'status', status: 403 });
      const selection = normalizeSelection({ kind: 'costs', range: { preset: '7d' }, groupBy: [], organization: 'all' }, NOW, ['default', 'second']);
      const data = await loadAllOrganizations(orgs(), selection, never, { now: NOW });
      const range = resolveRange({ preset: '7d' }, '1d', NOW);
      const a = await rawBuckets(one.fake(), 'costs', { start_time: range.start, end_time: range.end });
      assert.ok(close(data.view.totals.amount!, rawSum(a, 'amount')));
      assert.deepEqual(data.view.series.map((s) => s.label), ['One']);
      assert.match(data.organizations!.find((o) => o.id === 'second')!.error!, /^403 /);
      assert.ok(data.warnings.some((w) => w.startsWith("Couldn't load Two: 403 ")), data.warnings.join(' | '));
      assert.ok(!JSON.stringify(data).includes('sk-admin-'), 'no key in the data');
    });
  });
});
