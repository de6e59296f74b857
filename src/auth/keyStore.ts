import * as vscode from 'vscode';
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
      throw new KeyStorageError(vscode.l10n.t('VS Code could not read the admin key from its secret storage ({0}). {1}', describe(err), KEYRING_HINT));
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
      throw new KeyStorageError(vscode.l10n.t('VS Code could not save the key in its secret storage ({0}). {1}', redact(describe(err), [key]), KEYRING_HINT));
    }
    if ((await this.secrets.get(this.secretId)) !== key) {
      throw new KeyStorageError(vscode.l10n.t("VS Code's secret storage did not keep the key. {0}", KEYRING_HINT));
    }
  }

  delete(): Thenable<void> {
    return this.secrets.delete(this.secretId);
  }
}

/** Read when the module loads: in the extension host the language bundle is in place before activation. */
export const KEYRING_HINT =
  vscode.l10n.t('If no OS keyring is available, set "password-store" in VS Code\'s argv.json (Preferences: Configure Runtime Arguments), e.g. "gnome-libsecret" or "basic", and restart.');

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
