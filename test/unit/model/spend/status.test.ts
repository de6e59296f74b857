// The status bar's figures: month to date and top projects from the fake's costs (one request),
// names from the store, and the warning when the forecast passes the limit or an alert is crossed.
import assert from 'node:assert/strict';
import type { RawBucket } from '../../../../src/model/usage/catalogue';
import { formatMoney, loadSpendStatus, readSpendBuckets, spendStatus, spendQuery } from '../../../../src/model/spend/status';
import { listRef, OrgStore } from '../../../../src/model/store';
import { close, rawBuckets, rawSum, useUsageFake, FAKE_NOW } from '../usageHelpers';

const DAY = 86_400;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const bucket = (start: number, results: Array<[string, number]>): RawBucket => ({
  start_time: start, end_time: start + DAY,
  results: results.map(([project_id, value]) => ({ object: 'organization.costs.result', project_id, amount: { value, currency: 'usd' } })),
});
const names = (id: string) => ({ proj_a: 'Alpha', proj_b: 'Beta' } as Record<string, string>)[id];

describe('spend model: the status bar figures', function () {
  this.timeout(30_000);

  describe('from buckets', () => {
    // June 20, noon: 10.5 days left; June 13–19 averaged.
    const now = day('2026-06-20') + DAY / 2;
    const buckets = [
      bucket(day('2026-05-31'), [['proj_a', 1000]]), // May: neither month to date nor averaged
      ...Array.from({ length: 19 }, (_, i) => bucket(day('2026-06-01') + i * DAY, [['proj_a', 6], ['proj_b', 3], ['proj_c', 1]])),
      bucket(day('2026-06-20'), [['proj_a', 2], ['proj_d', 0.5]]),
    ];

    it('month to date, the three costliest projects named from the store (ids when unknown), and the forecast', () => {
      const s = spendStatus(buckets, now, { alertCents: [], projectName: names });
      assert.equal(s.monthToDate, 19 * 10 + 2.5);
      assert.equal(s.currency, 'USD');
      assert.deepEqual(s.topProjects.map((p) => [p.name, p.amount]), [['Alpha', 19 * 6 + 2], ['Beta', 57], ['proj_c', 19]]);
      assert.equal(s.forecast.dailyAverage, 10);
      assert.equal(s.forecast.projected, 192.5 + 10 * 10.5);
      assert.equal(s.limit, null);
      assert.deepEqual(s.warnings, []);
    });

    it('warns when the forecast exceeds the spend limit (cents), not when it stays below', () => {
      const over = spendStatus(buckets, now, { limitCents: 29_000, alertCents: [], projectName: names });
      assert.equal(over.limit, 290);
      assert.deepEqual(over.warnings, [{ kind: 'forecastOverLimit', forecast: 297.5, limit: 290 }]);
      assert.deepEqual(spendStatus(buckets, now, { limitCents: 30_000, alertCents: [], projectName: names }).warnings, []);
    });

    it('warns when month to date has reached an alert threshold (the highest one crossed is named)', () => {
      const s = spendStatus(buckets, now, { alertCents: [10_000, 19_250, 50_000], projectName: names });
      assert.deepEqual(s.warnings, [{ kind: 'alertCrossed', threshold: 192.5 }]);
      assert.deepEqual(spendStatus(buckets, now, { alertCents: [19_300], projectName: names }).warnings, []);
    });
  });

  it('money in the display language: "$1,284" in English, "1.284 $" in German, a plain number for an unknown currency', () => {
    assert.equal(formatMoney(1284.4, 'USD', 'en', 0), '$1,284');
    assert.equal(formatMoney(1284.4, 'USD', 'de', 0).replace(/\s/g, ' '), '1.284 $');
    assert.equal(formatMoney(12.5, 'USD', 'en', 2), '$12.50');
    assert.equal(formatMoney(3, 'not a code', 'en', 2), '3.00 not a code');
  });

  describe('against the fake Admin API', () => {
    const { fake, client } = useUsageFake({ seed: 3 });
    // Ten hours into the fake's June 15.
    const now = FAKE_NOW + 10 * 3600;

    it('one daily query by project covers the month and the averaged week; its month to date is the fake\'s', async () => {
      const query = spendQuery(now);
      assert.deepEqual([query.start_time, query.end_time], [day('2026-06-01'), day('2026-06-16')]);
      fake().resetStats();
      const buckets = await readSpendBuckets(client(), now);
      assert.equal(fake().requests.filter((r) => r.path.includes('/organization/costs')).length, 1);
      const s = spendStatus(buckets, now, { alertCents: [], projectName: (id) => fake().state.projects.get(id)?.name });
      const raw = await rawBuckets(fake(), 'costs', { start_time: day('2026-06-01'), end_time: day('2026-06-16'), limit: 31 });
      assert.ok(s.monthToDate > 0);
      assert.ok(close(s.monthToDate, rawSum(raw, 'amount')));
      assert.equal(s.topProjects.length, 3);
      assert.ok(s.topProjects.every((p) => p.name === fake().state.projects.get(p.id)!.name));
    });

    it('names the top projects without paging through the project list (at most one read per project), and takes the limit and alerts from the store', async () => {
      fake().state.org.spendLimit = { threshold_amount: 5_000, currency: 'USD', interval: 'month', status: 'enforcing' };
      const store = new OrgStore(async () => client());
      fake().resetStats();
      const s = await loadSpendStatus(async () => client(), store, now);
      assert.equal(s.limit, 50);
      assert.ok(s.topProjects.every((p) => p.name === fake().state.projects.get(p.id)!.name));
      assert.equal(store.peek(listRef('projects')), undefined, 'the Projects list is left to the explorer');
      const paths = fake().requests.map((r) => r.path);
      assert.ok(paths.filter((p) => /\/organization\/projects\/[^/]+$/.test(p)).length <= 3, paths.join('\n'));
      assert.ok(!paths.some((p) => p.endsWith('/organization/projects')), 'the project list is not read');
    });
  });
});
