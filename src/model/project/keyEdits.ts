// The Project panel's API key edits: a new expiry (days from saving) and new scopes per key. The
// webview keeps the edits as typed (a KeyDraft per key, in the panel's draft); what they would send,
// whether they are valid, and whether a key changed on the server since editing started are decided
// here, without `vscode` or API calls, for the webview, the host and the unit tests alike.
import * as l10n from '@vscode/l10n';
import { checkExpiryDays, expiryDaysToSeconds, keyExpiry } from '../expiry';
import { splitList } from '../inputs';
import { checkScopes } from '../scopes';
import type { ApiKeyRow } from './types';

export interface KeyDraft {
  /** Days from saving until the key expires, as typed (undefined: the expiry is not edited). */
  expiryDays?: string;
  /** New scope restrictions (undefined: not edited). Unrestricted sends [] (the owner's permissions apply). */
  scopes?: { restrict: boolean; text: string };
  /** The key's expiry when editing started. */
  before: { expiresAt: number | null };
}

export type KeyDrafts = Record<string, KeyDraft>;

/** The API's update body (at least one field). */
export interface ApiKeyBody {
  scopes?: string[];
  expires_in_seconds?: number;
}

/** One key to update, as the webview sends it to the host. */
export interface ApiKeyChange {
  id: string;
  /** For messages. */
  name: string;
  body: ApiKeyBody;
  before: { expiresAt: number | null };
}

export interface KeyProblem {
  id: string;
  name: string;
  message: string;
}

/** A key as messages name it: its name and redacted value (service accounts' keys often share a name). */
export const keyName = (k: Pick<ApiKeyRow, 'name' | 'redacted' | 'id'>) => (k.name && k.redacted ? `${k.name} (${k.redacted})` : k.name || k.redacted || k.id);

/** Why this key's edit cannot be saved, if it cannot. */
export function keyEditProblem(key: ApiKeyRow | undefined, edit: KeyDraft, nowSeconds: number): string | undefined {
  if (!key) return l10n.t('This key is no longer in the project.');
  if (keyExpiry(key.expiresAt, nowSeconds * 1000).state === 'expired') return l10n.t('This key has expired; an expired key cannot be changed.');
  if (edit.expiryDays !== undefined) {
    const p = checkExpiryDays(edit.expiryDays);
    if (p) return p;
  }
  if (edit.scopes?.restrict) return checkScopes(edit.scopes.text);
  return undefined;
}

/** What the edit sends; empty when nothing is edited. */
export function keyBody(edit: KeyDraft): ApiKeyBody {
  return {
    ...(edit.scopes ? { scopes: edit.scopes.restrict ? splitList(edit.scopes.text) : [] } : {}),
    ...(edit.expiryDays !== undefined ? { expires_in_seconds: expiryDaysToSeconds(edit.expiryDays) } : {}),
  };
}

/** The keys the draft would update, and the edits that cannot be saved as they are. */
export function diffApiKeys(keys: readonly ApiKeyRow[], drafts: KeyDrafts, nowSeconds: number): { changes: ApiKeyChange[]; problems: KeyProblem[] } {
  const changes: ApiKeyChange[] = [];
  const problems: KeyProblem[] = [];
  for (const [id, edit] of Object.entries(drafts)) {
    if (edit.expiryDays === undefined && !edit.scopes) continue;
    const key = keys.find((k) => k.id === id);
    const name = key ? keyName(key) : id;
    const problem = keyEditProblem(key, edit, nowSeconds);
    if (problem) problems.push({ id, name, message: problem });
    else changes.push({ id, name, body: keyBody(edit), before: edit.before });
  }
  return { changes, problems };
}

/** One line per edited key, for the unsaved-changes list. */
export function describeKeyBody(body: ApiKeyBody): string {
  const parts: string[] = [];
  if (body.expires_in_seconds !== undefined) {
    const days = Math.round(body.expires_in_seconds / 86_400);
    parts.push(days === 1 ? l10n.t('expires 1 day after saving') : l10n.t('expires {0} days after saving', days));
  }
  if (body.scopes) parts.push(body.scopes.length ? l10n.t('scopes {0}', body.scopes.join(', ')) : l10n.t("unrestricted (the owner's permissions)"));
  return parts.join('; ');
}

/** Edited keys whose expiry changed, or that went away, on the server since editing started. */
export function keysChangedElsewhere(keys: readonly ApiKeyRow[] | undefined, drafts: KeyDrafts): string[] {
  if (!keys) return [];
  return Object.entries(drafts).filter(([id, edit]) => {
    if (edit.expiryDays === undefined && !edit.scopes) return false;
    const key = keys.find((k) => k.id === id);
    return !key || key.expiresAt !== edit.before.expiresAt;
  }).map(([id]) => id);
}

/** Sets one field of a key's edit; a key with nothing left edited leaves the draft. */
export function editKey(drafts: KeyDrafts, key: ApiKeyRow, patch: Partial<Pick<KeyDraft, 'expiryDays' | 'scopes'>>): KeyDrafts {
  const was = drafts[key.id];
  const next: KeyDraft = { ...was, ...patch, before: was?.before ?? { expiresAt: key.expiresAt } };
  for (const k of ['expiryDays', 'scopes'] as const) if (k in patch && patch[k] === undefined) delete next[k];
  const out = { ...drafts };
  if (next.expiryDays === undefined && !next.scopes) delete out[key.id];
  else out[key.id] = next;
  return out;
}
