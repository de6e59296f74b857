// Model catalogue shared by the generator (rate limits, model permissions) and the usage model
// (which models produce which kind of usage, and what a unit costs).
import type { RateLimitRec } from './state';

type LimitFields = Omit<RateLimitRec, 'object' | 'id' | 'model'>;

/**
 * Default per-project rate limits. Only the fields relevant to a model are present, as in the
 * real API (images limits for image models, audio megabytes for whisper, batch queue limits for
 * text models).
 */
export const RATE_LIMIT_DEFAULTS: readonly { model: string; limits: LimitFields }[] = [
  { model: 'gpt-4o', limits: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 } },
  { model: 'gpt-4o-mini', limits: { max_requests_per_1_minute: 30_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 1_000_000_000 } },
  { model: 'gpt-4.1', limits: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 } },
  { model: 'o3', limits: { max_requests_per_1_minute: 5_000, max_tokens_per_1_minute: 800_000, max_requests_per_1_day: 100_000, batch_1_day_max_input_tokens: 50_000_000 } },
  { model: 'o4-mini', limits: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 } },
  { model: 'text-embedding-3-small', limits: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 4_000_000_000 } },
  { model: 'text-embedding-3-large', limits: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 4_000_000_000 } },
  { model: 'dall-e-3', limits: { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_images_per_1_minute: 50 } },
  { model: 'gpt-image-1', limits: { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 800_000, max_images_per_1_minute: 50 } },
  { model: 'whisper-1', limits: { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_audio_megabytes_per_1_minute: 100 } },
  { model: 'tts-1', limits: { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_requests_per_1_day: 50_000 } },
  { model: 'omni-moderation-latest', limits: { max_requests_per_1_minute: 5_000, max_tokens_per_1_minute: 500_000 } },
];

/** The ceiling a project limit may be raised to (the org's own limit), per field. */
export const ORG_LIMIT_FACTOR = 4;

/** Model ids a model-permissions policy may list. */
export const PERMISSION_MODEL_IDS = [
  'gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3', 'o3-pro', 'o4-mini', 'gpt-5', 'gpt-5-mini',
  'text-embedding-3-small', 'text-embedding-3-large', 'dall-e-3', 'gpt-image-1', 'whisper-1', 'tts-1',
];

export type UsageKind =
  | 'completions'
  | 'embeddings'
  | 'moderations'
  | 'images'
  | 'audio_speeches'
  | 'audio_transcriptions'
  | 'vector_stores'
  | 'code_interpreter_sessions'
  | 'file_search_calls'
  | 'web_search_calls'
  | 'decisions';

/** Models that show up in each kind of usage, with a USD price per quantity unit. */
export const USAGE_MODELS: Record<'completions' | 'embeddings' | 'moderations' | 'images' | 'audio_speeches' | 'audio_transcriptions' | 'web_search_calls' | 'decisions', readonly { model: string; weight: number }[]> = {
  completions: [
    { model: 'gpt-4o-2024-08-06', weight: 3 },
    { model: 'gpt-4o-mini-2024-07-18', weight: 5 },
    { model: 'gpt-4.1-2025-04-14', weight: 3 },
    { model: 'gpt-4.1-mini-2025-04-14', weight: 2 },
    { model: 'o3-2025-04-16', weight: 1 },
    { model: 'o4-mini-2025-04-16', weight: 2 },
    { model: 'gpt-5-2025-08-07', weight: 2 },
  ],
  embeddings: [
    { model: 'text-embedding-3-small', weight: 4 },
    { model: 'text-embedding-3-large', weight: 1 },
    { model: 'text-embedding-ada-002', weight: 1 },
  ],
  moderations: [{ model: 'omni-moderation-2024-09-26', weight: 1 }],
  images: [
    { model: 'dall-e-3', weight: 1 },
    { model: 'gpt-image-1', weight: 2 },
  ],
  audio_speeches: [
    { model: 'tts-1', weight: 2 },
    { model: 'tts-1-hd', weight: 1 },
    { model: 'gpt-4o-mini-tts', weight: 2 },
  ],
  audio_transcriptions: [
    { model: 'whisper-1', weight: 2 },
    { model: 'gpt-4o-transcribe', weight: 1 },
  ],
  web_search_calls: [
    { model: 'gpt-4.1-2025-04-14', weight: 1 },
    { model: 'gpt-4o-search-preview', weight: 1 },
    { model: 'o4-mini-2025-04-16', weight: 1 },
  ],
  decisions: [
    { model: 'gpt-5-2025-08-07', weight: 3 },
    { model: 'gpt-4.1-mini-2025-04-14', weight: 1 },
    { model: 'o4-mini-2025-04-16', weight: 1 },
  ],
};

/** USD per 1M tokens: [uncached input, cached input, output]. */
export const TOKEN_PRICES: Record<string, readonly [number, number, number]> = {
  'gpt-4o-2024-08-06': [2.5, 1.25, 10],
  'gpt-4o-mini-2024-07-18': [0.15, 0.075, 0.6],
  'gpt-4.1-2025-04-14': [2, 0.5, 8],
  'gpt-4.1-mini-2025-04-14': [0.4, 0.1, 1.6],
  'o3-2025-04-16': [2, 0.5, 8],
  'o4-mini-2025-04-16': [1.1, 0.275, 4.4],
  'gpt-5-2025-08-07': [1.25, 0.125, 10],
  'text-embedding-3-small': [0.02, 0.02, 0],
  'text-embedding-3-large': [0.13, 0.13, 0],
  'text-embedding-ada-002': [0.1, 0.1, 0],
};

export const IMAGE_SIZES = ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] as const;
export const IMAGE_SOURCES = ['image.generation', 'image.edit', 'image.variation'] as const;
export const CONTEXT_LEVELS = ['low', 'medium', 'high'] as const;
/** Where a request came from, as the usage and costs endpoints report it (`group_by=api_source`). */
export const API_SOURCES = ['agents_api', 'unlabeled'] as const;
export type ApiSource = (typeof API_SOURCES)[number];
export const SERVICE_TIERS = ['default', 'default', 'default', 'flex', 'priority', 'scale'] as const;

export const IMAGE_PRICE = 0.04; // USD per image
export const TTS_PRICE_PER_1M_CHARS = 15;
export const TRANSCRIPTION_PRICE_PER_MINUTE = 0.006;
export const STORAGE_PRICE_PER_GIB_DAY = 0.1;
export const CODE_INTERPRETER_SESSION_PRICE = 0.03;
export const FILE_SEARCH_PRICE_PER_CALL = 0.0025;
export const WEB_SEARCH_PRICE_PER_CALL = 0.01;
