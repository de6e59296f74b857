// What differs between the ten usage endpoints: result object, group_by enum, filters, and how a
// metric vector becomes result fields. Everything else (buckets, paging, grouping) is shared.
import type { UsageKind } from '../models';
import type { Stream } from './streams';
import type { Vec } from './series';

export type GroupField = 'project_id' | 'user_id' | 'api_key_id' | 'model' | 'batch' | 'service_tier' | 'size' | 'source' | 'context_level' | 'vector_store_id';

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
  object: string;
  groupBy: readonly GroupField[];
  filters: readonly Filter[];
  /** Result fields from a summed metric vector. */
  fields(v: Vec): Record<string, number>;
  /** Levels (storage) are sampled per bucket instead of summed over time. */
  level?: boolean;
}

const PROJECT: Filter = { param: 'project_ids', field: 'project_id' };
const USER: Filter = { param: 'user_ids', field: 'user_id' };
const KEY: Filter = { param: 'api_key_ids', field: 'api_key_id' };
const MODEL: Filter = { param: 'models', field: 'model' };
const STANDARD = [PROJECT, USER, KEY, MODEL];
const STANDARD_GROUPS: GroupField[] = ['project_id', 'user_id', 'api_key_id', 'model'];

const countAnd = (name: string) => (v: Vec) => ({ [name]: v[1] ?? 0, num_model_requests: v[0]! });

export const USAGE_KINDS: readonly KindSpec[] = [
  {
    kind: 'completions',
    path: '/organization/usage/completions',
    operationId: 'usage-completions',
    object: 'organization.usage.completions.result',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'],
    filters: [...STANDARD, { param: 'batch', field: 'batch', bool: true }],
    fields: (v) => {
      const [requests, textUnc, audioUnc, imageUnc, textCached, audioCached, imageCached, cacheWrite, outText, outAudio, outImage] = v as [number, ...number[]];
      const uncached = textUnc! + audioUnc! + imageUnc!;
      const cached = textCached! + audioCached! + imageCached!;
      return {
        input_tokens: uncached + cached + cacheWrite!,
        input_cached_tokens: cached,
        input_cache_write_tokens: cacheWrite!,
        input_uncached_tokens: uncached,
        output_tokens: outText! + outAudio! + outImage!,
        input_text_tokens: textUnc!,
        output_text_tokens: outText!,
        input_cached_text_tokens: textCached!,
        input_audio_tokens: audioUnc!,
        input_cached_audio_tokens: audioCached!,
        output_audio_tokens: outAudio!,
        input_image_tokens: imageUnc!,
        input_cached_image_tokens: imageCached!,
        output_image_tokens: outImage!,
        num_model_requests: requests,
      };
    },
  },
  { kind: 'embeddings', path: '/organization/usage/embeddings', operationId: 'usage-embeddings', object: 'organization.usage.embeddings.result', groupBy: STANDARD_GROUPS, filters: STANDARD, fields: countAnd('input_tokens') },
  { kind: 'moderations', path: '/organization/usage/moderations', operationId: 'usage-moderations', object: 'organization.usage.moderations.result', groupBy: STANDARD_GROUPS, filters: STANDARD, fields: countAnd('input_tokens') },
  {
    kind: 'images',
    path: '/organization/usage/images',
    operationId: 'usage-images',
    object: 'organization.usage.images.result',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
    filters: [
      { param: 'sources', field: 'source', values: ['image.generation', 'image.edit', 'image.variation'] },
      { param: 'sizes', field: 'size', values: ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] },
      ...STANDARD,
    ],
    fields: countAnd('images'),
  },
  { kind: 'audio_speeches', path: '/organization/usage/audio_speeches', operationId: 'usage-audio-speeches', object: 'organization.usage.audio_speeches.result', groupBy: STANDARD_GROUPS, filters: STANDARD, fields: countAnd('characters') },
  { kind: 'audio_transcriptions', path: '/organization/usage/audio_transcriptions', operationId: 'usage-audio-transcriptions', object: 'organization.usage.audio_transcriptions.result', groupBy: STANDARD_GROUPS, filters: STANDARD, fields: countAnd('seconds') },
  {
    kind: 'vector_stores',
    path: '/organization/usage/vector_stores',
    operationId: 'usage-vector-stores',
    object: 'organization.usage.vector_stores.result',
    groupBy: ['project_id'],
    filters: [PROJECT],
    fields: (v) => ({ usage_bytes: v[0]! }),
    level: true,
  },
  {
    kind: 'code_interpreter_sessions',
    path: '/organization/usage/code_interpreter_sessions',
    operationId: 'usage-code-interpreter-sessions',
    object: 'organization.usage.code_interpreter_sessions.result',
    groupBy: ['project_id'],
    filters: [PROJECT],
    fields: (v) => ({ num_sessions: v[0]! }),
  },
  {
    kind: 'file_search_calls',
    path: '/organization/usage/file_search_calls',
    operationId: 'usage-file-search-calls',
    object: 'organization.usage.file_searches.result',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
    filters: [PROJECT, USER, KEY, { param: 'vector_store_ids', field: 'vector_store_id' }],
    fields: (v) => ({ num_requests: v[0]! }),
  },
  {
    kind: 'web_search_calls',
    path: '/organization/usage/web_search_calls',
    operationId: 'usage-web-search-calls',
    object: 'organization.usage.web_searches.result',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'context_level'],
    filters: [...STANDARD, { param: 'context_levels', field: 'context_level', values: ['low', 'medium', 'high'] }],
    fields: (v) => ({ num_model_requests: v[0]!, num_requests: v[1]! }),
  },
];

/** A stream's value of a group/filter field. */
export function fieldOf(s: Stream, f: GroupField): string | boolean | null {
  return s[f];
}
