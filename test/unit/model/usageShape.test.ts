// Shaping against the fake over real HTTP: every endpoint, every group_by combination. Totals and
// per-bucket sums must equal the fake's raw buckets; every bucket of the range is present.
import assert from 'node:assert/strict';
import { ENDPOINTS, KIND_IDS, type RawBucket } from '../../../src/model/usage/catalogue';
import { BucketFetcher } from '../../../src/model/usage/fetch';
import { WIDTH_SECONDS } from '../../../src/model/usage/range';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { chartDatasets, noneLabel, ranked, shape, totalLabel } from '../../../src/model/usage/shape';
import { CLOCK_MS, close, rawBuckets, rawSum, subsets, useUsageFake } from './usageHelpers';

const NOW = CLOCK_MS / 1000;

function groupKey(r: Record<string, unknown>, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => (r[f] === null || r[f] === undefined ? null : String(r[f]))));
}

describe('usage model: shaping every endpoint and group_by combination (fake Admin API)', function () {
  this.timeout(120_000);
  const { fake, client } = useUsageFake();

  for (const kind of KIND_IDS) {
    const spec = ENDPOINTS[kind];
    it(`${kind}: ${2 ** spec.groupBy.length} group_by combinations match the fake's raw buckets`, async () => {
      const fetcher = new BucketFetcher(async () => client(), { cacheMs: 0 });
      const signal = new AbortController().signal;
      let sawData = false;
      for (const groupBy of subsets(spec.groupBy.map((g) => g.field))) {
        const selection = normalizeSelection({ kind, groupBy, range: { preset: '7d' }, width: '1d' }, NOW);
        assert.deepEqual(selection.groupBy, groupBy);
        const range = rangeOf(selection, NOW);
        const buckets = await fetcher.buckets(kind, buildQuery(spec, selection, range), signal);
        const view = shape(spec, buckets, { selection, range });
        const raw = await rawBuckets(fake(), kind, { start_time: range.start, end_time: range.end, bucket_width: '1d', group_by: groupBy });
        const what = `${kind} by [${groupBy.join(', ')}]`;

        assert.equal(view.buckets.length, 8, `${what}: 7 days and today`);
        assert.deepEqual(view.buckets, raw.map((b) => b.start_time), `${what}: bucket grid`);
        assert.deepEqual(view.groupFields.map((g) => g.field), spec.groupBy.map((g) => g.field).filter((f) => groupBy.includes(f)));
        const keys = new Set(raw.flatMap((b) => b.results.map((r) => groupKey(r, groupBy))));
        sawData ||= keys.size > 0;
        if (groupBy.length || keys.size) assert.equal(view.series.length, keys.size, `${what}: one series per group`);
        else assert.deepEqual(view.series.map((s) => s.label), [totalLabel()], `${what}: an empty ungrouped range keeps its zero series`);

        for (const m of view.metrics) {
          const perBucket = raw.map((b) => rawSum([b], m.key));
          view.buckets.forEach((_, i) => {
            const shaped = view.series.reduce((sum, s) => sum + s.values[m.key]![i]!, 0);
            assert.ok(close(shaped, perBucket[i]!), `${what}: ${m.key} in bucket ${i}: ${shaped} ≠ ${perBucket[i]}`);
          });
          const expected = m.aggregate === 'peak' ? Math.max(0, ...perBucket) : rawSum(raw, m.key);
          assert.ok(close(view.totals[m.key]!, expected), `${what}: total ${m.key} ${view.totals[m.key]} ≠ ${expected}`);
        }
        for (const s of view.series) {
          assert.deepEqual(Object.keys(s.group), view.groupFields.map((g) => g.field));
          for (const m of view.metrics) assert.equal(s.values[m.key]!.length, view.buckets.length);
          if (groupBy.length) assert.ok(s.label.length > 0 && s.label !== totalLabel());
        }
        const sel = view.selection.metric;
        for (let i = 1; i < view.series.length; i++) assert.ok(view.series[i - 1]!.totals[sel]! >= view.series[i]!.totals[sel]!, `${what}: sorted by ${sel}`);
        if (kind === 'costs') {
          const currencies = new Set(raw.flatMap((b) => b.results.map((r) => (r.amount as { currency: string }).currency)));
          assert.deepEqual(view.currencies.map((c) => c.currency), [...currencies]);
          assert.ok(close(view.currencies.reduce((s, c) => s + c.value, 0), rawSum(raw, 'amount')));
        }
      }
      assert.ok(sawData, `the fake has ${kind} usage in the last 7 days`);
    });
  }

  it('costs: the cost summary of a view is in its currency, and top projects are the largest', async () => {
    const spec = ENDPOINTS.costs;
    const selection = normalizeSelection({ kind: 'costs', groupBy: ['project_id'], range: { preset: '30d' } }, NOW);
    const range = rangeOf(selection, NOW);
    const view = shape(spec, await rawBuckets(fake(), 'costs', buildQuery(spec, selection, range)), { selection, range });
    assert.deepEqual(view.currencies.map((c) => c.currency), ['usd']);
    const top = ranked(view, 'amount', 3);
    assert.equal(top.length, 3);
    assert.deepEqual(top.map((t) => t.value), view.series.slice(0, 3).map((s) => s.totals.amount));
  });
});

