// Shape of a route table entry. Handlers return the 200 body or throw ApiError.
import type { Query } from '../query';
import type { FakeState } from '../state';

export interface Ctx {
  state: FakeState;
  params: Record<string, string>;
  query: Query;
  /** Parsed JSON body (undefined when none was sent). */
  body: unknown;
}

export type Method = 'GET' | 'POST' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** Path template exactly as in the OpenAPI file, relative to /v1. */
  path: string;
  operationId: string;
  handler: (ctx: Ctx) => unknown;
}
