// The chart's text alternative: one sentence a screen reader reads for the canvas (its aria-label) and
// announces when the data reloads, e.g. "Costs by day, Nov 1 – Nov 30, 2026 (UTC): total $1,284.00,
// highest $210.00 on Nov 12; 12 groups, largest Checkout ($402.10)". It describes the data, every
// bucket, not the bars drawn (bars may join buckets to fit the panel). Formatting is passed in: the
// webview formats numbers and times its own way (media/usage/format.ts).
import * as l10n from '@vscode/l10n';
import type { ChartDataset, Width } from './types';

export interface ChartSummaryInput {
  /** What is charted, e.g. "Costs" or "Completions, total tokens". */
  what: string;
  width: Width;
  /** Bucket start times (unix seconds), every bucket of the range. */
  buckets: number[];
  /** The datasets drawn, each with one value per bucket (stacked: a bucket's total is their sum). */
  datasets: ChartDataset[];
  /** `peak`: a level (stored bytes); adding buckets up means nothing, so no total is given. */
  aggregate: 'sum' | 'peak';
}

export interface ChartSummaryFormat {
  value(v: number): string;
  bucket(start: number): string;
  /** The range as shown, e.g. "Nov 1 – Nov 30, 2026 (UTC)". */
  range: string;
}

function heading(what: string, width: Width, range: string): string {
  if (width === '1m') return l10n.t('{0} by minute, {1}', what, range);
  if (width === '1h') return l10n.t('{0} by hour, {1}', what, range);
  return l10n.t('{0} by day, {1}', what, range);
}

export function chartSummary(input: ChartSummaryInput, fmt: ChartSummaryFormat): string {
  const { what, width, buckets, datasets, aggregate } = input;
  const head = heading(what, width, fmt.range);
  const perBucket = buckets.map((_, i) => datasets.reduce((sum, d) => sum + (d.values[i] ?? 0), 0));
  let top = -1;
  perBucket.forEach((v, i) => { if (v > 0 && (top < 0 || v > perBucket[top]!)) top = i; });
  if (top < 0) return l10n.t('{0}: nothing in this range.', head);
  const when = width === '1d' ? l10n.t('on {0}', fmt.bucket(buckets[top]!)) : l10n.t('at {0}', fmt.bucket(buckets[top]!));
  const figures = aggregate === 'peak'
    ? l10n.t('peak {0} {1}', fmt.value(perBucket[top]!), when)
    : l10n.t('total {0}, highest {1} {2}', fmt.value(perBucket.reduce((a, b) => a + b, 0)), fmt.value(perBucket[top]!), when);
  const groupValue = (d: ChartDataset) => (aggregate === 'peak' ? Math.max(0, ...d.values) : d.values.reduce((a, b) => a + b, 0));
  const named = datasets.filter((d) => !d.other);
  if (datasets.length < 2 || !named.length) return l10n.t('{0}: {1}.', head, figures);
  const largest = named.reduce((best, d) => (groupValue(d) > groupValue(best) ? d : best));
  const largestValue = fmt.value(groupValue(largest));
  const groups = datasets.some((d) => d.other)
    ? l10n.t('{0} series, largest {1} ({2})', datasets.length, largest.label, largestValue)
    : l10n.t('{0} groups, largest {1} ({2})', datasets.length, largest.label, largestValue);
  return l10n.t('{0}: {1}; {2}.', head, figures, groups);
}