describe('usage model: zero-filling and grouping details (no server)', () => {
  const spec = ENDPOINTS.completions;
  const day = 86_400;
  const selection = normalizeSelection({ kind: 'completions', groupBy: ['model', 'batch'], range: { preset: 'custom', from: '2026-06-01', to: '2026-06-05' }, width: '1d' }, NOW);
  const range = rangeOf(selection, NOW);
  const result = (model: string | null, batch: boolean | null, input: number, output: number) =>
    ({ object: 'organization.usage.completions.result', model, batch, input_tokens: input, output_tokens: output, num_model_requests: 1 });

  it('buckets the API skipped, and ones it returned empty, are zeros on the grid', () => {
    const buckets: RawBucket[] = [
      { start_time: range.start, end_time: range.start + day, results: [result('gpt-4o', false, 10, 5)] },
      { start_time: range.start + 2 * day, end_time: range.start + 3 * day, results: [] },
      { start_time: range.start + 4 * day, end_time: range.start + 5 * day, results: [result('gpt-4o', false, 1, 1), result(null, true, 7, 0)] },
    ];
    const view = shape(spec, buckets, { selection, range });
    assert.equal(view.buckets.length, 5);
    assert.equal(view.empty, false);
    const gpt = view.series.find((s) => s.group.model === 'gpt-4o')!;
    assert.deepEqual(gpt.values.input_tokens, [10, 0, 0, 0, 1]);
    assert.deepEqual(gpt.values.total_tokens, [15, 0, 0, 0, 2]);
    assert.equal(gpt.label, 'gpt-4o · Not batch');
    const none = view.series.find((s) => s.group.model === null)!;
    assert.deepEqual(none.group, { model: null, batch: 'true' });
    assert.equal(none.label, `${noneLabel()} · Batch`);
    assert.deepEqual(view.totals.input_tokens, 18);
  });

  it('a bucket outside the range is ignored; a range with no results says it is empty', () => {
    const view = shape(spec, [{ start_time: range.end, end_time: range.end + day, results: [result('x', false, 1, 1)] }], { selection, range });
    assert.equal(view.empty, true);
    assert.equal(view.series.length, 0);
    const ungrouped = normalizeSelection({ ...selection, groupBy: [] }, NOW);
    const zero = shape(spec, [], { selection: ungrouped, range });
    assert.deepEqual(zero.series.map((s) => [s.label, s.values.total_tokens]), [[totalLabel(), [0, 0, 0, 0, 0]]]);
  });

  it('the chart keeps the nine largest groups and folds the rest into "Other"', () => {
    const buckets: RawBucket[] = [{ start_time: range.start, end_time: range.start + day, results: Array.from({ length: 14 }, (_, i) => result(`m${i}`, false, 100 - i, 0)) }];
    const view = shape(spec, buckets, { selection: { ...selection, metric: 'input_tokens' }, range });
    const chart = chartDatasets(view);
    assert.equal(chart.length, 10);
    assert.deepEqual(chart.slice(0, 9).map((d) => d.label.split(' ')[0]), Array.from({ length: 9 }, (_, i) => `m${i}`));
    assert.deepEqual(chart[9], { key: 'other', label: 'Other (5 groups)', values: [91 + 90 + 89 + 88 + 87, 0, 0, 0, 0], other: true });
  });

  it('storage is a level: its total is the peak bucket, not the sum', () => {
    const vs = ENDPOINTS.vector_stores;
    const sel = normalizeSelection({ kind: 'vector_stores', groupBy: ['project_id'], range: selection.range, width: '1d' }, NOW);
    const r = (p: string, bytes: number) => ({ object: 'organization.usage.vector_stores.result', project_id: p, usage_bytes: bytes });
    const view = shape(vs, [
      { start_time: range.start, end_time: range.start + day, results: [r('a', 100), r('b', 50)] },
      { start_time: range.start + day, end_time: range.start + 2 * day, results: [r('a', 120), r('b', 10)] },
    ], { selection: sel, range });
    assert.equal(view.totals.usage_bytes, 150);
    assert.deepEqual(view.series.map((s) => [s.group.project_id, s.totals.usage_bytes]), [['a', 120], ['b', 50]]);
  });

  it('decisions by api_source: readable sources, null token counts add nothing, each cache write has its own total', () => {
    const dec = ENDPOINTS.decisions;
    const sel = normalizeSelection({ kind: 'decisions', groupBy: ['api_source'], range: selection.range, width: '1d' }, NOW);
    const r = (api_source: string | null, input: number, extra: Record<string, unknown> = {}) => ({
      object: 'organization.usage.decisions.result', api_source, input_tokens: input, output_tokens: 2, num_model_requests: 1,
      input_cache_write_tokens: null, input_cache_write_30m_tokens: null, input_cache_write_12h_tokens: null, input_uncached_tokens: null, ...extra,
    });
    const view = shape(dec, [
      { start_time: range.start, end_time: range.start + day, results: [
        r('agents_api', 100, { input_cache_write_tokens: 30, input_cache_write_30m_tokens: 10, input_cache_write_12h_tokens: 20 }),
        r('unlabeled', 40, { input_uncached_tokens: 25 }),
        r(null, 1),
      ] },
      { start_time: range.start + 3 * day, end_time: range.start + 4 * day, results: [r('agents_api', 5, { input_cache_write_30m_tokens: 4 })] },
    ], { selection: sel, range });
    assert.deepEqual(view.series.map((s) => [s.label, s.group.api_source, s.names.api_source]), [
      ['Agents API', 'agents_api', 'Agents API'], ['Unlabeled', 'unlabeled', 'Unlabeled'], ['—', null, '—'],
    ]);
    assert.equal(view.groupFields[0]!.label, 'API source');
    const agents = view.series[0]!;
    assert.deepEqual(agents.values.total_tokens, [102, 0, 0, 7, 0]);
    assert.deepEqual(agents.values.input_cache_write_30m_tokens, [10, 0, 0, 4, 0]);
    assert.deepEqual([agents.totals.input_cache_write_tokens, agents.totals.input_cache_write_12h_tokens, agents.totals.input_uncached_tokens], [30, 20, 0]);
    assert.deepEqual([view.totals.input_tokens, view.totals.num_model_requests, view.totals.input_uncached_tokens, view.totals.input_cache_write_30m_tokens], [146, 4, 25, 14]);
    for (const s of view.series) for (const m of view.metrics) assert.ok(s.values[m.key]!.every(Number.isFinite), `${s.label} ${m.key}`);
  });

  it('completions and web search calls group by api_source; costs by user (named) and api_source', () => {
    const comp = normalizeSelection({ kind: 'completions', groupBy: ['api_source', 'batch'], range: selection.range, width: '1d' }, NOW);
    const c = (api_source: string, batch: boolean) => ({ ...result('m', batch, 3, 1), api_source, input_cache_write_12h_tokens: 6, input_cache_write_30m_tokens: null });
    const cv = shape(spec, [{ start_time: range.start, end_time: range.start + day, results: [c('agents_api', true), c('unlabeled', false), c('agents_api', true)] }], { selection: comp, range });
    assert.deepEqual(cv.series.map((s) => [s.label, s.totals.input_cache_write_12h_tokens, s.totals.input_cache_write_30m_tokens]), [['Batch · Agents API', 12, 0], ['Not batch · Unlabeled', 6, 0]]);

    const ws = normalizeSelection({ kind: 'web_search_calls', groupBy: ['api_source'], range: selection.range, width: '1d' }, NOW);
    const w = (api_source: string, n: number) => ({ object: 'organization.usage.web_search_calls.result', api_source, num_requests: n, num_model_requests: n });
    const wv = shape(ENDPOINTS.web_search_calls, [{ start_time: range.start, end_time: range.start + day, results: [w('unlabeled', 2), w('agents_api', 5)] }], { selection: ws, range });
    assert.deepEqual(wv.series.map((s) => [s.label, s.totals.num_requests]), [['Agents API', 5], ['Unlabeled', 2]]);

    const cs = normalizeSelection({ kind: 'costs', groupBy: ['user_id', 'api_source'], range: selection.range }, NOW);
    const cost = (user_id: string | null, api_source: string, value: number) => ({ object: 'organization.costs.result', user_id, api_source, amount: { value, currency: 'usd' } });
    const costView = shape(ENDPOINTS.costs, [{ start_time: range.start, end_time: range.start + day, results: [cost('user_a', 'agents_api', 4), cost('user_b', 'unlabeled', 2), cost(null, 'unlabeled', 1)] }], {
      selection: cs, range, names: (field, id) => (field === 'user_id' && id === 'user_a' ? 'ada@example.com' : undefined),
    });
    assert.deepEqual(costView.series.map((s) => s.label), ['ada@example.com · Agents API', 'user_b · Unlabeled', `${noneLabel()} · Unlabeled`]);
    assert.deepEqual(costView.currencies, [{ currency: 'usd', value: 7 }]);
  });

  it('names replace ids in labels; unknown ids stay ids', () => {
    const sel = normalizeSelection({ kind: 'costs', groupBy: ['project_id'], range: selection.range }, NOW);
    const cost = (p: string, value: number) => ({ object: 'organization.costs.result', project_id: p, amount: { value, currency: 'USD' } });
    const view = shape(ENDPOINTS.costs, [{ start_time: range.start, end_time: range.start + day, results: [cost('proj_a', 2), cost('proj_b', 1)] }], {
      selection: sel, range, names: (field, id) => (field === 'project_id' && id === 'proj_a' ? '<b>Alpha</b>' : undefined),
    });
    assert.deepEqual(view.series.map((s) => s.label), ['<b>Alpha</b>', 'proj_b']);
    assert.deepEqual(view.currencies, [{ currency: 'usd', value: 3 }]);
    assert.equal(WIDTH_SECONDS[view.width], day);
  });
});
