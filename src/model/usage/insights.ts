// The costs view's anomalies and month forecast, computed from one daily costs query grouped by
// project that reaches back far enough for both: 14 days before the range (each day's history) and
// to the first day the forecast reads.
import { findAnomalies, WINDOW } from './anomalies';
import { DAY_SECONDS, forecastMonth, forecastStart, monthStart, utcDay } from './forecast';
import { formatDay, type TimeRange } from './range';
import type { CostForecast, CostInsights, Selection, UsageView } from './types';

/** Costs by amount, one day per bucket: the only view anomalies and the forecast are drawn on. */
export function wantsInsights(selection: Selection): boolean {
  return selection.kind === 'costs' && selection.metric === 'amount' && selection.width === '1d';
}

/** The range the insights query covers for a view of `range` at `now`. */
export function insightsRange(range: TimeRange, now: number): TimeRange {
  return { start: Math.min(range.start - WINDOW * DAY_SECONDS, forecastStart(now)), end: range.end };
}

/**
 * `context` is the insights query shaped daily by project over insightsRange(range, now). Anomalies
 * are reported for days within `range`; the forecast is given when `range` reaches today.
 */
export function costInsights(context: UsageView, range: TimeRange, now: number, sensitivity: number, limit: number | null): CostInsights {
  const offset = Math.round((range.start - context.start) / DAY_SECONDS);
  const found = findAnomalies(context.series.map((s) => ({ key: s.key, values: s.values.amount ?? [] })), sensitivity, Math.max(0, offset));
  const byKey = new Map(context.series.map((s) => [s.key, s]));
  const anomalies = found
    .filter((a) => context.buckets[a.index]! < range.end)
    .map((a) => {
      const s = byKey.get(a.key)!;
      return { projectId: s.group.project_id ?? null, label: s.label, day: context.buckets[a.index]!, amount: a.amount, median: a.median, factor: a.factor };
    });
  return { sensitivity, anomalies, forecast: range.start <= now && now < range.end ? monthForecast(context, now, limit) : null };
}

function monthForecast(context: UsageView, now: number, limit: number | null): CostForecast {
  const perDay = new Map<number, number>();
  context.buckets.forEach((t, i) => perDay.set(t, context.series.reduce((sum, s) => sum + (s.values.amount?.[i] ?? 0), 0)));
  const f = forecastMonth((d) => perDay.get(d) ?? 0, now);
  const today = utcDay(now);
  const days: number[] = [];
  for (let d = f.month.start; d < f.month.end; d += DAY_SECONDS) days.push(d);
  let running = 0;
  const cumulative = days.map((d) => (d > today ? null : (running += perDay.get(d) ?? 0)));
  const projected = days.map((d) => {
    if (d < today) return null;
    // Starts where the actual line ends (now), so the dashed line continues it.
    if (d === today) return f.monthToDate;
    // Through the end of day d: today's rest and each later day at the average.
    const left = Math.min(d + DAY_SECONDS, f.month.end) - now;
    return f.monthToDate + f.dailyAverage * (left / DAY_SECONDS);
  });
  return { days, cumulative, projected, monthToDate: f.monthToDate, dailyAverage: f.dailyAverage, forecast: f.projected, limit };
}

/** Costs by project, daily, from the first of the month holding `now` to its day (UTC): "this month". */
export function thisMonthSelection(now: number): Partial<Selection> {
  return {
    kind: 'costs', metric: 'amount', width: '1d', groupBy: ['project_id'], filters: {},
    range: { preset: 'custom', from: formatDay(monthStart(now)), to: formatDay(utcDay(now)) },
  };
}
