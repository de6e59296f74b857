// Public contract of the fake. Other test suites, benchmarks and the demo code
// against these names, so they are kept exactly as agreed.
import type { FakeState } from './state';

export interface FakeOptions {
  port?: number;            // 0 (default) = random free port
  projects?: number;        // default 20
  users?: number;           // default 200
  seed?: number;            // default 1; everything generated is deterministic from it
  latencyMs?: number;       // added to every /v1 response, default 0
  adminKey?: string;        // default 'sk-admin-demo'
  hostile?: boolean;        // default false; true: about 1 in 10 names/emails is a hostile string (markup, RTL, 10,000 chars)
  /**
   * Keep listed users' JSON until the next write (viewCache.ts). Only when nothing changes `state`
   * directly; the CLI turns it on (its state changes only through the API).
   */
  cacheViews?: boolean;
  /**
   * Extension to the agreed contract: the "current time" (unix seconds) the generated org is
   * anchored to. Defaults to the start of the current UTC day, so runs on the same day are
   * identical while created_at / last_used_at still look recent in the demo.
   */
  now?: number;
  /**
   * Rate-limit mode: a token bucket of this many requests per second (burst the same), shared by
   * every /v1 route; an empty bucket answers 429 with Retry-After. Default: no limit.
   */
  rateLimit?: number;
  /** Only the seed's members and the predefined roles: nothing else (generator.ts). Default false. */
  empty?: boolean;
}

export type FaultKind = 'latency' | 'status' | 'reset' | 'timeout' | 'malformed' | 'truncated' | 'slow-body';

export interface FaultRule {
  method?: string;                 // default any
  path: string;                    // regex source matched against the path after /v1 (no query)
  times?: number;                  // how many matching requests get the fault (default Infinity)
  skip?: number;                   // let this many matching requests through first (default 0)
  probability?: number;            // 0..1, default 1; drawn from the seeded RNG
  kind: FaultKind;
  status?: number;                 // for 'status'
  retryAfter?: string;             // Retry-After header value (seconds or HTTP date)
  retryAfterMs?: number;           // retry-after-ms header
  latencyMs?: number;              // for 'latency'; for 'slow-body' the time over which the body trickles out
}

export interface FaultController {
  add(rule: FaultRule | FaultRule[]): void;
  clear(): void;
  readonly rules: readonly FaultRule[];
}

export interface RequestRecord {
  seq: number;
  method: string;
  path: string;
  query: string;           // raw search string, '' or '?a=b'
  route: string;           // 'GET /organization/projects/{project_id}', '' if unmatched
  operationId: string;     // YAML operationId, '' if unmatched
  status: number;          // 0 if the connection was reset/aborted before a status
  aborted: boolean;        // client went away before the response finished
  authorization?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  startedAt: number;
  endedAt?: number;
  /** Milliseconds from arrival to the connection's close, from the monotonic clock (Date.now() can step). */
  durationMs?: number;
}

export interface FakeStats {
  inFlight: number;
  maxInFlight: number;
  total: number;
  aborted: number;
}

export interface FakeAdminApi {
  url: string;              // 'http://127.0.0.1:PORT/v1'
  origin: string;           // 'http://127.0.0.1:PORT'
  adminKey: string;
  nonAdminKey: string;      // 'sk-proj-not-admin' → 403 on every /v1 call
  state: FakeState;
  faults: FaultController;
  requests: RequestRecord[];
  stats: FakeStats;
  resetStats(): void;
  close(): Promise<void>;
}
