// Several organizations' dashboard loads as one "All organizations" view: each organization's
// series under its name (the organization is the first group field), totals summed per bucket,
// costs summed per currency (never one currency into another), and an organization that could not
// be read named with its error while the others' numbers stay. Pure: the loads come in finished.
import * as l10n from '@vscode/l10n';
import { ORGANIZATION_FIELD, organizationLabel } from './organizations';
import type { ChartDataset, CostAnomaly, CostInsights, CurrencyTotal, DashboardData, MetricInfo, RankedItem, Selection, Series, Summary, UsageView } from './types';

/** One organization's load: its data (names already applied), or why there is none. */
export interface OrganizationPart {
  id: string;
  name: string;
  data?: DashboardData;
  error?: string;
}

/** Datasets the chart draws before folding the rest into "Other" (as chartDatasets does). */
const MAX_DATASETS = 10;

/**
 * `parts` in the organizations' order; at least one must have data. The summary's rankings are
 * exact only when each part ranked every project and model (LoadOptions.topN), since a model
 * outside one organization's top five may be in the combined top five.
 */
export function combineOrganizations(selection: Selection, parts: readonly OrganizationPart[], topN: number): DashboardData {
  const loaded = parts.filter((p): p is OrganizationPart & { data: DashboardData } => !!p.data);
  const template = loaded[0]?.data.view;
  if (!template) throw new Error(l10n.t('No organization could be read.'));
  const slot = new Map(template.buckets.map((t, i) => [t, i]));
  const groupFields = [{ field: ORGANIZATION_FIELD, label: organizationLabel() }, ...template.groupFields];

  const series: Series[] = [];
  for (const { id, name, data } of loaded) {
    for (const s of data.view.series) {
      const names: Record<string, string> = { [ORGANIZATION_FIELD]: name, ...s.names };
      series.push({
        key: JSON.stringify([id, s.key]),
        group: { [ORGANIZATION_FIELD]: id, ...s.group },
        names,
        label: groupFields.map((g) => names[g.field] ?? '').join(' · '),
        ...(s.currency !== undefined ? { currency: s.currency } : {}),
        values: Object.fromEntries(template.metrics.map((m) => [m.key, aligned(s.values[m.key] ?? [], data.view.buckets, slot, template.buckets.length)])),
        totals: { ...s.totals },
      });
    }
  }
  const metric = selection.metric;
  series.sort((a, b) => (b.totals[metric] ?? 0) - (a.totals[metric] ?? 0) || a.label.localeCompare(b.label));

  const currencies = sumByCurrency(series.filter((s) => s.currency !== undefined).map((s) => ({ currency: s.currency!, value: s.totals.amount ?? 0 })));
  const view: UsageView = {
    ...template,
    selection,
    groupFields,
    series,
    totals: Object.fromEntries(template.metrics.map((m) => [m.key, aggregate(m, perBucket(series, m.key, template.buckets.length))])),
    currencies: template.currencies.length || currencies.length ? currencies : [],
    empty: loaded.every((p) => p.data.view.empty),
  };

  const warnings: string[] = [];
  for (const p of parts) {
    if (!p.data) warnings.push(l10n.t("Couldn't load {0}: {1}. Its numbers are not included.", p.name, p.error ?? l10n.t('unknown error')));
    else for (const w of p.data.warnings) warnings.push(l10n.t('{0}: {1}', p.name, w));
  }
  const data: DashboardData = {
    view,
    chart: organizationDatasets(view, loaded.map((p) => ({ id: p.id, name: p.name }))),
    summary: combineSummaries(loaded, topN, warnings),
    warnings,
    organizations: parts.map((p) => ({ id: p.id, name: p.name, ...(p.data ? {} : { error: p.error ?? l10n.t('unknown error') }) })),
  };
  const insights = combineInsights(loaded);
  if (insights) data.insights = insights;
  return data;
}

/** Totals per currency, largest first; amounts in different currencies are never added together. */
export function sumByCurrency(amounts: readonly CurrencyTotal[]): CurrencyTotal[] {
  const sums = new Map<string, number>();
  for (const a of amounts) sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.value);
  return [...sums].map(([currency, value]) => ({ currency, value })).sort((a, b) => b.value - a.value || a.currency.localeCompare(b.currency));
}

/** `values` (one per bucket of `buckets`) placed on the combined grid; buckets outside it are dropped. */
function aligned(values: readonly number[], buckets: readonly number[], slot: ReadonlyMap<number, number>, length: number): number[] {
  const out = new Array<number>(length).fill(0);
  buckets.forEach((t, i) => {
    const j = slot.get(t);
    if (j !== undefined) out[j]! += values[i] ?? 0;
  });
  return out;
}

function perBucket(series: readonly Series[], metric: string, length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (const s of series) s.values[metric]!.forEach((v, i) => { out[i]! += v; });
  return out;
}

function aggregate(metric: MetricInfo, values: readonly number[]): number {
  return metric.aggregate === 'peak' ? values.reduce((a, b) => Math.max(a, b), 0) : values.reduce((a, b) => a + b, 0);
}

