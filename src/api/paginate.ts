import { AdminApiError } from './errors';

/**
 * The Admin API's three list envelopes:
 * - `lastId`   (style A): `{data, has_more, last_id}`; next request `after=<last_id>`.
 * - `next`     (style B, RBAC lists): `{data, has_more, next}`; next request `after=<next>`.
 * - `nextPage` (style C, usage and costs): `{data: buckets, has_more, next_page}`; next request `page=<next_page>`.
 */
export type PaginationStyle = 'lastId' | 'next' | 'nextPage';

export const CURSOR_PARAM = { lastId: 'after', next: 'after', nextPage: 'page' } as const satisfies Record<
  PaginationStyle,
  string
>;

/** One page, whatever the envelope. `nextCursor` is null on the last page. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

interface Envelope {
  data?: unknown;
  has_more?: unknown;
  last_id?: unknown;
  next?: unknown;
  next_page?: unknown;
}

function lastItemId(data: unknown[]): string | null {
  const last = data[data.length - 1] as { id?: unknown } | undefined;
  return typeof last?.id === 'string' ? last.id : null;
}

function cursorOf(style: PaginationStyle, envelope: Envelope, data: unknown[]): string | null {
  const pick = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  switch (style) {
    // Some style-A schemas make last_id optional; the last item's id is the same cursor.
    case 'lastId':
      return pick(envelope.last_id) ?? lastItemId(data);
    case 'next':
      return pick(envelope.next);
    case 'nextPage':
      return pick(envelope.next_page);
  }
}

export function readPage<T>(style: PaginationStyle, envelope: Envelope): Page<T> {
  const data = Array.isArray(envelope.data) ? (envelope.data as T[]) : [];
  const hasMore = envelope.has_more === true;
  return { data, hasMore, nextCursor: hasMore ? cursorOf(style, envelope, data) : null };
}

/**
 * Yields every item of every page, fetching lazily. Stops with an error,
 * rather than looping forever, if the API says there is more but gives no
 * new cursor.
 */
export async function* iterateItems<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  where: { method: string; path: string },
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.data;
    if (!page.hasMore) return;
    if (page.nextCursor === null || seen.has(page.nextCursor)) {
      throw new AdminApiError(`Pagination stopped: ${where.method} ${where.path} reported more results without a new cursor`, where);
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const CURSOR_KEY = { lastId: 'last_id', next: 'next', nextPage: 'next_page' } as const satisfies Record<PaginationStyle, string>;
const JSON_STRING = '"((?:[^"\\\\]|\\\\.)*)"';
/**
 * The envelope's cursor and `has_more: true` as the last two members of the top-level object, in
 * either order: the body ends right after them, so they cannot belong to a nested object.
 */
const TAIL_PATTERNS = Object.fromEntries(
  Object.entries(CURSOR_KEY).map(([style, key]) => [style, [
    new RegExp(`"${key}"\\s*:\\s*${JSON_STRING}\\s*,\\s*"has_more"\\s*:\\s*true\\s*\\}\\s*$`),
    new RegExp(`"has_more"\\s*:\\s*true\\s*,\\s*"${key}"\\s*:\\s*${JSON_STRING}\\s*\\}\\s*$`),
  ]]),
) as Record<PaginationStyle, RegExp[]>;

/**
 * The next page's cursor read off the end of a raw list body, or null when the body does not end
 * with it (then the caller waits for the parsed page). Only a guess: it is checked against the
 * parsed page before it is used.
 */
export function tailCursor(style: PaginationStyle, tail: string): string | null {
  for (const pattern of TAIL_PATTERNS[style]) {
    const m = pattern.exec(tail);
    if (!m) continue;
    try {
      const cursor = JSON.parse(`"${m[1]}"`) as string;
      return cursor === '' ? null : cursor;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Fetches one page. `peek`, when given, is passed to the transport: it sees the end of the raw
 * body and may start the next page's request before this page is decoded.
 */
export type PageFetcher<T> = (cursor: string | undefined, signal: AbortSignal | undefined, peek?: (tail: string) => boolean) => Promise<Page<T>>;

/**
 * Every item of every page, for callers that want them all (`all()`): the next page is requested
 * as soon as its cursor can be read off the end of the current body, so decoding, parsing and
 * collecting one page overlap with the server working on the next. At most one page is fetched
 * ahead; a guess that the parsed page contradicts is aborted and the right page fetched instead.
 * Like iterateItems, it stops with an error on a missing or repeated cursor.
 */
export async function collectAll<T>(
  fetchPage: PageFetcher<T>,
  style: PaginationStyle,
  where: { method: string; path: string },
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  const ahead = new Map<string, { page: Promise<Page<T>>; controller: AbortController }>();
  let awaited: string | undefined; // cursor of the page being waited for: the only one that may look ahead

  const fetchWithPeek = (cursor: string | undefined, pageSignal: AbortSignal | undefined): Promise<Page<T>> =>
    fetchPage(cursor, pageSignal, (tail) => {
      if (cursor !== awaited || ahead.size > 0) return false;
      const next = tailCursor(style, tail);
      if (next === null || next === cursor || seen.has(next)) return false;
      const controller = new AbortController();
      const page = fetchWithPeek(next, signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
      page.catch(() => undefined); // observed when (and if) it is used
      ahead.set(next, { page, controller });
      return true;
    });

  try {
    let pending = fetchWithPeek(undefined, signal);
    for (;;) {
      const page = await pending;
      for (const item of page.data) out.push(item);
      if (!page.hasMore) return out;
      const next = page.nextCursor;
      if (next === null || seen.has(next)) {
        throw new AdminApiError(`Pagination stopped: ${where.method} ${where.path} reported more results without a new cursor`, where);
      }
      seen.add(next);
      awaited = next;
      const guessed = ahead.get(next);
      ahead.delete(next);
      for (const wrong of ahead.values()) wrong.controller.abort();
      ahead.clear();
      pending = guessed ? guessed.page : fetchWithPeek(next, signal);
    }
  } finally {
    for (const left of ahead.values()) left.controller.abort();
  }
}
