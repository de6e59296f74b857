// The twelve usage and costs endpoints as the dashboard sees them: what each one can be grouped and
// filtered by, which bucket widths it takes, and which numbers its results carry. Everything else in
// model/usage is generic over this table.
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import type { FieldInfo, FilterInfo, KindId, KindInfo, MetricInfo, Unit, Width } from './types';

/** One result of a bucket, whatever the endpoint: the discriminated union is read field by field. */
export type RawResult = Record<string, unknown>;

export interface RawBucket {
  start_time: number;
  end_time: number;
  results: RawResult[];
}

/** The part of a paged client method the dashboard uses; every usage accessor and `costs` has it. */
export interface BucketSource {
  iterate(query: Record<string, unknown>, options: { signal?: AbortSignal }): AsyncIterable<RawBucket>;
}

export interface EndpointSpec extends KindInfo {
  source(client: AdminClient): BucketSource;
  /**
   * How a metric that is not a result field of its own is computed from a result; undefined for a
   * metric that is the result field of the same name (a number, or 0 when the API left it out or
   * sent null). shape() reads plain fields inline: it runs for each of the 14,400 results of
   * BENCHMARKS.md figure 5.
   */
  derived(metric: string): ((result: RawResult) => number) | undefined;
}

/**
 * `info` with a `label` looked up each time it is read: this table is built when the module loads,
 * and a label is shown later, in the display language @vscode/l10n was configured with at
 * activation (CONTRIBUTING.md, Localization). Ids, keys and API field names are never translated.
 */
function labelled<T extends object>(info: T, label: () => string): T & { label: string } {
  return Object.defineProperty(info, 'label', { get: label, enumerable: true, configurable: true }) as T & { label: string };
}

const FIELD_LABELS: Record<string, () => string> = {
  project_id: () => l10n.t('Project'),
  user_id: () => l10n.t('User'),
  api_key_id: () => l10n.t('API key'),
  model: () => l10n.t('Model'),
  batch: () => l10n.t('Batch'),
  service_tier: () => l10n.t('Service tier'),
  size: () => l10n.t('Size'),
  source: () => l10n.t('Source'),
  context_level: () => l10n.t('Context level'),
  vector_store_id: () => l10n.t('Vector store'),
  line_item: () => l10n.t('Line item'),
  api_source: () => l10n.t('API source'),
};

const fields = (...names: string[]): FieldInfo[] => names.map((field) => labelled({ field }, FIELD_LABELS[field] ?? (() => field)));
const filter = (param: string, field: string, label: () => string, type: FilterInfo['type'], values?: string[]): FilterInfo =>
  labelled({ param, field, type, ...(values ? { values } : {}) }, label);

const PROJECTS = filter('project_ids', 'project_id', () => l10n.t('Projects'), 'multi');
const USERS = filter('user_ids', 'user_id', () => l10n.t('Users'), 'multi');
const KEYS = filter('api_key_ids', 'api_key_id', () => l10n.t('API keys'), 'multi');
const MODELS = filter('models', 'model', () => l10n.t('Models'), 'multi');
const BATCH = filter('batch', 'batch', () => l10n.t('Batch'), 'bool');
const STANDARD_FILTERS = [PROJECTS, USERS, KEYS, MODELS];
const STANDARD_GROUPS = fields('project_id', 'user_id', 'api_key_id', 'model');
const MODEL_CALL_GROUPS = fields('project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source');
const MODEL_CALL_FILTERS = [...STANDARD_FILTERS, BATCH];

const metric = (key: string, label: () => string, unit: Unit, aggregate: MetricInfo['aggregate'] = 'sum'): MetricInfo => labelled({ key, unit, aggregate }, label);
const REQUESTS = metric('num_model_requests', () => l10n.t('Model requests'), 'requests');
// `input_cache_write_tokens` is the 30-minute and 12-hour cache writes together; the API also reports each.
const CACHE_WRITES = [
  metric('input_cache_write_tokens', () => l10n.t('Cache-write tokens'), 'tokens'),
  metric('input_cache_write_30m_tokens', () => l10n.t('Cache-write tokens (30 min)'), 'tokens'),
  metric('input_cache_write_12h_tokens', () => l10n.t('Cache-write tokens (12 h)'), 'tokens'),
];
// Completions and Decisions (model calls) group, filter and total their tokens alike.
const TOKEN_TOTALS = [
  metric('total_tokens', () => l10n.t('Total tokens'), 'tokens'),
  metric('input_tokens', () => l10n.t('Input tokens'), 'tokens'),
  metric('output_tokens', () => l10n.t('Output tokens'), 'tokens'),
  metric('input_cached_tokens', () => l10n.t('Cached input tokens'), 'tokens'),
];
const MEDIA_TOKENS = [
  metric('input_audio_tokens', () => l10n.t('Audio input tokens'), 'tokens'),
  metric('output_audio_tokens', () => l10n.t('Audio output tokens'), 'tokens'),
  metric('input_image_tokens', () => l10n.t('Image input tokens'), 'tokens'),
  metric('output_image_tokens', () => l10n.t('Image output tokens'), 'tokens'),
];

const ALL_WIDTHS: Width[] = ['1d', '1h', '1m'];

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Metrics that are not a result field of their own. */
const DERIVED: Record<string, (r: RawResult) => number> = {
  total_tokens: (r) => num(r.input_tokens) + num(r.output_tokens),
  amount: (r) => num((r.amount as { value?: unknown } | null | undefined)?.value),
};

const derived = (metricKey: string) => DERIVED[metricKey];

type Accessor = (c: AdminClient) => unknown;

