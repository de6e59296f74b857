// A Project panel's unsaved edits kept by the host after the panel closes (workspace state, keyed by
// project), so reopening the project can offer them back. A draft holds names, limits, model ids,
// expiries and scopes the admin typed — never a key or a secret — and is checked again when read,
// since workspace state outlives the code that wrote it.
import type { PanelDraft } from './draft';

export interface StoredDraft {
  /** When the draft was last changed, ms since the epoch. */
  savedAt: number;
  draft: PanelDraft;
}

/** A bigger draft is not kept (no panel edit comes near it: it would be thousands of rate-limit rows). */
export const MAX_STORED_DRAFT_CHARS = 200_000;

const DRAFT_KEYS = new Set(['name', 'rateLimits', 'policy', 'tools', 'retention', 'serviceTier', 'apiKeys']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The draft's shape as far as the host can tell without the data it was made against; undefined when it is not one. */
export function asPanelDraft(value: unknown): PanelDraft | undefined {
  if (!isObject(value) || !isObject(value.rateLimits)) return undefined;
  if (Object.keys(value).some((k) => !DRAFT_KEYS.has(k))) return undefined;
  if (value.name !== undefined && typeof value.name !== 'string') return undefined;
  for (const k of ['policy', 'tools', 'retention', 'serviceTier', 'apiKeys']) if (value[k] !== undefined && !isObject(value[k])) return undefined;
  if (JSON.stringify(value).length > MAX_STORED_DRAFT_CHARS) return undefined;
  return value as unknown as PanelDraft;
}

/** Whether a draft holds any edit at all (the webview counts what differs from the server; this only looks at the draft). */
export function hasEdits(draft: PanelDraft | undefined): boolean {
  if (!draft) return false;
  return draft.name !== undefined || Object.keys(draft.rateLimits).length > 0
    || [draft.policy, draft.tools, draft.retention, draft.serviceTier].some((d) => d !== undefined)
    || Object.keys(draft.apiKeys ?? {}).length > 0;
}

export function asStoredDraft(value: unknown): StoredDraft | undefined {
  if (!isObject(value) || typeof value.savedAt !== 'number' || !Number.isFinite(value.savedAt)) return undefined;
  const draft = asPanelDraft(value.draft);
  return draft && hasEdits(draft) ? { savedAt: value.savedAt, draft } : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" today, "2026-12-06 14:05" on another day (local time: it is the admin's own clock). */
export function savedAtLabel(savedAt: number, now = Date.now()): string {
  const at = new Date(savedAt);
  const today = new Date(now);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}
