// Numbers and times as the panel shows them, in the display language (src/model/locale.ts, set from
// the page before anything here runs). Times are UTC: the API buckets on UTC boundaries, and a
// local-time label would put a day's usage under the wrong date.
import * as l10n from '@vscode/l10n';
import { displayLocale } from '../../src/model/locale';
import type { MetricInfo, Width } from '../../src/model/usage/types';

/**
 * `full`: every digit (tables, exports); `short`: figures and lists, where money keeps its cents
 * below 10,000; `axis`: chart ticks, always compact.
 */
export type Style = 'full' | 'short' | 'axis';

/** The formatters, made once per language: the chart table formats thousands of cells. */
function formatters(locale: string | undefined) {
  const utc = { timeZone: 'UTC' } as const;
  return {
    locale,
    full: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
    compact: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
    // Without grouping, as toFixed wrote them: "1234.50", "1023.9".
    twoDigits: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
    oneDigit: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
    plain: new Intl.NumberFormat(locale, { maximumFractionDigits: 20, useGrouping: false }),
    day: new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric' }),
    hour: new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    minute: new Intl.DateTimeFormat(locale, { ...utc, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    date: new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric', year: 'numeric' }),
  };
}

let cached: ReturnType<typeof formatters> | undefined;
function fmt(): ReturnType<typeof formatters> {
  const locale = displayLocale();
  if (!cached || cached.locale !== locale) cached = formatters(locale);
  return cached;
}

function money(value: number, currency: string | undefined, style: Style): string {
  const compactOn = style === 'axis' || (style === 'short' && Math.abs(value) >= 10_000);
  if (currency) {
    try {
      return new Intl.NumberFormat(displayLocale(), {
        style: 'currency', currency: currency.toUpperCase(), ...(compactOn ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      }).format(value);
    } catch {
      // Not an ISO 4217 code: show the number with whatever the API called its currency.
    }
  }
  const n = compactOn ? fmt().compact.format(value) : fmt().twoDigits.format(value);
  return currency ? `${n} ${currency}` : n;
}

function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${(i ? fmt().oneDigit : fmt().plain).format(v)} ${units[i]}`;
}

/** A value with its unit: "$1,234.56", "1.2 GiB", "12,345". */
export function formatValue(metric: Pick<MetricInfo, 'unit'>, value: number, currency?: string, style: Style = 'full'): string {
  if (metric.unit === 'currency') return money(value, currency, style);
  if (metric.unit === 'bytes') return bytes(value);
  return style === 'full' ? fmt().full.format(value) : fmt().compact.format(value);
}

export function bucketLabel(start: number, width: Width): string {
  const f = fmt();
  return (width === '1d' ? f.day : width === '1h' ? f.hour : f.minute).format(new Date(start * 1000));
}

/** "Jun 1 – Jun 30, 2026 (UTC)" for the range shown. */
export function rangeLabel(start: number, end: number): string {
  const { date } = fmt();
  return l10n.t('{0} – {1} (UTC)', date.format(new Date(start * 1000)), date.format(new Date((end - 1) * 1000)));
}

/** "6.0": how many times its median an anomaly cost. */
export function factorText(factor: number): string {
  return fmt().oneDigit.format(factor);
}
