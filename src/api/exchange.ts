import type { Dispatcher as DispatcherNamespace } from 'undici';
import type { Dispatcher } from './undici';

type RawHeaders = readonly (Buffer | string)[] | null;

/** A whole response: the client reads every body in full before it decodes it. */
export interface RawResponse {
  status: number;
  /** Lower-cased names; a repeated header gives an array. */
  readonly headers: Record<string, string | string[] | undefined>;
  /** The first value of one header (`name` in lower case), read without building `headers`. */
  header(name: string): string | undefined;
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
function parseRawHeaders(raw: RawHeaders): RawResponse['headers'] {
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
 * The headers are decoded only when asked for: a successful page needs none of them (at most the
 * request id, for the log), and decoding every header of every response into an object was a
 * measurable share of the client's time per request (BENCHMARKS.md fig. 6).
 */
class Response implements RawResponse {
  #raw: RawHeaders;
  #headers: RawResponse['headers'] | undefined;

  constructor(readonly status: number, raw: RawHeaders, readonly body: Buffer) {
    this.#raw = raw;
  }

  get headers(): RawResponse['headers'] {
    if (this.#headers === undefined) {
      this.#headers = parseRawHeaders(this.#raw);
      this.#raw = null;
    }
    return this.#headers;
  }

  header(name: string): string | undefined {
    const raw = this.#raw;
    if (raw === null) {
      const value = this.#headers?.[name];
      return Array.isArray(value) ? value[0] : value;
    }
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i]!;
      // Latin-1: one character per byte, so a name of another length cannot match.
      if (key.length === name.length && key.toString('latin1').toLowerCase() === name) return raw[i + 1]!.toString('latin1');
    }
    return undefined;
  }
}

/** The request's deadline passed (a timer callback without a closure of its own). */
function deadline(collector: Collector): void {
  collector.stop(new DeadlineExceeded());
}

/**
 * undici's handler interface, collecting a response into one buffer. `request()` would wrap each
 * body in a Readable stream, parse the headers for it and tie an AbortSignal to it; for a client
 * that reads every body whole, that machinery was a sizeable share of its time per page (BENCHMARKS.md
 * fig. 1). These are the 7.x handler methods, which its Request calls directly (undici is pinned
 * to 7.x; test/unit/api/undici.test.ts and the transport tests cover them).
 *
 * It also owns the request's deadline timer and is itself the listener of the caller's signal
 * (`handleEvent`), so a request allocates no closures beyond its promise's.
 */
class Collector {
  readonly #resolve: (response: RawResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #signal: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #status = 0;
  #rawHeaders: (Buffer | string)[] | null = null;
  #chunks: Buffer[] = [];
  #size = 0;
  #abort: ((reason?: Error) => void) | null = null;
  #stopped: Error | null = null;
  #settled = false;

  constructor(resolve: (response: RawResponse) => void, reject: (error: unknown) => void, signal: AbortSignal | undefined) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#signal = signal;
  }

  /** Starts the deadline and listens to the signal; false (and settled) when the signal had already fired. */
  arm(timeoutMs: number): boolean {
    if (this.#signal?.aborted) {
      this.stop(new Cancelled());
      return false;
    }
    this.#timer = setTimeout(deadline, timeoutMs, this);
    this.#signal?.addEventListener('abort', this, { once: true });
    return true;
  }

  /** The signal's abort event. */
  handleEvent(): void {
    this.stop(new Cancelled());
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
    this.#settle();
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
    this.#chunks = [];
    this.#resolve(new Response(this.#status, this.#rawHeaders, body));
  }

  onError(error: unknown): void {
    if (this.#settled) return;
    this.#settle();
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

  #settle(): void {
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this);
  }
}

/**
 * Sends one request through `dispatcher` and collects the whole response. One deadline covers
 * connect, headers and body: undici's own timeouts restart on every chunk, so a slow-dripping body
 * would never trip them. Rejects with DeadlineExceeded, Cancelled (the signal fired) or undici's error.
 */
export function exchange(dispatcher: Dispatcher, request: ExchangeRequest, timeoutMs: number, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const collector = new Collector(resolve, reject, signal);
    if (!collector.arm(timeoutMs)) return;
    dispatcher.dispatch(
      { origin: request.origin, path: request.path, method: request.method as DispatcherNamespace.HttpMethod, headers: request.headers, body: request.body },
      collector as unknown as DispatcherNamespace.DispatchHandler,
    );
  });
}
