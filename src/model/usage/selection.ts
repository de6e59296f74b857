// A selection from the webview (or restored state, or a command argument) made valid for its
// endpoint, and the API query it turns into.
import { ENDPOINTS, KIND_IDS, type EndpointSpec } from './catalogue';
import { normalizeWith } from './normalize';
import { queryRange, type TimeRange } from './range';
import type { KindInfo, Selection } from './types';

const KINDS: KindInfo[] = KIND_IDS.map((id) => ENDPOINTS[id]);

/** See normalizeWith: the host's version, over the full catalogue. */
export function normalizeSelection(raw: unknown, nowSeconds: number, organizations?: readonly string[]): Selection {
  return normalizeWith(KINDS, raw, nowSeconds, organizations);
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
  return queryRange(selection.range, selection.width, nowSeconds);
}
