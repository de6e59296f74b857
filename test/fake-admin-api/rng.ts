// Deterministic randomness. Everything the fake invents (ids, names, usage numbers,
// fault probabilities) comes from here so a seed reproduces a run exactly.

/** mulberry32: tiny, fast, good enough for test data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed >>> 0) || 0x9e3779b9;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Pick k distinct items (k clamped to the list size). */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    k = Math.min(k, n);
    if (k * 3 < n) {
      const seen = new Set<number>();
      const out: T[] = [];
      while (out.length < k) {
        const i = Math.floor(this.next() * n);
        if (!seen.has(i)) {
          seen.add(i);
          out.push(items[i]!);
        }
      }
      return out;
    }
    const copy = items.slice();
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
  /** Skewed positive integer: most values near `typical`, a long tail up to `max`. */
  skewed(typical: number, max: number): number {
    const u = this.next();
    return Math.max(1, Math.min(max, Math.round(typical * Math.exp((u - 0.5) * 2.2) * (u > 0.95 ? 3 : 1))));
  }
  alnum(len: number, alphabet = ALNUM): string {
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  hex(len: number): string {
    return this.alnum(len, '0123456789abcdef');
  }
  /** Derive an independent stream, so adding draws in one area does not shift another. */
  fork(label: string): Rng {
    return new Rng(hashString(label, Math.floor(this.next() * 4294967296)));
  }
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID-looking id (group_01J…, role_01J…), as the RBAC endpoints use. */
export function ulidLike(rng: Rng, timeSec: number): string {
  let t = Math.floor(timeSec * 1000);
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + rng.alnum(16, CROCKFORD);
}

/** FNV-1a, seeded. Used to give every usage stream a stable identity hash. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Stateless integer hash of up to four ints (murmur3 finaliser chain). */
export function mix(a: number, b: number, c = 0, d = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
