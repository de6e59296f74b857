// Numbers of one stream over time.
//
// A day's values come straight from a hash of (seed, stream, day). Hours are that day split
// across the day's in-window hours, minutes are an hour split across its 60 minutes, both
// with cumulative rounding: part_i = round(T·C_i/N) − round(T·C_{i−1}/N). The parts are
// integers that always sum to the whole, so 1m, 1h and 1d buckets add up exactly, and any
// grouping of the same streams sums to the same totals.
//
// Metric 0 of every vector is the driving count (requests, sessions, calls); the others are
// split in proportion to it, so an hour with no requests has no tokens either.
import { mix } from '../rng';
import type { Stream } from './streams';

const DAY = 86_400;
const HOUR = 3_600;

/** Share of a day's traffic per UTC hour (busy during US and EU working hours). */
const DIURNAL = [0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7, 0.85, 0.95, 1, 1, 1.05, 1.1, 1.15, 1.2, 1.2, 1.1, 1, 0.85, 0.7, 0.5, 0.4];

export type Vec = number[];

/** Cheap deterministic jitter sequence from one hash (LCG steps), in [0, 1). */
function jitters(h: number, n: number): number[] {
  const out: number[] = [];
  let x = h;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(x / 4294967296);
  }
  return out;
}

function hourInWindow(s: Stream, hourStart: number): boolean {
  return hourStart + HOUR > s.from && hourStart < s.to;
}

/** Vector for one UTC day (day = floor(t / 86400)), or null when the stream is idle. */
export function dayValues(s: Stream, day: number, seed: number): Vec | null {
  const start = day * DAY;
  if (start + DAY <= s.from || start >= s.to) return null;
  const h = mix(s.hash, day, seed, 0x0da7);
  if (h / 4294967296 > s.activity) return null;
  let inWindow = 24;
  if (start < s.from || start + DAY > s.to) {
    inWindow = 0;
    for (let i = 0; i < 24; i++) if (hourInWindow(s, start + i * HOUR)) inWindow++;
  }
  const j = jitters(h, s.profile.length + 1);
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  const weekendFactor = weekday === 0 || weekday === 6 ? 0.55 : 1;
  const count = Math.round(s.daily * weekendFactor * (0.4 + 1.2 * j[0]!) * (inWindow / 24));
  if (count <= 0) return null;
  const v: Vec = [count];
  for (let i = 0; i < s.profile.length; i++) v.push(Math.round(count * s.profile[i]! * (0.7 + 0.6 * j[i + 1]!)));
  return v;
}

/** Splits `whole` into parts following `weights` (cumulative rounding), writing part i into out[i][m]. */
function splitByWeights(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const parts = new Array<number>(weights.length);
  let cum = 0;
  let prev = 0;
  for (let i = 0; i < weights.length; i++) {
    cum += weights[i]!;
    const upto = sum > 0 ? Math.round((total * cum) / sum) : 0;
    parts[i] = upto - prev;
    prev = upto;
  }
  return parts;
}

/** Splits a whole vector into parts whose counts are `counts` (metric 0) and others proportional. */
function splitVector(whole: Vec, counts: readonly number[]): (Vec | null)[] {
  const parts: (Vec | null)[] = counts.map((c) => (c > 0 ? [c] : null));
  for (let m = 1; m < whole.length; m++) {
    const split = splitByWeights(whole[m]!, counts);
    for (let i = 0; i < counts.length; i++) if (parts[i]) parts[i]!.push(split[i]!);
  }
  return parts;
}

/** The day's vector split into its 24 hours (null where idle). */
export function hourValues(s: Stream, day: number, whole: Vec, seed: number): (Vec | null)[] {
  const start = day * DAY;
  const weights = DIURNAL.map((d, i) => (hourInWindow(s, start + i * HOUR) ? d * (0.5 + mix(s.hash, day, seed, 100 + i) / 4294967296) : 0));
  return splitVector(whole, splitByWeights(whole[0]!, weights));
}

/** One hour's vector split into its 60 minutes (null where idle). */
export function minuteValues(s: Stream, hourIndex: number, whole: Vec, seed: number): (Vec | null)[] {
  const n = whole[0]!;
  let counts: number[];
  if (n <= 60) {
    // Few requests: drop each one into a minute, which is cheaper and looks burstier.
    counts = new Array<number>(60).fill(0);
    for (let k = 0; k < n; k++) counts[mix(s.hash, hourIndex, seed, 1000 + k) % 60]!++;
  } else {
    const weights = Array.from({ length: 60 }, (_, i) => 0.5 + mix(s.hash, hourIndex, seed, 200 + i) / 4294967296);
    counts = splitByWeights(n, weights);
  }
  return splitVector(whole, counts);
}

/** Storage level (bytes) of a project-level storage stream on a given day, or 0. */
export function storageLevel(s: Stream, day: number, seed: number): number {
  const start = day * DAY;
  if (start + DAY <= s.from || start >= s.to) return 0;
  const age = Math.max(0, (start - s.from) / DAY);
  const growth = Math.min(1, 0.15 + age / 365);
  return Math.round(s.daily * growth * (0.95 + (0.1 * mix(s.hash, day, seed, 0x5707)) / 4294967296));
}
