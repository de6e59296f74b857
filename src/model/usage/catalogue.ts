// The twelve usage and costs endpoints as the dashboard sees them: what each one can be grouped and
// filtered by, which bucket widths it takes, and which numbers its results carry. Everything else in
// model/usage is generic over this table.
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

const FIELD_LABELS: Record<string, string> = {
  project_id: 'Project',
  user_id: 'User',
  api_key_id: 'API key',
  model: 'Model',
  batch: 'Batch',
  service_tier: 'Service tier',
  size: 'Size',
  source: 'Source',
  context_level: 'Context level',
  vector_store_id: 'Vector store',
  line_item: 'Line item',
  api_source: 'API source',
};

const fields = (...names: string[]): FieldInfo[] => names.map((field) => ({ field, label: FIELD_LABELS[field] ?? field }));

const PROJECTS: FilterInfo = { param: 'project_ids', field: 'project_id', label: 'Projects', type: 'multi' };
const USERS: FilterInfo = { param: 'user_ids', field: 'user_id', label: 'Users', type: 'multi' };
const KEYS: FilterInfo = { param: 'api_key_ids', field: 'api_key_id', label: 'API keys', type: 'multi' };
const MODELS: FilterInfo = { param: 'models', field: 'model', label: 'Models', type: 'multi' };
const BATCH: FilterInfo = { param: 'batch', field: 'batch', label: 'Batch', type: 'bool' };
const STANDARD_FILTERS = [PROJECTS, USERS, KEYS, MODELS];
const STANDARD_GROUPS = fields('project_id', 'user_id', 'api_key_id', 'model');
const MODEL_CALL_GROUPS = fields('project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source');
const MODEL_CALL_FILTERS = [...STANDARD_FILTERS, BATCH];

