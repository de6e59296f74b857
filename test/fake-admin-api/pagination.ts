// The two cursor-list styles of the Administration API.
//
// A: `after`/`before` are object ids; envelope {object, data, first_id, last_id, has_more}.
// B (RBAC): `after` is the previous response's `next`; envelope {object, data, has_more, next}.
//
// Every list is ordered by a numeric position that never changes for an id (its creation
// sequence), so walking page by page is complete and duplicate-free even when items are added
// or deleted in between, including the item a cursor points at.
import { Buffer } from 'node:buffer';
import { badRequest } from './errors';
import type { Query } from './query';

export interface Ordered<T> {
  /** Live items in ascending position. */
  items: readonly T[];
  pos(item: T): number;
  id(item: T): string;
  /** Position of an id, also for deleted ones; undefined if the id never existed here. */
  posOfId(id: string): number | undefined;
}

export interface WindowSpec {
  order: 'asc' | 'desc';
  after?: number;
  before?: number;
  limit: number;
}

// Binary searches over the ascending positions: a 10,000-item list is paged 100 at a time by the
// benchmarks, and a linear scan per page made the fake's CPU half of the client's measured time.
function firstAbove<T>(list: Ordered<T>, cursor: number): number {
  let lo = 0;
  let hi = list.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.pos(list.items[mid]!) <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAbove<T>(list: Ordered<T>, cursor: number): number {
  let lo = 0;
  let hi = list.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.pos(list.items[mid]!) < cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pageWindow<T>(list: Ordered<T>, spec: WindowSpec): { page: T[]; hasMore: boolean } {
  const asc = spec.order === 'asc';
  // The items between the cursors, as ascending indices [lo, hi). In descending order `after`
  // means "smaller positions" and `before` "larger ones".
  const lower = asc ? spec.after : spec.before;
  const upper = asc ? spec.before : spec.after;
  const lo = lower === undefined ? 0 : firstAbove(list, lower);
  const hi = Math.max(lo, upper === undefined ? list.items.length : firstAtOrAbove(list, upper));
  // Paging backwards (only `before`) takes the items right before the cursor.
  const backwards = spec.before !== undefined && spec.after === undefined;
  const fromLow = asc !== backwards;
  if (fromLow) {
    const stop = Math.min(hi, lo + spec.limit);
    const page = list.items.slice(lo, stop);
    return { page: asc ? page : page.reverse(), hasMore: stop < hi };
  }
  const from = Math.max(lo, hi - spec.limit);
  const page = list.items.slice(from, hi);
  return { page: asc ? page : page.reverse(), hasMore: from > lo };
}

function cursorPos<T>(list: Ordered<T>, param: string, id: string | undefined): number | undefined {
  if (id === undefined || id === '') return undefined;
  const pos = list.posOfId(id);
  if (pos === undefined) throw badRequest(`Invalid '${param}': no object with ID '${id}' in this list.`, param, 'invalid_cursor');
  return pos;
}

export interface ListAOptions {
  defaultLimit: number;
  minLimit?: number;
  maxLimit?: number;
  /** Whether the operation takes `order`, and its default. Without it the list order is fixed. */
  order?: { param: boolean; default: 'asc' | 'desc' };
  /** Whether the operation takes `before`. */
  before?: boolean;
}

export interface ListA<V> {
  object: 'list';
  data: V[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export function listA<T, V>(q: Query, list: Ordered<T>, view: (item: T) => V, opts: ListAOptions): ListA<V> {
  const limit = q.int('limit', { default: opts.defaultLimit, min: opts.minLimit ?? 1, max: opts.maxLimit ?? 100 })!;
  const order = opts.order?.param ? q.oneOf('order', ['asc', 'desc'] as const, opts.order.default)! : opts.order?.default ?? 'asc';
  const { page, hasMore } = pageWindow(list, {
    order,
    limit,
    after: cursorPos(list, 'after', q.string('after')),
    before: opts.before ? cursorPos(list, 'before', q.string('before')) : undefined,
  });
  return {
    object: 'list',
    data: page.map(view),
    first_id: page.length ? list.id(page[0]!) : null,
    last_id: page.length ? list.id(page[page.length - 1]!) : null,
    has_more: hasMore,
  };
}

export interface ListBOptions {
  defaultLimit: number;
  maxLimit: number;
  defaultOrder: 'asc' | 'desc';
  /**
   * 'id': `next` is the last item's id (groups, group users, project groups document `after` as
   * an id). 'opaque': `next` is an opaque token (roles and role assignments say "the value from
   * the previous response's `next`").
   */
  cursor: 'id' | 'opaque';
}

export interface ListB<V> {
  object: 'list';
  data: V[];
  has_more: boolean;
  next: string | null;
}

export function listB<T, V>(q: Query, list: Ordered<T>, view: (item: T) => V, opts: ListBOptions): ListB<V> {
  const limit = q.int('limit', { default: opts.defaultLimit, min: 0, max: opts.maxLimit })!;
  const order = q.oneOf('order', ['asc', 'desc'] as const, opts.defaultOrder)!;
  const raw = q.string('after');
  const after = opts.cursor === 'id' ? cursorPos(list, 'after', raw) : decodeCursor(raw);
  const { page, hasMore } = pageWindow(list, { order, limit, after });
  const last = page[page.length - 1];
  const next = hasMore && last !== undefined ? (opts.cursor === 'id' ? list.id(last) : encodeCursor(list.pos(last))) : null;
  return { object: 'list', data: page.map(view), has_more: hasMore, next };
}

function encodeCursor(pos: number): string {
  return Buffer.from(JSON.stringify({ v: 1, p: pos })).toString('base64url');
}

function decodeCursor(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { v?: number; p?: unknown };
    if (parsed.v === 1 && typeof parsed.p === 'number') return parsed.p;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest(`Invalid 'after': '${raw}' is not a cursor returned by this list (use the previous response's 'next').`, 'after', 'invalid_cursor');
}

/** Ordered view of a Table (positions are creation sequences, stable across deletes). */
export function ordered<T extends { id: string }>(table: { values(): readonly T[]; seq(id: string): number | undefined }): Ordered<T> {
  return {
    items: table.values(),
    pos: (item) => table.seq(item.id)!,
    id: (item) => item.id,
    posOfId: (id) => table.seq(id),
  };
}

/** Ordered view of a pre-filtered subset of a table (e.g. without archived projects). */
export function orderedSubset<T extends { id: string }>(
  table: { seq(id: string): number | undefined },
  items: readonly T[],
): Ordered<T> {
  return { items, pos: (item) => table.seq(item.id)!, id: (item) => item.id, posOfId: (id) => table.seq(id) };
}
