/** Short human forms of API values, shared by the tree, quick picks and panels. */

import * as l10n from '@vscode/l10n';
import { displayLocale } from './locale';

const UNITS: Array<[number, Intl.RelativeTimeFormatUnit]> = [
  [365 * 86400, 'year'], [30 * 86400, 'month'], [7 * 86400, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute'],
];

/** "3 days ago", "just now", "in 2 hours" in the display language; `unixSeconds` as the API gives times. */
export function relativeTime(unixSeconds: number | null | undefined, nowMs = Date.now()): string {
  if (unixSeconds === null || unixSeconds === undefined) return l10n.t('never');
  const delta = Math.round(nowMs / 1000 - unixSeconds);
  const abs = Math.abs(delta);
  for (const [size, unit] of UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return new Intl.RelativeTimeFormat(displayLocale(), { numeric: 'always' }).format(delta >= 0 ? -n : n, unit);
    }
  }
  return l10n.t('just now');
}

/** ISO date (UTC) for tooltips: "2026-11-28 10:15 UTC". */
export function isoDate(unixSeconds: number | null | undefined): string {
  if (unixSeconds === null || unixSeconds === undefined) return '—';
  const date = new Date(unixSeconds * 1000);
  // Beyond what Date can hold (±8.64e12 s) toISOString throws; one odd timestamp must not fail a whole folder.
  if (Number.isNaN(date.getTime())) return String(unixSeconds);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function thousands(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString(displayLocale());
}

/** "gpt-4o: 10,000 RPM" style abbreviations for rate-limit fields. */
export const RATE_LIMIT_FIELDS = [
  ['max_requests_per_1_minute', 'RPM', 'Requests per minute'],
  ['max_tokens_per_1_minute', 'TPM', 'Tokens per minute'],
  ['max_images_per_1_minute', 'IPM', 'Images per minute'],
  ['max_audio_megabytes_per_1_minute', 'MB/min', 'Audio megabytes per minute'],
  ['max_requests_per_1_day', 'RPD', 'Requests per day'],
  ['batch_1_day_max_input_tokens', 'batch TPD', 'Batch input tokens per day'],
] as const;

export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number][0];

export const HOSTED_TOOLS = [
  ['code_interpreter', 'Code interpreter'],
  ['file_search', 'File search'],
  ['image_generation', 'Image generation'],
  ['mcp', 'MCP'],
  ['web_search', 'Web search'],
] as const;

export type HostedTool = (typeof HOSTED_TOOLS)[number][0];

/** The spend endpoints count in cents; people read and type whole dollars. */
export const toCents = (dollars: number): number => Math.round(dollars * 100);
export const fromCents = (cents: number): number => cents / 100;

/** "$1,500.00" (in English; "1.500,00 $" in German) for an amount in the currency's main unit. */
export function money(amount: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat(displayLocale(), { style: 'currency', currency: currency.toUpperCase() }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "$1,500" for whole dollars, "$12.50" otherwise, in the display language: spend limits and alerts. */
export function dollars(amount: number): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  return new Intl.NumberFormat(displayLocale(), { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
}

export function humanize(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ') : '—';
}
