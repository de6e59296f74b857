import type { Dispatcher as DispatcherNamespace } from 'undici';
import type { Dispatcher } from './undici';

/** A whole response: the client reads every body in full before it decodes it. */
export interface RawResponse {
  status: number;
  /** Lower-cased names; a repeated header gives an array. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ExchangeRequest {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** The reason a request was stopped by `exchange` itself. */
export class DeadlineExceeded extends Error {}
export class Cancelled extends Error {}

/** Headers as undici hands them over: alternating names and values, as bytes. */
function parseRawHeaders(raw: readonly (Buffer | string)[] | null): RawResponse['headers'] {
  const headers: RawResponse['headers'] = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [seen, value];
  }
  return headers;
}

/**
 * undici's handler interface, collecting a response into one buffer. `request()` would wrap each
 * body in a Readable stream, parse the headers for it and tie an AbortSignal to it; for a client
 * that reads every body whole, that machinery was a sizeable share of its time per page (BENCHMARKS.md
 * fig. 1). These are the 7.x handler methods, which its Request calls directly (undici is pinned
 * to 7.x; test/unit/api/undici.test.ts and the transport tests cover them).
 */
class Collector {
  readonly #resolve: (response: RawResponse) => void;
  readonly #reject: (error: unknown) => void;
  #status = 0;
  #rawHeaders: (Buffer | string)[] | null = null;
  #chunks: Buffer[] = [];
  #size = 0;
  #abort: ((reason?: Error) => void) | null = null;
  #stopped: Error | null = null;
  #settled = false;

  constructor(resolve: (response: RawResponse) => void, reject: (error: unknown) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  onConnect(abort: (reason?: Error) => void): void {
    // A request stopped while it waited for a connection is dropped as soon as it gets one.
    if (this.#stopped) abort(this.#stopped);
    else this.#abort = abort;
  }

  onHeaders(status: number, rawHeaders: (Buffer | string)[], _resume: () => void, _statusText: string): boolean {
    if (status >= 200) {
      this.#status = status;
      this.#rawHeaders = rawHeaders;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    this.#settled = true;
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
    this.#chunks = [];
    this.#resolve({ status: this.#status, headers: parseRawHeaders(this.#rawHeaders), body });
  }

  onError(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = [];
    this.#reject(error);
  }

  /** Settles now with `reason`, and has undici drop the request, now or when it reaches a connection. */
  stop(reason: Error): void {
    if (this.#settled) return;
    this.#stopped = reason;
    this.onError(reason);
    this.#abort?.(reason);
  }
}

/**
 * Sends one request through `dispatcher` and collects the whole response. One deadline covers
 * connect, headers and body: undici's own timeouts restart on every chunk, so a slow-dripping body
 * would never trip them. Rejects with DeadlineExceeded, Cancelled (the signal fired) or undici's error.
 */
export function exchange(dispatcher: Dispatcher, request: ExchangeRequest, timeoutMs: number, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let onAbort: (() => void) | undefined;
    const timer = setTimeout(() => collector.stop(new DeadlineExceeded()), timeoutMs);
    const collector = new Collector(
      (response) => {
        clearTimeout(timer);
        if (onAbort) signal!.removeEventListener('abort', onAbort);
        resolve(response);
      },
      (error) => {
        clearTimeout(timer);
        if (onAbort) signal!.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal) {
      if (signal.aborted) return collector.stop(new Cancelled());
      onAbort = () => collector.stop(new Cancelled());
      signal.addEventListener('abort', onAbort, { once: true });
    }
    dispatcher.dispatch(
      { origin: request.origin, path: request.path, method: request.method as DispatcherNamespace.HttpMethod, headers: request.headers, body: request.body },
      collector as unknown as DispatcherNamespace.DispatchHandler,
    );
  });
}
