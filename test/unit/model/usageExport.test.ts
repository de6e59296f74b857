// CSV and JSON export: columns, quoting, formula-safe text, and numbers that add up to the fake's.
import assert from 'node:assert/strict';
import { ENDPOINTS } from '../../../src/model/usage/catalogue';
import { csvCell } from '../../../src/model/csv';
import { toCsv, toJson } from '../../../src/model/usage/export';
import { buildQuery, normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { withNames } from '../../../src/model/usage/labels';
import { chartDatasets, shape } from '../../../src/model/usage/shape';
import type { DashboardData } from '../../../src/model/usage/types';
import { parseCsv } from './csv';
import { CLOCK_MS, close, rawBuckets, rawSum, useUsageFake } from './usageHelpers';

const NOW = CLOCK_MS / 1000;

describe('usage model: export', () => {
  it('csvCell quotes separators and quotes, and keeps formula-like text as text', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"\nbye'), '"say ""hi""\nbye"');
    assert.equal(csvCell('=HYPERLINK("https://evil.example","x")'), `"'=HYPERLINK(""https://evil.example"",""x"")"`);
    for (const lead of ['+', '-', '@', '\t']) assert.equal(csvCell(`${lead}cmd`)[0] === '"' ? csvCell(`${lead}cmd`)[1] : csvCell(`${lead}cmd`)[0], "'");
    assert.equal(csvCell(-12.5), '-12.5');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('names that follow the chart (keys from the org store) go into the name column, formula-safe, beside the raw id', () => {
    const spec = ENDPOINTS.costs;
    const selection = normalizeSelection({ kind: 'costs', range: { preset: 'custom', from: '2026-06-01', to: '2026-06-02' }, groupBy: ['api_key_id'] }, NOW);
    const range = rangeOf(selection, NOW);
    const result = (id: string, value: number) => ({ object: 'organization.costs.result', amount: { value, currency: 'usd' }, api_key_id: id });
    const view = shape(spec, [{ start_time: range.start, end_time: range.start + 86_400, results: [result('key_a', 2), result('key_gone', 1)] }], { selection, range });
    const data: DashboardData = { view, chart: chartDatasets(view), summary: { cost: null, costFiltersIgnored: [], topModels: [] }, warnings: [] };
    const named = withNames(data, { api_key_id: { key_a: '=cmd|"/c calc"!A1 (sk-proj...abcd) · Ada · Web', key_gone: 'deleted key key_gone' } });
    assert.deepEqual(named.chart.map((d) => d.label), ['=cmd|"/c calc"!A1 (sk-proj...abcd) · Ada · Web', 'deleted key key_gone']);
    assert.deepEqual(data.view.series.map((s) => s.label), ['key_a', 'key_gone'], 'the load itself is not changed');
    const [header, ...rows] = parseCsv(toCsv(named.view));
    assert.deepEqual(header!.slice(2, 4), ['api_key_id', 'api_key_name']);
    assert.deepEqual(rows.slice(0, 2).map((r) => r.slice(2, 4)), [['key_a', `'=cmd|"/c calc"!A1 (sk-proj...abcd) · Ada · Web`], ['key_gone', 'deleted key key_gone']]);
    const json = JSON.parse(toJson(named.view)) as { series: Array<{ group: Record<string, string>; names: Record<string, string> }> };
    assert.deepEqual(json.series.map((s) => [s.group.api_key_id, s.names.api_key_id]), [['key_a', '=cmd|"/c calc"!A1 (sk-proj...abcd) · Ada · Web'], ['key_gone', 'deleted key key_gone']]);
  });

  describe('against the fake (hostile project names)', function () {
    this.timeout(30_000);
    const { fake } = useUsageFake({ seed: 1, hostile: true }); // seed 1 names a project '<input autofocus onfocus=alert(1)>'

    it('one row per bucket and group, zeros included; every column adds up to the fake', async () => {
      const spec = ENDPOINTS.completions;
      const selection = normalizeSelection({ kind: 'completions', range: { preset: '7d' }, width: '1d', groupBy: ['project_id', 'model'] }, NOW);
      const range = rangeOf(selection, NOW);
      const raw = await rawBuckets(fake(), 'completions', buildQuery(spec, selection, range));
      const projects = new Map(fake().state.projects.values().map((p) => [p.id, p.name]));
      const view = shape(spec, raw, { selection, range, names: (f, id) => (f === 'project_id' ? projects.get(id) : undefined) });
      const rows = parseCsv(toCsv(view));
      const [header, ...body] = rows;
      assert.deepEqual(header, ['bucket_start', 'bucket_end', 'project_id', 'project_name', 'model', ...spec.metrics.map((m) => m.key)]);
      assert.equal(body.length, view.buckets.length * view.series.length);
      assert.equal(body[0]![0], new Date(range.start * 1000).toISOString());
      assert.equal(body[0]![1], new Date((range.start + 86_400) * 1000).toISOString());
      for (const m of spec.metrics) {
        const col = header!.indexOf(m.key);
        const sum = body.reduce((s, r) => s + Number(r[col]), 0);
        assert.ok(close(sum, rawSum(raw, m.key)), `${m.key}: ${sum} ≠ ${rawSum(raw, m.key)}`);
      }
      assert.ok(body.some((r) => r[header!.indexOf('total_tokens')] === '0'), 'zero rows are written');
      // Names come through as text, formula-like ones defused.
      const nameCol = header!.indexOf('project_name');
      const idCol = header!.indexOf('project_id');
      for (const r of body) {
        const name = projects.get(r[idCol]!)!;
        assert.equal(r[nameCol], /^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
      }
      assert.ok(body.some((r) => /[<"]/.test(r[nameCol]!)), 'the fake gave a hostile project name with usage');
    });

    it('decisions by project and api_source: raw sources, names and every token column, adding up to the fake', async () => {
      const spec = ENDPOINTS.decisions;
      const selection = normalizeSelection({ kind: 'decisions', range: { preset: '7d' }, width: '1d', groupBy: ['project_id', 'api_source'] }, NOW);
      const range = rangeOf(selection, NOW);
      const raw = await rawBuckets(fake(), 'decisions', buildQuery(spec, selection, range));
      const view = shape(spec, raw, { selection, range });
      const [header, ...body] = parseCsv(toCsv(view));
      assert.deepEqual(header, ['bucket_start', 'bucket_end', 'project_id', 'project_name', 'api_source', ...spec.metrics.map((m) => m.key)]);
      assert.ok(header!.includes('input_cache_write_30m_tokens') && header!.includes('input_cache_write_12h_tokens'));
      assert.deepEqual(new Set(body.map((r) => r[4])), new Set(['agents_api', 'unlabeled']));
      for (const m of spec.metrics) {
        const col = header!.indexOf(m.key);
        assert.ok(close(body.reduce((s, r) => s + Number(r[col]), 0), rawSum(raw, m.key)), m.key);
      }
      const json = JSON.parse(toJson(view));
      assert.equal(json.kind, 'decisions');
      assert.deepEqual(json.groupBy, ['project_id', 'api_source']);
      assert.deepEqual(new Set(json.series.map((x: { names: { api_source: string } }) => x.names.api_source)), new Set(['Agents API', 'Unlabeled']));
    });

    it('costs CSV carries the currency; JSON has the same numbers and the selection', async () => {
      const spec = ENDPOINTS.costs;
      const selection = normalizeSelection({ kind: 'costs', range: { preset: '7d' }, groupBy: ['line_item'] }, NOW);
      const range = rangeOf(selection, NOW);
      const raw = await rawBuckets(fake(), 'costs', buildQuery(spec, selection, range));
      const view = shape(spec, raw, { selection, range });
      const [header, ...body] = parseCsv(toCsv(view));
      assert.deepEqual(header, ['bucket_start', 'bucket_end', 'line_item', 'currency', 'amount', 'quantity']);
      assert.ok(body.every((r) => r[3] === 'usd'));
      assert.ok(close(body.reduce((s, r) => s + Number(r[4]), 0), rawSum(raw, 'amount')));
      assert.ok(close(body.reduce((s, r) => s + Number(r[5]), 0), rawSum(raw, 'quantity')));

      const json = JSON.parse(toJson(view));
      assert.equal(json.kind, 'costs');
      assert.deepEqual(json.selection, selection);
      assert.equal(json.buckets.length, 8);
      assert.deepEqual(json.currencies, view.currencies);
      assert.ok(close(json.totals.amount, rawSum(raw, 'amount')));
      assert.ok(close(json.series.reduce((s: number, x: { totals: { amount: number } }) => s + x.totals.amount, 0), rawSum(raw, 'amount')));
    });
  });
});
