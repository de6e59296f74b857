// Buckets × groups for one usage or costs query. The loop runs per stream and per day, so a
// day's hourly/minute split is computed once however many buckets it feeds, and values are
// added straight into per-group bucket vectors without intermediate objects.
import { costPlan, type CostLine } from './costs';
import type { DayCache } from './day-cache';
import type { UsageKind } from '../models';
import type { GroupField, KindSpec } from './kinds';
import { hourCountsInto, MAX_METRICS, minuteCountsInto, part } from './series';
import type { Stream } from './streams';

const DAY = 86_400;
const HOUR = 3_600;

export type Width = '1m' | '1h' | '1d';
export const WIDTH_SECONDS: Record<Width, number> = { '1m': 60, '1h': 3_600, '1d': 86_400 };

export interface BucketWindow {
  /** Start of the first bucket (aligned to the width). */
  start: number;
  width: Width;
  count: number;
  /** Buckets starting after this time are returned empty (no usage from the future). */
  now: number;
}

/** One group's per-bucket sums; vectors exist only for buckets the group has usage in. */
interface GroupAcc {
  sample: Stream;
  vecs: (Float64Array | undefined)[];
}

class Accumulator {
  readonly groups = new Map<string, GroupAcc>();
  constructor(
    private readonly win: BucketWindow,
    private readonly size: number,
  ) {}

  group(key: string, s: Stream): GroupAcc {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { sample: s, vecs: new Array(this.win.count) }));
    return g;
  }

  /** The group's vector for the bucket starting at `bucketStart`, or undefined if out of range. */
  slot(g: GroupAcc, bucketStart: number): Float64Array | undefined {
    if (bucketStart > this.win.now) return undefined;
    const idx = (bucketStart - this.win.start) / WIDTH_SECONDS[this.win.width];
    if (idx < 0 || idx >= this.win.count) return undefined;
    return (g.vecs[idx] ??= new Float64Array(this.size));
  }
}

function groupKeyOf(s: Stream, groupBy: readonly GroupField[]): string {
  let key = '';
  for (const f of groupBy) key += `${String(s[f])}\u0000`;
  return key;
}

// Scratch buffers reused across calls (the fake is single-threaded).
const dayVec = new Float64Array(MAX_METRICS);
const hourVec = new Float64Array(MAX_METRICS);
const hourCounts = new Float64Array(24);
const minuteCounts = new Float64Array(60);
const prevCut = new Float64Array(MAX_METRICS);

/** UTC days the query window covers (not past "now"). */
function windowDays(win: BucketWindow): [number, number] {
  const end = Math.min(win.start + win.count * WIDTH_SECONDS[win.width], win.now + DAY);
  return [Math.floor(win.start / DAY), Math.floor((end - 1) / DAY)];
}

/** Counted (additive) usage: day values, split into hours and minutes as the width needs. */
function accumulateCounts(acc: Accumulator, kind: UsageKind, streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], days: DayCache, seed: number): void {
  const end = win.start + win.count * WIDTH_SECONDS[win.width];
  const groups = streams.map((s) => acc.group(groupKeyOf(s, groupBy), s));
  const [firstDay, lastDay] = windowDays(win);
  for (let day = firstDay; day <= lastDay; day++) {
    const entry = days.day(kind, day);
    const m = entry.m;
    for (let j = 0; j < streams.length; j++) {
      const s = streams[j]!;
      if (!entry.ok[s.index]) continue;
      const g = groups[j]!;
      const base = s.index * m;
      if (win.width === '1d') {
        const v = acc.slot(g, day * DAY);
        if (v) for (let i = 0; i < m; i++) v[i]! += entry.vecs[base + i]!;
        continue;
      }
      for (let i = 0; i < m; i++) dayVec[i] = entry.vecs[base + i]!;
      const total = dayVec[0]!;
      hourCountsInto(s, day, seed, total, hourCounts);
      let cum = 0;
      for (let h = 0; h < 24; h++) {
        const c = hourCounts[h]!;
        const before = cum;
        cum += c;
        const hourStart = day * DAY + h * HOUR;
        if (c === 0 || hourStart + HOUR <= win.start || hourStart >= end) continue;
        hourVec[0] = c;
        for (let i = 1; i < m; i++) hourVec[i] = part(dayVec[i]!, before, cum, total);
        if (win.width === '1h') {
          const v = acc.slot(g, hourStart);
          if (v) for (let i = 0; i < m; i++) v[i]! += hourVec[i]!;
          continue;
        }
        minuteCountsInto(s, day * 24 + h, seed, c, minuteCounts);
        // Cumulative rounding, carrying the previous cut per metric (this is the hottest loop).
        prevCut.fill(0, 0, m);
        let mcum = 0;
        for (let k = 0; k < 60; k++) {
          const mc = minuteCounts[k]!;
          if (mc === 0) continue;
          mcum += mc;
          const v = acc.slot(g, hourStart + k * 60);
          if (v) v[0]! += mc;
          for (let i = 1; i < m; i++) {
            const cut = Math.round((hourVec[i]! * mcum) / c);
            if (v) v[i]! += cut - prevCut[i]!;
            prevCut[i] = cut;
          }
        }
      }
    }
  }
}

