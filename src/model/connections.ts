// Several organizations in one window: each is a named connection with its own admin key. This file
// holds the list's rules (names, ids, what a stored list may contain); src/auth/connections.ts keeps
// the list in VS Code's global state and each key in secret storage.
import * as l10n from '@vscode/l10n';
import { checkBaseUrl } from '../api/baseUrl';

export interface Connection {
  /** Stable and never shown: it names the connection's secret and prefixes its tree ids. */
  readonly id: string;
  /** The admin's name for the organization (tree folders, tab titles, the status bar). */
  readonly name: string;
  /** An API base URL of its own; the `openaiAdmin.apiBaseUrl` setting's when absent. */
  readonly baseUrl?: string;
}

/** The connection the single key of earlier versions became: its secret keeps the old name. */
export const DEFAULT_CONNECTION_ID = 'default';
export const DEFAULT_CONNECTION_NAME = 'Organization';
export const MAX_NAME_LENGTH = 60;

/** Ids are short words: they end up in tree ids (split on "/") and secret names. */
const ID = /^[a-z0-9]{1,32}$/;

/** Why a name cannot be used (empty, too long, control characters, taken by another connection), or undefined. */
export function checkConnectionName(raw: string, others: readonly Connection[], selfId?: string): string | undefined {
  const name = raw.trim();
  if (!name) return l10n.t('Enter a name for the organization.');
  if (name.length > MAX_NAME_LENGTH) return l10n.t('Use at most {0} characters.', MAX_NAME_LENGTH);
  // Bidirectional overrides and other controls would make one name look like another in the tree.
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return l10n.t('The name may not contain control or formatting characters.');
  const taken = others.some((c) => c.id !== selfId && c.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  return taken ? l10n.t('Another organization is already named "{0}".', name) : undefined;
}

/** A fresh id that no connection in `others` has. */
export function newConnectionId(others: readonly Connection[], random: () => number = Math.random): string {
  for (;;) {
    const id = `o${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
    if (id !== DEFAULT_CONNECTION_ID && !others.some((c) => c.id === id)) return id;
  }
}

/**
 * The list as stored, checked entry by entry: global state is ours, but an entry that does not
 * hold up (an edited or corrupted store) is dropped rather than trusted. An empty or missing list
 * is the one default connection, so a first start and an upgrade look exactly as before.
 */
export function parseConnections(raw: unknown): Connection[] {
  const out: Connection[] = [];
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (!entry || typeof entry !== 'object') continue;
      const { id, name, baseUrl } = entry as Record<string, unknown>;
      if (typeof id !== 'string' || !ID.test(id) || out.some((c) => c.id === id)) continue;
      if (typeof name !== 'string' || checkConnectionName(name, out, id)) continue;
      const url = typeof baseUrl === 'string' ? checkBaseUrl(baseUrl) : undefined;
      if (url && !url.ok) continue;
      out.push({ id, name: name.trim(), ...(url?.ok ? { baseUrl: url.url } : {}) });
    }
  }
  return out.length ? out : [{ id: DEFAULT_CONNECTION_ID, name: DEFAULT_CONNECTION_NAME }];
}
