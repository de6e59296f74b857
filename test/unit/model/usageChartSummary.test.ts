// The chart's text alternative (src/model/usage/chartSummary.ts): what a screen reader hears for the
// canvas, computed from every bucket of the data.
import assert from 'node:assert/strict';
import { chartSummary, type ChartSummaryFormat } from '../../../src/model/usage/chartSummary';
import type { ChartDataset } from '../../../src/model/usage/types';

const DAY = 86_400;
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const days = Array.from({ length: 30 }, (_, i) => NOV_1 + i * DAY);
const dayFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const fmt: ChartSummaryFormat = {
  value: (v) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`,
  bucket: (t) => dayFmt.format(new Date(t * 1000)),
  range: '1–30 Nov',
};
const dataset = (label: string, values: number[], other = false): ChartDataset => ({ key: label, label, values, ...(other ? { other } : {}) });

describe('usage model: chart summary (text alternative)', () => {
  it('states the total and the highest bucket of the stacked groups, and the largest group', () => {
    const a = days.map((_, i) => (i === 11 ? 150 : 40));
    const b = days.map((_, i) => (i === 11 ? 60 : 2));
    const text = chartSummary({ what: 'Costs', width: '1d', buckets: days, datasets: [dataset('Checkout', a), dataset('Search', b)], aggregate: 'sum' }, fmt);
    // 29 days × 42 + 210 = 1,428; day 12 holds 210.
    assert.equal(text, 'Costs by day, 1–30 Nov: total $1,428, highest $210 on 12 Nov; 2 groups, largest Checkout ($1,310).');
  });

  it('one dataset: no group sentence; an "Other" dataset is never the largest named group', () => {
    const one = chartSummary({ what: 'Costs', width: '1d', buckets: days, datasets: [dataset('Total', days.map(() => 1))], aggregate: 'sum' }, fmt);
    assert.equal(one, 'Costs by day, 1–30 Nov: total $30, highest $1 on 1 Nov.');
    const withOther = chartSummary({
      what: 'Costs', width: '1d', buckets: days, aggregate: 'sum',
      datasets: [dataset('Small', days.map(() => 1)), dataset('Other (8 groups)', days.map(() => 5), true)],
    }, fmt);
    assert.match(withOther, /; 2 series, largest Small \(\$30\)\.$/);
  });

  it('a level (peak) gives the highest bucket, not a sum; hours say "at"', () => {
    const hours = Array.from({ length: 24 }, (_, i) => NOV_1 + i * 3600);
    const text = chartSummary({
      what: 'Vector stores, usage bytes', width: '1h', buckets: hours, aggregate: 'peak',
      datasets: [dataset('x', hours.map((_, i) => i * 10))],
    }, { ...fmt, value: (v) => `${v} B`, bucket: (t) => `${new Date(t * 1000).getUTCHours()}:00` });
    assert.equal(text, 'Vector stores, usage bytes by hour, 1–30 Nov: peak 230 B at 23:00.');
  });

  it('an empty range says so', () => {
    const text = chartSummary({ what: 'Costs', width: '1d', buckets: days, datasets: [dataset('a', days.map(() => 0))], aggregate: 'sum' }, fmt);
    assert.equal(text, 'Costs by day, 1–30 Nov: nothing in this range.');
    assert.equal(chartSummary({ what: 'Costs', width: '1d', buckets: [], datasets: [], aggregate: 'sum' }, fmt), 'Costs by day, 1–30 Nov: nothing in this range.');
  });
});
