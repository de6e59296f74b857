// The entities usage is generated for. A stream is one (API key, model, tier/size/…) combination
// (or one project, for project-level usage) with a typical daily volume and an active window.
// Every usage and cost number is a deterministic function of (seed, stream, time), so any
// grouping of the same streams sums to the same totals.
//
// Streams are derived from the current state (cached per state version): usage and costs only
// ever reference projects, users and keys that exist. Deleting a key removes its history too.
import {
  type ApiSource,
  CONTEXT_LEVELS,
  IMAGE_SIZES,
  IMAGE_SOURCES,
  SERVICE_TIERS,
  USAGE_MODELS,
  type UsageKind,
} from '../models';
import { hashString, Rng } from '../rng';
import type { ApiKeyRec, FakeState, ProjectData, ProjectRec } from '../state';
import { DayCache } from './day-cache';

const DAY = 86_400;

export interface Stream {
  kind: UsageKind;
  /** Position in its kind's stream list (the day cache is indexed by it). */
  index: number;
  /** Identity hash: the stream's numbers depend on it and the seed only. */
  hash: number;
  project_id: string;
  user_id: string | null;
  api_key_id: string | null;
  model: string | null;
  batch: boolean | null;
  service_tier: string | null;
  size: string | null;
  source: string | null;
  context_level: string | null;
  vector_store_id: string | null;
  /** Agents API traffic or everything else; `unlabeled` for every kind but completions, web search and decisions. */
  api_source: ApiSource;
  /** Active window [from, to) in unix seconds. */
  from: number;
  to: number;
  /** Typical driving count per active day (requests, sessions, calls; bytes for storage). */
  daily: number;
  /** Probability that a given day has any usage. */
  activity: number;
  /** Per-unit means of the kind's other metrics (see kinds.ts for the order). */
  profile: number[];
}

type Dims = Partial<Pick<Stream, 'model' | 'batch' | 'service_tier' | 'size' | 'source' | 'context_level' | 'vector_store_id' | 'api_source'>>;

function weightedPick<T extends { weight: number }>(r: Rng, items: readonly T[]): T {
  let total = 0;
  for (const i of items) total += i.weight;
  let x = r.next() * total;
  for (const i of items) if ((x -= i.weight) < 0) return i;
  return items[items.length - 1]!;
}

/** Usage profiles per kind: [typical daily count, max daily count, per-unit metric means]. */
function profileFor(kind: UsageKind, r: Rng, dims: Dims, hash: number): { typical: number; max: number; profile: number[] } {
  switch (kind) {
    case 'completions':
    case 'decisions': {
      const audio = r.chance(0.08);
      const image = r.chance(0.12);
      const cacheHeavy = r.chance(0.5);
      const promptSize = r.skewed(900, 8000);
      // 12-hour cache retention is for newer models; whether a stream uses it follows from its
      // identity hash rather than a draw, so the draws (and numbers) of other streams stay put.
      const longCache = (dims.model?.startsWith('gpt-5') || dims.model?.startsWith('gpt-4.1')) && hash % 3 === 0;
      // text_unc, audio_unc, image_unc, text_cached, audio_cached, image_cached, cache_write_30m, out_text, out_audio, out_image, cache_write_12h
      const profile = [
        promptSize,
        audio ? 120 : 0,
        image ? 400 : 0,
        cacheHeavy ? promptSize * 0.8 : promptSize * 0.1,
        audio ? 20 : 0,
        image ? 50 : 0,
        promptSize * 0.05,
        r.skewed(250, 2000),
        audio ? 60 : 0,
        dims.model?.startsWith('gpt-5') && image ? 30 : 0,
        longCache ? promptSize * 0.04 : 0,
      ];
      return { typical: dims.batch ? 800 : 250, max: 40_000, profile };
    }
    case 'embeddings':
      return { typical: 200, max: 30_000, profile: [r.skewed(600, 4000)] };
    case 'moderations':
      return { typical: 120, max: 8_000, profile: [r.skewed(150, 1000)] };
    case 'images':
      return { typical: 8, max: 400, profile: [1 + r.next()] };
    case 'audio_speeches':
      return { typical: 20, max: 800, profile: [r.skewed(900, 4000)] };
    case 'audio_transcriptions':
      return { typical: 15, max: 600, profile: [r.skewed(45, 600)] };
    case 'web_search_calls':
      return { typical: 25, max: 1_500, profile: [1.2 + r.next() * 0.8] };
    case 'file_search_calls':
      return { typical: 40, max: 3_000, profile: [] };
    case 'code_interpreter_sessions':
      return { typical: 5, max: 150, profile: [] };
    case 'vector_stores':
      // Storage is a level, not a count: `typical` is the project's stored bytes.
      return { typical: r.skewed(50_000_000, 5_000_000_000), max: 20_000_000_000, profile: [] };
  }
}

