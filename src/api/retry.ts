/**
 * Retry policy: what may be retried and how long to wait.
 *
 * GET and DELETE are idempotent, so any transient failure is retried. A POST
 * creates or changes something, so it is retried only when the request
 * provably had no effect: the connection was never established, or the
 * server rejected it with 429. Anything else (5xx, reset, timeout, a broken
 * body) may have come after the server acted, and retrying could duplicate a
 * create.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** Failures of the connect phase: nothing was written to the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/** Transient transport failures, retryable for idempotent methods. */
const TRANSIENT_CODES = new Set([
  ...NOT_SENT_CODES,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'TIMEOUT',
]);

export interface FailureFacts {
  status?: number;
  /** Set for transport failures; see NetworkError.networkCode. */
  networkCode?: string;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function isRetryable(method: HttpMethod, failure: FailureFacts): boolean {
  if (method === 'POST') {
    return failure.status === 429 || (failure.networkCode !== undefined && NOT_SENT_CODES.has(failure.networkCode));
  }
  if (failure.status !== undefined) return isRetryableStatus(failure.status);
  return failure.networkCode !== undefined && TRANSIENT_CODES.has(failure.networkCode);
}

/**
 * Whether the server may have acted on a request that failed this way: it answered with an error
 * of its own (5xx, 408), or the connection broke after the request was written. A 429 and a failed
 * connect prove it did not.
 */
export function mayHaveTakenEffect(failure: FailureFacts): boolean {
  if (failure.networkCode === 'CANCELLED') return false;
  if (failure.status !== undefined) return failure.status !== 429 && (failure.status === 408 || failure.status >= 500);
  return failure.networkCode === undefined || !NOT_SENT_CODES.has(failure.networkCode);
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_SERVER_DELAY_MS = 60_000;

type HeaderValue = string | string[] | undefined;

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The server's requested wait in ms, or undefined when absent or unusable. */
export function serverRequestedDelayMs(headers: Record<string, HeaderValue> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const candidates: (number | undefined)[] = [];
  const ms = single(headers['retry-after-ms']);
  if (ms !== undefined && ms.trim() !== '') candidates.push(Number(ms));
  const after = single(headers['retry-after']);
  if (after !== undefined && after.trim() !== '') {
    const seconds = Number(after);
    candidates.push(Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - now);
  }
  // A wait outside 0–60 s is more likely a misconfigured proxy than a real
  // instruction; the exponential back-off is the safer choice then.
  return candidates.find((d) => d !== undefined && Number.isFinite(d) && d >= 0 && d <= MAX_SERVER_DELAY_MS);
}

/**
 * Delay before retry number `retry` (0 for the first retry): 0.5 s × 2ⁿ capped
 * at 8 s, scaled by a jitter in [0.75, 1] so clients that failed together do
 * not retry together.
 */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_DELAY_MS);
  return base * (0.75 + 0.25 * random());
}

export function retryDelayMs(retry: number, headers: Record<string, HeaderValue> | undefined): number {
  return serverRequestedDelayMs(headers) ?? backoffDelayMs(retry);
}
