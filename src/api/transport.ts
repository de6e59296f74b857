import { STATUS_CODES } from 'node:http';
import { sharedDispatcher, type DispatcherKey } from './agents';
import { checkApiKeyText } from './apiKey';
import { Cancelled, DeadlineExceeded, exchange, type RawResponse } from './exchange';
import {
  AdminApiError,
  CancelledError,
  NetworkError,
  TimeoutError,
  createScrubber,
  errorClassForStatus,
  type AdminApiErrorInit,
  type Scrubber,
} from './errors';
import { parseJsonBody } from './json';
import { ConcurrencyLimiter, type Release } from './limiter';
import { chooseProxy, type ProxySettings } from './proxy';
import { isRetryable, mayHaveTakenEffect, retryDelayMs, serverRequestedDelayMs, type FailureFacts, type HttpMethod } from './retry';

export type { HttpMethod } from './retry';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_USER_AGENT = 'openai-admin-explorer';

/** One line per HTTP attempt (retries produce one entry each). Never contains the key. */
export interface RequestLogEntry {
  method: HttpMethod;
  /** Path and query relative to the base URL. */
  path: string;
  /** Absent when no response arrived (network error, timeout, cancellation). */
  status?: number;
  durationMs: number;
  requestId?: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** The error message, when the attempt failed. */
  error?: string;
  /** The client's new concurrency limit, when this attempt's answer changed it (429: halved; later: +1). */
  concurrencyLimit?: number;
}

export interface TransportOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  userAgent?: string;
  proxy?: ProxySettings;
  /** Source of HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Maximum requests in flight for this client. Default: unlimited. */
  concurrency?: number;
}

/** Per-call options; accepted as the last argument of every client method. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Path and query relative to the base URL, already encoded. */
  path: string;
  /** JSON-serialisable body; undefined sends none. */
  body?: unknown;
}

type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: AdminApiError; facts: FailureFacts; headers?: RawResponse['headers'] };

function lowLevelCode(cause: unknown): string {
  const c = cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = c?.code ?? c?.cause?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

function lowLevelMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response body truncated',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  MALFORMED_BODY: 'malformed response body',
  REDIRECT: 'unexpected redirect',
};

/** A short readable excerpt of a non-JSON error body (HTML error pages from proxies, …). */
function excerpt(text: string): string {
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

interface ApiErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

function parseErrorBody(text: string): ApiErrorBody | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody } | null;
    return parsed && typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** What the retry policy needs to know about a failed attempt. */
function failureFacts(error: AdminApiError): FailureFacts {
  if (error instanceof CancelledError) return { networkCode: 'CANCELLED' };
  if (error instanceof NetworkError) return { networkCode: error.networkCode };
  if (error instanceof TimeoutError && error.status === undefined) return { networkCode: 'TIMEOUT' };
  return { status: error.status };
}

/** Looks at the end of a successful response body before it is decoded; true when it started something. */
export type BodyPeek = (tail: string) => boolean;

/** Enough for the envelope's last members (`…"last_id": "…", "has_more": true}`), also pretty-printed. */
const PEEK_BYTES = 1024;

function peekAt(peek: BodyPeek, body: Buffer): boolean {
  try {
    return peek(body.toString('utf8', Math.max(0, body.length - PEEK_BYTES)));
  } catch {
    return false;
  }
}

