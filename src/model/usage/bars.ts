// Buckets as chart bars. 24 h of 1-minute buckets is 1,440 buckets: more than a panel has pixels for,
// and drawing 14,400 sub-pixel stacked bars took most of a second (BENCHMARKS.md fig. 5). The chart draws
// at most as many bars as fit, each bar a whole number of consecutive buckets from a set of
// readable steps (5 min, 10 min, 1 h, …). Minute and hour bars start on UTC multiples of the step,
// day bars at the range's first day. The table, the summary and the exports keep every bucket.
import * as l10n from '@vscode/l10n';
import type { Width } from './types';

const WIDTH_SECONDS: Record<Width, number> = { '1m': 60, '1h': 3_600, '1d': 86_400 };
const STEPS: Record<Width, readonly number[]> = {
  '1m': [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440],
  '1h': [1, 2, 3, 6, 12, 24, 48, 168],
  '1d': [1, 2, 7, 14, 28, 91],
};

export interface Bars {
  /** Buckets per bar; 1 when every bucket is its own bar. */
  step: number;
  /** Each bar's start and end (unix seconds, end exclusive). */
  starts: number[];
  ends: number[];
  /** Per dataset, one value per bar: the sum of its buckets, or their largest for a `peak` metric. */
  values: number[][];
}

/** Index of each bucket's bar for a step (bars numbered from 0, in time order). */
function barIndexes(buckets: readonly number[], width: Width, step: number): number[] {
  const span = WIDTH_SECONDS[width] * step;
  const origin = width === '1d' ? buckets[0] ?? 0 : 0;
  const first = Math.floor((buckets[0]! - origin) / span);
  return buckets.map((t) => Math.floor((t - origin) / span) - first);
}

/** The smallest step whose bars fit in `maxBars` (the largest step when none does). */
export function barStep(buckets: readonly number[], width: Width, maxBars: number): number {
  const steps = STEPS[width];
  if (buckets.length <= maxBars) return 1;
  for (const step of steps) {
    const idx = barIndexes(buckets, width, step);
    if (idx[idx.length - 1]! + 1 <= maxBars) return step;
  }
  return steps[steps.length - 1]!;
}

export function toBars(buckets: readonly number[], width: Width, series: readonly (readonly number[])[], maxBars: number, aggregate: 'sum' | 'peak'): Bars {
  const step = barStep(buckets, width, Math.max(1, Math.floor(maxBars)));
  const seconds = WIDTH_SECONDS[width];
  if (step === 1) {
    return { step, starts: [...buckets], ends: buckets.map((t) => t + seconds), values: series.map((v) => [...v]) };
  }
  const idx = barIndexes(buckets, width, step);
  const count = buckets.length ? idx[idx.length - 1]! + 1 : 0;
  const starts: number[] = new Array(count);
  const ends: number[] = new Array(count);
  buckets.forEach((t, i) => {
    const bar = idx[i]!;
    if (starts[bar] === undefined) starts[bar] = t;
    ends[bar] = t + seconds;
  });
  const values = series.map((v) => {
    const out = new Array<number>(count).fill(aggregate === 'peak' ? Number.NEGATIVE_INFINITY : 0);
    for (let i = 0; i < v.length; i++) {
      const bar = idx[i]!;
      out[bar] = aggregate === 'peak' ? Math.max(out[bar]!, v[i]!) : out[bar]! + v[i]!;
    }
    return out.map((x) => (Number.isFinite(x) ? x : 0));
  });
  return { step, starts, ends, values };
}

/** "10 minutes", "6 hours", "7 days": what one bar covers. */
export function stepLabel(width: Width, step: number): string {
  const minutes = (WIDTH_SECONDS[width] * step) / 60;
  if (minutes % 1_440 === 0) return minutes === 1_440 ? l10n.t('1 day') : l10n.t('{0} days', minutes / 1_440);
  if (minutes % 60 === 0) return minutes === 60 ? l10n.t('1 hour') : l10n.t('{0} hours', minutes / 60);
  return minutes === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', minutes);
}
