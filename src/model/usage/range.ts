// Time ranges: presets and custom days become [start, end) in unix seconds, aligned to the bucket
// width (the API buckets on UTC boundaries), and the bucket grid the chart and table are drawn on.
import * as l10n from '@vscode/l10n';
import { displayLocale } from '../locale';
import type { RangeSelection, Width } from './types';

export const WIDTH_SECONDS: Readonly<Record<Width, number>> = { '1m': 60, '1h': 3_600, '1d': 86_400 };
const DAY = 86_400;

export const PRESET_SECONDS = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY } as const;

/**
 * More buckets than this make neither a readable chart nor a reasonable number of requests
 * (two days of minutes, four months of hours); such widths are offered as unavailable.
 */
export const MAX_BUCKETS = 2_880;

export interface TimeRange {
  start: number;
  end: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Unix seconds of a YYYY-MM-DD day's UTC midnight, or undefined when it is not a real date. */
export function parseDay(text: string | undefined): number | undefined {
  const m = text ? DATE.exec(text) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().startsWith(text!) ? ms / 1000 : undefined;
}

export function formatDay(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

const alignDown = (t: number, w: number) => Math.floor(t / w) * w;

/**
 * The range to ask for. A preset ends with the bucket that holds `now` and starts with the bucket
 * that holds `now - duration`, so the whole duration is covered. A custom range covers its days
 * from the first day's midnight to the midnight after the last day (UTC).
 */
export function resolveRange(range: RangeSelection, width: Width, nowSeconds: number): TimeRange {
  const w = WIDTH_SECONDS[width];
  if (range.preset === 'custom') {
    const from = parseDay(range.from);
    const to = parseDay(range.to);
    if (from === undefined || to === undefined) throw new RangeError(l10n.t('Pick a start and an end day (YYYY-MM-DD).'));
    if (to < from) throw new RangeError(l10n.t('The end day is before the start day.'));
    return { start: alignDown(from, w), end: alignDown(to + DAY + w - 1, w) };
  }
  const end = alignDown(nowSeconds, w) + w;
  return { start: alignDown(nowSeconds - PRESET_SECONDS[range.preset], w), end };
}

/**
 * resolveRange for a query that is about to be sent. widthsFor keeps the coarsest width even past
 * MAX_BUCKETS, so a custom range of decades would otherwise become thousands of requests.
 */
export function queryRange(range: RangeSelection, width: Width, nowSeconds: number): TimeRange {
  const resolved = resolveRange(range, width, nowSeconds);
  const count = bucketCount(resolved, width);
  if (count > MAX_BUCKETS) {
    const [n, most] = [count, MAX_BUCKETS].map((x) => x.toLocaleString(displayLocale()));
    throw new RangeError(width === '1d'
      ? l10n.t('This range spans {0} days; at most {1} can be shown. Pick a shorter range.', n, most)
      : width === '1h'
        ? l10n.t('This range spans {0} hours; at most {1} can be shown. Pick a shorter range.', n, most)
        : l10n.t('This range spans {0} minutes; at most {1} can be shown. Pick a shorter range.', n, most));
  }
  return resolved;
}

export function bucketCount(range: TimeRange, width: Width): number {
  return Math.ceil((range.end - range.start) / WIDTH_SECONDS[width]);
}

/** Start times of every bucket in the range. */
export function bucketGrid(range: TimeRange, width: Width): number[] {
  const w = WIDTH_SECONDS[width];
  return Array.from({ length: bucketCount(range, width) }, (_, i) => range.start + i * w);
}

/** The widths (of those offered) that keep the range within MAX_BUCKETS; the coarsest always stays. */
export function widthsFor(range: RangeSelection, offered: readonly Width[], nowSeconds: number): Width[] {
  const ok = offered.filter((w) => {
    try {
      return bucketCount(resolveRange(range, w, nowSeconds), w) <= MAX_BUCKETS;
    } catch {
      return true;
    }
  });
  return ok.length ? ok : [coarsest(offered)];
}

export function coarsest(widths: readonly Width[]): Width {
  return [...widths].sort((a, b) => WIDTH_SECONDS[b] - WIDTH_SECONDS[a])[0] ?? '1d';
}

/** The width a range reads best at when the user has not picked one. */
export function defaultWidth(range: RangeSelection, offered: readonly Width[], nowSeconds: number): Width {
  const allowed = widthsFor(range, offered, nowSeconds);
  const preferred: Width = range.preset === '24h' ? '1h' : '1d';
  return allowed.includes(preferred) ? preferred : coarsest(allowed);
}