/** UTF-8 without a byte-order mark (what undici's body.text() returns). */
function decodeUtf8(body: Buffer): string {
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseBaseUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`baseUrl must be http(s): ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('baseUrl must not contain credentials, a query or a fragment');
  }
  return url;
}

const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/** Validates a proxy URL without echoing it: it may carry a password. */
function parseProxyUrl(proxyUrl: string): URL {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    throw new TypeError('The proxy setting is not a valid URL (expected e.g. http://proxy.example.com:8080)');
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) throw new TypeError(`Unsupported proxy protocol ${url.protocol} (use http, https or socks5)`);
  return url;
}

/** The proxy's user name or password as sent (undici decodes them the same way). */
function decodeCredential(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // URIError says only "URI malformed"; the admin needs to know which setting and what to change.
    throw new TypeError(`The proxy ${what} is not valid percent-encoding: write a literal % as %25 in the proxy URL (http.proxy or HTTPS_PROXY / HTTP_PROXY)`);
  }
}

/** Proxy URL without credentials, safe to show in a log. */
function displayProxy(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return shown.toString();
}

/**
 * Sends requests to one Admin API origin: auth, timeouts, cancellation,
 * retries, error mapping and the request log. Knows nothing about endpoints.
 */
export class Transport {
  // Private fields, so neither JSON.stringify nor util.inspect of a client shows the key.
  readonly #apiKey: string;
  readonly #scrub: Scrubber;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #dispatcherKey: DispatcherKey;
  readonly #limiter?: ConcurrencyLimiter;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #userAgent: string;
  readonly #onRequest?: (entry: RequestLogEntry) => void;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The proxy in use (credentials removed), or undefined for direct connections. */
  readonly proxy?: string;

  constructor(options: TransportOptions) {
    const { apiKey } = options;
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('apiKey is required');
    const keyProblem = checkApiKeyText(apiKey);
    if (keyProblem) throw new TypeError(keyProblem);
    const base = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const proxyUrl = chooseProxy(base, options.proxy, options.env ?? process.env);
    const proxy = proxyUrl === undefined ? undefined : parseProxyUrl(proxyUrl);
    if (proxy) decodeCredential(proxy.username, 'user name');
    const proxyPassword = proxy ? decodeCredential(proxy.password, 'password') : '';
    const scrubKey = createScrubber(apiKey);
    const scrubProxy = proxyPassword ? createScrubber(proxyPassword) : (s: string) => s;

    this.#apiKey = apiKey;
    this.#scrub = (text) => scrubProxy(scrubKey(text));
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/+$/, '');
    this.baseUrl = `${this.#origin}${this.#basePath}`;
    this.proxy = proxy && displayProxy(proxy);
    const strictSSL = proxyUrl === undefined || (options.proxy?.strictSSL ?? true);
    this.#dispatcherKey = { origin: base.origin, proxyUrl, rejectUnauthorized: strictSSL };
    // Created now so a bad setting fails here, but looked up again per request:
    // closeSharedDispatchers() may have replaced it since.
    sharedDispatcher(this.#dispatcherKey);
    this.#limiter = options.concurrency ? new ConcurrencyLimiter(options.concurrency) : undefined;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.#onRequest = options.onRequest;
  }

  /** The concurrency limit now in force (lowered after 429s), or undefined without a limit. */
  get concurrencyLimit(): number | undefined {
    return this.#limiter?.limit;
  }

  /**
   * `peek` (for the client's own paging) sees the last bytes of a 2xx body before it is parsed, so
   * the next page's request can be on its way while this one is decoded; when it returns true the
   * transport lets that request go out first.
   */
  async request<T>(req: ApiRequest, options: RequestOptions = {}, peek?: BodyPeek): Promise<T> {
    const maxRetries = options.maxRetries ?? this.#maxRetries;
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body);
    let mayHaveDeleted = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(req, bodyText, options, attempt, peek);
      if (outcome.ok) return outcome.value as T;
      // A retried DELETE that finds nothing: the earlier try deleted it and only its answer was lost.
      if (mayHaveDeleted && outcome.error.status === 404) return { deleted: true } as T;
      if (attempt > maxRetries || !isRetryable(req.method, outcome.facts)) throw outcome.error;
      mayHaveDeleted ||= req.method === 'DELETE' && mayHaveTakenEffect(outcome.facts);
      const waited = await sleep(retryDelayMs(attempt - 1, outcome.headers), options.signal);
      if (!waited) throw this.#cancelled(req);
    }
  }

  async #attempt(req: ApiRequest, bodyText: string | undefined, options: RequestOptions, attempt: number, peek?: BodyPeek): Promise<Outcome> {
    if (options.signal?.aborted) return this.#failed(this.#cancelled(req));
    let release: Release | undefined;
    try {
      release = await this.#limiter?.acquire(options.signal);
    } catch {
      return this.#failed(this.#cancelled(req));
    }
    const started = performance.now();
    let outcome: Outcome;
    let raw: RawResponse | undefined;
    let limitBefore: number | undefined;
    let limitAfter: number | undefined;
    try {
      raw = await this.#exchange(req, bodyText, options, peek);
      outcome = this.#interpret(req, raw);
    } catch (error) {
      outcome = this.#failed(error instanceof AdminApiError ? error : this.#networkError(req, error));
    } finally {
      limitBefore = this.#limiter?.limit;
      // A 429 slows the whole client down (see ConcurrencyLimiter); any other answer counts towards
      // growing the limit back; no answer at all says nothing about the rate.
      release?.(raw === undefined ? undefined : raw.status === 429 ? { rateLimitedMs: retryDelayMs(attempt - 1, raw.headers) } : 'answered');
      limitAfter = this.#limiter?.limit;
    }
    // The entry (a scrubbed path, the request id) is built only for a listener: most clients have none.
    if (this.#onRequest) {
      this.#log({
        method: req.method,
        path: this.#scrub(req.path),
        status: raw?.status,
        durationMs: Math.round(performance.now() - started),
        requestId: this.#header(raw, 'x-request-id'),
        attempt,
        error: outcome.ok ? undefined : outcome.error.message,
        concurrencyLimit: limitAfter !== limitBefore ? limitAfter : undefined,
      });
    }
    return outcome;
  }

  async #exchange(req: ApiRequest, bodyText: string | undefined, options: RequestOptions, peek?: BodyPeek): Promise<RawResponse> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    try {
      const request = { origin: this.#origin, path: this.#basePath + req.path, method: req.method, headers: this.#headers(bodyText !== undefined), body: bodyText };
      const response = await exchange(sharedDispatcher(this.#dispatcherKey), request, timeoutMs, options.signal);
      if (peek && response.status >= 200 && response.status < 300 && peekAt(peek, response.body)) {
        // Let the request the peek started reach the socket before this body is decoded and parsed.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return response;
    } catch (cause) {
      if (cause instanceof Cancelled || options.signal?.aborted) throw this.#cancelled(req);
      if (cause instanceof DeadlineExceeded) throw new TimeoutError(`Request timed out after ${timeoutMs} ms: ${this.#where(req)}`, this.#init(req));
      throw this.#networkError(req, cause);
    }
  }

  #headers(hasBody: boolean): Record<string, string> {
    return {
      authorization: `Bearer ${this.#apiKey}`,
      'user-agent': this.#userAgent,
      accept: 'application/json',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    };
  }

  #interpret(req: ApiRequest, raw: RawResponse): Outcome {
    const { status } = raw;
    if (status >= 200 && status < 300) {
      try {
        return { ok: true, value: parseJsonBody(raw.body) };
      } catch {
        const error = this.#transportFailure(req, 'MALFORMED_BODY', `HTTP ${status} body is not valid JSON`, raw);
        return this.#failed(error);
      }
    }
    if (status >= 300 && status < 400) {
      // Following a redirect could carry the Authorization header to another
      // origin, so redirects are reported rather than followed.
      const location = this.#header(raw, 'location') ?? '(no location)';
      const error = this.#transportFailure(req, 'REDIRECT', `HTTP ${status} redirect to ${location} was not followed`, raw);
      return this.#failed(error);
    }
    return this.#failed(this.#statusError(req, raw), raw.headers);
  }

  #statusError(req: ApiRequest, raw: RawResponse): AdminApiError {
    const rawText = decodeUtf8(raw.body);
    const body = parseErrorBody(rawText);
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? this.#scrub(value) : null);
    const statusText = STATUS_CODES[raw.status] ?? 'Error';
    const apiMessage = text(body?.message) ?? (excerpt(this.#scrub(rawText)) || statusText);
    const requestId = this.#header(raw, 'x-request-id');
    const message = `${raw.status} ${statusText}: ${apiMessage}${requestId ? ` (request ${requestId})` : ''}`;
    const ErrorClass = errorClassForStatus(raw.status);
    return new ErrorClass(message, {
      ...this.#init(req),
      status: raw.status,
      apiMessage,
      type: text(body?.type),
      code: text(body?.code),
      param: text(body?.param),
      requestId,
      retryAfterMs: serverRequestedDelayMs(raw.headers),
    });
  }

  /** Wraps an undici/Node error without keeping it: its fields can include the request options and headers. */
  #networkError(req: ApiRequest, cause: unknown): AdminApiError {
    const code = lowLevelCode(cause);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new TimeoutError(`Request timed out: ${this.#where(req)}`, this.#init(req));
    }
    return this.#transportFailure(req, code, this.#scrub(lowLevelMessage(cause)));
  }

  #transportFailure(req: ApiRequest, networkCode: string, detail: string, raw?: RawResponse): NetworkError {
    const what = DESCRIPTIONS[networkCode] ?? 'network error';
    const requestId = this.#header(raw, 'x-request-id');
    const message = `Network error (${what}) on ${this.#where(req)}: ${detail} [${networkCode}]`;
    return new NetworkError(message, { ...this.#init(req), status: raw?.status, apiMessage: detail, requestId, networkCode });
  }

  #cancelled(req: ApiRequest): CancelledError {
    return new CancelledError(`Request cancelled: ${this.#where(req)}`, this.#init(req));
  }

  #failed(error: AdminApiError, headers?: RawResponse['headers']): Outcome {
    return { ok: false, error, facts: failureFacts(error), headers };
  }

  /** Response headers are server-controlled text too, so they are scrubbed like bodies. */
  #header(raw: RawResponse | undefined, name: string): string | undefined {
    const value = raw?.header(name);
    return value === undefined ? undefined : this.#scrub(value);
  }

  #init(req: ApiRequest): AdminApiErrorInit {
    return { method: req.method, path: this.#scrub(req.path) };
  }

  #where(req: ApiRequest): string {
    return `${req.method} ${this.#scrub(req.path)}`;
  }

  #log(entry: RequestLogEntry): void {
    if (!this.#onRequest) return;
    try {
      this.#onRequest(entry);
    } catch {
      // A faulty log sink must not turn a successful request into a failure.
    }
  }
}