function endpoint(id: KindId, label: () => string, accessor: Accessor, info: Omit<KindInfo, 'id' | 'label' | 'widths'> & { widths?: Width[] }): EndpointSpec {
  return labelled({
    id,
    widths: info.widths ?? ALL_WIDTHS,
    groupBy: info.groupBy,
    filters: info.filters,
    metrics: info.metrics,
    // The accessors' query types differ only in their enums; the dashboard builds queries from this table.
    source: (c: AdminClient) => accessor(c) as BucketSource,
    derived,
  }, label);
}

const countAnd = (key: string, label: () => string, unit: Unit) => [metric(key, label, unit), REQUESTS];

export const ENDPOINTS: Readonly<Record<KindId, EndpointSpec>> = {
  costs: endpoint('costs', () => l10n.t('Costs'), (c) => c.costs, {
    widths: ['1d'],
    groupBy: fields('project_id', 'user_id', 'line_item', 'api_key_id', 'api_source'),
    // Line items match exactly; the choices are the ones seen in the range.
    filters: [PROJECTS, KEYS, filter('line_items', 'line_item', () => l10n.t('Line items'), 'multi')],
    // The API fills `quantity` only per line item; its unit is the line item's own.
    metrics: [metric('amount', () => l10n.t('Cost'), 'currency'), metric('quantity', () => l10n.t('Quantity (per line item)'), 'quantity')],
  }),
  completions: endpoint('completions', () => l10n.t('Completions'), (c) => c.usage.completions, {
    groupBy: MODEL_CALL_GROUPS,
    filters: MODEL_CALL_FILTERS,
    metrics: [
      ...TOKEN_TOTALS,
      ...CACHE_WRITES,
      ...MEDIA_TOKENS,
      REQUESTS,
    ],
  }),
  // The Decisions API's token counts other than input, output and requests may be null (not reported): they count as 0.
  decisions: endpoint('decisions', () => l10n.t('Decisions'), (c) => c.usage.decisions, {
    groupBy: MODEL_CALL_GROUPS,
    filters: MODEL_CALL_FILTERS,
    metrics: [
      ...TOKEN_TOTALS,
      metric('input_uncached_tokens', () => l10n.t('Uncached input tokens'), 'tokens'),
      ...CACHE_WRITES,
      metric('input_text_tokens', () => l10n.t('Text input tokens'), 'tokens'),
      metric('output_text_tokens', () => l10n.t('Text output tokens'), 'tokens'),
      ...MEDIA_TOKENS,
      REQUESTS,
    ],
  }),
  embeddings: endpoint('embeddings', () => l10n.t('Embeddings'), (c) => c.usage.embeddings, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('input_tokens', () => l10n.t('Input tokens'), 'tokens'),
  }),
  moderations: endpoint('moderations', () => l10n.t('Moderations'), (c) => c.usage.moderations, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('input_tokens', () => l10n.t('Input tokens'), 'tokens'),
  }),
  images: endpoint('images', () => l10n.t('Images'), (c) => c.usage.images, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'),
    filters: [
      ...STANDARD_FILTERS,
      filter('sizes', 'size', () => l10n.t('Sizes'), 'multi', ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792']),
      filter('sources', 'source', () => l10n.t('Sources'), 'multi', ['image.generation', 'image.edit', 'image.variation']),
    ],
    metrics: countAnd('images', () => l10n.t('Images'), 'images'),
  }),
  audio_speeches: endpoint('audio_speeches', () => l10n.t('Audio speeches'), (c) => c.usage.audioSpeeches, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('characters', () => l10n.t('Characters'), 'characters'),
  }),
  audio_transcriptions: endpoint('audio_transcriptions', () => l10n.t('Audio transcriptions'), (c) => c.usage.audioTranscriptions, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('seconds', () => l10n.t('Seconds'), 'seconds'),
  }),
  vector_stores: endpoint('vector_stores', () => l10n.t('Vector stores'), (c) => c.usage.vectorStores, {
    groupBy: fields('project_id'), filters: [PROJECTS], metrics: [metric('usage_bytes', () => l10n.t('Storage'), 'bytes', 'peak')],
  }),
  code_interpreter_sessions: endpoint('code_interpreter_sessions', () => l10n.t('Code interpreter sessions'), (c) => c.usage.codeInterpreterSessions, {
    groupBy: fields('project_id'), filters: [PROJECTS], metrics: [metric('num_sessions', () => l10n.t('Sessions'), 'sessions')],
  }),
  file_search_calls: endpoint('file_search_calls', () => l10n.t('File search calls'), (c) => c.usage.fileSearchCalls, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'vector_store_id'),
    filters: [PROJECTS, USERS, KEYS, filter('vector_store_ids', 'vector_store_id', () => l10n.t('Vector stores'), 'multi')],
    metrics: [metric('num_requests', () => l10n.t('File search calls'), 'calls')],
  }),
  web_search_calls: endpoint('web_search_calls', () => l10n.t('Web search calls'), (c) => c.usage.webSearchCalls, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source'),
    filters: [...STANDARD_FILTERS, filter('context_levels', 'context_level', () => l10n.t('Context levels'), 'multi', ['low', 'medium', 'high'])],
    metrics: [metric('num_requests', () => l10n.t('Web search calls'), 'calls'), REQUESTS],
  }),
};

export const KIND_IDS = Object.keys(ENDPOINTS) as KindId[];

/** The catalogue without functions, for the webview. */
export function catalogue(): KindInfo[] {
  return KIND_IDS.map((id) => {
    const { source: _source, derived: _derived, ...info } = ENDPOINTS[id];
    return info;
  });
}
