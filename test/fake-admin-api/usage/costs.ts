// Costs are priced usage: each stream's day vector becomes a few line items, so costs agree with
// the usage endpoints and only reference projects and keys that exist.
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
import type { Vec } from './series';

export interface LineItem {
  line_item: string;
  quantity: number;
  unit: string | null;
  amount: number;
}

const perMillion = (tokens: number, price: number) => (tokens / 1_000_000) * price;

/** Line items for one stream-day. `v` is the stream's day vector (storage: [bytes]). */
export function lineItems(s: Stream, v: Vec): LineItem[] {
  const model = s.model ?? '';
  switch (s.kind) {
    case 'completions': {
      const [inUnc, inCached, out] = TOKEN_PRICES[model] ?? [1, 0.5, 4];
      const discount = s.batch ? 0.5 : 1;
      const suffix = s.batch ? ' (batch)' : '';
      const uncached = v[1]! + v[2]! + v[3]! + v[7]!;
      const cached = v[4]! + v[5]! + v[6]!;
      const output = v[8]! + v[9]! + v[10]!;
      return [
        { line_item: `${model}, input${suffix}`, quantity: uncached, unit: 'tokens', amount: perMillion(uncached, inUnc * discount) },
        { line_item: `${model}, cached input${suffix}`, quantity: cached, unit: 'tokens', amount: perMillion(cached, inCached * discount) },
        { line_item: `${model}, output${suffix}`, quantity: output, unit: 'tokens', amount: perMillion(output, out * discount) },
      ];
    }
    case 'embeddings':
      return [{ line_item: model, quantity: v[1]!, unit: 'tokens', amount: perMillion(v[1]!, TOKEN_PRICES[model]?.[0] ?? 0.1) }];
    case 'moderations':
      return []; // free
    case 'images':
      return [{ line_item: `${model}, ${s.size}`, quantity: v[1]!, unit: 'images', amount: v[1]! * IMAGE_PRICE }];
    case 'audio_speeches':
      return [{ line_item: model, quantity: v[1]!, unit: 'characters', amount: perMillion(v[1]!, TTS_PRICE_PER_1M_CHARS) }];
    case 'audio_transcriptions':
      return [{ line_item: model, quantity: v[1]!, unit: 'duration_seconds', amount: (v[1]! / 60) * TRANSCRIPTION_PRICE_PER_MINUTE }];
    case 'web_search_calls':
      return [{ line_item: 'web search tool calls', quantity: v[1]!, unit: null, amount: v[1]! * WEB_SEARCH_PRICE_PER_CALL }];
    case 'file_search_calls':
      return [{ line_item: 'file search tool calls', quantity: v[0]!, unit: null, amount: v[0]! * FILE_SEARCH_PRICE_PER_CALL }];
    case 'code_interpreter_sessions':
      return [{ line_item: 'code interpreter sessions', quantity: v[0]!, unit: null, amount: v[0]! * CODE_INTERPRETER_SESSION_PRICE }];
    case 'vector_stores': {
      const gib = v[0]! / 2 ** 30;
      return [{ line_item: 'vector store storage', quantity: gib * 24, unit: 'gibibyte_hours', amount: gib * STORAGE_PRICE_PER_GIB_DAY }];
    }
  }
}