/** Storage is a level: each bucket reports the level on its day. */
function accumulateLevels(acc: Accumulator, kind: UsageKind, streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], days: DayCache): void {
  const w = WIDTH_SECONDS[win.width];
  const groups = streams.map((s) => acc.group(groupKeyOf(s, groupBy), s));
  for (let i = 0; i < win.count; i++) {
    const start = win.start + i * w;
    if (start > win.now) break;
    const entry = days.day(kind, Math.floor(start / DAY));
    for (let j = 0; j < streams.length; j++) {
      const s = streams[j]!;
      if (!entry.ok[s.index]) continue;
      const v = acc.slot(groups[j]!, start);
      if (v) v[0]! += entry.vecs[s.index]!;
    }
  }
}

export interface UsageBucket {
  object: 'bucket';
  start_time: number;
  end_time: number;
  results: Record<string, unknown>[];
}

function toBuckets(acc: Accumulator, win: BucketWindow, toResult: (g: GroupAcc, v: Float64Array) => Record<string, unknown>): UsageBucket[] {
  const w = WIDTH_SECONDS[win.width];
  const keys = [...acc.groups.keys()].sort();
  return Array.from({ length: win.count }, (_, i) => {
    const results: Record<string, unknown>[] = [];
    for (const k of keys) {
      const g = acc.groups.get(k)!;
      const v = g.vecs[i];
      if (v && v[0]! > 0) results.push(toResult(g, v));
    }
    return { object: 'bucket' as const, start_time: win.start + i * w, end_time: win.start + (i + 1) * w, results };
  });
}

export function usageBuckets(spec: KindSpec, streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], days: DayCache, seed: number): UsageBucket[] {
  const acc = new Accumulator(win, MAX_METRICS);
  if (spec.level) accumulateLevels(acc, spec.kind, streams, win, groupBy, days);
  else accumulateCounts(acc, spec.kind, streams, win, groupBy, days, seed);
  const grouped = new Set<GroupField>(groupBy);
  return toBuckets(acc, win, (g, v) => spec.result(v, (f) => (grouped.has(f) ? g.sample[f] : null)));
}

export type CostGroupField = 'project_id' | 'user_id' | 'line_item' | 'api_key_id' | 'api_source';

/**
 * Daily costs of all streams (every kind), grouped. Vectors hold [amount, quantity].
 * `lineItems` keeps only those line items (the `line_items` filter, matched exactly).
 */
export function costBuckets(streams: readonly Stream[], win: BucketWindow, groupBy: readonly CostGroupField[], days: DayCache, lineItems?: ReadonlySet<string>, spikes?: ReadonlyMap<string, number>): UsageBucket[] {
  const acc = new Accumulator(win, 2);
  const by = new Set<CostGroupField>(groupBy);
  const byLine = by.has('line_item');
  const lineOf = new Map<GroupAcc, CostLine>();
  const priced = streams
    .map((s) => {
      const all = costPlan(s);
      const plan = lineItems ? all.filter((l) => lineItems.has(l.line_item)) : all;
      const streamKey = `${by.has('project_id') ? s.project_id : ''}\u0000${by.has('user_id') ? s.user_id : ''}\u0000${by.has('api_key_id') ? s.api_key_id : ''}\u0000${by.has('api_source') ? s.api_source : ''}`;
      const groups = plan.map((line) => {
        const g = acc.group(`${streamKey}\u0000${byLine ? line.line_item : ''}`, s);
        if (!lineOf.has(g)) lineOf.set(g, line);
        return g;
      });
      return { s, plan, groups };
    })
    .filter((x) => x.plan.length);
  const kinds = [...new Set(priced.map((x) => x.s.kind))];
  const [firstDay, lastDay] = windowDays(win);
  for (let day = firstDay; day <= lastDay; day++) {
    const entries = new Map(kinds.map((k) => [k, days.day(k, day)]));
    for (const { s, plan, groups } of priced) {
      const entry = entries.get(s.kind)!;
      if (!entry.ok[s.index]) continue;
      const base = s.index * entry.m;
      const spike = spikes?.size ? spikes.get(`${s.project_id} ${day}`) ?? 1 : 1;
      for (let i = 0; i < plan.length; i++) {
        const line = plan[i]!;
        let sum = 0;
        for (const idx of line.metrics) sum += entry.vecs[base + idx]!;
        const v = sum ? acc.slot(groups[i]!, day * DAY) : undefined;
        if (!v) continue;
        const quantity = sum * line.qtyScale;
        v[0]! += quantity * line.price * spike;
        v[1]! += quantity;
      }
    }
  }
  return toBuckets(acc, win, (g, v) => {
    const line = lineOf.get(g)!;
    return {
      object: 'organization.costs.result',
      amount: { value: v[0], currency: 'usd' },
      line_item: byLine ? line.line_item : null,
      project_id: by.has('project_id') ? g.sample.project_id : null,
      user_id: by.has('user_id') ? g.sample.user_id : null,
      api_key_id: by.has('api_key_id') ? g.sample.api_key_id : null,
      api_source: by.has('api_source') ? g.sample.api_source : null,
      quantity: byLine ? v[1] : null,
      quantity_unit: byLine ? line.unit : null,
    };
  });
}
