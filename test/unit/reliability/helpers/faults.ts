// The faults every reliability suite injects, and what the retry policy (src/api/retry.ts) promises
// for each: shared by the list and write matrices so both test the same cases.
import type { FaultRule } from '../../../fake-admin-api/types';

export interface FaultCase {
  name: string;
  rule: Omit<FaultRule, 'path' | 'method'>;
  /** The fake ran the handler before the fault (the write happened, only the answer was lost). */
  afterHandler: boolean;
  /** A GET is retried after it (and so succeeds when the fault happens once). */
  retriedForGet: boolean;
  /** A POST is retried after it: only when the request provably had no effect. */
  retriedForPost: boolean;
}

/**
 * Client settings for fault tests: a short deadline stands in for the 30 s default, so a server that
 * never answers or drips its body for 30 s costs a fraction of a second.
 */
export const FAULT_CLIENT = { timeoutMs: 400, maxRetries: 2 } as const;

export const FAULTS: readonly FaultCase[] = [
  { name: '429 with Retry-After', rule: { kind: 'status', status: 429, retryAfter: '0' }, afterHandler: false, retriedForGet: true, retriedForPost: true },
  { name: '500', rule: { kind: 'status', status: 500, retryAfterMs: 5 }, afterHandler: false, retriedForGet: true, retriedForPost: false },
  { name: '502 (back-off, no Retry-After)', rule: { kind: 'status', status: 502 }, afterHandler: false, retriedForGet: true, retriedForPost: false },
  { name: '503', rule: { kind: 'status', status: 503, retryAfterMs: 5 }, afterHandler: false, retriedForGet: true, retriedForPost: false },
  { name: 'connection reset', rule: { kind: 'reset' }, afterHandler: false, retriedForGet: true, retriedForPost: false },
  { name: 'no answer (timeout)', rule: { kind: 'timeout' }, afterHandler: false, retriedForGet: true, retriedForPost: false },
  { name: 'malformed JSON', rule: { kind: 'malformed' }, afterHandler: true, retriedForGet: false, retriedForPost: false },
  { name: 'truncated body', rule: { kind: 'truncated' }, afterHandler: true, retriedForGet: true, retriedForPost: false },
  { name: '30 s slow body', rule: { kind: 'slow-body', latencyMs: 30_000 }, afterHandler: true, retriedForGet: true, retriedForPost: false },
];

/** What an admin reads about a failure must say what happened, not "[object Object]" or "undefined". */
export const CLEAR_ERROR = /^(?:[45]\d\d [A-Z]|Network error \([a-z ]+\): \S|Request timed out after \d+ ms)/;

/** Collects unhandled promise rejections while a suite runs (mocha would only blame whichever test is current). */
export function watchUnhandledRejections(): () => unknown[] {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  before(() => process.on('unhandledRejection', listener));
  after(() => process.off('unhandledRejection', listener));
  return () => seen;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
