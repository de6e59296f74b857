// Chart bars from usage buckets (src/model/usage/bars.ts): as many as fit, each a readable whole
// number of buckets, nothing lost or counted twice.
import assert from 'node:assert/strict';
import { barStep, stepLabel, toBars } from '../../../src/model/usage/bars';

const MIN = 60;
const DAY = 86_400;
const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
const range = (start: number, n: number, seconds: number) => Array.from({ length: n }, (_, i) => start + i * seconds);

describe('usage model: chart bars', () => {
  it('every bucket is a bar while they fit', () => {
    const buckets = range(1_700_000_000, 90, DAY);
    const values = [buckets.map((_, i) => i), buckets.map(() => 2)];
    const bars = toBars(buckets, '1d', values, 90, 'sum');
    assert.equal(bars.step, 1);
    assert.deepEqual(bars.starts, buckets);
    assert.deepEqual(bars.ends, buckets.map((t) => t + DAY));
    assert.deepEqual(bars.values, values);
  });

  it('24 h × 1 min in 250 bars: 10-minute bars on UTC multiples, sums kept per dataset', () => {
    const start = Date.UTC(2026, 11, 5, 10, 3) / 1000; // 10:03, not on a 10-minute boundary
    const buckets = range(start, 1_441, MIN);
    const series = [buckets.map((_, i) => (i * 7) % 13), buckets.map((_, i) => i % 2)];
    const bars = toBars(buckets, '1m', series, 250, 'sum');
    assert.equal(bars.step, 10, 'the 5-minute step would need 290 bars');
    assert.equal(bars.starts.length, 145, "10:00 on the first day to 10:10 on the next");
    assert.ok(bars.starts.length <= 250);
    // The first bar holds 10:03–10:09, every later one starts on a multiple of ten minutes.
    assert.equal(bars.starts[0], start);
    assert.equal(bars.ends[0], start + 7 * MIN);
    for (const t of bars.starts.slice(1)) assert.equal(t % (10 * MIN), 0);
    for (let i = 1; i < bars.starts.length; i++) assert.equal(bars.starts[i], bars.ends[i - 1], 'bars are contiguous');
    assert.equal(bars.ends.at(-1), buckets.at(-1)! + MIN);
    bars.values.forEach((v, d) => {
      assert.equal(v.length, bars.starts.length);
      assert.equal(sum(v), sum(series[d]!), 'nothing lost or counted twice');
    });
    assert.equal(bars.values[1]![1], 5, 'a full bar of alternating 0/1 buckets sums to 5');
  });

  it('a peak metric (stored bytes) takes the largest bucket of each bar, not the sum', () => {
    const buckets = range(0, 120, MIN);
    const level = buckets.map((_, i) => 1_000 + i);
    const bars = toBars(buckets, '1m', [level], 24, 'peak');
    assert.equal(bars.step, 5);
    assert.deepEqual(bars.values[0], Array.from({ length: 24 }, (_, b) => 1_000 + b * 5 + 4));
  });

  it('day bars start at the range\'s first day', () => {
    const start = Date.UTC(2026, 8, 3) / 1000; // a Thursday; weeks need not start on a Monday or at the epoch
    const buckets = range(start, 90, DAY);
    const bars = toBars(buckets, '1d', [buckets.map(() => 1)], 30, 'sum');
    assert.equal(bars.step, 7);
    assert.equal(bars.starts.length, 13);
    assert.equal(bars.starts[0], start);
    assert.deepEqual(bars.values[0], [...Array(12).fill(7), 6]);
  });

  it('the largest step is used when even it does not fit; an empty range has no bars', () => {
    assert.equal(barStep(range(0, 100_000, MIN), '1m', 10), 1_440);
    assert.deepEqual(toBars([], '1h', [[]], 10, 'sum'), { step: 1, starts: [], ends: [], values: [[]] });
  });

  it('names a bar\'s span', () => {
    assert.equal(stepLabel('1m', 1), '1 minute');
    assert.equal(stepLabel('1m', 10), '10 minutes');
    assert.equal(stepLabel('1m', 60), '1 hour');
    assert.equal(stepLabel('1h', 6), '6 hours');
    assert.equal(stepLabel('1h', 24), '1 day');
    assert.equal(stepLabel('1d', 7), '7 days');
  });
});
