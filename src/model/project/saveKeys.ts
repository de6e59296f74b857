// Saving the Project panel's API key edits (expiry, scopes) against the API, as the rate limits are
// saved: read each edited key again, refuse (unless told to overwrite) when its expiry changed or it
// went away since the admin loaded it, then update key by key, each with its own result, so one
// refused key never blocks the others. No `vscode` here.
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import { describeError } from '../describeError';
import { keyExpiry, MAX_EXPIRY_SECONDS } from '../expiry';
import { isoDate } from '../format';
import { checkScopes } from '../scopes';
import { keyName, type ApiKeyBody, type ApiKeyChange } from './keyEdits';
import { toApiKeyRow } from './load';
import type { ApiKeyRow } from './types';

export type KeyResult =
  | { id: string; name: string; ok: true; row: ApiKeyRow }
  | { id: string; name: string; ok: false; error: string };

export interface KeyConflict {
  id: string;
  name: string;
  /** Gone from the project. */
  removed?: boolean;
  message: string;
}

export type ApiKeySave =
  | { status: 'conflict'; conflicts: KeyConflict[]; messages: string[] }
  | { status: 'saved'; results: KeyResult[] };

const when = (t: number | null) => (t === null ? l10n.t('never expires') : l10n.t('expires {0}', isoDate(t)));

/** The keys the panel asks to update, as received: every field checked before anything is sent. */
export function readKeyChanges(value: unknown): ApiKeyChange[] {
  if (!Array.isArray(value) || value.length > 500) throw new TypeError('Expected a list of API key changes.');
  return value.map((v) => {
    const c = v as { id?: unknown; name?: unknown; body?: Record<string, unknown> | null; before?: { expiresAt?: unknown } | null } | null;
    if (!c || typeof c.id !== 'string' || !c.id || c.id.length > 128 || typeof c.body !== 'object' || c.body === null || typeof c.before !== 'object' || c.before === null) {
      throw new TypeError('Malformed API key change.');
    }
    const expiresAt = c.before.expiresAt;
    if (expiresAt !== null && !Number.isSafeInteger(expiresAt)) throw new TypeError('Malformed API key change.');
    const body: ApiKeyBody = {};
    const { scopes, expires_in_seconds: seconds, ...other } = c.body;
    if (Object.keys(other).length) throw new TypeError(`An API key change can only set scopes and expires_in_seconds, not ${Object.keys(other).join(', ').slice(0, 80)}.`);
    if (scopes !== undefined) {
      if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) throw new TypeError('Scopes must be a list of strings.');
      const problem = scopes.length ? checkScopes(scopes.join(',')) : undefined;
      if (problem) throw new TypeError(problem);
      body.scopes = [...new Set(scopes as string[])];
    }
    if (seconds !== undefined) {
      if (!Number.isSafeInteger(seconds) || (seconds as number) < 1 || (seconds as number) > MAX_EXPIRY_SECONDS) {
        throw new TypeError(`The expiry must be 1 second to ${MAX_EXPIRY_SECONDS} seconds (365 days) from now.`);
      }
      body.expires_in_seconds = seconds as number;
    }
    if (!Object.keys(body).length) throw new TypeError('An API key change must set scopes, an expiry, or both.');
    return { id: c.id, name: typeof c.name === 'string' ? c.name.slice(0, 256) : c.id, body, before: { expiresAt: expiresAt as number | null } };
  });
}

async function current(client: AdminClient, projectId: string, id: string, signal?: AbortSignal): Promise<ApiKeyRow | undefined | Error> {
  try {
    return toApiKeyRow(await client.projectApiKeys.retrieve(projectId, id, { signal }));
  } catch (err) {
    if (signal?.aborted) throw err;
    if ((err as { status?: number }).status === 404) return undefined;
    return err instanceof Error ? err : new Error(String(err));
  }
}

export async function saveApiKeys(
  client: AdminClient, projectId: string, changes: readonly ApiKeyChange[], opts: { force?: boolean; signal?: AbortSignal; nowSeconds?: () => number } = {},
): Promise<ApiKeySave> {
  const now = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const fresh = await Promise.all(changes.map((c) => current(client, projectId, c.id, opts.signal)));
  const conflicts: KeyConflict[] = [];
  changes.forEach((c, i) => {
    const key = fresh[i];
    if (key === undefined) conflicts.push({ id: c.id, name: c.name, removed: true, message: l10n.t('{0}: removed from the project since you loaded it.', c.name) });
    else if (!(key instanceof Error) && key.expiresAt !== c.before.expiresAt) {
      conflicts.push({ id: c.id, name: keyName(key), message: l10n.t('{0}: changed on the server since you loaded it: {1} → {2}.', keyName(key), when(c.before.expiresAt), when(key.expiresAt)) });
    }
  });
  if (conflicts.length && !opts.force) return { status: 'conflict', conflicts, messages: conflicts.map((c) => c.message) };

  const results = await Promise.all(changes.map(async (c, i): Promise<KeyResult> => {
    const key = fresh[i];
    if (key === undefined) return { id: c.id, name: c.name, ok: false, error: l10n.t('This key is no longer in the project.') };
    if (key instanceof Error) return { id: c.id, name: c.name, ok: false, error: describeError(key) };
    const name = keyName(key);
    // The API refuses these anyway; saying why is clearer than its 400.
    if (keyExpiry(key.expiresAt, now() * 1000).state === 'expired') return { id: c.id, name, ok: false, error: l10n.t('This key has expired; an expired key cannot be changed.') };
    try {
      const updated = await client.projectApiKeys.update(projectId, c.id, c.body, { signal: opts.signal });
      return { id: c.id, name, ok: true, row: toApiKeyRow(updated) };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      return { id: c.id, name, ok: false, error: describeError(err) };
    }
  }));
  return { status: 'saved', results };
}
