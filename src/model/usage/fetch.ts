// Reading buckets: every page of one query (its pages' time windows side by side, each at the
// largest bucket limit; see windows.ts), several queries at once but no more than a few, a
// short-lived cache so switching metric or chart style does not refetch, and "a new selection
// cancels the one still loading".
import type { AdminClient } from '../../api';
import { ConcurrencyLimiter, type SlotFeedback } from '../../api/limiter';
import { ENDPOINTS, type BucketSource, type RawBucket } from './catalogue';
import type { KindId } from './types';
import { pageWindows } from './windows';

export interface FetcherOptions {
  /**
   * Queries (each a run of pages) in flight at once; default DEFAULT_QUERY_CONCURRENCY. Requests are
   * bounded by the client itself (openaiAdmin.maxConcurrentRequests); a query holds a request slot
   * only while one of its pages is in flight, so allowing more queries than request slots keeps the
   * slots busy between one query's pages.
   */
  concurrency?: number;
  cacheMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** The pause after a query's 429 when the server named no wait (the client's back-off starts at 0.5 s). */
const RATE_LIMITED_PAUSE_MS = 1000;

/** Enough for all twelve usage and costs endpoints at once (BENCHMARKS.md figure 5: all within 1.5× the slowest one alone). */
export const DEFAULT_QUERY_CONCURRENCY = 12;

export class BucketFetcher {
  private readonly limiter: ConcurrencyLimiter;
  private readonly cache = new Map<string, { at: number; buckets: RawBucket[] }>();
  private readonly inflight = new Map<string, { signal: AbortSignal; promise: Promise<RawBucket[]> }>();
  private readonly cacheMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly client: () => Promise<AdminClient>, options: FetcherOptions = {}) {
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? DEFAULT_QUERY_CONCURRENCY);
    this.cacheMs = options.cacheMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 24;
    this.now = options.now ?? Date.now;
  }

  /** Every bucket of the query, from the cache when it is recent and `fresh` is not set. */
  async buckets(kind: KindId, query: Record<string, unknown>, signal: AbortSignal, fresh = false): Promise<RawBucket[]> {
    const key = `${kind} ${JSON.stringify(query)}`;
    const hit = this.cache.get(key);
    if (hit && !fresh && this.now() - hit.at < this.cacheMs) return hit.buckets;
    // The same query twice in one load (costs by project is also the cost summary) is read once;
    // a load never waits on another load's request, which that load may cancel.
    const pending = this.inflight.get(key);
    if (pending?.signal === signal) return pending.promise;
    const promise = this.limited(signal, async () => {
      const source = ENDPOINTS[kind].source(await this.client());
      const windows = pageWindows(kind, query);
      if (windows.length === 1) return readAll(source, query, signal);
      // One failed window fails the query: the others are stopped rather than read for nothing.
      const stop = new AbortController();
      const both = AbortSignal.any([signal, stop.signal]);
      try {
        return (await Promise.all(windows.map((w) => readAll(source, w, both)))).flat();
      } finally {
        stop.abort();
      }
    });
    this.inflight.set(key, { signal, promise });
    try {
      const buckets = await promise;
      this.cache.delete(key);
      this.cache.set(key, { at: this.now(), buckets });
      while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      return buckets;
    } finally {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    }
  }

  /**
   * Runs `fn` when a slot is free (shared with other lookups, such as names). Each request is
   * already paced by the client's own limiter, which halves on a 429 and waits out Retry-After for
   * every caller of the connection; a query that still ends in a 429 after the client's retries
   * slows the queries down the same way (AIMD, src/api/limiter.ts), so the queries waiting here do
   * not start into the same rate limit and fail one after another.
   */
  async limited<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    const release = await this.limiter.acquire(signal);
    let feedback: SlotFeedback | undefined;
    try {
      signal.throwIfAborted();
      const result = await fn();
      feedback = 'answered';
      return result;
    } catch (err) {
      const status = (err as { status?: unknown } | null)?.status;
      if (status === 429) feedback = { rateLimitedMs: (err as { retryAfterMs?: number }).retryAfterMs ?? RATE_LIMITED_PAUSE_MS };
      else if (typeof status === 'number') feedback = 'answered';
      throw err;
    } finally {
      release(feedback);
    }
  }

  clear(): void {
    this.cache.clear();
  }
}

async function readAll(source: BucketSource, query: Record<string, unknown>, signal: AbortSignal): Promise<RawBucket[]> {
  const out: RawBucket[] = [];
  for await (const b of source.iterate(query, { signal })) out.push(b);
  return out;
}

/** Runs one job at a time from the caller's point of view: starting a new one aborts the previous. */
export class Latest {
  private controller?: AbortController;

  run<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.controller?.abort(new SupersededError());
    const controller = (this.controller = new AbortController());
    return job(controller.signal).finally(() => {
      if (this.controller === controller) this.controller = undefined;
    });
  }

  cancel(): void {
    this.controller?.abort(new SupersededError());
    this.controller = undefined;
  }
}

export class SupersededError extends Error {
  override name = 'SupersededError';
  constructor() {
    super('Superseded by a newer request');
  }
}

/** True for errors that only say the work was cancelled (by the user, a newer selection or a closed panel). */
export function isCancellation(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'CancelledError' || name === 'SupersededError';
}
