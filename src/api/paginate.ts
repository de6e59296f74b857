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
