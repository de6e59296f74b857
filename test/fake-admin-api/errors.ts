// The real API's error envelope: {"error": {message, type, param, code}}, all four keys always
// present. Handlers throw ApiError; the server turns it into a response.

export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  body(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new ApiError(400, message, 'invalid_request_error', param, code);

export const notFound = (what: string, id: string, param: string | null = null) =>
  new ApiError(404, `No such ${what}: '${id}'.`, 'invalid_request_error', param, 'not_found');

export const conflict = (message: string, param: string | null = null) =>
  new ApiError(409, message, 'invalid_request_error', param, 'conflict');

export const archivedProject = (projectId: string) =>
  new ApiError(
    400,
    `Project is archived: '${projectId}'. Archived projects cannot be used or updated.`,
    'invalid_request_error',
    'project_id',
    'project_archived',
  );

export const invalidUrl = (method: string, path: string) =>
  new ApiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null, null);

/** Redacts a key the way the real API does: a few leading and trailing characters only. */
export function redactKey(key: string): string {
  if (key.length < 12) return '***';
  return `${key.slice(0, 5)}***${key.slice(-2)}`;
}

export const invalidApiKey = (key: string | undefined) =>
  new ApiError(
    401,
    key
      ? `Incorrect API key provided: ${redactKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`
      : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'invalid_request_error',
    null,
    'invalid_api_key',
  );

export const notAdminKey = () =>
  new ApiError(
    403,
    'You have insufficient permissions for this operation: the Administration API requires an admin API key (sk-admin-...). The key provided is not an admin key.',
    'invalid_request_error',
    null,
    'insufficient_permissions',
  );

/** The rate-limit mode's 429, worded like the real API's (type `requests`, code `rate_limit_exceeded`). */
export function rateLimited(perSecond: number, waitMs: number): ApiError {
  const ms = Math.ceil(waitMs);
  return new ApiError(
    429,
    `Rate limit reached for requests on requests per second (RPS): Limit ${perSecond}, Used ${perSecond}, Requested 1. Please try again in ${ms}ms.`,
    'requests',
    null,
    'rate_limit_exceeded',
    // Retry-After in whole seconds (rounded up, as the header allows no fraction) and the exact wait
    // in retry-after-ms, the pair the real API sends.
    { 'retry-after': String(Math.ceil(ms / 1000)), 'retry-after-ms': String(ms) },
  );
}

/** Bodies for injected 'status' faults, worded like the real API's transient errors. */
export function faultError(status: number): ApiError {
  switch (status) {
    case 429:
      return new ApiError(429, 'Rate limit reached for requests. Please try again later.', 'requests', null, 'rate_limit_exceeded');
    case 408:
      return new ApiError(408, 'Request timed out.', 'timeout', null, null);
    case 409:
      return new ApiError(409, 'The request conflicted with another request. Please try again.', 'invalid_request_error', null, 'conflict');
    case 502:
      return new ApiError(502, 'Bad gateway.', 'server_error', null, null);
    case 503:
      return new ApiError(503, 'The server is overloaded or not ready yet.', 'server_error', null, null);
    default:
      if (status >= 500) return new ApiError(status, 'The server had an error while processing your request. Sorry about that!', 'server_error', null, null);
      return new ApiError(status, `Injected error ${status}.`, 'invalid_request_error', null, null);
  }
}
