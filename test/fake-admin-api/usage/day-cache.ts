// Day vectors of every stream of a kind, per UTC day, computed once and reused by later queries
// (a dashboard asks for the same days grouped several ways). Entries are evicted least recently
// used first to stay within a memory budget, so huge orgs still work, just with fewer hits.
import type { UsageKind } from '../models';
import { dayInto, MAX_METRICS, metricCount, storageLevel } from './series';
import type { Stream } from './streams';

export interface DayEntry {
  /** Stream i's vector is vecs[i*m .. i*m+m). */
  vecs: Float64Array;
  /** 1 where stream i has usage that day. */
  ok: Uint8Array;
  m: number;
}

const scratch = new Float64Array(MAX_METRICS);

export class DayCache {
  private readonly entries = new Map<string, DayEntry>();
  private bytes = 0;

  constructor(
    private readonly byKind: Map<UsageKind, Stream[]>,
    private readonly seed: number,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  day(kind: UsageKind, day: number): DayEntry {
    const key = `${kind}|${day}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const entry = this.compute(kind, day);
    this.entries.set(key, entry);
    this.bytes += entry.vecs.byteLength + entry.ok.byteLength;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= e.vecs.byteLength + e.ok.byteLength;
    }
    return entry;
  }

  private compute(kind: UsageKind, day: number): DayEntry {
    const streams = this.byKind.get(kind) ?? [];
    const m = streams.length ? metricCount(streams[0]!) : 1;
    const vecs = new Float64Array(streams.length * m);
    const ok = new Uint8Array(streams.length);
    for (let i = 0; i < streams.length; i++) {
      const s = streams[i]!;
      if (kind === 'vector_stores') {
        const level = storageLevel(s, day, this.seed);
        if (level > 0) {
          vecs[i] = level;
          ok[i] = 1;
        }
      } else if (dayInto(s, day, this.seed, scratch)) {
        vecs.set(scratch.subarray(0, m), i * m);
        ok[i] = 1;
      }
    }
    return { vecs, ok, m };
  }
}
