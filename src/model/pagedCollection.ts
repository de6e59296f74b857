import type { Page } from '../api';

export type { Page };

/**
 * Reads one page. `signal` fires when the list's load is cancelled or reset; the loader must be done
 * with it once its promise settles (no listener left on it, no work still using it): a signal that
 * never fired is handed to a later load (see `spare`).
 */
export type PageLoader<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/**
 * Controllers of finished page loads whose signal never fired, for the next load of any list.
 * Creating an AbortSignal costs several µs in Node 20 (it re-prototypes an EventTarget), more than
 * the rest of a page's bookkeeping in the client, and Load Organization reads some 24,000 pages
 * (BENCHMARKS.md fig. 6), nearly all of them a list's only page.
 */
const spare: AbortController[] = [];
const SPARE_MAX = 32;

/**
 * One lazily loaded, paged list (a tree folder's children, a quick pick's source). It is the cache
 * for that list: loads of the same list are merged, pages append in order, a failure is kept as
 * state (so the UI can offer a retry) without losing the items already loaded.
 */
export class PagedCollection<T> {
  private loaded: T[] = [];
  private cursor: string | undefined;
  private started = false;
  private done = false;
  private failure: unknown;
  private inflight?: Promise<void>;
  private controller?: AbortController;
  private generation = 0;
  private firstReadAt: number | undefined;

  /** `onChange` hears of every change to what the list holds: a page, a failure, an edit, a reset. */
  constructor(private readonly loader: PageLoader<T>, private readonly onChange?: () => void) {}

  get items(): readonly T[] { return this.loaded; }
  get hasMore(): boolean { return this.started && !this.done; }
  get error(): unknown { return this.failure; }
  get isLoaded(): boolean { return this.started && (this.loaded.length > 0 || this.done || this.failure !== undefined); }
  get isLoading(): boolean { return this.inflight !== undefined; }
  /** When the first page of what is held now arrived (ms since the epoch); views say "as of" it. */
  get readAt(): number | undefined { return this.firstReadAt; }
  /** The cursor the next page is read from (undefined before the first page and after the last). */
  get nextCursor(): string | undefined { return this.cursor; }

  /** Loads the first page unless it is loaded (or loading) already. */
  ensureLoaded(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.started && this.failure === undefined) return Promise.resolve();
    return this.loadNext();
  }

  /** Loads the next page; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.started && this.done && this.failure === undefined) return Promise.resolve();
    return this.loadNext();
  }

  /** Loads pages until `enough(items)` says stop or the list ends (quick-pick search). */
  async loadUntil(enough: (items: readonly T[]) => boolean, signal?: AbortSignal): Promise<void> {
    await this.ensureLoaded();
    while (!enough(this.loaded) && this.hasMore && this.failure === undefined && !signal?.aborted) {
      await this.loadMore();
    }
  }

  /**
   * Aborts a load in progress (the user collapsed the folder, closed the panel) and keeps what was
   * loaded before it; the aborted page is asked for again on the next load. Returns whether a request was cut.
   */
  cancel(): boolean {
    if (!this.inflight) return false;
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    this.inflight = undefined;
    if (this.loaded.length === 0 && this.cursor === undefined) this.started = false;
    return true;
  }

  /** Forgets everything and aborts a load in progress; the next ensureLoaded() starts afresh. */
  reset(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    this.inflight = undefined;
    this.loaded = [];
    this.cursor = undefined;
    this.started = false;
    this.done = false;
    this.failure = undefined;
    this.firstReadAt = undefined;
    this.onChange?.();
  }

  /** Applies a local edit (e.g. after a delete) without reloading. */
  update(fn: (items: T[]) => T[]): void {
    this.loaded = fn([...this.loaded]);
    this.onChange?.();
  }

  private loadNext(): Promise<void> {
    const generation = this.generation;
    const controller = spare.pop() ?? new AbortController();
    this.controller = controller;
    this.started = true;
    const run = (async () => {
      try {
        const page = await this.loader(this.cursor, controller.signal);
        if (generation !== this.generation) return;
        this.firstReadAt ??= Date.now();
        this.loaded = this.loaded.concat(page.data);
        this.cursor = page.nextCursor ?? undefined;
        this.done = !page.hasMore || page.nextCursor === null;
        this.failure = undefined;
      } catch (err) {
        if (generation !== this.generation) return;
        this.failure = err;
      } finally {
        if (generation === this.generation) {
          this.inflight = undefined;
          this.controller = undefined;
          // Not cancelled, so it never fired: the loader is done with it (PageLoader's contract).
          if (spare.length < SPARE_MAX && !controller.signal.aborted) spare.push(controller);
          this.onChange?.();
        }
      }
    })();
    this.inflight = run;
    return run;
  }
}
