// A selection from the webview (or restored state, or a command argument) made valid for its
// endpoint, and the API query it turns into.
import { ENDPOINTS, isKind, type EndpointSpec } from './catalogue';
import { defaultWidth, resolveRange, widthsFor, type TimeRange } from './range';
import type { ChartStyle, RangePreset, RangeSelection, Selection, Width } from './types';

const PRESETS: readonly RangePreset[] = ['24h', '7d', '30d', '90d', 'custom'];
const MAX_FILTER_VALUES = 200;

export function defaultSelection(overrides: Partial<Selection> = {}): Selection {
  return normalizeSelection({ kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'], chart: 'bar', ...overrides }, Date.now() / 1000);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

function normalizeRange(raw: unknown): RangeSelection {
  const r = (raw ?? {}) as Partial<RangeSelection>;
  const preset = PRESETS.includes(r.preset as RangePreset) ? (r.preset as RangePreset) : '30d';
  return preset === 'custom' ? { preset, from: String(r.from ?? ''), to: String(r.to ?? '') } : { preset };
}

/**
 * Keeps only what the endpoint supports: a width it offers that the range allows, its group_by
 * fields, its filters (bool filters with one 'true'/'false' value), one of its metrics.
 */
export function normalizeSelection(raw: Partial<Selection> | unknown, nowSeconds: number): Selection {
  const input = (raw ?? {}) as Partial<Selection>;
  const kind = isKind(input.kind) ? input.kind : 'costs';
  const spec = ENDPOINTS[kind];
  const range = normalizeRange(input.range);
  const allowed = widthsFor(range, spec.widths, nowSeconds);
  const width: Width = allowed.includes(input.width as Width) ? (input.width as Width) : defaultWidth(range, spec.widths, nowSeconds);
  const groupFields = new Set(spec.groupBy.map((g) => g.field));
  const groupBy = [...new Set(strings(input.groupBy))].filter((f) => groupFields.has(f));
  const filters: Record<string, string[]> = {};
  const rawFilters = (input.filters ?? {}) as Record<string, unknown>;
  for (const f of spec.filters) {
    let values = [...new Set(strings(rawFilters[f.param]))];
    if (f.type === 'bool') values = values.filter((v) => v === 'true' || v === 'false').slice(0, 1);
    if (f.values) values = values.filter((v) => f.values!.includes(v));
    if (values.length) filters[f.param] = values.slice(0, MAX_FILTER_VALUES);
  }
  const metric = spec.metrics.some((m) => m.key === input.metric) ? input.metric! : spec.metrics[0]!.key;
  const chart: ChartStyle = input.chart === 'line' ? 'line' : 'bar';
  return { kind, metric, range, width, groupBy, filters, chart };
}

/** The query for one endpoint; filters the endpoint does not take are left out. */
export function buildQuery(spec: EndpointSpec, selection: Pick<Selection, 'width' | 'groupBy' | 'filters'>, range: TimeRange): Record<string, unknown> {
  const query: Record<string, unknown> = { start_time: range.start, end_time: range.end, bucket_width: selection.width };
  const groupFields = new Set(spec.groupBy.map((g) => g.field));
  const groupBy = selection.groupBy.filter((f) => groupFields.has(f));
  if (groupBy.length) query.group_by = groupBy;
  for (const f of spec.filters) {
    const values = selection.filters[f.param];
    if (!values?.length) continue;
    query[f.param] = f.type === 'bool' ? values[0] === 'true' : values;
  }
  return query;
}

export function rangeOf(selection: Selection, nowSeconds: number): TimeRange {
  return resolveRange(selection.range, selection.width, nowSeconds);
}
