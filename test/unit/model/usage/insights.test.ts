// The costs view's anomalies and forecast: computed from a query reaching 14 days before the range,
// reported only inside the range, the forecast only when the range reaches today; and the whole
// thing through the dashboard against the fake (one extra query, the spend limit from the store).
import assert from 'node:assert/strict';
import { OrgStore } from '../../../../src/model/store';
import { ENDPOINTS } from '../../../../src/model/usage/catalogue';
import { UsageDashboard } from '../../../../src/model/usage/dashboard';
import { costInsights, insightsRange } from '../../../../src/model/usage/insights';
import { resolveRange } from '../../../../src/model/usage/range';
import { shape } from '../../../../src/model/usage/shape';
import type { RawBucket } from '../../../../src/model/usage/catalogue';
import type { Selection } from '../../../../src/model/usage/types';
import { close, CLOCK_MS, rawBuckets, rawSum, useUsageFake } from '../usageHelpers';

const DAY = 86_400;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const selection: Selection = { kind: 'costs', metric: 'amount', range: { preset: '7d' }, width: '1d', groupBy: ['project_id'], filters: {}, chart: 'bar' };

/** Daily costs by project from `start`, one array of amounts per project. */
function viewOf(start: number, projects: Record<string, number[]>, end: number) {
  const buckets: RawBucket[] = [];
  for (let t = start; t < end; t += DAY) {
    const i = (t - start) / DAY;
    buckets.push({ start_time: t, end_time: t + DAY, results: Object.entries(projects).filter(([, v]) => v[i]).map(([project_id, v]) => ({ project_id, amount: { value: v[i]!, currency: 'usd' } })) });
  }
  return shape(ENDPOINTS.costs, buckets, { selection, range: { start, end } });
}

describe('usage model: cost insights for the costs view', function () {
  this.timeout(30_000);

  it('anomalies inside the range only, judged on history from before it; the forecast when the range reaches today', () => {
    const now = day('2026-06-20') + 6 * 3600;
    const range = { start: day('2026-06-14'), end: day('2026-06-21') };
    const wide = insightsRange(range, now);
    assert.deepEqual(wide, { start: day('2026-05-31'), end: range.end }, '14 days before the range, and the month from its first day');
    const days = (wide.end - wide.start) / DAY;
    // proj_a: 10 a day, spikes on May 31+10 = June 10 (before the range: history only) and June 16.
    const a = Array.from({ length: days }, (_, i): number => (i === 10 || i === 16 ? 100 : 10));
    // proj_b: a gap (no costs at all) from June 12 on, then 30 on June 18.
    const b = Array.from({ length: days }, (_, i): number => (i >= 12 && i !== 18 ? 0 : 4));
    b[18] = 30;
    const view = viewOf(wide.start, { proj_a: a, proj_b: b }, wide.end);
    const ins = costInsights(view, range, now, 5, 500);
    assert.deepEqual(ins.anomalies.map((x) => [x.projectId, new Date(x.day * 1000).toISOString().slice(0, 10), x.amount, x.factor]),
      [['proj_a', '2026-06-16', 100, 10], ['proj_b', '2026-06-18', 30, 7.5]]);

    const f = ins.forecast!;
    assert.equal(f.days.length, 30);
    assert.equal(f.days[0], day('2026-06-01'));
    const mtd = a.slice(1).reduce((s, v) => s + v, 0) + b.slice(1).reduce((s, v) => s + v, 0);
    assert.equal(f.monthToDate, mtd);
    assert.equal(f.cumulative[19], mtd, 'June 20 (today) ends the actual line');
    assert.equal(f.cumulative[20], null);
    assert.equal(f.projected[18], null);
    assert.equal(f.projected[19], mtd, 'the dashed line starts where the actual one ends');
    assert.equal(f.projected[29], f.forecast);
    const average = (a.slice(13, 20).reduce((s, v) => s + v, 0) + b.slice(13, 20).reduce((s, v) => s + v, 0)) / 7;
    assert.equal(f.dailyAverage, average);
    assert.ok(Math.abs(f.forecast - (mtd + average * (10 + 18 / 24))) < 1e-9);
    assert.equal(f.limit, 500);

    const past = costInsights(view, { start: day('2026-06-01'), end: day('2026-06-15') }, now, 5, 500);
    assert.equal(past.forecast, null, 'a range that ends before today has no forecast');
    assert.deepEqual(past.anomalies.map((x) => x.day), [day('2026-06-10')]);
  });

  describe('through the dashboard (fake Admin API)', () => {
    const { fake, client } = useUsageFake({ seed: 5 });
    const now = CLOCK_MS / 1000;

    it('a costs load carries the forecast with the organization\'s spend limit; other kinds carry none', async () => {
      fake().state.org.spendLimit = { threshold_amount: 123_400, currency: 'USD', interval: 'month', status: 'enforcing' };
      const d = new UsageDashboard(async () => client(), new OrgStore(async () => client()), { clock: () => CLOCK_MS });
      const data = await d.load({ kind: 'costs', range: { preset: '7d' }, groupBy: ['project_id'] }, new AbortController().signal, { sensitivity: 5 });
      const ins = data.insights!;
      assert.equal(ins.error, undefined);
      assert.equal(ins.sensitivity, 5);
      assert.equal(ins.forecast!.limit, 1234);
      const month = await rawBuckets(fake(), 'costs', { start_time: day('2026-06-01'), end_time: day('2026-06-16'), limit: 31 });
      assert.ok(close(ins.forecast!.monthToDate, rawSum(month, 'amount')));
      const range = resolveRange({ preset: '7d' }, '1d', now);
      assert.ok(ins.anomalies.every((a) => a.day >= range.start && a.day < range.end && a.amount > a.median));
      const usage = await d.load({ kind: 'completions', range: { preset: '7d' } }, new AbortController().signal);
      assert.equal(usage.insights, undefined);
      // Filtered costs are not the organization's: no limit line.
      const pid = fake().state.projects.values()[0]!.id;
      const filtered = await d.load({ kind: 'costs', range: { preset: '7d' }, filters: { project_ids: [pid] } }, new AbortController().signal);
      assert.equal(filtered.insights!.forecast!.limit, null);
    });

    it('a spike put into the fake\'s costs (POST /__fake/cost-spikes) is found on its project and day, with its factor', async () => {
      const d = new UsageDashboard(async () => client(), new OrgStore(async () => client()), { clock: () => CLOCK_MS });
      const before = await d.load({ kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'] }, new AbortController().signal);
      const top = before.view.series[0]!.group.project_id!;
      const spikeDay = day('2026-06-10');
      assert.ok(!before.insights!.anomalies.some((a) => a.projectId === top && a.day === spikeDay));
      const res = await fetch(`${fake().url.replace(/\/v1$/, '')}/__fake/cost-spikes`, { method: 'POST', body: JSON.stringify({ project_id: top, day: '2026-06-10', factor: 20 }) });
      assert.equal(res.status, 200);
      try {
        const after = await d.load({ kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'] }, new AbortController().signal, { fresh: true });
        const found = after.insights!.anomalies.find((a) => a.projectId === top && a.day === spikeDay);
        assert.ok(found, JSON.stringify(after.insights!.anomalies));
        assert.ok(found.factor! > 10);
        assert.ok(close(found.amount, after.view.series.find((s) => s.group.project_id === top)!.values.amount![after.view.buckets.indexOf(spikeDay)]!));
      } finally {
        fake().state.costSpikes.clear();
      }
    });
  });
});
