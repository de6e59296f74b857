// What the usage panel asks for: one selection → the chart's view, the summary figures (costs and
// top models over the same range) and names for the ids, fetched in parallel within the fetcher's
// concurrency limit and all cancelled together through one AbortSignal.
import { setMaxListeners } from 'node:events';
import type { AdminClient } from '../../api';
import { describeError } from '../describeError';
import { ENDPOINTS, type EndpointSpec } from './catalogue';
import { BucketFetcher, isCancellation, type FetcherOptions } from './fetch';
import { Directory } from './names';
import { queryRange, type TimeRange } from './range';
import { buildQuery, normalizeSelection, rangeOf } from './selection';
import { chartDatasets, ranked, shape } from './shape';
import type { DashboardData, FilterOption, KindId, MetricInfo, Selection, Summary } from './types';

const TOP_N = 5;

export interface DashboardOptions extends FetcherOptions {
  /** Milliseconds, like Date.now (tests pin it). */
  clock?: () => number;
}

export interface LoadOptions {
  /** Skip the cache (the Refresh button). */
  fresh?: boolean;
}

export class UsageDashboard {
  readonly fetcher: BucketFetcher;
  readonly directory: Directory;
  private readonly clock: () => number;

  constructor(client: () => Promise<AdminClient>, options: DashboardOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.fetcher = new BucketFetcher(client, options);
    this.directory = new Directory(client, this.fetcher);
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  normalize(raw: unknown): Selection {
    return normalizeSelection(raw, this.nowSeconds());
  }

  async load(raw: unknown, outer: AbortSignal, { fresh = false }: LoadOptions = {}): Promise<DashboardData> {
    // When the chart's own query fails, the summaries it would have gone with are stopped too.
    const { signal, stop } = scope(outer);
    try {
      return await this.loadWith(raw, signal, fresh);
    } catch (err) {
      stop(err);
      throw err;
    }
  }

  private async loadWith(raw: unknown, signal: AbortSignal, fresh: boolean): Promise<DashboardData> {
    const now = this.nowSeconds();
    const selection = normalizeSelection(raw, now);
    const spec = ENDPOINTS[selection.kind];
    const range = rangeOf(selection, now);
    const daily = queryRange(selection.range, '1d', now);
    const warnings: string[] = [];
    if (fresh) this.directory.clear();

    const modelKind: KindId = spec.groupBy.some((g) => g.field === 'model') ? selection.kind : 'completions';
    const modelMetric = modelKind === selection.kind ? selection.metric : 'total_tokens';
    const nameFields = new Set(['project_id', ...selection.groupBy]);

    const costSel = summarySelection(selection, 'costs', 'project_id', 'amount');
    const modelSel = summarySelection(selection, modelKind, 'model', modelMetric);
    const summaryBuckets = (sel: Selection) => this.fetcher.buckets(sel.kind, buildQuery(ENDPOINTS[sel.kind], sel, daily), signal, fresh);
    const [main, names, cost, models] = await Promise.all([
      this.fetcher.buckets(selection.kind, buildQuery(spec, selection, range), signal, fresh),
      this.directory.lookup(nameFields, signal, warnings),
      settle(signal, () => summaryBuckets(costSel)),
      settle(signal, () => summaryBuckets(modelSel)),
    ]);

    const view = shape(spec, main, { selection, range, names });
    const costView = cost.ok ? shape(ENDPOINTS.costs, cost.value, { selection: costSel, range: daily, names }) : undefined;
    const modelView = models.ok ? shape(ENDPOINTS[modelKind], models.value, { selection: modelSel, range: daily }) : undefined;
    const costFilters = new Set(ENDPOINTS.costs.filters.map((f) => f.param));
    const summary: Summary = {
      cost: costView ? { currencies: costView.currencies, topProjects: ranked(costView, 'amount', TOP_N) } : null,
      costFiltersIgnored: spec.filters.filter((f) => selection.filters[f.param] && !costFilters.has(f.param)).map((f) => f.label),
      topModels: modelView ? ranked(modelView, modelMetric, TOP_N) : [],
      modelMetric: { kind: modelKind, kindLabel: ENDPOINTS[modelKind].label, metric: metricOf(ENDPOINTS[modelKind], modelMetric) },
    };
    if (!cost.ok) summary.costError = cost.error;
    if (!models.ok) summary.modelError = models.error;
    return { view, chart: chartDatasets(view), summary, warnings };
  }

  /** Choices for each of the kind's filters: fixed enums, named projects and users, and values seen in the range. */
  async filterOptions(raw: unknown, outer: AbortSignal): Promise<{ options: Record<string, FilterOption[]>; warnings: string[] }> {
    const { signal } = scope(outer);
    const now = this.nowSeconds();
    const selection = normalizeSelection(raw, now);
    const spec = ENDPOINTS[selection.kind];
    const daily = queryRange(selection.range, '1d', now);
    const warnings: string[] = [];
    const options: Record<string, FilterOption[]> = {};
    await Promise.all(spec.filters.map(async (f) => {
      try {
        if (f.type === 'bool') options[f.param] = [{ value: 'true', label: 'Batch only' }, { value: 'false', label: 'Not batch' }];
        else if (f.values) options[f.param] = f.values.map((value) => ({ value, label: value }));
        else if (f.field === 'project_id' || f.field === 'user_id') options[f.param] = await this.directory.options(f.field, signal);
        else options[f.param] = await this.seenValues(spec, f.field, daily, signal, warnings);
      } catch (err) {
        if (signal.aborted || isCancellation(err)) throw err;
        options[f.param] = [];
        warnings.push(`Couldn't load the ${f.label.toLowerCase()} to filter by: ${describeError(err)}`);
      }
    }));
    return { options, warnings };
  }

  /** Distinct values of one field over the range (unfiltered), largest first by the first metric. */
  private async seenValues(spec: EndpointSpec, field: string, range: TimeRange, signal: AbortSignal, warnings: string[]): Promise<FilterOption[]> {
    const sel: Selection = { ...normalizeSelection({ kind: spec.id }, this.nowSeconds()), width: '1d', groupBy: [field] };
    const [buckets, names] = await Promise.all([
      this.fetcher.buckets(spec.id, buildQuery(spec, sel, range), signal),
      this.directory.lookup([field], signal, warnings),
    ]);
    const view = shape(spec, buckets, { selection: sel, range, names });
    return view.series.filter((s) => s.group[field] !== null).map((s) => ({ value: s.group[field]!, label: s.label }));
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

function metricOf(spec: EndpointSpec, key: string): MetricInfo {
  return spec.metrics.find((m) => m.key === key) ?? spec.metrics[0]!;
}
