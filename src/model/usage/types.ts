// The dashboard's data as it crosses from the extension host to the webview. Plain JSON-able types
// with no imports, so the front end (media/usage) can import them without pulling in Node or the API.

export type KindId =
  | 'costs'
  | 'completions'
  | 'decisions'
  | 'embeddings'
  | 'moderations'
  | 'images'
  | 'audio_speeches'
  | 'audio_transcriptions'
  | 'vector_stores'
  | 'code_interpreter_sessions'
  | 'file_search_calls'
  | 'web_search_calls';

export type Width = '1m' | '1h' | '1d';
export type RangePreset = '24h' | '7d' | '30d' | '90d' | 'custom';
export type ChartStyle = 'bar' | 'line';
export type Unit = 'tokens' | 'requests' | 'images' | 'characters' | 'seconds' | 'bytes' | 'sessions' | 'calls' | 'currency' | 'quantity';

/** `from`/`to` are UTC calendar days (YYYY-MM-DD), both included; used only by the custom preset. */
export interface RangeSelection {
  preset: RangePreset;
  from?: string;
  to?: string;
}

/** What the user picked. `filters` is keyed by the API's filter parameter (project_ids, models, batch, …). */
export interface Selection {
  kind: KindId;
  metric: string;
  range: RangeSelection;
  width: Width;
  groupBy: string[];
  filters: Record<string, string[]>;
  chart: ChartStyle;
  /**
   * The connected organization shown (its connection id), or 'all' for all of them together
   * (src/model/usage/organizations.ts). The host always sets it; absent only in selections made
   * before it was known.
   */
  organization?: string;
}

export interface FieldInfo {
  field: string;
  label: string;
}

export interface FilterInfo {
  param: string;
  field: string;
  label: string;
  /** `bool` filters take one value, 'true' or 'false'. */
  type: 'multi' | 'bool';
  /** The API's closed set of values, when it has one. */
  values?: string[];
}

export interface MetricInfo {
  key: string;
  label: string;
  unit: Unit;
  /** `peak`: a level such as stored bytes, where adding buckets up means nothing; totals take the largest bucket. */
  aggregate: 'sum' | 'peak';
}

export interface KindInfo {
  id: KindId;
  label: string;
  widths: Width[];
  groupBy: FieldInfo[];
  filters: FilterInfo[];
  metrics: MetricInfo[];
}

/** One group's numbers: `values[metric][i]` is bucket i (zero when the API reported nothing). */
export interface Series {
  key: string;
  /** The group's raw field values (null when the API left it unset); booleans as 'true'/'false'. */
  group: Record<string, string | null>;
  /** Display text per group field (names for ids where known). */
  names: Record<string, string>;
  label: string;
  currency?: string;
  values: Record<string, number[]>;
  totals: Record<string, number>;
}

export interface CurrencyTotal {
  currency: string;
  value: number;
}

export interface UsageView {
  selection: Selection;
  start: number;
  end: number;
  width: Width;
  /** Bucket start times (unix seconds), every bucket of the range. */
  buckets: number[];
  groupFields: FieldInfo[];
  metrics: MetricInfo[];
  /** Sorted by the selected metric's total, largest first. */
  series: Series[];
  totals: Record<string, number>;
  /** Costs only: totals per currency (one entry unless the API mixes currencies). */
  currencies: CurrencyTotal[];
  /** No bucket of the range has any result. */
  empty: boolean;
}

export interface ChartDataset {
  key: string;
  label: string;
  values: number[];
  /** The dataset folds several smaller groups together. */
  other?: boolean;
  /** Costs: the dataset's currency, when the view has more than one. */
  currency?: string;
}

export interface RankedItem {
  key: string;
  label: string;
  value: number;
  /** The group's raw field values, so names that arrive later can replace the label. */
  group?: Record<string, string | null>;
}

export interface Summary {
  /** Costs over the same range and the filters costs accept; null when they could not be read. */
  cost: { currencies: CurrencyTotal[]; topProjects: RankedItem[] } | null;
  costError?: string;
  /** Selected filters the costs endpoint does not take (e.g. models): the cost figures are not narrowed by them. */
  costFiltersIgnored: string[];
  /** Top models by `modelMetric` (the selected kind's metric when it has models, else completions tokens). */
  topModels: RankedItem[];
  modelMetric?: { kind: KindId; kindLabel: string; metric: MetricInfo };
  modelError?: string;
}

/** A day on which a project cost much more than in its previous 14 days (src/model/usage/anomalies.ts). */
export interface CostAnomaly {
  /** The project's id; null for costs the API gave no project. */
  projectId: string | null;
  /** The project's name when known, else its id. */
  label: string;
  /** The day's start (unix seconds, UTC midnight). */
  day: number;
  amount: number;
  /** The median of the project's previous 14 days. */
  median: number;
  /** amount / median; null when the median is zero (the project usually spends nothing). */
  factor: number | null;
}

/**
 * The current month's cost and its forecast, one entry per day of the month (src/model/usage/forecast.ts).
 * `cumulative[i]` is the month's cost through the end of day i (through now for today), null after
 * today; `projected[i]` continues it at the daily average from today on, null before today.
 */
export interface CostForecast {
  days: number[];
  cumulative: (number | null)[];
  projected: (number | null)[];
  monthToDate: number;
  dailyAverage: number;
  /** Month to date + daily average × days left. */
  forecast: number;
  /** The organization's spend limit, null when none is set or when filters narrow the costs (the limit is for the whole organization). */
  limit: number | null;
}

/** What the costs view adds to the chart: anomalies in the range and, for a range reaching today, the month's forecast. */
export interface CostInsights {
  /** The k of median + k × MAD. */
  sensitivity: number;
  anomalies: CostAnomaly[];
  forecast: CostForecast | null;
  /** Why the insights could not be computed (the chart still shows). */
  error?: string;
}

export interface DashboardData {
  view: UsageView;
  chart: ChartDataset[];
  summary: Summary;
  /** Costs by amount at daily width only. */
  insights?: CostInsights;
  /** Non-fatal problems (e.g. names that could not be looked up). */
  warnings: string[];
  /** "All organizations": each organization that was asked, and its error when it could not be read (its numbers are then missing). */
  organizations?: OrganizationStatus[];
}

export interface OrganizationStatus {
  id: string;
  name: string;
  error?: string;
}

export interface FilterOption {
  value: string;
  label: string;
}

export type FilterOptions = Record<string, FilterOption[]>;
