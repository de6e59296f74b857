// A selection made valid for its endpoint. Pure and import-free apart from range.ts, so the webview
// runs the same rules on its controls as the host does on the query.
import { ALL_ORGANIZATIONS, isOrgScopedParam, organizationValue, resolveOrganization } from './organizations';
import { defaultWidth, widthsFor } from './range';
import type { ChartStyle, KindInfo, RangePreset, RangeSelection, Selection, Width } from './types';

const PRESETS: readonly RangePreset[] = ['24h', '7d', '30d', '90d', 'custom'];
const MAX_FILTER_VALUES = 200;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

function normalizeRange(raw: unknown): RangeSelection {
  const r = (raw ?? {}) as Partial<RangeSelection>;
  const preset = PRESETS.includes(r.preset as RangePreset) ? (r.preset as RangePreset) : '30d';
  return preset === 'custom' ? { preset, from: String(r.from ?? ''), to: String(r.to ?? '') } : { preset };
}

/**
 * Keeps only what the endpoint supports: a width it offers that the range allows, its group_by
 * fields, its filters (bool filters with one 'true'/'false' value), one of its metrics. An unknown
 * kind becomes the first of `kinds` (costs). With `organizations` (the connected ones' ids), the
 * organization is one of them or 'all' (src/model/usage/organizations.ts); without, a string
 * organization is kept as it came (the model's dashboard for one organization does not know the others).
 * "All organizations" takes no filter on projects, users or keys: their ids belong to one organization.
 */
export function normalizeWith(kinds: readonly KindInfo[], raw: unknown, nowSeconds: number, organizations?: readonly string[]): Selection {
  const input = (raw ?? {}) as Partial<Selection>;
  const organization = organizations ? resolveOrganization(input.organization, organizations) : organizationValue(input.organization);
  const spec = kinds.find((k) => k.id === input.kind) ?? kinds[0]!;
  const range = normalizeRange(input.range);
  const allowed = widthsFor(range, spec.widths, nowSeconds);
  const width: Width = allowed.includes(input.width as Width) ? (input.width as Width) : defaultWidth(range, spec.widths, nowSeconds);
  const groupFields = new Set(spec.groupBy.map((g) => g.field));
  const groupBy = [...new Set(strings(input.groupBy))].filter((f) => groupFields.has(f));
  const filters: Record<string, string[]> = {};
  const rawFilters = (input.filters ?? {}) as Record<string, unknown>;
  for (const f of spec.filters) {
    if (organization === ALL_ORGANIZATIONS && isOrgScopedParam(f.param)) continue;
    let values = [...new Set(strings(rawFilters[f.param]))];
    if (f.type === 'bool') values = values.filter((v) => v === 'true' || v === 'false').slice(0, 1);
    if (f.values) values = values.filter((v) => f.values!.includes(v));
    if (values.length) filters[f.param] = values.slice(0, MAX_FILTER_VALUES);
  }
  const metric = spec.metrics.some((m) => m.key === input.metric) ? input.metric! : spec.metrics[0]!.key;
  const chart: ChartStyle = input.chart === 'line' ? 'line' : 'bar';
  return { kind: spec.id, metric, range, width, groupBy, filters, chart, ...(organization !== undefined ? { organization } : {}) };
}
