// What the usage panel asks for: one selection → the chart's view and the summary figures (costs and
// top models over the same range), fetched in parallel within the fetcher's concurrency limit and
// all cancelled together through one AbortSignal. Names for the ids come from the org store: those
// it holds at once, the rest afterwards (resolveNames), so the first chart never waits for them.
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import type { AdminClient } from '../../api';
import { describeError } from '../describeError';
import { ENDPOINTS, type EndpointSpec } from './catalogue';
import { BucketFetcher, isCancellation, type FetcherOptions } from './fetch';
import { listRef, type OrgStore } from '../store';
import { UsageNames, userLabel, type KeyProjectFinder, type ResolvedNames } from './attribution';
import { idsOf, withNames } from './labels';
import { queryRange, type TimeRange } from './range';
import { buildQuery, normalizeSelection, rangeOf } from './selection';
import { chartDatasets, ranked, shape } from './shape';
import type { CostInsights, DashboardData, FilterOption, KindId, MetricInfo, Selection, Summary } from './types';
import { DEFAULT_SENSITIVITY } from './anomalies';
import { costInsights, insightsRange, wantsInsights } from './insights';
import { fromCents } from '../format';

/** How many top projects and models the summary shows. */
export const TOP_N = 5;

export interface DashboardOptions extends FetcherOptions {
  /** Milliseconds, like Date.now (tests pin it). */
  clock?: () => number;
}

export interface LoadOptions {
  /** Skip the cache (the Refresh button). */
  fresh?: boolean;
  /** k of the anomaly rule (openaiAdmin.anomalySensitivity); DEFAULT_SENSITIVITY when unset. */
  sensitivity?: number;
  /** Unix seconds the range is resolved at; the dashboard's clock when unset (several organizations' loads share one). */
  now?: number;
  /** How many top projects and models the summary ranks (combining organizations needs every one). */
  topN?: number;
}

export class UsageDashboard {
  readonly fetcher: BucketFetcher;
  readonly names: UsageNames;
  private readonly clock: () => number;

