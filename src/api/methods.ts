/**
 * Generic method builders. Each turns an operationId into a fully typed
 * function whose route comes from OPERATIONS and whose argument and result
 * types come from schema.d.ts, so the 143 operations need no hand-written
 * request code. Arguments are positional: one id per path placeholder (in
 * path order), then the query or body, then RequestOptions.
 */
import { OPERATIONS, type OperationId, type OperationPath } from './operations';
import { CURSOR_PARAM, collectAll, iterateItems, readPage, type Page, type PaginationStyle } from './paginate';
import type { operations } from './schema';
import type { BodyPeek, RequestOptions, Transport } from './transport';
import type { BodyOf, ItemOf, PathIds, QueryOf, ResponseOf } from './types';
import { encodeQuery, expandPath, placeholderCount } from './url';

type Ids<K extends OperationId> = PathIds<OperationPath<K>>;
/** A trailing argument that is optional exactly when all of its fields are. */
type ArgFor<T> = {} extends T ? [arg?: T] : [arg: T];

type OpsWithQuery = { [K in OperationId]: [QueryOf<K>] extends [never] ? never : K }[OperationId];
type OpsWithBody = { [K in OperationId]: [BodyOf<K>] extends [never] ? never : K }[OperationId];
type PlainOps = Exclude<OperationId, OpsWithQuery | OpsWithBody>;
type ListOps = { [K in OperationId]: ResponseOf<K> extends { data: unknown[]; has_more: boolean } ? K : never }[OperationId];

type BodyArg<K extends OpsWithBody> = operations[K] extends { requestBody: object } ? [body: BodyOf<K>] : [body?: BodyOf<K>];
type CursorName = 'after' | 'page';
export type IterateQuery<K extends ListOps> = Omit<QueryOf<K>, CursorName>;

export type PlainMethod<K extends PlainOps> = (...args: [...Ids<K>, options?: RequestOptions]) => Promise<ResponseOf<K>>;
export type QueryMethod<K extends OpsWithQuery> = (
  ...args: [...Ids<K>, ...ArgFor<QueryOf<K>>, options?: RequestOptions]
) => Promise<ResponseOf<K>>;
export type BodyMethod<K extends OpsWithBody> = (...args: [...Ids<K>, ...BodyArg<K>, options?: RequestOptions]) => Promise<ResponseOf<K>>;

/** The three ways to read a list: one page (for "Load more…"), all items lazily, all items at once. */
export interface PagedMethods<K extends ListOps> {
  /** One page; pass the previous page's `nextCursor` as `after` (or `page` for usage/costs). */
  listPage(...args: [...Ids<K>, ...ArgFor<QueryOf<K>>, options?: RequestOptions]): Promise<Page<ItemOf<K>>>;
  /** Every item of every page, fetched as the loop advances (buckets for usage/costs). */
  iterate(...args: [...Ids<K>, ...ArgFor<IterateQuery<K>>, options?: RequestOptions]): AsyncGenerator<ItemOf<K>, void, undefined>;
  all(...args: [...Ids<K>, ...ArgFor<IterateQuery<K>>, options?: RequestOptions]): Promise<ItemOf<K>[]>;
}

/** Page size to ask for when the caller does not pass `limit`: the largest the endpoint accepts. */
export type LimitRule = number | ((query: Record<string, unknown>) => number);

const OPERATION_ID = Symbol('operationId');

/** The operationId a client method calls (used by the coverage test and for diagnostics). */
export function operationIdOf(method: unknown): OperationId | undefined {
  return typeof method === 'function' ? (method as { [OPERATION_ID]?: OperationId })[OPERATION_ID] : undefined;
}

function tag<F extends (...args: never[]) => unknown>(op: OperationId, fn: F): F {
  Object.defineProperty(fn, OPERATION_ID, { value: op });
  return fn;
}

interface SplitArgs {
  ids: string[];
  extra: unknown;
  options: RequestOptions | undefined;
}

/** `n`: the operation's path placeholders (placeholderCount, worked out once per method). */
function split(n: number, args: readonly unknown[], hasExtra: boolean): SplitArgs {
  return {
    ids: args.slice(0, n) as string[],
    extra: hasExtra ? args[n] : undefined,
    options: args[hasExtra ? n + 1 : n] as RequestOptions | undefined,
  };
}

