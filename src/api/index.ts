/**
 * The only module the extension imports from the API layer, and only via
 * `await import('./api')` on the first request: nothing here does work at
 * import time (no agents, no sockets, no file reads).
 */
export { createAdminClient, type AdminClient, type AdminClientOptions, type AdminResources } from './client';
export { closeSharedDispatchers } from './agents';
export { operationIdOf } from './methods';
export { OPERATIONS, type OperationId } from './operations';
export type { Page, PaginationStyle } from './paginate';
export type { ProxySettings } from './proxy';
export type { HttpMethod, RequestLogEntry, RequestOptions } from './transport';
export {
  AdminApiError,
  AuthenticationError,
  BadRequestError,
  CancelledError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
  UnprocessableEntityError,
} from './errors';
export type * from './types';
