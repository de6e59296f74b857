// Days on which a project cost much more than it usually does: robust statistics over the project's
// previous days (median and median absolute deviation), so one earlier spike does not hide the next.
//
// The rules, each tested in test/unit/model/usage/anomalies.test.ts:
// - Days are UTC days on a gap-free grid. A day the API reported no cost for is a day of zero cost
//   (the costs endpoint leaves out days without spend), not a missing observation.
// - A day is judged against the WINDOW days before it. Days before the project's first day with a
//   cost are not history (the project was not spending yet): a day needs MIN_HISTORY days of
//   history from that first cost on, so a project's first day of spend is never an anomaly.
// - It is an anomaly when cost > median + k × spread, spread = max(MAD, share × median, floor):
//   a flat history (MAD = 0) still has a spread, so one spike stands out while a cent of noise
//   over a flat line does not.
// - factor = cost / median; with a median of zero there is no factor (null): the project usually
//   spends nothing on a day, and the list says so instead of printing an infinite factor.

export const WINDOW = 14;
export const MIN_HISTORY = 7;
export const DEFAULT_SENSITIVITY = 5;
/** The smallest spread, as a share of the median: with k = 5, a flat series is flagged above 1.25× its level. */
export const SPREAD_SHARE = 0.05;
/** The smallest spread in currency units: with k = 5, a project that usually spends nothing is flagged from 5.00 a day. */
export const SPREAD_FLOOR = 1;

export interface AnomalySeries {
  /** The series' key (a project id for the dashboard). */
  key: string;
  /** One value per day of the grid. */
  values: readonly number[];
}

export interface Anomaly {
  key: string;
  /** Index of the day in the grid. */
  index: number;
  amount: number;
  median: number;
  /** The threshold the amount exceeded. */
  threshold: number;
  /** amount / median; null when the median is zero. */
  factor: number | null;
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The threshold a day's cost must exceed, from its history. */
export function thresholdOf(history: readonly number[], k: number): { median: number; threshold: number } {
  const m = median(history);
  const mad = median(history.map((v) => Math.abs(v - m)));
  const spread = Math.max(mad, SPREAD_SHARE * m, SPREAD_FLOOR);
  return { median: m, threshold: m + k * spread };
}

/**
 * Anomalies of each series on the days from index `from` on (earlier days serve as history only).
 * `k` below 0 or not finite falls back to DEFAULT_SENSITIVITY.
 */
export function findAnomalies(series: readonly AnomalySeries[], k = DEFAULT_SENSITIVITY, from = 0): Anomaly[] {
  const sensitivity = Number.isFinite(k) && k >= 0 ? k : DEFAULT_SENSITIVITY;
  const out: Anomaly[] = [];
  for (const s of series) {
    const first = s.values.findIndex((v) => v > 0);
    if (first < 0) continue;
    for (let i = Math.max(from, first + MIN_HISTORY); i < s.values.length; i++) {
      const amount = s.values[i]!;
      const history = s.values.slice(Math.max(first, i - WINDOW), i);
      const { median: m, threshold } = thresholdOf(history, sensitivity);
      if (amount > threshold) out.push({ key: s.key, index: i, amount, median: m, threshold, factor: m > 0 ? amount / m : null });
    }
  }
  return out.sort((a, b) => a.index - b.index || b.amount - a.amount);
}
