// Buckets from the API → one series per group on the full bucket grid (missing buckets are zero),
// totals, currencies, the chart's datasets and ranked lists.
import * as l10n from '@vscode/l10n';
import type { EndpointSpec, RawBucket, RawResult } from './catalogue';
import { bucketGrid, WIDTH_SECONDS, type TimeRange } from './range';
import type { ChartDataset, CurrencyTotal, MetricInfo, RankedItem, Selection, Series, UsageView } from './types';

/** Display names for ids (projects, users, keys); undefined when unknown. */
export type NameLookup = (field: string, value: string) => string | undefined;

// Looked up when used (after activation has configured @vscode/l10n), never at module load.
export const noneLabel = (): string => l10n.t('(none)');
export const totalLabel = (): string => l10n.t('Total');

function groupValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

/**
 * Readable names for the values of fields with a closed set of them. Grouped by api_source, the API
 * says `agents_api` or `unlabeled` (which covers older and unknown origins, not "direct API use"); a
 * null there is an origin it did not report, shown as a dash rather than "(none)".
 */
let valueLabels: Map<string, { values: Map<string, string>; none?: string }> | undefined;
function fixedLabels(): NonNullable<typeof valueLabels> {
  return valueLabels ??= new Map([
    ['batch', { values: new Map([['true', l10n.t('Batch')], ['false', l10n.t('Not batch')]]) }],
    ['api_source', { values: new Map([['agents_api', l10n.t('Agents API')], ['unlabeled', l10n.t('Unlabeled')]]), none: '—' }],
  ]);
}

/** The text a group field's value is shown as. */
export function displayValue(field: string, value: string | null, names?: NameLookup): string {
  const fixed = fixedLabels().get(field);
  if (value === null || value === '') return fixed?.none ?? noneLabel();
  return fixed?.values.get(value) ?? names?.(field, value) ?? value;
}

function currencyOf(result: RawResult): string | undefined {
  const c = (result.amount as { currency?: unknown } | null | undefined)?.currency;
  return typeof c === 'string' && c ? c.toLowerCase() : undefined;
}

interface ShapeArgs {
  selection: Selection;
  range: TimeRange;
  names?: NameLookup;
}

/** Index of the grid bucket a bucket from the API falls in, or -1 outside the range. */
function slotOf(start: number, range: TimeRange, w: number, count: number): number {
  const i = Math.floor((start - range.start) / w);
  return i >= 0 && i < count ? i : -1;
}

function aggregate(metric: MetricInfo, values: readonly number[]): number {
  if (metric.aggregate === 'peak') return values.reduce((a, b) => Math.max(a, b), 0);
  return values.reduce((a, b) => a + b, 0);
}

