// What the spend status bar item shows, computed from the costs endpoint and the org store's spend
// settings: this month's cost so far, the projects that cost most, the month-end forecast, and
// whether any of that deserves a warning colour.
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import { listRef, type OrgStore } from '../store';
import { UsageNames } from '../usage/attribution';
import type { RawBucket } from '../usage/catalogue';
import { DAY_SECONDS, forecastMonth, forecastStart, monthStart, utcDay, type Forecast } from '../usage/forecast';

export const TOP_PROJECTS = 3;

export interface ProjectCost {
  id: string;
  /** The project's name, or its id when the store does not know it. */
  name: string;
  amount: number;
}

export type SpendWarning =
  /** The forecast for the month's end exceeds the organization's spend limit. */
  | { kind: 'forecastOverLimit'; forecast: number; limit: number }
  /** This month's cost so far has reached an organization spend alert's threshold. */
  | { kind: 'alertCrossed'; threshold: number };

export interface SpendStatus {
  monthToDate: number;
  /** The currency of the costs, upper case (USD). */
  currency: string;
  forecast: Forecast;
  topProjects: ProjectCost[];
  /** The organization's spend limit in currency units, null when none is set. */
  limit: number | null;
  /** Every reason for the warning colour; empty when there is none. */
  warnings: SpendWarning[];
}

export interface SpendSettings {
  /** threshold_amount of the organization's spend limit, in cents; undefined when none is set. */
  limitCents?: number;
  /** threshold_amount of each organization spend alert, in cents. */
  alertCents: readonly number[];
  /** A project's name by id (from the store), undefined when unknown. */
  projectName(id: string): string | undefined;
}

/** The costs query the status reads at `now`: daily, by project, from forecastStart to the end of today. */
export function spendQuery(now: number): Record<string, unknown> {
  const start = forecastStart(now);
  const end = utcDay(now) + DAY_SECONDS;
  return { start_time: start, end_time: end, bucket_width: '1d', group_by: ['project_id'], limit: Math.ceil((end - start) / DAY_SECONDS) };
}

/** Every bucket of the status's costs query (one request: at most 38 daily buckets fit a page). */
export async function readSpendBuckets(client: AdminClient, now: number, signal?: AbortSignal): Promise<RawBucket[]> {
  const out: RawBucket[] = [];
  for await (const b of client.costs.iterate(spendQuery(now) as never, { signal })) out.push(b as unknown as RawBucket);
  return out;
}

function amountOf(result: Record<string, unknown>): { value: number; currency?: string } {
  const amount = result.amount as { value?: unknown; currency?: unknown } | null | undefined;
  const value = typeof amount?.value === 'number' && Number.isFinite(amount.value) ? amount.value : 0;
  return { value, ...(typeof amount?.currency === 'string' && amount.currency ? { currency: amount.currency } : {}) };
}

export function spendStatus(buckets: readonly RawBucket[], now: number, settings: SpendSettings): SpendStatus {
  const month = monthStart(now);
  const byDay = new Map<number, number>();
  const byProject = new Map<string, number>();
  let currency: string | undefined;
  for (const b of buckets) {
    const day = utcDay(b.start_time);
    if (day > now) continue;
    for (const r of b.results ?? []) {
      const { value, currency: c } = amountOf(r);
      currency ??= c;
      byDay.set(day, (byDay.get(day) ?? 0) + value);
      if (day >= month) {
        const id = typeof r.project_id === 'string' && r.project_id ? r.project_id : '';
        byProject.set(id, (byProject.get(id) ?? 0) + value);
      }
    }
  }
  const forecast = forecastMonth((d) => byDay.get(d) ?? 0, now);
  const topProjects = [...byProject]
    .filter(([, amount]) => amount > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_PROJECTS)
    .map(([id, amount]) => ({ id, name: id ? settings.projectName(id) ?? id : l10n.t('(no project)'), amount }));
  const limit = settings.limitCents === undefined ? null : settings.limitCents / 100;
  const warnings: SpendWarning[] = [];
  if (limit !== null && forecast.projected > limit) warnings.push({ kind: 'forecastOverLimit', forecast: forecast.projected, limit });
  const crossed = settings.alertCents.map((c) => c / 100).filter((t) => forecast.monthToDate >= t);
  if (crossed.length) warnings.push({ kind: 'alertCrossed', threshold: Math.max(...crossed) });
  return { monthToDate: forecast.monthToDate, currency: (currency ?? 'usd').toUpperCase(), forecast, topProjects, limit, warnings };
}

/**
 * The status at `now`: the costs query, the organization's spend limit and alerts from the store,
 * and the top projects' names through the store. The limit and the alerts are read again when the
 * store's copy is older than `maxAgeMs` (someone may have changed them elsewhere since); a change
 * made in this window is in the store already.
 */
export async function loadSpendStatus(client: () => Promise<AdminClient>, store: OrgStore, now: number, { signal, maxAgeMs = Infinity, clock = Date.now }: { signal?: AbortSignal; maxAgeMs?: number; clock?: () => number } = {}): Promise<SpendStatus> {
  for (const resource of ['spendLimit', 'spendAlerts'] as const) {
    const read = store.readAt([listRef(resource)]);
    if (read !== undefined && clock() - read >= maxAgeMs) store.invalidate(resource);
  }
  const [buckets, limit, alerts] = await Promise.all([
    client().then((c) => readSpendBuckets(c, now, signal)),
    store.loadAll(listRef('spendLimit'), signal),
    store.loadAll(listRef('spendAlerts'), signal),
  ]);
  const settings = { limitCents: limit[0]?.threshold_amount, alertCents: alerts.map((a) => a.threshold_amount) };
  const first = spendStatus(buckets, now, { ...settings, projectName: () => undefined });
  const ids = first.topProjects.map((p) => p.id).filter(Boolean);
  if (!ids.length) return first;
  // Names the store holds already; the (at most three) others are read one by one. Loading the
  // whole project list instead would page through every project of a large organization and
  // fill the explorer's Projects folder behind its "Load more…" (BENCHMARKS.md fig. 4).
  const names: Record<string, string> = { ...new UsageNames(store).known({ project_id: ids, user_id: [], api_key_id: [], keyProjects: {} }).project_id };
  const c = await client();
  await Promise.all(ids.filter((id) => names[id] === undefined).map(async (id) => {
    try {
      const p = await c.projects.retrieve(id, { signal });
      if (p.name) names[id] = p.name;
    } catch {
      // A project that cannot be read keeps its id; the figures still show.
    }
  }));
  return spendStatus(buckets, now, { ...settings, projectName: (id) => names[id] });
}

/** "$1,284" in the display language; the currency's own symbol for other currencies. */
export function formatMoney(value: number, currency: string, locale: string, digits: number): string {
  const options: Intl.NumberFormatOptions = { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits };
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    // An unknown locale or currency code: still a number people can read.
    return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${currency}`;
  }
}