  constructor(client: () => Promise<AdminClient>, private readonly store: OrgStore, options: DashboardOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.fetcher = new BucketFetcher(client, options);
    this.names = new UsageNames(store);
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  normalize(raw: unknown): Selection {
    return normalizeSelection(raw, this.nowSeconds());
  }

  async load(raw: unknown, outer: AbortSignal, { fresh = false, sensitivity = DEFAULT_SENSITIVITY, now, topN = TOP_N }: LoadOptions = {}): Promise<DashboardData> {
    // When the chart's own query fails, the summaries it would have gone with are stopped too.
    const { signal, stop } = scope(outer);
    try {
      return await this.loadWith(raw, signal, fresh, sensitivity, now ?? this.nowSeconds(), topN);
    } catch (err) {
      stop(err);
      throw err;
    }
  }

  private async loadWith(raw: unknown, signal: AbortSignal, fresh: boolean, sensitivity: number, now: number, topN: number): Promise<DashboardData> {
    const selection = normalizeSelection(raw, now);
    const spec = ENDPOINTS[selection.kind];
    const range = rangeOf(selection, now);
    const daily = queryRange(selection.range, '1d', now);
    const warnings: string[] = [];

    const modelKind: KindId = spec.groupBy.some((g) => g.field === 'model') ? selection.kind : 'completions';
    const modelMetric = modelKind === selection.kind ? selection.metric : 'total_tokens';

    const costSel = summarySelection(selection, 'costs', 'project_id', 'amount');
    const modelSel = summarySelection(selection, modelKind, 'model', modelMetric);
    const summaryBuckets = (sel: Selection) => this.fetcher.buckets(sel.kind, buildQuery(ENDPOINTS[sel.kind], sel, daily), signal, fresh);
    const [main, cost, models, insights] = await Promise.all([
      this.fetcher.buckets(selection.kind, buildQuery(spec, selection, range), signal, fresh),
      settle(signal, () => summaryBuckets(costSel)),
      settle(signal, () => summaryBuckets(modelSel)),
      wantsInsights(selection) ? settle(signal, () => this.insights(selection, range, now, sensitivity, signal, fresh)) : undefined,
    ]);

    const view = shape(spec, main, { selection, range });
    const costView = cost.ok ? shape(ENDPOINTS.costs, cost.value, { selection: costSel, range: daily }) : undefined;
    const modelView = models.ok ? shape(ENDPOINTS[modelKind], models.value, { selection: modelSel, range: daily }) : undefined;
    const costFilters = new Set(ENDPOINTS.costs.filters.map((f) => f.param));
    const summary: Summary = {
      cost: costView ? { currencies: costView.currencies, topProjects: ranked(costView, 'amount', topN) } : null,
      costFiltersIgnored: spec.filters.filter((f) => selection.filters[f.param] && !costFilters.has(f.param)).map((f) => f.label),
      topModels: modelView ? ranked(modelView, modelMetric, topN) : [],
      modelMetric: { kind: modelKind, kindLabel: ENDPOINTS[modelKind].label, metric: metricOf(ENDPOINTS[modelKind], modelMetric) },
    };
    if (!cost.ok) summary.costError = cost.error;
    if (!models.ok) summary.modelError = models.error;
    const data: DashboardData = { view, chart: chartDatasets(view), summary, warnings };
    if (insights) {
      data.insights = insights.ok ? insights.value : { sensitivity, anomalies: [], forecast: null, error: insights.error };
    }
    return withNames(data, this.names.known(idsOf(data)));
  }

  /**
   * Anomalies and the month's forecast for a costs view: one daily query by project with the same
   * filters, reaching back for the anomalies' history and the forecast's average, and the
   * organization's spend limit from the store (drawn only when no filter narrows the costs).
   */
  private async insights(selection: Selection, range: TimeRange, now: number, sensitivity: number, signal: AbortSignal, fresh: boolean): Promise<CostInsights> {
    const sel: Selection = { ...selection, groupBy: ['project_id'] };
    const wide = insightsRange(range, now);
    const filtered = Object.values(selection.filters).some((v) => v.length);
    const [buckets, limit] = await Promise.all([
      this.fetcher.buckets('costs', buildQuery(ENDPOINTS.costs, sel, wide), signal, fresh),
      filtered ? null : this.store.loadAll(listRef('spendLimit'), signal).then((l) => (l[0] ? fromCents(l[0].threshold_amount) : null)),
    ]);
    const context = withNames({ view: shape(ENDPOINTS.costs, buckets, { selection: sel, range: wide }), chart: [], summary: { cost: null, costFiltersIgnored: [], topModels: [] }, warnings: [] },
      this.names.known({ project_id: [...new Set(buckets.flatMap((b) => (b.results ?? []).map((r) => r.project_id)).filter((id): id is string => typeof id === 'string'))], user_id: [], api_key_id: [], keyProjects: {} })).view;
    return costInsights(context, range, now, sensitivity, limit);
  }

  /**
   * Names for every id a load shows, read through the store (the lists it lacks are loaded now).
   * Keys whose project the view does not show are placed by one usage query grouped by key and
   * project over the same range and filters.
   */
  resolveNames(data: DashboardData, signal: AbortSignal): Promise<ResolvedNames> {
    return this.names.resolve(idsOf(data), this.keyProjectFinder(data.view.selection), signal);
  }

  private keyProjectFinder(selection: Selection): KeyProjectFinder {
    return async (_keys, signal) => {
      const spec = ENDPOINTS[selection.kind];
      const out = new Map<string, string>();
      if (!spec.groupBy.some((g) => g.field === 'project_id')) return out;
      const sel: Selection = { ...selection, width: '1d', groupBy: ['api_key_id', 'project_id'] };
      const buckets = await this.fetcher.buckets(sel.kind, buildQuery(spec, sel, queryRange(selection.range, '1d', this.nowSeconds())), signal);
      for (const b of buckets) {
        for (const r of b.results ?? []) {
          if (typeof r.api_key_id === 'string' && typeof r.project_id === 'string') out.set(r.api_key_id, r.project_id);
        }
      }
      return out;
    };
  }

  /**
   * Choices for each of the kind's filters: fixed enums, named projects and users, and values seen in
   * the range. `only` limits them to some filter parameters (all organizations together take no filter on ids).
   */
  async filterOptions(raw: unknown, outer: AbortSignal, only?: (param: string) => boolean): Promise<{ options: Record<string, FilterOption[]>; warnings: string[] }> {
    const { signal } = scope(outer);
    const now = this.nowSeconds();
    const selection = normalizeSelection(raw, now);
    const spec = ENDPOINTS[selection.kind];
    const daily = queryRange(selection.range, '1d', now);
    const warnings: string[] = [];
    const options: Record<string, FilterOption[]> = {};
    await Promise.all(spec.filters.filter((f) => !only || only(f.param)).map(async (f) => {
      try {
        if (f.type === 'bool') options[f.param] = [{ value: 'true', label: l10n.t('Batch only') }, { value: 'false', label: l10n.t('Not batch') }];
        else if (f.values) options[f.param] = f.values.map((value) => ({ value, label: value }));
        else if (f.field === 'project_id') options[f.param] = await this.projectOptions(signal);
        else if (f.field === 'user_id') options[f.param] = byLabel((await this.store.loadAll(listRef('members'), signal)).map((u) => ({ value: u.id, label: userLabel(u) })));
        else options[f.param] = await this.seenValues(spec, f.field, daily, signal, warnings);
      } catch (err) {
        if (signal.aborted || isCancellation(err)) throw err;
        options[f.param] = [];
        warnings.push(l10n.t("Couldn't load the {0} to filter by: {1}", f.label.toLowerCase(), describeError(err)));
      }
    }));
    return { options, warnings };
  }

  /** Distinct values of one field over the range (unfiltered), largest first by the first metric. */
  private async seenValues(spec: EndpointSpec, field: string, range: TimeRange, signal: AbortSignal, warnings: string[]): Promise<FilterOption[]> {
    const sel: Selection = { ...normalizeSelection({ kind: spec.id }, this.nowSeconds()), width: '1d', groupBy: [field] };
    const buckets = await this.fetcher.buckets(spec.id, buildQuery(spec, sel, range), signal);
    const view = shape(spec, buckets, { selection: sel, range });
    const seen: DashboardData = { view, chart: [], summary: { cost: null, costFiltersIgnored: [], topModels: [] }, warnings: [] };
    const named = (field === 'api_key_id' || field === 'user_id' || field === 'project_id')
      ? await this.resolveNames(seen, signal).then(({ names, warnings: w }) => { warnings.push(...w); return withNames(seen, names).view; })
      : view;
    return named.series.filter((s) => s.group[field] !== null).map((s) => ({ value: s.group[field]!, label: s.label }));
  }

  /** Active and archived projects, by name. */
  private async projectOptions(signal: AbortSignal): Promise<FilterOption[]> {
    const [active, archived] = await Promise.all([
      this.store.loadAll(listRef('projects'), signal),
      this.store.loadAll(listRef('archivedProjects'), signal),
    ]);
    return byLabel([
      ...active.map((p) => ({ value: p.id, label: p.name || p.id })),
      ...archived.map((p) => ({ value: p.id, label: `${p.name || p.id} (archived)` })),
    ]);
  }
}

/**
 * A signal for one load's many requests (each waiting request listens on it, hence the higher
 * listener cap), which the load can also stop itself.
 */
function scope(outer: AbortSignal): { signal: AbortSignal; stop: (reason: unknown) => void } {
  const own = new AbortController();
  const signal = AbortSignal.any([outer, own.signal]);
  setMaxListeners(256, signal);
  return { signal, stop: (reason) => own.abort(reason) };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

/** A summary that fails must not hide the chart: its error becomes text; cancellation still propagates. */
async function settle<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (signal.aborted || isCancellation(err)) throw err;
    return { ok: false, error: describeError(err) };
  }
}

/** The same range and filters, daily and grouped by one field, for a summary figure. */
function summarySelection(selection: Selection, kind: KindId, field: string, metric: string): Selection {
  return { ...selection, kind, metric, width: '1d', groupBy: [field] };
}

function byLabel(options: FilterOption[]): FilterOption[] {
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

function metricOf(spec: EndpointSpec, key: string): MetricInfo {
  return spec.metrics.find((m) => m.key === key) ?? spec.metrics[0]!;
}