const metric = (key: string, label: string, unit: Unit, aggregate: MetricInfo['aggregate'] = 'sum'): MetricInfo => ({ key, label, unit, aggregate });
const REQUESTS = metric('num_model_requests', 'Model requests', 'requests');
// `input_cache_write_tokens` is the 30-minute and 12-hour cache writes together; the API also reports each.
const CACHE_WRITES = [
  metric('input_cache_write_tokens', 'Cache-write tokens', 'tokens'),
  metric('input_cache_write_30m_tokens', 'Cache-write tokens (30 min)', 'tokens'),
  metric('input_cache_write_12h_tokens', 'Cache-write tokens (12 h)', 'tokens'),
];
// Completions and Decisions (model calls) group, filter and total their tokens alike.
const TOKEN_TOTALS = [
  metric('total_tokens', 'Total tokens', 'tokens'),
  metric('input_tokens', 'Input tokens', 'tokens'),
  metric('output_tokens', 'Output tokens', 'tokens'),
  metric('input_cached_tokens', 'Cached input tokens', 'tokens'),
];
const MEDIA_TOKENS = [
  metric('input_audio_tokens', 'Audio input tokens', 'tokens'),
  metric('output_audio_tokens', 'Audio output tokens', 'tokens'),
  metric('input_image_tokens', 'Image input tokens', 'tokens'),
  metric('output_image_tokens', 'Image output tokens', 'tokens'),
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

function endpoint(id: KindId, label: string, accessor: Accessor, info: Omit<KindInfo, 'id' | 'label' | 'widths'> & { widths?: Width[] }): EndpointSpec {
  return {
    id,
    label,
    widths: info.widths ?? ALL_WIDTHS,
    groupBy: info.groupBy,
    filters: info.filters,
    metrics: info.metrics,
    // The accessors' query types differ only in their enums; the dashboard builds queries from this table.
    source: (c) => accessor(c) as BucketSource,
    derived,
  };
}

const countAnd = (key: string, label: string, unit: Unit) => [metric(key, label, unit), REQUESTS];

export const ENDPOINTS: Readonly<Record<KindId, EndpointSpec>> = {
  costs: endpoint('costs', 'Costs', (c) => c.costs, {
    widths: ['1d'],
    groupBy: fields('project_id', 'user_id', 'line_item', 'api_key_id', 'api_source'),
    // Line items match exactly; the choices are the ones seen in the range.
    filters: [PROJECTS, KEYS, { param: 'line_items', field: 'line_item', label: 'Line items', type: 'multi' }],
    // The API fills `quantity` only per line item; its unit is the line item's own.
    metrics: [metric('amount', 'Cost', 'currency'), metric('quantity', 'Quantity (per line item)', 'quantity')],
  }),
  completions: endpoint('completions', 'Completions', (c) => c.usage.completions, {
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
  decisions: endpoint('decisions', 'Decisions', (c) => c.usage.decisions, {
    groupBy: MODEL_CALL_GROUPS,
    filters: MODEL_CALL_FILTERS,
    metrics: [
      ...TOKEN_TOTALS,
      metric('input_uncached_tokens', 'Uncached input tokens', 'tokens'),
      ...CACHE_WRITES,
      metric('input_text_tokens', 'Text input tokens', 'tokens'),
      metric('output_text_tokens', 'Text output tokens', 'tokens'),
      ...MEDIA_TOKENS,
      REQUESTS,
    ],
  }),
  embeddings: endpoint('embeddings', 'Embeddings', (c) => c.usage.embeddings, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('input_tokens', 'Input tokens', 'tokens'),
  }),
  moderations: endpoint('moderations', 'Moderations', (c) => c.usage.moderations, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('input_tokens', 'Input tokens', 'tokens'),
  }),
  images: endpoint('images', 'Images', (c) => c.usage.images, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'),
    filters: [
      ...STANDARD_FILTERS,
      { param: 'sizes', field: 'size', label: 'Sizes', type: 'multi', values: ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] },
      { param: 'sources', field: 'source', label: 'Sources', type: 'multi', values: ['image.generation', 'image.edit', 'image.variation'] },
    ],
    metrics: countAnd('images', 'Images', 'images'),
  }),
  audio_speeches: endpoint('audio_speeches', 'Audio speeches', (c) => c.usage.audioSpeeches, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('characters', 'Characters', 'characters'),
  }),
  audio_transcriptions: endpoint('audio_transcriptions', 'Audio transcriptions', (c) => c.usage.audioTranscriptions, {
    groupBy: STANDARD_GROUPS, filters: STANDARD_FILTERS, metrics: countAnd('seconds', 'Seconds', 'seconds'),
  }),
  vector_stores: endpoint('vector_stores', 'Vector stores', (c) => c.usage.vectorStores, {
    groupBy: fields('project_id'), filters: [PROJECTS], metrics: [metric('usage_bytes', 'Storage', 'bytes', 'peak')],
  }),
  code_interpreter_sessions: endpoint('code_interpreter_sessions', 'Code interpreter sessions', (c) => c.usage.codeInterpreterSessions, {
    groupBy: fields('project_id'), filters: [PROJECTS], metrics: [metric('num_sessions', 'Sessions', 'sessions')],
  }),
  file_search_calls: endpoint('file_search_calls', 'File search calls', (c) => c.usage.fileSearchCalls, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'vector_store_id'),
    filters: [PROJECTS, USERS, KEYS, { param: 'vector_store_ids', field: 'vector_store_id', label: 'Vector stores', type: 'multi' }],
    metrics: [metric('num_requests', 'File search calls', 'calls')],
  }),
  web_search_calls: endpoint('web_search_calls', 'Web search calls', (c) => c.usage.webSearchCalls, {
    groupBy: fields('project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source'),
    filters: [...STANDARD_FILTERS, { param: 'context_levels', field: 'context_level', label: 'Context levels', type: 'multi', values: ['low', 'medium', 'high'] }],
    metrics: [metric('num_requests', 'Web search calls', 'calls'), REQUESTS],
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
