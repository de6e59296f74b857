/**
 * Caps in-flight requests for one client so that expanding a large tree does
 * not fire hundreds of requests at once and trip the API's rate limits.
 *
 * When the API answers 429 anyway, the whole client slows down, not just the one request (AIMD):
 * the limit halves (at least 1) and no new request starts until the server's wait has passed; then
 * each run of `limit` answered requests without a 429 raises it by one, back up to `max`. Without
 * 429s the limit stays at `max` and a release costs one counter comparison, so the fast paths
 * measured in BENCHMARKS.md figures 1, 2 and 5 are unchanged.
 */

/** What a request learned: answered without a 429, or rate limited with the server's wait in ms. */
export type SlotFeedback = 'answered' | { rateLimitedMs: number };

/** Ends a slot. Without feedback (cancelled, network failure) the limit is left alone. */
export type Release = (feedback?: SlotFeedback) => void;

export class ConcurrencyLimiter {
  #active = 0;
  #limit: number;
  /** Answered requests since the limit last changed. */
  #answered = 0;
  /** Counts decreases, so the 429s of requests that started before one do not halve again. */
  #decreases = 0;
  #pausedUntil = 0;
  #pauseTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`concurrency must be >= 1 (got ${max})`);
    this.#limit = max;
  }

  /** The current limit: `max` unless 429s lowered it. */
  get limit(): number {
    return this.#limit;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (this.#active < this.#limit && this.#pauseTimer === undefined) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#active++;
        resolve(this.#releaser());
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #releaser(): Release {
    let released = false;
    const epoch = this.#decreases;
    return (feedback) => {
      if (released) return;
      released = true;
      this.#active--;
      // Answers to requests sent before the last decrease say nothing about the lowered limit.
      if (feedback === 'answered') {
        if (epoch === this.#decreases) this.#grow();
      }
      else if (feedback !== undefined) this.#shrink(feedback.rateLimitedMs, epoch);
      this.#drain();
    };
  }

  #grow(): void {
    if (this.#limit === this.max) return;
    if (++this.#answered < this.#limit) return;
    this.#answered = 0;
    this.#limit++;
  }

  #shrink(waitMs: number, epoch: number): void {
    // One decrease per round of requests: those already in flight when the limit dropped met the
    // same overload, and halving again for each of them would collapse the limit to 1 at once.
    if (epoch === this.#decreases) {
      this.#decreases++;
      this.#answered = 0;
      this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    }
    this.#pause(waitMs);
  }

  /** No new request starts before the server's wait has passed (shared by every caller). */
  #pause(waitMs: number): void {
    const until = performance.now() + waitMs;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    if (this.#pauseTimer !== undefined) clearTimeout(this.#pauseTimer);
    this.#pauseTimer = setTimeout(() => {
      this.#pauseTimer = undefined;
      this.#drain();
    }, waitMs);
  }

  #drain(): void {
    while (this.#pauseTimer === undefined && this.#active < this.#limit && this.#waiting.length > 0) this.#waiting.shift()!();
  }
}
