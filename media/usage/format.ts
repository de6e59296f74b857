// Numbers and times as the panel shows them. Times are UTC: the API buckets on UTC boundaries, and a
// local-time label would put a day's usage under the wrong date.
import type { MetricInfo, Width } from '../../src/model/usage/types';

const full = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * `full`: every digit (tables, exports); `short`: figures and lists, where money keeps its cents
 * below 10,000; `axis`: chart ticks, always compact.
 */
export type Style = 'full' | 'short' | 'axis';

function money(value: number, currency: string | undefined, style: Style): string {
  const compactOn = style === 'axis' || (style === 'short' && Math.abs(value) >= 10_000);
  if (currency) {
    try {
      return new Intl.NumberFormat('en-US', {
        style: 'currency', currency: currency.toUpperCase(), ...(compactOn ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      }).format(value);
    } catch {
      // Not an ISO 4217 code: show the number with whatever the API called its currency.
    }
  }
  const n = compactOn ? compact.format(value) : value.toFixed(2);
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
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
}

/** A value with its unit: "$1,234.56", "1.2 GiB", "12,345". */
export function formatValue(metric: Pick<MetricInfo, 'unit'>, value: number, currency?: string, style: Style = 'full'): string {
  if (metric.unit === 'currency') return money(value, currency, style);
  if (metric.unit === 'bytes') return bytes(value);
  return style === 'full' ? full.format(value) : compact.format(value);
}

const DAY_FMT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const HOUR_FMT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const MINUTE_FMT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function bucketLabel(start: number, width: Width): string {
  const d = new Date(start * 1000);
  return (width === '1d' ? DAY_FMT : width === '1h' ? HOUR_FMT : MINUTE_FMT).format(d);
}

/** "Jun 1 – Jun 30, 2026 (UTC)" for the range shown. */
export function rangeLabel(start: number, end: number): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
  return `${f.format(new Date(start * 1000))} – ${f.format(new Date((end - 1) * 1000))} (UTC)`;
}
