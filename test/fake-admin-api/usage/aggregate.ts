// Buckets × groups for one usage or costs query. The loop runs per stream and per day, so a
// day's hourly/minute split is computed once however many buckets it feeds.
import { lineItems } from './costs';
import type { GroupField, KindSpec } from './kinds';
import { dayValues, hourValues, minuteValues, storageLevel, type Vec } from './series';
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

interface Acc {
  sample: Stream;
  vec: number[];
}

function groupKeyOf(s: Stream, groupBy: readonly GroupField[]): string {
  let key = '';
  for (const f of groupBy) key += `${String(s[f])}\u0000`;
  return key;
}

function add(into: Map<string, Acc>, key: string, s: Stream, v: Vec): void {
  const acc = into.get(key);
  if (!acc) {
    into.set(key, { sample: s, vec: v.slice() });
    return;
  }
  for (let i = 0; i < v.length; i++) acc.vec[i] = (acc.vec[i] ?? 0) + v[i]!;
}

/** Accumulates counted (additive) usage of `streams` into per-bucket group maps. */
function accumulateCounts(streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], seed: number): Map<string, Acc>[] {
  const w = WIDTH_SECONDS[win.width];
  const end = win.start + win.count * w;
  const buckets = Array.from({ length: win.count }, () => new Map<string, Acc>());
  const put = (bucketStart: number, key: string, s: Stream, v: Vec) => {
    if (bucketStart > win.now) return;
    const idx = (bucketStart - win.start) / w;
    if (idx >= 0 && idx < win.count) add(buckets[idx]!, key, s, v);
  };
  for (const s of streams) {
    const key = groupKeyOf(s, groupBy);
    const firstDay = Math.floor(Math.max(win.start, s.from) / DAY);
    const lastDay = Math.floor((Math.min(end, s.to, win.now + DAY) - 1) / DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      const dv = dayValues(s, day, seed);
      if (!dv) continue;
      if (win.width === '1d') {
        put(day * DAY, key, s, dv);
        continue;
      }
      const hours = hourValues(s, day, dv, seed);
      for (let h = 0; h < 24; h++) {
        const hv = hours[h];
        const hourStart = day * DAY + h * HOUR;
        if (!hv || hourStart + HOUR <= win.start || hourStart >= end) continue;
        if (win.width === '1h') {
          put(hourStart, key, s, hv);
          continue;
        }
        const minutes = minuteValues(s, day * 24 + h, hv, seed);
        for (let m = 0; m < 60; m++) if (minutes[m]) put(hourStart + m * 60, key, s, minutes[m]!);
      }
    }
  }
  return buckets;
}

/** Storage is a level: each bucket reports the level on its day. */
function accumulateLevels(streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], seed: number): Map<string, Acc>[] {
  const w = WIDTH_SECONDS[win.width];
  const buckets = Array.from({ length: win.count }, () => new Map<string, Acc>());
  for (const s of streams) {
    const key = groupKeyOf(s, groupBy);
    let day = -1;
    let level = 0;
    for (let i = 0; i < win.count; i++) {
      const start = win.start + i * w;
      if (start > win.now) break;
      const d = Math.floor(start / DAY);
      if (d !== day) level = storageLevel(s, (day = d), seed);
      if (level > 0) add(buckets[i]!, key, s, [level]);
    }
  }
  return buckets;
}

export interface UsageBucket {
  object: 'bucket';
  start_time: number;
  end_time: number;
  results: Record<string, unknown>[];
}

function bucketsOf<T>(win: BucketWindow, per: Map<string, T>[], toResult: (entry: T) => Record<string, unknown>): UsageBucket[] {
  const w = WIDTH_SECONDS[win.width];
  return per.map((groups, i) => ({
    object: 'bucket',
    start_time: win.start + i * w,
    end_time: win.start + (i + 1) * w,
    results: [...groups.keys()].sort().map((k) => toResult(groups.get(k)!)),
  }));
}

export function usageBuckets(spec: KindSpec, streams: readonly Stream[], win: BucketWindow, groupBy: readonly GroupField[], seed: number): UsageBucket[] {
  const per = (spec.level ? accumulateLevels : accumulateCounts)(streams, win, groupBy, seed);
  return bucketsOf(win, per, ({ sample, vec }) => {
    const result: Record<string, unknown> = { object: spec.object, ...spec.fields(vec) };
    for (const f of spec.groupBy) result[f] = groupBy.includes(f) ? sample[f] : null;
    return result;
  });
}

export type CostGroupField = 'project_id' | 'line_item' | 'api_key_id';

interface CostAcc {
  project_id: string;
  api_key_id: string | null;
  line_item: string;
  unit: string | null;
  amount: number;
  quantity: number;
}

/** Daily costs of all streams (every kind), grouped. */
export function costBuckets(streams: readonly Stream[], win: BucketWindow, groupBy: readonly CostGroupField[], seed: number): UsageBucket[] {
  const buckets = Array.from({ length: win.count }, () => new Map<string, CostAcc>());
  const end = win.start + win.count * DAY;
  const byLine = groupBy.includes('line_item');
  for (const s of streams) {
    const firstDay = Math.floor(Math.max(win.start, s.from) / DAY);
    const lastDay = Math.floor((Math.min(end, s.to, win.now + DAY) - 1) / DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      if (day * DAY > win.now) break;
      const v = s.kind === 'vector_stores' ? [storageLevel(s, day, seed)] : dayValues(s, day, seed);
      if (!v || !v[0]) continue;
      const groups = buckets[(day * DAY - win.start) / DAY]!;
      for (const item of lineItems(s, v)) {
        const key = `${groupBy.includes('project_id') ? s.project_id : ''}\u0000${byLine ? item.line_item : ''}\u0000${groupBy.includes('api_key_id') ? s.api_key_id : ''}`;
        const acc = groups.get(key);
        if (acc) {
          acc.amount += item.amount;
          acc.quantity += item.quantity;
        } else {
          groups.set(key, { project_id: s.project_id, api_key_id: s.api_key_id, line_item: item.line_item, unit: item.unit, amount: item.amount, quantity: item.quantity });
        }
      }
    }
  }
  return bucketsOf(win, buckets, (acc) => ({
    object: 'organization.costs.result',
    amount: { value: acc.amount, currency: 'usd' },
    line_item: byLine ? acc.line_item : null,
    project_id: groupBy.includes('project_id') ? acc.project_id : null,
    api_key_id: groupBy.includes('api_key_id') ? acc.api_key_id : null,
    quantity: byLine ? acc.quantity : null,
    quantity_unit: byLine ? acc.unit : null,
  }));
}
