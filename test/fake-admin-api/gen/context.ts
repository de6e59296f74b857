// Shared plumbing for the generator modules: one RNG stream per area (so adding a draw in one
// area does not reshuffle another) and the hostile-string substitution.
import { HOSTILE_STRINGS, hostileEmail } from '../hostile-strings';
import { hashString, Rng } from '../rng';

export const DAY = 86_400;
export const HOUR = 3_600;

export interface GenOptions {
  projects: number;
  users: number;
  seed: number;
  hostile: boolean;
  /** Unix seconds everything is anchored to ("now" for the generated org). */
  anchor: number;
  adminKey: string;
}

/** Share of user-controlled strings replaced by a hostile payload when hostile mode is on. */
export const HOSTILE_SHARE = 0.1;

export class GenContext {
  constructor(readonly opts: GenOptions) {}

  /** The RNG stream for one area of the org (users, projects, audit…). */
  area(name: string): Rng {
    return new Rng(hashString(name, this.opts.seed));
  }

  // The draws are the same with hostile mode on or off, so `hostile` changes only which strings are
  // hostile, never the rest of the org (generator.test.ts: "the same org with and without hostile").
  text(r: Rng, normal: string): string {
    const payload = this.hostilePick(r);
    return payload === undefined ? normal : payload;
  }

  email(r: Rng, normal: string, n: number): string {
    const payload = this.hostilePick(r);
    return payload === undefined ? normal : hostileEmail(payload, n);
  }

  private hostilePick(r: Rng): string | undefined {
    if (r.next() >= HOSTILE_SHARE) return undefined;
    const payload = r.pick(HOSTILE_STRINGS);
    return this.opts.hostile ? payload : undefined;
  }

  /** A timestamp uniformly between `fromAgo` and `toAgo` seconds before the anchor. */
  ago(r: Rng, fromAgo: number, toAgo = 0): number {
    return Math.floor(this.opts.anchor - toAgo - r.next() * (fromAgo - toAgo));
  }
}

/** ASCII slug for email local parts: "Zoë O'Brien" → "zoe.obrien". */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
}
