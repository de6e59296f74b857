// What differs between the eleven usage endpoints: result object, group_by enum, filters, and how a
// metric vector becomes result fields. Everything else (buckets, paging, grouping) is shared.
import type { UsageKind } from '../models';
type Vec = ArrayLike<number>;

export type GroupField = 'project_id' | 'user_id' | 'api_key_id' | 'model' | 'batch' | 'service_tier' | 'size' | 'source' | 'context_level' | 'vector_store_id' | 'api_source';

export interface Filter {
  param: string;
  field: GroupField;
  /** Allowed values (validated, 400 otherwise). */
  values?: readonly string[];
  /** A single boolean parameter rather than an array. */
  bool?: boolean;
}

export interface KindSpec {
  kind: UsageKind;
  path: string;
  operationId: string;
  groupBy: readonly GroupField[];
  filters: readonly Filter[];
  /**
   * The result object for a summed metric vector; `g(field)` is the group value or null.
   * Built as one literal per kind: results are produced by the ten thousand.
   */
  result(v: Vec, g: (f: GroupField) => string | boolean | null): Record<string, unknown>;
  /** Levels (storage) are sampled per bucket instead of summed over time. */
  level?: boolean;
}

const PROJECT: Filter = { param: 'project_ids', field: 'project_id' };
const USER: Filter = { param: 'user_ids', field: 'user_id' };
const KEY: Filter = { param: 'api_key_ids', field: 'api_key_id' };
const MODEL: Filter = { param: 'models', field: 'model' };
const STANDARD = [PROJECT, USER, KEY, MODEL];
const STANDARD_GROUPS: GroupField[] = ['project_id', 'user_id', 'api_key_id', 'model'];

/** The four standard group fields, in the spec's order. */
const std = (g: (f: GroupField) => string | boolean | null) => ({ project_id: g('project_id'), user_id: g('user_id'), api_key_id: g('api_key_id'), model: g('model') });

/**
 * Completions and Decisions share a metric vector: requests, text/audio/image uncached,
 * text/audio/image cached, cache write (30 min), text/audio/image output, cache write (12 h).
 */
function tokenResult(object: string, v: Vec, g: (f: GroupField) => string | boolean | null): Record<string, unknown> {
  const uncached = v[1]! + v[2]! + v[3]!;
  const cached = v[4]! + v[5]! + v[6]!;
  const cacheWrite = v[7]! + v[11]!;
  return {
    object,
    input_tokens: uncached + cached + cacheWrite,
    input_cached_tokens: cached,
    input_cache_write_tokens: cacheWrite,
    input_cache_write_30m_tokens: v[7]!,
    input_cache_write_12h_tokens: v[11]!,
    input_uncached_tokens: uncached,
    output_tokens: v[8]! + v[9]! + v[10]!,
    input_text_tokens: v[1]!,
    output_text_tokens: v[8]!,
    input_cached_text_tokens: v[4]!,
    input_audio_tokens: v[2]!,
    input_cached_audio_tokens: v[5]!,
    output_audio_tokens: v[9]!,
    input_image_tokens: v[3]!,
    input_cached_image_tokens: v[6]!,
    output_image_tokens: v[10]!,
    num_model_requests: v[0]!,
    ...std(g),
    batch: g('batch'),
    service_tier: g('service_tier'),
    api_source: g('api_source'),
  };
}

const TOKEN_GROUPS: GroupField[] = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source'];

