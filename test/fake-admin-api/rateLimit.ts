// The fake's rate-limit mode: one token bucket for all /v1 routes, N requests per second with a
// burst of N (at least 1, so a rate below 1/s still serves). A request that finds it empty gets a
// 429 saying how long until the next token.

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(Number.isFinite(perSecond) && perSecond > 0)) throw new RangeError(`rate limit must be a positive number of requests per second (got ${perSecond})`);
    this.burst = Math.max(1, perSecond);
    this.tokens = this.burst;
    this.last = now();
  }

  /** Takes a token and returns 0, or returns the ms until one is available (nothing taken). */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.perSecond;
  }
}