interface StreamBase {
  project: ProjectRec;
  user_id: string | null;
  api_key_id: string | null;
  from: number;
  to: number;
  seed: number;
}

function makeStream(kind: UsageKind, base: StreamBase, dims: Dims, r: Rng): Stream {
  const parts = [kind, base.project.id, base.api_key_id ?? '', dims.model ?? '', dims.batch ?? '', dims.service_tier ?? '', dims.size ?? '', dims.source ?? '', dims.context_level ?? '', dims.vector_store_id ?? ''];
  // Unlabeled streams keep the identity they had before api_source existed (same numbers).
  if (dims.api_source === 'agents_api') parts.push('agents_api');
  const hash = hashString(parts.join('|'), base.seed);
  const { typical, max, profile } = profileFor(kind, r, dims, hash);
  return {
    kind,
    index: -1,
    hash,
    project_id: base.project.id,
    user_id: base.user_id,
    api_key_id: base.api_key_id,
    model: dims.model ?? null,
    batch: dims.batch ?? null,
    service_tier: dims.service_tier ?? null,
    size: dims.size ?? null,
    source: dims.source ?? null,
    context_level: dims.context_level ?? null,
    vector_store_id: dims.vector_store_id ?? null,
    api_source: dims.api_source ?? 'unlabeled',
    from: base.from,
    to: base.to,
    daily: r.skewed(typical, max),
    activity: 0.55 + r.next() * 0.45,
    profile,
  };
}