export function shape(spec: EndpointSpec, buckets: readonly RawBucket[], { selection, range, names }: ShapeArgs): UsageView {
  const grid = bucketGrid(range, selection.width);
  const w = WIDTH_SECONDS[selection.width];
  const groupFields = spec.groupBy.filter((g) => selection.groupBy.includes(g.field));
  const metrics = spec.metrics;
  const keys = metrics.map((m) => m.key);
  const derived = metrics.map((m) => spec.derived(m.key));
  const isCosts = spec.metrics.some((m) => m.unit === 'currency');
  const byKey = new Map<string, Series>();
  // Each result finds its series by a plain string of its group values (a JSON key and a group
  // object per result were most of the cost of shaping 14,000 results); the series' own key, in
  // JSON, is built once per series. Its value arrays are looked up once, in metric order.
  const byProbe = new Map<string, number[][]>();
  let empty = true;

  for (const bucket of buckets) {
    const slot = slotOf(bucket.start_time, range, w, grid.length);
    if (slot < 0) continue;
    for (const result of bucket.results ?? []) {
      empty = false;
      // A cost without a currency keeps '' so it is never added to another currency's total.
      const currency = isCosts ? currencyOf(result) ?? '' : undefined;
      // Length-prefixed, so no two different groups can make the same string.
      let probe = currency === undefined ? '|' : `${currency.length}:${currency}`;
      for (const g of groupFields) {
        const v = groupValue(result[g.field]);
        probe += v === null ? '|' : `${v.length}:${v}`;
      }
      let columns = byProbe.get(probe);
      if (!columns) {
        // A new probe is a new group: the probe and the key encode the same values.
        const group: Record<string, string | null> = {};
        for (const g of groupFields) group[g.field] = groupValue(result[g.field]);
        const key = JSON.stringify([...groupFields.map((g) => group[g.field]), currency ?? null]);
        const nameOf = Object.fromEntries(groupFields.map((g) => [g.field, displayValue(g.field, group[g.field]!, names)]));
        const series: Series = {
          key,
          group,
          names: nameOf,
          label: groupFields.length ? groupFields.map((g) => nameOf[g.field]).join(' · ') : totalLabel(),
          ...(currency !== undefined ? { currency } : {}),
          values: Object.fromEntries(metrics.map((m) => [m.key, new Array<number>(grid.length).fill(0)])),
          totals: {},
        };
        byKey.set(key, series);
        columns = metrics.map((m) => series.values[m.key]!);
        byProbe.set(probe, columns);
      }
      for (let i = 0; i < keys.length; i++) {
        const compute = derived[i];
        const v = compute ? compute(result) : result[keys[i]!];
        // Null (a count the API did not report) and absent fields add nothing.
        if (typeof v === 'number' && Number.isFinite(v)) columns[i]![slot]! += v;
      }
    }
  }

  // Ungrouped, an empty range still draws its zero buckets.
  if (!groupFields.length && !byKey.size) byKey.set('[null]', zeroSeries(metrics, grid.length));
  const series = [...byKey.values()];
  for (const s of series) for (const m of metrics) s.totals[m.key] = aggregate(m, s.values[m.key]!);
  const totals: Record<string, number> = {};
  for (const m of metrics) {
    const perBucket = new Array<number>(grid.length).fill(0);
    for (const s of series) {
      const values = s.values[m.key]!;
      for (let i = 0; i < perBucket.length; i++) perBucket[i]! += values[i]!;
    }
    totals[m.key] = aggregate(m, perBucket);
  }
  const selected = selection.metric;
  series.sort((a, b) => b.totals[selected]! - a.totals[selected]! || a.label.localeCompare(b.label));

  return {
    selection,
    start: range.start,
    end: range.end,
    width: selection.width,
    buckets: grid,
    groupFields,
    metrics,
    series,
    totals,
    currencies: isCosts ? currencyTotals(series) : [],
    empty,
  };
}

function zeroSeries(metrics: readonly MetricInfo[], n: number): Series {
  return {
    key: '[null]', group: {}, names: {}, label: totalLabel(), totals: {},
    values: Object.fromEntries(metrics.map((m) => [m.key, new Array<number>(n).fill(0)])),
  };
}

function currencyTotals(series: readonly Series[]): CurrencyTotal[] {
  const sums = new Map<string, number>();
  for (const s of series) if (s.currency !== undefined) sums.set(s.currency, (sums.get(s.currency) ?? 0) + (s.totals.amount ?? 0));
  return [...sums].map(([currency, value]) => ({ currency, value })).sort((a, b) => b.value - a.value);
}

/**
 * The chart's datasets for the selected metric: the largest groups, and the rest folded into one
 * "Other" dataset so the chart stays readable (the table keeps every group).
 */
export function chartDatasets(view: UsageView, max = 10): ChartDataset[] {
  const metric = view.selection.metric;
  const shown = view.series.length > max ? view.series.slice(0, max - 1) : view.series;
  const datasets: ChartDataset[] = shown.map((s) => ({ key: s.key, label: s.label, values: s.values[metric]! }));
  const rest = view.series.slice(shown.length);
  if (rest.length) {
    const values = view.buckets.map((_, i) => rest.reduce((sum, s) => sum + s.values[metric]![i]!, 0));
    datasets.push({ key: 'other', label: l10n.t('Other ({0} groups)', rest.length), values, other: true });
  }
  return datasets;
}

/** The largest groups by one metric, for a view grouped by exactly one field. */
export function ranked(view: UsageView, metric: string, n: number): RankedItem[] {
  return view.series
    .map((s) => ({ key: s.key, label: s.label, value: s.totals[metric] ?? 0, group: s.group }))
    .filter((x) => x.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, n);
}
