// The current view as a file: CSV with one row per bucket and group (zeros included, so the rows add
// up to the chart and to the API's totals) and JSON with the same numbers plus the selection.
// Both are data formats: the CSV header (API field names and metric keys) and the JSON keys stay
// as they are in every display language, so scripts can read any export; only the JSON's `label`
// texts (the kind, metrics, groups) are in the language the panel showed.
import { csvLine } from '../csv';
import { ENDPOINTS } from './catalogue';
import { NAMED_FIELDS as NAMED } from './labels';
import { ORGANIZATION_FIELD } from './organizations';
import type { UsageView } from './types';

/**
 * Group fields whose ids have names worth a column of their own (the raw id keeps its column); the
 * organization is one in the "All organizations" view (organization_id, organization_name).
 */
const NAMED_FIELDS = new Set<string>([...NAMED, ORGANIZATION_FIELD]);

const iso = (t: number) => new Date(t * 1000).toISOString();


export function toCsv(view: UsageView): string {
  const isCosts = view.selection.kind === 'costs';
  const header: string[] = ['bucket_start', 'bucket_end'];
  for (const g of view.groupFields) {
    header.push(g.field);
    if (NAMED_FIELDS.has(g.field)) header.push(g.field.replace(/_id$/, '_name'));
  }
  if (isCosts) header.push('currency');
  header.push(...view.metrics.map((m) => m.key));

  const w = view.buckets.length > 1 ? view.buckets[1]! - view.buckets[0]! : view.end - view.start;
  const lines = [csvLine(header)];
  view.buckets.forEach((start, i) => {
    for (const s of view.series) {
      const row: Array<string | number | null> = [iso(start), iso(Math.min(start + w, view.end))];
      for (const g of view.groupFields) {
        row.push(s.group[g.field] ?? null);
        if (NAMED_FIELDS.has(g.field)) row.push(s.group[g.field] === null ? null : s.names[g.field] ?? null);
      }
      if (isCosts) row.push(s.currency ?? null);
      row.push(...view.metrics.map((m) => s.values[m.key]![i]!));
      lines.push(csvLine(row));
    }
  });
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(view: UsageView): string {
  const spec = ENDPOINTS[view.selection.kind];
  return `${JSON.stringify({
    kind: spec.id,
    label: spec.label,
    selection: view.selection,
    start: iso(view.start),
    end: iso(view.end),
    bucketWidth: view.width,
    buckets: view.buckets.map(iso),
    groupBy: view.groupFields.map((g) => g.field),
    metrics: view.metrics,
    totals: view.totals,
    ...(view.currencies.length ? { currencies: view.currencies } : {}),
    series: view.series.map((s) => ({ group: s.group, names: s.names, label: s.label, ...(s.currency !== undefined ? { currency: s.currency } : {}), totals: s.totals, values: s.values })),
  }, null, 2)}\n`;
}