/** Usage streams of one API key, decided by a generator seeded with the key id. */
function keyStreams(state: FakeState, project: ProjectRec, data: ProjectData, key: ApiKeyRec): Stream[] {
  if (key.last_used_at === null) return [];
  const r = new Rng(hashString(key.id, state.seed));
  const projectEnd = project.archived_at ?? Infinity;
  // A key used recently is still in use; a stale key's usage stopped when it was last used.
  const stillInUse = key.last_used_at >= state.anchor - 3 * DAY;
  const base: StreamBase = {
    project,
    user_id: key.owner.type === 'user' && state.users.has(key.owner.id) ? key.owner.id : null,
    api_key_id: key.id,
    from: key.created_at,
    to: Math.min(projectEnd, stillInUse ? Infinity : key.last_used_at + 1),
    seed: state.seed,
  };
  const out: Stream[] = [];
  const add = (kind: UsageKind, dims: Dims) => out.push(makeStream(kind, base, dims, r));

  const models = new Set<string>();
  if (r.chance(0.85)) {
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) models.add(weightedPick(r, USAGE_MODELS.completions).model);
    for (const model of models) {
      add('completions', { model, batch: false, service_tier: r.pick(SERVICE_TIERS) });
      if (r.chance(0.2)) add('completions', { model, batch: true, service_tier: 'default' });
    }
  }
  if (r.chance(0.35)) add('embeddings', { model: weightedPick(r, USAGE_MODELS.embeddings).model });
  if (r.chance(0.2)) add('moderations', { model: USAGE_MODELS.moderations[0]!.model });
  if (r.chance(0.15)) {
    const model = weightedPick(r, USAGE_MODELS.images).model;
    const combos = r.int(1, 2);
    for (let i = 0; i < combos; i++) add('images', { model, size: r.pick(IMAGE_SIZES.slice(2)), source: i === 0 ? 'image.generation' : r.pick(IMAGE_SOURCES) });
  }
  if (r.chance(0.1)) add('audio_speeches', { model: weightedPick(r, USAGE_MODELS.audio_speeches).model });
  if (r.chance(0.12)) add('audio_transcriptions', { model: weightedPick(r, USAGE_MODELS.audio_transcriptions).model });
  if (r.chance(0.15)) {
    const model = weightedPick(r, USAGE_MODELS.web_search_calls).model;
    for (const level of r.sample(CONTEXT_LEVELS, r.int(1, 2))) add('web_search_calls', { model, context_level: level });
  }
  if (data.vectorStores.length && r.chance(0.3)) {
    for (const vs of r.sample(data.vectorStores, r.int(1, 2))) add('file_search_calls', { vector_store_id: vs });
  }
  // Draws added after the ones above, so the streams those create keep their numbers: Agents API
  // traffic next to a key's completions and web searches, and Decisions API usage.
  if (models.size && r.chance(0.25)) add('completions', { model: [...models][0]!, batch: false, service_tier: 'default', api_source: 'agents_api' });
  const search = out.find((s) => s.kind === 'web_search_calls');
  if (search && r.chance(0.3)) add('web_search_calls', { model: search.model!, context_level: search.context_level!, api_source: 'agents_api' });
  if (r.chance(0.15)) {
    const decisionModels = new Set([weightedPick(r, USAGE_MODELS.decisions).model, weightedPick(r, USAGE_MODELS.decisions).model]);
    for (const model of decisionModels) {
      add('decisions', { model, batch: false, service_tier: r.pick(SERVICE_TIERS), api_source: r.chance(0.4) ? 'agents_api' : 'unlabeled' });
      if (r.chance(0.15)) add('decisions', { model, batch: true, service_tier: 'default' });
    }
  }
  // Streams of one key keep each combination once (duplicates would double count).
  const seen = new Set<number>();
  return out.filter((s) => !seen.has(s.hash) && seen.add(s.hash));
}

/** Project-level usage (no key or user): storage and code interpreter sessions. */
function projectStreams(state: FakeState, project: ProjectRec, data: ProjectData): Stream[] {
  const r = new Rng(hashString(`project-usage|${project.id}`, state.seed));
  const base: StreamBase = { project, user_id: null, api_key_id: null, from: project.created_at, to: project.archived_at ?? Infinity, seed: state.seed };
  const out: Stream[] = [];
  if (data.vectorStores.length) out.push(makeStream('vector_stores', base, {}, r));
  if (r.chance(0.3)) out.push(makeStream('code_interpreter_sessions', base, {}, r));
  return out;
}

export interface StreamSet {
  byKind: Map<UsageKind, Stream[]>;
  /** Day vectors of these streams, computed on demand and kept within a memory budget. */
  days: DayCache;
}

const cache = new WeakMap<FakeState, { version: number; set: StreamSet }>();

/** All streams of the org grouped by kind; rebuilt when the state changes. */
export function streamSetOf(state: FakeState): StreamSet {
  const cached = cache.get(state);
  if (cached && cached.version === state.version) return cached.set;
  const byKind = new Map<UsageKind, Stream[]>();
  const push = (s: Stream) => {
    let list = byKind.get(s.kind);
    if (!list) byKind.set(s.kind, (list = []));
    s.index = list.length;
    list.push(s);
  };
  for (const project of state.projects.values()) {
    const data = state.project(project.id);
    if (!data) continue;
    for (const key of data.apiKeys.values()) keyStreams(state, project, data, key).forEach(push);
    projectStreams(state, project, data).forEach(push);
  }
  const set: StreamSet = { byKind, days: new DayCache(byKind, state.seed) };
  cache.set(state, { version: state.version, set });
  return set;
}