/**
 * The chart: one dataset per organization (and per currency, when the costs have several), whatever
 * the view is grouped by; the table keeps each organization's groups.
 */
function organizationDatasets(view: UsageView, orgs: readonly { id: string; name: string }[]): ChartDataset[] {
  const metric = view.selection.metric;
  const several = view.currencies.length > 1;
  const sets = new Map<string, ChartDataset & { total: number }>();
  for (const s of view.series) {
    const org = s.group[ORGANIZATION_FIELD]!;
    const currency = several ? s.currency : undefined;
    const key = JSON.stringify([org, currency ?? null]);
    let set = sets.get(key);
    if (!set) {
      const name = orgs.find((o) => o.id === org)?.name ?? org;
      set = { key, label: currency ? `${name} (${currency.toUpperCase()})` : name, values: new Array<number>(view.buckets.length).fill(0), total: 0, ...(currency ? { currency } : {}) };
      sets.set(key, set);
    }
    s.values[metric]!.forEach((v, i) => { set.values[i]! += v; });
    set.total += s.totals[metric] ?? 0;
  }
  const ordered = [...sets.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)).map(({ total: _total, ...d }) => d as ChartDataset);
  if (ordered.length <= MAX_DATASETS) return ordered;
  const shown = ordered.slice(0, MAX_DATASETS - 1);
  const rest = ordered.slice(MAX_DATASETS - 1);
  const values = view.buckets.map((_, i) => rest.reduce((sum, d) => sum + d.values[i]!, 0));
  return [...shown, { key: 'other', label: l10n.t('Other ({0} organizations)', rest.length), values, other: true }];
}

/**
 * Total cost per currency over every organization whose cost could be read; top projects across
 * organizations, each named "organization · project" like the table's rows; top models summed per model.
 */
function combineSummaries(loaded: readonly (OrganizationPart & { data: DashboardData })[], topN: number, warnings: string[]): Summary {
  const first = loaded[0]!.data.summary;
  const withCost = loaded.filter((p) => p.data.summary.cost);
  const withModels = loaded.filter((p) => !p.data.summary.modelError);
  for (const p of loaded) {
    if (p.data.summary.costError && withCost.length) warnings.push(l10n.t("{0}: couldn't read its costs for the summary: {1}", p.name, p.data.summary.costError));
    if (p.data.summary.modelError && withModels.length) warnings.push(l10n.t("{0}: couldn't read its top models: {1}", p.name, p.data.summary.modelError));
  }
  const summary: Summary = {
    cost: withCost.length ? {
      currencies: sumByCurrency(withCost.flatMap((p) => p.data.summary.cost!.currencies)),
      topProjects: top(withCost.flatMap((p) => p.data.summary.cost!.topProjects.map((item): RankedItem => ({ key: JSON.stringify([p.id, item.key]), label: `${p.name} · ${item.label}`, value: item.value }))), topN),
    } : null,
    costFiltersIgnored: first.costFiltersIgnored,
    topModels: top(sumRanked(withModels.flatMap((p) => p.data.summary.topModels)), topN),
    ...(first.modelMetric ? { modelMetric: first.modelMetric } : {}),
  };
  if (!withCost.length) summary.costError = loaded.map((p) => `${p.name}: ${p.data.summary.costError ?? 'unavailable'}`).join('; ');
  if (!withModels.length) summary.modelError = loaded.map((p) => `${p.name}: ${p.data.summary.modelError}`).join('; ');
  return summary;
}

/** Items with the same key (a model, whichever organization used it) added together. */
function sumRanked(items: readonly RankedItem[]): RankedItem[] {
  const byKey = new Map<string, RankedItem>();
  for (const it of items) {
    const seen = byKey.get(it.key);
    byKey.set(it.key, seen ? { ...seen, value: seen.value + it.value } : { key: it.key, label: it.label, value: it.value });
  }
  return [...byKey.values()];
}

function top(items: readonly RankedItem[], n: number): RankedItem[] {
  return [...items].filter((x) => x.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)).slice(0, n);
}

/**
 * Every organization's anomalies, each named with its organization. No forecast: each organization
 * has its own spend limit and maybe its own currency, so one line for all of them would mislead.
 */
function combineInsights(loaded: readonly (OrganizationPart & { data: DashboardData })[]): CostInsights | undefined {
  const withInsights = loaded.filter((p) => p.data.insights);
  if (!withInsights.length) return undefined;
  const anomalies: CostAnomaly[] = withInsights.flatMap((p) => p.data.insights!.anomalies.map((a) => ({ ...a, projectId: null, label: `${p.name} · ${a.label}` })));
  anomalies.sort((a, b) => a.day - b.day || b.amount - a.amount);
  const errors = withInsights.filter((p) => p.data.insights!.error).map((p) => `${p.name}: ${p.data.insights!.error}`);
  return { sensitivity: withInsights[0]!.data.insights!.sensitivity, anomalies, forecast: null, ...(errors.length ? { error: errors.join('; ') } : {}) };
}
