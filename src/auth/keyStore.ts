import type * as vscode from 'vscode';
import { redact } from '../util/redact';

/** The first organization's secret: the one key there was before several organizations, kept where it was. */
export const DEFAULT_SECRET_ID = 'openaiAdmin.adminKey';

export class KeyStorageError extends Error {}

/**
 * The admin key lives only in VS Code's SecretStorage (OS keychain on desktop, encrypted browser
 * storage in VS Code for the Web / code-server). Nothing else in the extension persists it.
 */
export class KeyStore {
  readonly onDidChange: vscode.Event<void>;

  /** `secretId`: one secret per organization (see ./connections.ts). */
  constructor(private readonly secrets: vscode.SecretStorage, private readonly secretId = DEFAULT_SECRET_ID) {
    this.onDidChange = (listener, thisArg, disposables) =>
      secrets.onDidChange((e) => { if (e.key === secretId) listener.call(thisArg); }, undefined, disposables);
  }

  /** The stored key; a storage that cannot be read (no or locked keyring) is a KeyStorageError with the remedy. */
  async get(): Promise<string | undefined> {
    try {
      return await this.secrets.get(this.secretId);
    } catch (err) {
      throw new KeyStorageError(`VS Code could not read the admin key from its secret storage (${describe(err)}). ${KEYRING_HINT}`);
    }
  }

  /**
   * Stores and reads back: on Linux without a keyring VS Code may keep secrets only in memory or fail,
   * and a user must hear that instead of losing the key at the next start.
   */
  async store(key: string): Promise<void> {
    try {
      await this.secrets.store(this.secretId, key);
    } catch (err) {
      // The storage's own error may quote what it was given; this message is shown in a notification.
      throw new KeyStorageError(`VS Code could not save the key in its secret storage (${redact(describe(err), [key])}). ${KEYRING_HINT}`);
    }
    if ((await this.secrets.get(this.secretId)) !== key) {
      throw new KeyStorageError(`VS Code's secret storage did not keep the key. ${KEYRING_HINT}`);
    }
  }

  delete(): Thenable<void> {
    return this.secrets.delete(this.secretId);
  }
}

export const KEYRING_HINT =
  'If no OS keyring is available, set "password-store" in VS Code\'s argv.json (Preferences: Configure Runtime Arguments), e.g. "gnome-libsecret" or "basic", and restart.';

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