export const USAGE_KINDS: readonly KindSpec[] = [
  {
    kind: 'completions',
    path: '/organization/usage/completions',
    operationId: 'usage-completions',
    groupBy: TOKEN_GROUPS,
    filters: [...STANDARD, { param: 'batch', field: 'batch', bool: true }],
    result: (v, g) => tokenResult('organization.usage.completions.result', v, g),
  },
  {
    kind: 'decisions',
    path: '/organization/usage/decisions',
    operationId: 'usage-decisions',
    groupBy: TOKEN_GROUPS,
    filters: [...STANDARD, { param: 'batch', field: 'batch', bool: true }],
    result: (v, g) => tokenResult('organization.usage.decisions.result', v, g),
  },
  {
    kind: 'embeddings',
    path: '/organization/usage/embeddings',
    operationId: 'usage-embeddings',
    groupBy: STANDARD_GROUPS,
    filters: STANDARD,
    result: (v, g) => ({ object: 'organization.usage.embeddings.result', input_tokens: v[1]!, num_model_requests: v[0]!, ...std(g) }),
  },
  {
    kind: 'moderations',
    path: '/organization/usage/moderations',
    operationId: 'usage-moderations',
    groupBy: STANDARD_GROUPS,
    filters: STANDARD,
    result: (v, g) => ({ object: 'organization.usage.moderations.result', input_tokens: v[1]!, num_model_requests: v[0]!, ...std(g) }),
  },
  {
    kind: 'images',
    path: '/organization/usage/images',
    operationId: 'usage-images',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
    filters: [
      { param: 'sources', field: 'source', values: ['image.generation', 'image.edit', 'image.variation'] },
      { param: 'sizes', field: 'size', values: ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] },
      ...STANDARD,
    ],
    result: (v, g) => ({ object: 'organization.usage.images.result', images: v[1]!, num_model_requests: v[0]!, source: g('source'), size: g('size'), ...std(g) }),
  },
  {
    kind: 'audio_speeches',
    path: '/organization/usage/audio_speeches',
    operationId: 'usage-audio-speeches',
    groupBy: STANDARD_GROUPS,
    filters: STANDARD,
    result: (v, g) => ({ object: 'organization.usage.audio_speeches.result', characters: v[1]!, num_model_requests: v[0]!, ...std(g) }),
  },
  {
    kind: 'audio_transcriptions',
    path: '/organization/usage/audio_transcriptions',
    operationId: 'usage-audio-transcriptions',
    groupBy: STANDARD_GROUPS,
    filters: STANDARD,
    result: (v, g) => ({ object: 'organization.usage.audio_transcriptions.result', seconds: v[1]!, num_model_requests: v[0]!, ...std(g) }),
  },
  {
    kind: 'vector_stores',
    path: '/organization/usage/vector_stores',
    operationId: 'usage-vector-stores',
    groupBy: ['project_id'],
    filters: [PROJECT],
    result: (v, g) => ({ object: 'organization.usage.vector_stores.result', usage_bytes: v[0]!, project_id: g('project_id') }),
    level: true,
  },
  {
    kind: 'code_interpreter_sessions',
    path: '/organization/usage/code_interpreter_sessions',
    operationId: 'usage-code-interpreter-sessions',
    groupBy: ['project_id'],
    filters: [PROJECT],
    result: (v, g) => ({ object: 'organization.usage.code_interpreter_sessions.result', num_sessions: v[0]!, project_id: g('project_id') }),
  },
  {
    kind: 'file_search_calls',
    path: '/organization/usage/file_search_calls',
    operationId: 'usage-file-search-calls',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
    filters: [PROJECT, USER, KEY, { param: 'vector_store_ids', field: 'vector_store_id' }],
    result: (v, g) => ({ object: 'organization.usage.file_searches.result', num_requests: v[0]!, project_id: g('project_id'), user_id: g('user_id'), api_key_id: g('api_key_id'), vector_store_id: g('vector_store_id') }),
  },
  {
    kind: 'web_search_calls',
    path: '/organization/usage/web_search_calls',
    operationId: 'usage-web-search-calls',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source'],
    filters: [...STANDARD, { param: 'context_levels', field: 'context_level', values: ['low', 'medium', 'high'] }],
    result: (v, g) => ({ object: 'organization.usage.web_searches.result', num_model_requests: v[0]!, num_requests: v[1]!, ...std(g), context_level: g('context_level'), api_source: g('api_source') }),
  },
];

