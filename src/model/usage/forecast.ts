// The month-end forecast shared by the status bar item and the Usage & Costs chart: what has been
// spent this month so far plus the recent daily average for the rest of the month. Days are UTC
// days, the days the costs endpoint buckets on.

export const DAY_SECONDS = 86_400;

/** Days the daily average looks back over, ending with yesterday: today is not over yet. */
export const AVERAGE_DAYS = 7;

/** Midnight UTC of the day holding `t` (unix seconds). */
export function utcDay(t: number): number {
  return Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
}

/** Midnight UTC of the first day of the month holding `t`. */
export function monthStart(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** Midnight UTC of the first day of the month after the one holding `t`. */
export function nextMonthStart(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/** The first day whose cost a forecast at `now` reads: the month's first day or the first of the averaged days, whichever is earlier. */
export function forecastStart(now: number): number {
  return Math.min(monthStart(now), utcDay(now) - AVERAGE_DAYS * DAY_SECONDS);
}

export interface Forecast {
  /** Cost from the month's first day to now (today so far included). */
  monthToDate: number;
  /** Mean cost of the last AVERAGE_DAYS complete days (a day with no cost counts as zero). */
  dailyAverage: number;
  /** What is left of the month, in days: the rest of today plus each later day (fractional). */
  daysLeft: number;
  /** monthToDate + dailyAverage × daysLeft. */
  projected: number;
  /** The month: [start, end) in unix seconds. */
  month: { start: number; end: number };
}

/**
 * The forecast at `now` from daily costs (`cost(dayStart)` gives one UTC day's cost; days the API
 * reported nothing for are zero). Days before the month count only towards the average, so on the
 * 2nd of a month the average still covers a full week.
 */
export function forecastMonth(cost: (dayStart: number) => number, now: number): Forecast {
  const today = utcDay(now);
  const start = monthStart(now);
  const end = nextMonthStart(now);
  let monthToDate = 0;
  for (let d = start; d <= today; d += DAY_SECONDS) monthToDate += cost(d);
  let recent = 0;
  for (let i = 1; i <= AVERAGE_DAYS; i++) recent += cost(today - i * DAY_SECONDS);
  const dailyAverage = recent / AVERAGE_DAYS;
  const daysLeft = Math.max(0, (end - now) / DAY_SECONDS);
  return { monthToDate, dailyAverage, daysLeft, projected: monthToDate + dailyAverage * daysLeft, month: { start, end } };
}

/** A daily cost lookup from day starts and amounts (several entries for one day add up). */
export function dailyLookup(entries: Iterable<readonly [number, number]>): (dayStart: number) => number {
  const byDay = new Map<number, number>();
  for (const [t, amount] of entries) {
    const day = utcDay(t);
    byDay.set(day, (byDay.get(day) ?? 0) + amount);
  }
  return (day) => byDay.get(day) ?? 0;
}
