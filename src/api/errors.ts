/**
 * Error classes for the Admin API client.
 *
 * Invariant: an error never holds the API key. Every string that reaches an
 * error has been through a `Scrubber` first, and no error keeps a reference to
 * request options, headers or the underlying undici error (those carry the
 * Authorization header), so `message`, `stack`, `toString()`, `JSON.stringify`
 * and `cause` are all safe to log or show.
 */
import { secretPattern } from './secretPattern';

export interface AdminApiErrorInit {
  status?: number;
  apiMessage?: string;
  type?: string | null;
  code?: string | null;
  param?: string | null;
  requestId?: string;
  /** The wait the server asked for (Retry-After, Retry-After-Ms) in ms, when it gave a usable one. */
  retryAfterMs?: number;
  method: string;
  path: string;
}

export class AdminApiError extends Error {
  override name = 'AdminApiError';
  /** HTTP status, when a response was received. */
  readonly status?: number;
  /** `error.message` from the API body (or a short description when there is none). */
  readonly apiMessage: string;
  readonly type: string | null;
  readonly code: string | null;
  readonly param: string | null;
  /** `x-request-id`, the thing to quote to OpenAI support. */
  readonly requestId?: string;
  /** The server's requested wait in ms (a 429's Retry-After), so a caller that retries later can honour it. */
  readonly retryAfterMs?: number;
  readonly method: string;
  /** Path and query relative to the base URL. */
  readonly path: string;

  constructor(message: string, init: AdminApiErrorInit) {
    super(message);
    this.status = init.status;
    this.apiMessage = init.apiMessage ?? message;
    this.type = init.type ?? null;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
  }

  /** Without this, JSON.stringify(error) would drop `name` and `message`. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      apiMessage: this.apiMessage,
      type: this.type,
      code: this.code,
      param: this.param,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      method: this.method,
      path: this.path,
    };
  }
}

export class BadRequestError extends AdminApiError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends AdminApiError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends AdminApiError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends AdminApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends AdminApiError {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends AdminApiError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends AdminApiError {
  override name = 'RateLimitError';
}
/** Any 5xx. */
export class ServerError extends AdminApiError {
  override name = 'ServerError';
}
/** 4xx statuses without a dedicated class (405, 410, 413, …). */
export class UnexpectedStatusError extends AdminApiError {
  override name = 'UnexpectedStatusError';
}
export class TimeoutError extends AdminApiError {
  override name = 'TimeoutError';
}
export class CancelledError extends AdminApiError {
  override name = 'CancelledError';
}

/**
 * Connection failures, malformed or truncated bodies and unexpected 3xx
 * responses. `networkCode` is the low-level code (ECONNRESET, UND_ERR_SOCKET,
 * MALFORMED_BODY, REDIRECT, …) so callers can tell them apart without parsing
 * the message.
 */
export class NetworkError extends AdminApiError {
  override name = 'NetworkError';
  readonly networkCode: string;
  constructor(message: string, init: AdminApiErrorInit & { networkCode: string }) {
    super(message, init);
    this.networkCode = init.networkCode;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), networkCode: this.networkCode };
  }
}

type StatusErrorClass = new (message: string, init: AdminApiErrorInit) => AdminApiError;

const BY_STATUS: Record<number, StatusErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: TimeoutError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function errorClassForStatus(status: number): StatusErrorClass {
  if (status >= 500) return ServerError;
  return BY_STATUS[status] ?? UnexpectedStatusError;
}

/** Removes the API key (as-is, percent- or form-encoded) and any bearer token from text. */
export type Scrubber = (text: string) => string;

const BEARER = /Bearer\s+[^\s"',;]+/gi;

export function createScrubber(secret: string): Scrubber {
  const pattern = secret ? secretPattern(secret) : undefined;
  return (text) => (pattern ? text.replace(pattern, '[redacted]') : text).replace(BEARER, 'Bearer [redacted]');
}
