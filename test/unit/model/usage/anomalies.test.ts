// The anomaly rule: a day above median + k × spread of the project's previous 14 days, with a floor
// on the spread (flat series), zero-cost days as zeros, and no verdict without a week of history.
import assert from 'node:assert/strict';
import { DEFAULT_SENSITIVITY, findAnomalies, median, MIN_HISTORY, thresholdOf, WINDOW } from '../../../../src/model/usage/anomalies';

const series = (key: string, values: number[]) => ({ key, values });
/** Noisy around 100 with a MAD of 10: 90, 110, 100, 90, 110, … */
const noisy = (n: number) => Array.from({ length: n }, (_, i) => [90, 110, 100][i % 3]!);

describe('usage model: cost anomalies', () => {
  it('median and MAD of the previous 14 days: a day above median + 5 × MAD is an anomaly, one at the threshold is not', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    const history = noisy(WINDOW);
    const { median: m, threshold } = thresholdOf(history, DEFAULT_SENSITIVITY);
    assert.equal(m, 100);
    assert.equal(threshold, 150);
    const found = findAnomalies([series('p', [...history, 150, 151])]);
    assert.deepEqual(found.map((a) => [a.index, a.amount, a.factor]), [[15, 151, 1.51]]);
  });

  it('the sensitivity k moves the threshold', () => {
    const values = [...noisy(WINDOW), 125];
    assert.deepEqual(findAnomalies([series('p', values)], 5), []);
    assert.deepEqual(findAnomalies([series('p', values)], 2).map((a) => a.index), [14]);
    // A nonsensical k falls back to the default rather than flagging every day.
    assert.deepEqual(findAnomalies([series('p', values)], -1), []);
  });

  it('a flat series (MAD = 0) flags a real spike but not a cent of noise', () => {
    const flat = Array<number>(WINDOW).fill(10);
    assert.deepEqual(findAnomalies([series('p', [...flat, 10.05])]), [], 'noise over a flat line');
    assert.deepEqual(findAnomalies([series('p', [...flat, 14])]), [], 'within the 5 % share of the median × k');
    const spike = findAnomalies([series('p', [...flat, 40])]);
    assert.equal(spike.length, 1);
    assert.equal(spike[0]!.factor, 4);
  });

  it('days without cost are zeros; a project that usually spends nothing has no factor, and small amounts stay below the floor', () => {
    const mostlyIdle = [5, ...Array<number>(WINDOW).fill(0)];
    const found = findAnomalies([series('p', [...mostlyIdle, 3, 60])]);
    assert.deepEqual(found.map((a) => [a.index, a.amount, a.median, a.factor]), [[WINDOW + 2, 60, 0, null]]);
  });

  it('a project\'s first days of spend are not anomalies: a week of history from its first cost is needed', () => {
    const start = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500];
    const days = [...start, ...Array<number>(MIN_HISTORY - 2).fill(1), 500, ...Array<number>(MIN_HISTORY).fill(1), 500];
    const found = findAnomalies([series('new', days)]);
    // The first 500 starts its history; the one six days later has only six days of history; the last one is judged.
    assert.deepEqual(found.map((a) => a.index), [days.length - 1]);
    assert.deepEqual(findAnomalies([series('none', Array<number>(30).fill(0))]), []);
  });

  it('one earlier spike does not hide the next (robust statistics), and `from` limits the days reported', () => {
    const values = [...noisy(WINDOW), 900, ...noisy(5), 900];
    const all = findAnomalies([series('p', values), series('q', noisy(values.length))]);
    assert.deepEqual(all.map((a) => [a.key, a.index]), [['p', 14], ['p', 20]]);
    assert.deepEqual(findAnomalies([series('p', values)], 5, 15).map((a) => a.index), [20]);
  });
});
