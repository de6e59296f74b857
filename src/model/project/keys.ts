// Which API keys an admin should look at: those nobody has used for a while. A key that was never
// used counts from its creation (a key made 200 days ago and never used is as idle as one last used
// then). Import-free so the webview highlights with the same rule the tests check.
import type { ApiKeyRow } from './types';

export const DEFAULT_UNUSED_KEY_DAYS = 90;
const DAY = 86_400;

/** Whole days since the key was last used (or created, if never used); 0 for a time in the future. */
export function idleDays(key: Pick<ApiKeyRow, 'createdAt' | 'lastUsedAt'>, nowSeconds: number): number {
  const since = key.lastUsedAt ?? key.createdAt;
  return Math.max(0, Math.floor((nowSeconds - since) / DAY));
}

/** True when the key has been idle for more than `days` days. `days` ≤ 0 turns highlighting off. */
export function isUnusedKey(key: Pick<ApiKeyRow, 'createdAt' | 'lastUsedAt'>, days: number, nowSeconds: number): boolean {
  return days > 0 && idleDays(key, nowSeconds) > days;
}

/** A setting's value as a day count: whole, 0 or more, else the default. */
export function unusedKeyDays(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_UNUSED_KEY_DAYS;
}
