// A usage query's pages, planned ahead. The API pages buckets with `next_page`, so a 90-day daily
// query is three requests one after another; but each page is just a time window of `limit`
// buckets, so the windows can be asked for side by side instead. With twelve endpoints sharing the
// client's request slots, this keeps every slot busy (BENCHMARKS.md figure 5). A window that still says
// has_more is followed with next_page as usual, so nothing is lost if the API pages differently.
import { COSTS_MAX_BUCKETS, USAGE_MAX_BUCKETS } from '../../api/limits';
import { WIDTH_SECONDS } from './range';
import type { KindId, Width } from './types';

function bucketsPerPage(kind: KindId, width: Width): number {
  return kind === 'costs' ? COSTS_MAX_BUCKETS : USAGE_MAX_BUCKETS[width];
}

/**
 * The query split into consecutive [start_time, end_time) windows of one page each, in order. A
 * query that fits one page, has no end, or does not start on a bucket boundary (where the API's
 * buckets might straddle a window's edge) is returned whole.
 */
export function pageWindows(kind: KindId, query: Record<string, unknown>): Record<string, unknown>[] {
  const { start_time: start, end_time: end, bucket_width: width = '1d' } = query as { start_time?: unknown; end_time?: unknown; bucket_width?: Width };
  const seconds = WIDTH_SECONDS[width];
  if (typeof start !== 'number' || typeof end !== 'number' || !seconds || start % seconds !== 0 || query.page !== undefined) return [query];
  const span = bucketsPerPage(kind, width) * seconds;
  if (end - start <= span) return [query];
  const windows: Record<string, unknown>[] = [];
  for (let from = start; from < end; from += span) windows.push({ ...query, start_time: from, end_time: Math.min(from + span, end) });
  return windows;
}
