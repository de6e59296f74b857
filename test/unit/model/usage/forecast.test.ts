// The month-end forecast: month to date + the last seven complete days' average × what is left of
// the month, on UTC days, across month and year boundaries.
import assert from 'node:assert/strict';
import { AVERAGE_DAYS, DAY_SECONDS, dailyLookup, forecastMonth, forecastStart, monthStart, nextMonthStart, utcDay } from '../../../../src/model/usage/forecast';

const at = (iso: string) => Date.parse(iso) / 1000;
const day = (iso: string) => at(`${iso}T00:00:00Z`);

describe('usage model: month-end forecast', () => {
  it('months are UTC months: 23:30 on the 31st in New York is already the next month in UTC', () => {
    // 2026-03-31 23:30 -04:00 is 2026-04-01 03:30 UTC.
    const t = at('2026-03-31T23:30:00-04:00');
    assert.equal(monthStart(t), day('2026-04-01'));
    assert.equal(nextMonthStart(t), day('2026-05-01'));
    assert.equal(utcDay(t), day('2026-04-01'));
    // December rolls into the next year; February of a leap year has 29 days.
    assert.equal(nextMonthStart(at('2026-12-31T23:59:59Z')), day('2027-01-01'));
    assert.equal(nextMonthStart(at('2028-02-10T00:00:00Z')) - monthStart(at('2028-02-10T00:00:00Z')), 29 * DAY_SECONDS);
  });

  it('a flat daily cost forecasts the whole month at that rate; today so far counts, the rest of today is forecast', () => {
    const now = at('2026-06-15T12:00:00Z'); // June has 30 days: 15.5 days left
    const cost = (d: number) => (d <= utcDay(now) && d < day('2026-06-15') ? 10 : d === day('2026-06-15') ? 5 : 0);
    const f = forecastMonth(cost, now);
    assert.equal(f.monthToDate, 14 * 10 + 5);
    assert.equal(f.dailyAverage, 10);
    assert.equal(f.daysLeft, 15.5);
    assert.equal(f.projected, 145 + 155);
    assert.deepEqual(f.month, { start: day('2026-06-01'), end: day('2026-07-01') });
  });

  it('early in a month the average still covers seven complete days, reaching back into the previous month', () => {
    const now = at('2026-07-02T06:00:00Z');
    const costs = dailyLookup([
      [day('2026-06-24'), 100], // eight days before: not averaged
      [day('2026-06-26'), 7], [day('2026-06-30'), 7], [day('2026-06-30') + 3600, 7],
      [day('2026-07-01'), 14], [day('2026-07-02'), 3],
    ]);
    const f = forecastMonth(costs, now);
    assert.equal(f.monthToDate, 17, 'only July counts as month to date');
    assert.equal(f.dailyAverage, (7 + 14 + 14) / AVERAGE_DAYS, 'June 25 to July 1; two entries on one day add up; today is not averaged');
    assert.equal(f.daysLeft, 29.75);
    assert.equal(forecastStart(now), day('2026-06-25'));
    assert.equal(forecastStart(at('2026-07-20T06:00:00Z')), day('2026-07-01'));
  });

  it('missing days count as zero, and the last moment of a month leaves almost nothing to forecast', () => {
    const now = at('2026-06-30T23:59:00Z');
    const f = forecastMonth(dailyLookup([[day('2026-06-29'), 70]]), now);
    assert.equal(f.dailyAverage, 10);
    assert.ok(Math.abs(f.daysLeft - 60 / DAY_SECONDS) < 1e-9);
    assert.ok(Math.abs(f.projected - (70 + 10 * 60 / DAY_SECONDS)) < 1e-9);
  });
});