/** An iteration that fails on its first step, as one whose request failed would. */
async function* failedIteration(error: unknown): AsyncGenerator<never, void, undefined> {
  throw error;
}

export function methodBuilders(transport: Transport) {
  // A bad id (empty, only dots) is refused by expandPath; callers see a rejection like any other
  // failed call, not a synchronous throw.
  const send = <T>(op: OperationId, ids: string[], query: object | undefined, body: unknown, options?: RequestOptions, peek?: BodyPeek) => {
    const { method, path } = OPERATIONS[op];
    let target: string;
    try {
      target = expandPath(path, ids) + encodeQuery(query);
    } catch (error) {
      return Promise.reject(error);
    }
    return transport.request<T>({ method, path: target, body }, options, peek);
  };

  return {
    /** Operations with neither query nor body: most retrieves and deletes, archive. */
    plain<K extends PlainOps>(op: K): PlainMethod<K> {
      const n = placeholderCount(OPERATIONS[op].path);
      return tag(op, (...args: unknown[]) => {
        const { ids, options } = split(n, args, false);
        return send<ResponseOf<K>>(op, ids, undefined, undefined, options);
      }) as PlainMethod<K>;
    },

    withQuery<K extends OpsWithQuery>(op: K): QueryMethod<K> {
      const n = placeholderCount(OPERATIONS[op].path);
      return tag(op, (...args: unknown[]) => {
        const { ids, extra, options } = split(n, args, true);
        return send<ResponseOf<K>>(op, ids, extra as object | undefined, undefined, options);
      }) as QueryMethod<K>;
    },

    withBody<K extends OpsWithBody>(op: K): BodyMethod<K> {
      const n = placeholderCount(OPERATIONS[op].path);
      return tag(op, (...args: unknown[]) => {
        const { ids, extra, options } = split(n, args, true);
        return send<ResponseOf<K>>(op, ids, undefined, extra, options);
      }) as BodyMethod<K>;
    },

    paged<K extends ListOps & OpsWithQuery>(op: K, style: PaginationStyle, limit: LimitRule): PagedMethods<K> {
      const cursorParam = CURSOR_PARAM[style];
      const n = placeholderCount(OPERATIONS[op].path);
      const fetchPage = async (ids: string[], query: Record<string, unknown>, options?: RequestOptions, peek?: BodyPeek) => {
        const withLimit = { ...query, limit: query.limit ?? (typeof limit === 'function' ? limit(query) : limit) };
        const envelope = await send<object>(op, ids, withLimit, undefined, options, peek);
        return readPage<ItemOf<K>>(style, envelope);
      };
      const iterate = (...args: unknown[]) => {
        const { ids, extra, options } = split(n, args, true);
        const query = { ...(extra as Record<string, unknown> | undefined) };
        let where;
        try {
          where = { method: OPERATIONS[op].method, path: expandPath(OPERATIONS[op].path, ids) };
        } catch (error) {
          return failedIteration(error);
        }
        return iterateItems((cursor) => fetchPage(ids, { ...query, [cursorParam]: cursor }, options), where);
      };
      return {
        listPage: tag(op, (...args: unknown[]) => {
          const { ids, extra, options } = split(n, args, true);
          return fetchPage(ids, { ...(extra as Record<string, unknown> | undefined) }, options);
        }),
        iterate: tag(op, iterate),
        // Unlike iterate() (lazy: nothing is fetched that the loop does not ask for), all() wants
        // every page, so it requests each next page as soon as the current body's end names it.
        all: tag(op, (...args: unknown[]) => {
          const { ids, extra, options } = split(n, args, true);
          const query = { ...(extra as Record<string, unknown> | undefined) };
          let where;
          try {
            where = { method: OPERATIONS[op].method, path: expandPath(OPERATIONS[op].path, ids) };
          } catch (error) {
            return Promise.reject(error);
          }
          return collectAll<ItemOf<K>>(
            (cursor, signal, peek) => fetchPage(ids, { ...query, [cursorParam]: cursor }, { ...options, signal }, peek),
            style, where, options?.signal);
        }),
      } as PagedMethods<K>;
    },
  };
}
