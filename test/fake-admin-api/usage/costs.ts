// Costs are priced usage: each stream's metrics feed a few line items, so costs agree with the
// usage endpoints and only reference projects and keys that exist.
import {
  CODE_INTERPRETER_SESSION_PRICE,
  FILE_SEARCH_PRICE_PER_CALL,
  IMAGE_PRICE,
  STORAGE_PRICE_PER_GIB_DAY,
  TOKEN_PRICES,
  TRANSCRIPTION_PRICE_PER_MINUTE,
  TTS_PRICE_PER_1M_CHARS,
  WEB_SEARCH_PRICE_PER_CALL,
} from '../models';
import type { Stream } from './streams';

export interface CostLine {
  line_item: string;
  unit: string | null;
  /** Indices into the stream's metric vector whose sum is the quantity (before scaling). */
  metrics: readonly number[];
  /** Quantity = sum × qtyScale; amount = quantity × price (USD). */
  qtyScale: number;
  price: number;
}

const M = 1_000_000;

function planFor(s: Stream): CostLine[] {
  const model = s.model ?? '';
  const line = (line_item: string, unit: string | null, metrics: number[], price: number, qtyScale = 1): CostLine => ({ line_item, unit, metrics, qtyScale, price });
  switch (s.kind) {
    case 'completions': {
      const [inUnc, inCached, out] = TOKEN_PRICES[model] ?? [1, 0.5, 4];
      const discount = s.batch ? 0.5 : 1;
      const suffix = s.batch ? ' (batch)' : '';
      // Vector: see tokenResult in kinds.ts. Cache writes (30 min and 12 h) are priced as input.
      return [
        line(`${model}, input${suffix}`, 'tokens', [1, 2, 3, 7, 11], (inUnc * discount) / M),
        line(`${model}, cached input${suffix}`, 'tokens', [4, 5, 6], (inCached * discount) / M),
        line(`${model}, output${suffix}`, 'tokens', [8, 9, 10], (out * discount) / M),
      ];
    }
    case 'decisions': {
      const [inUnc, inCached, out] = TOKEN_PRICES[model] ?? [1, 0.5, 4];
      const discount = s.batch ? 0.5 : 1;
      const suffix = s.batch ? ' (batch)' : '';
      return [
        line(`${model}, decisions input${suffix}`, 'tokens', [1, 2, 3, 7, 11], (inUnc * discount) / M),
        line(`${model}, decisions cached input${suffix}`, 'tokens', [4, 5, 6], (inCached * discount) / M),
        line(`${model}, decisions output${suffix}`, 'tokens', [8, 9, 10], (out * discount) / M),
      ];
    }
    case 'embeddings':
      return [line(model, 'tokens', [1], (TOKEN_PRICES[model]?.[0] ?? 0.1) / M)];
    case 'moderations':
      return []; // free
    case 'images':
      return [line(`${model}, ${s.size}`, 'images', [1], IMAGE_PRICE)];
    case 'audio_speeches':
      return [line(model, 'characters', [1], TTS_PRICE_PER_1M_CHARS / M)];
    case 'audio_transcriptions':
      return [line(model, 'duration_seconds', [1], TRANSCRIPTION_PRICE_PER_MINUTE / 60)];
    case 'web_search_calls':
      return [line('web search tool calls', null, [1], WEB_SEARCH_PRICE_PER_CALL)];
    case 'file_search_calls':
      return [line('file search tool calls', null, [0], FILE_SEARCH_PRICE_PER_CALL)];
    case 'code_interpreter_sessions':
      return [line('code interpreter sessions', null, [0], CODE_INTERPRETER_SESSION_PRICE)];
    case 'vector_stores':
      // A day at this level is 24 GiB-hours per GiB stored.
      return [line('vector store storage', 'gibibyte_hours', [0], STORAGE_PRICE_PER_GIB_DAY / 24, 24 / 2 ** 30)];
  }
}

const plans = new WeakMap<Stream, CostLine[]>();

export function costPlan(s: Stream): CostLine[] {
  let plan = plans.get(s);
  if (!plan) plans.set(s, (plan = planFor(s)));
  return plan;
}
