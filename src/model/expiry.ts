/** API key expiry: how it reads in the explorer and the Project panel, and the lifetimes admins may choose. No `vscode` here. */

import * as l10n from '@vscode/l10n';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const YEAR = 365 * DAY;

/** Keys that expire within this many seconds are flagged, so there is time to rotate them. */
export const EXPIRING_SOON_SECONDS = 7 * DAY;

/** The API's limit on `expires_in_seconds` (project keys, service accounts and their keys): 365 days. */
export const MAX_EXPIRY_SECONDS = 31_536_000;
export const MAX_EXPIRY_DAYS = MAX_EXPIRY_SECONDS / DAY;

export type ExpiryState = 'never' | 'valid' | 'soon' | 'expired';

export interface Expiry {
  state: ExpiryState;
  /** "expires in 12 days", "expired 3 days ago", "never expires". */
  text: string;
}



/**
 * A duration in the one unit that matters for rotating a key: days (not weeks or months, so
 * "12 days" never reads as "1 week"), hours and minutes when under a day, years beyond one.
 * Rounded to the nearest unit, so a key just given 30 days reads "30 days", not "29 days"; a value
 * that rounds to a whole next unit says so ("1 hour", not "60 minutes").
 */
function span(seconds: number): string {
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 60) return Math.max(1, minutes) === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', minutes);
  const hours = Math.round(seconds / HOUR);
  if (hours < 24) return hours === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', hours);
  const days = Math.round(seconds / DAY);
  if (days < 365) return days === 1 ? l10n.t('1 day') : l10n.t('{0} days', days);
  const years = Math.round(seconds / YEAR);
  return years === 1 ? l10n.t('1 year') : l10n.t('{0} years', years);
}

/**
 * An API key's expiry as the tree, the commands and the Project panel all word it. `expiresAt` in
 * Unix seconds as the API gives it; null or absent means the key never expires. `soonSeconds` is
 * how close an expiry is flagged (`soon`).
 */
export function keyExpiry(expiresAt: number | null | undefined, nowMs = Date.now(), soonSeconds = EXPIRING_SOON_SECONDS): Expiry {
  if (expiresAt === null || expiresAt === undefined) return { state: 'never', text: l10n.t('never expires') };
  const left = expiresAt - nowMs / 1000;
  // A key is unusable from its expiry second on.
  if (left <= 0) return { state: 'expired', text: -left < MINUTE ? l10n.t('expired just now') : l10n.t('expired {0} ago', span(-left)) };
  const text = left < MINUTE ? l10n.t('expires in less than a minute') : l10n.t('expires in {0}', span(left));
  return { state: left <= soonSeconds ? 'soon' : 'valid', text };
}

/**
 * Days until a key expires, as typed in the commands' input box and the Project panel: a whole number
 * from 1 to 365 (what `expires_in_seconds` allows; the API counts from the save).
 */
export function checkExpiryDays(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return l10n.t('Enter the days until the key expires: a whole number from 1 to {0}.', MAX_EXPIRY_DAYS);
  const days = Number(t);
  if (days < 1) return l10n.t('A key must stay valid for at least 1 day.');
  if (days > MAX_EXPIRY_DAYS) return l10n.t('A key can expire at most {0} days from now: enter 1 to {0} days.', MAX_EXPIRY_DAYS);
  return undefined;
}

/** The API's `expires_in_seconds` for typed days (checked with checkExpiryDays). */
export function expiryDaysToSeconds(text: string): number {
  const problem = checkExpiryDays(text);
  if (problem) throw new RangeError(problem);
  return daysToSeconds(Number(text.trim()));
}

export function daysToSeconds(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) throw new RangeError(`${days} days is outside 1–${MAX_EXPIRY_DAYS}`);
  return days * DAY;
}
