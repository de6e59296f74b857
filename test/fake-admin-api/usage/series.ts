// Numbers of one stream over time.
//
// A day's values come straight from a hash of (seed, stream, day). Hours are that day split
// across the day's in-window hours, minutes are an hour split across its 60 minutes. Every
// split uses cumulative rounding, part_i = round(T·C_i/N) − round(T·C_{i−1}/N), so parts are
// integers that always sum to the whole: 1m, 1h and 1d buckets add up exactly, and any
// grouping of the same streams sums to the same totals.
//
// Metric 0 of every vector is the driving count (requests, sessions, calls); the others are
// split in proportion to it, so an hour without requests has no tokens either.
//
// These run millions of times for a large minute-level query, so they write into caller-owned
// buffers instead of allocating.
import { mix } from '../rng';
import type { Stream } from './streams';

const DAY = 86_400;
const HOUR = 3_600;
const U32 = 4294967296;

/** Share of a day's traffic per UTC hour (busy during US and EU working hours). */
const DIURNAL = [0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7, 0.85, 0.95, 1, 1, 1.05, 1.1, 1.15, 1.2, 1.2, 1.1, 1, 0.85, 0.7, 0.5, 0.4];

/** Largest metric vector (completions and decisions). */
export const MAX_METRICS = 12;

export function metricCount(s: Stream): number {
  return 1 + s.profile.length;
}

function hourInWindow(s: Stream, hourStart: number): boolean {
  return hourStart + HOUR > s.from && hourStart < s.to;
}

/** The part of `total` that falls on the slice between cumulative weights `before` and `upto`. */
export function part(total: number, before: number, upto: number, sum: number): number {
  return Math.round((total * upto) / sum) - Math.round((total * before) / sum);
}

/** Writes one UTC day's vector (day = floor(t / 86400)) into `out`; false when the stream is idle. */
export function dayInto(s: Stream, day: number, seed: number, out: Float64Array): boolean {
  const start = day * DAY;
  if (start + DAY <= s.from || start >= s.to) return false;
  const h = mix(s.hash, day, seed, 0x0da7);
  if (h / U32 > s.activity) return false;
  let inWindow = 24;
  if (start < s.from || start + DAY > s.to) {
    inWindow = 0;
    for (let i = 0; i < 24; i++) if (hourInWindow(s, start + i * HOUR)) inWindow++;
  }
  // A cheap jitter sequence from the one hash (LCG steps).
  let x = (Math.imul(h, 1664525) + 1013904223) >>> 0;
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  const weekendFactor = weekday === 0 || weekday === 6 ? 0.55 : 1;
  const count = Math.round(s.daily * weekendFactor * (0.4 + (1.2 * x) / U32) * (inWindow / 24));
  if (count <= 0) return false;
  out[0] = count;
  for (let i = 0; i < s.profile.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i + 1] = Math.round(count * s.profile[i]! * (0.7 + (0.6 * x) / U32));
  }
  return true;
}

/** Splits a day's count across its 24 hours into `out` (zero outside the stream's window). */
export function hourCountsInto(s: Stream, day: number, seed: number, count: number, out: Float64Array): void {
  const start = day * DAY;
  let sum = 0;
  for (let i = 0; i < 24; i++) {
    const w = hourInWindow(s, start + i * HOUR) ? DIURNAL[i]! * (0.5 + mix(s.hash, day, seed, 100 + i) / U32) : 0;
    out[i] = w;
    sum += w;
  }
  let cum = 0;
  for (let i = 0; i < 24; i++) {
    const before = cum;
    cum += out[i]!;
    out[i] = part(count, before, cum, sum);
  }
}

/** Splits an hour's count across its 60 minutes into `out`. */
export function minuteCountsInto(s: Stream, hourIndex: number, seed: number, count: number, out: Float64Array): void {
  out.fill(0, 0, 60);
  if (count <= 60) {
    // Few requests: drop each into a minute, which is cheaper and looks burstier.
    for (let k = 0; k < count; k++) out[mix(s.hash, hourIndex, seed, 1000 + k) % 60]!++;
    return;
  }
  let sum = 0;
  for (let i = 0; i < 60; i++) sum += out[i] = 0.5 + mix(s.hash, hourIndex, seed, 200 + i) / U32;
  let cum = 0;
  for (let i = 0; i < 60; i++) {
    const before = cum;
    cum += out[i]!;
    out[i] = part(count, before, cum, sum);
  }
}

/** Storage level (bytes) of a project-level storage stream on a given day, or 0. */
export function storageLevel(s: Stream, day: number, seed: number): number {
  const start = day * DAY;
  if (start + DAY <= s.from || start >= s.to) return 0;
  const age = Math.max(0, (start - s.from) / DAY);
  const growth = Math.min(1, 0.15 + age / 365);
  return Math.round(s.daily * growth * (0.95 + (0.1 * mix(s.hash, day, seed, 0x5707)) / U32));
}
