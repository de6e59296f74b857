import * as vscode from 'vscode';
import type { AdminClient, RequestLogEntry } from '../api';
import { checkBaseUrl } from '../api/baseUrl';
import { readApiSettings, affectsApiSettings, type ApiSettings, type SettingsResult } from '../config';
import type { Logger } from '../log';
import { notify } from '../notify';
import { KeyStore } from './keyStore';

export type KeyState = 'missing' | 'ok' | 'invalid' | 'notAdmin' | 'badBaseUrl';

/** What a session knows of the organization it connects to. */
export interface SessionOptions {
  /** The connection's own API base URL; the setting's when absent. */
  readonly baseUrl?: string;
  /** Prefixes its log lines when several organizations are connected (the organization's name). */
  readonly label?: () => string | undefined;
  /**
   * Sets the context keys menus and welcome views read from a new state. With several
   * organizations their sessions share those keys, so the owner of all of them decides.
   */
  readonly publish?: (state: KeyState) => Thenable<unknown>;
}

/** The context keys of a window with one connection. */
export async function publishKeyState(state: KeyState): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'openaiAdmin.hasKey', state !== 'missing');
  await vscode.commands.executeCommand('setContext', 'openaiAdmin.keyState', state);
}

export class NotConnectedError extends Error {
  constructor(readonly state: KeyState, message: string) { super(message); }
}

declare const EXTENSION_VERSION: string;
const USER_AGENT = `openai-admin-explorer/${typeof EXTENSION_VERSION === 'string' ? EXTENSION_VERSION : 'dev'}`;

/**
 * Owns the connection: the key's state, the settings and the one AdminClient built from them.
 * The client (and undici with it) is imported on the first request, never at activation.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<KeyState>();
  readonly onDidChangeState = this.changed.event;
  private readonly firstUse = new vscode.EventEmitter<void>();
  /**
   * Fires once, when something first asks for the client: the first tree load, panel or command
   * that reads the API. Activation never does, so work that may only follow the user's first look
   * (the spend status bar item) starts here.
   */
  readonly onDidFirstUse = this.firstUse.event;
  private usedOnce = false;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.firstUse];
  private client?: Promise<AdminClient>;
  private state: KeyState = 'missing';
  /** Set when the user stored or removed a key: an earlier 401/403 verdict no longer applies. */
  private keyReplaced = false;
  private refreshing: Promise<KeyState> = Promise.resolve('missing');
  private contextUpdate: Thenable<unknown> = Promise.resolve();
  private storageError?: string;

  constructor(readonly keys: KeyStore, private readonly log: Logger, private readonly options: SessionOptions = {}) {
    this.disposables.push(
      keys.onDidChange(() => { this.client = undefined; void this.refreshState(); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsApiSettings(e)) { this.client = undefined; void this.refreshState(); }
      }),
    );
  }

  get keyState(): KeyState { return this.state; }

  /** True once something has asked for the client (see onDidFirstUse). */
  get hasBeenUsed(): boolean { return this.usedOnce; }

  /**
   * Reads only local state (secret storage, settings): safe during activation. Calls run one after
   * another, so an older read (e.g. from activation) can never overwrite the state a newer one found.
   */
  refreshState(): Promise<KeyState> {
    const next = this.refreshing.then(() => this.readState(), () => this.readState());
    this.refreshing = next;
    return next;
  }

  private async readState(): Promise<KeyState> {
    let key: string | undefined;
    try {
      key = await this.keys.get();
    } catch (err) {
      // No readable keyring: the key is as good as missing, and the admin must hear why (once per reason).
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(message);
      if (message !== this.storageError) void notify('error', message);
      this.storageError = message;
      this.setState('missing');
      return 'missing';
    }
    this.storageError = undefined;
    this.log.protectSecret(key);
    const settings = this.settings();
    const rejected = (this.state === 'invalid' || this.state === 'notAdmin') && !this.keyReplaced;
    this.keyReplaced = false;
    const next: KeyState = !key ? 'missing' : !settings.ok ? 'badBaseUrl' : rejected ? this.state : 'ok';
    this.setState(next);
    return next;
  }

  /** A new key starts trusted again; the API says otherwise on its next 401/403. */
  async keyChanged(): Promise<void> {
    this.client = undefined;
    // Not a detour through 'missing': that fired two full tree refreshes back to back, and a folder
    // expanding in between could be left open and empty in the view.
    this.keyReplaced = true;
    await this.refreshState();
    await this.contextUpdate;
  }

  async getClient(): Promise<AdminClient> {
    if (!this.usedOnce) {
      this.usedOnce = true;
      this.firstUse.fire();
    }
    if (!this.client) {
      const pending = this.build();
      this.client = pending;
      pending.catch(() => { if (this.client === pending) this.client = undefined; });
    }
    return this.client;
  }

  /** A client for a key that is not stored yet (validation before saving). */
  async clientFor(key: string, settings: ApiSettings, stored = false): Promise<AdminClient> {
    const api = await import('../api');
    return api.createAdminClient({
      apiKey: key,
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      concurrency: settings.maxConcurrentRequests,
      proxy: settings.proxy,
      userAgent: USER_AGENT,
      onRequest: (entry) => this.onRequest(entry, stored),
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async build(): Promise<AdminClient> {
    const key = await this.keys.get();
    if (!key) throw new NotConnectedError('missing', vscode.l10n.t('No admin API key is set. Run "OpenAI Admin: Set Admin API Key".'));
    this.log.protectSecret(key);
    const settings = this.settings();
    if (!settings.ok) throw new NotConnectedError('badBaseUrl', settings.reason);
    return this.clientFor(key, settings.settings, true);
  }

  /** The API settings, with this connection's own base URL when it has one. */
  settings(): SettingsResult {
    const settings = readApiSettings();
    if (!settings.ok || this.options.baseUrl === undefined) return settings;
    const own = checkBaseUrl(this.options.baseUrl);
    return own.ok ? { ok: true, settings: { ...settings.settings, baseUrl: own.url } } : { ok: false, reason: own.reason };
  }

  private onRequest(entry: RequestLogEntry, stored: boolean): void {
    const status = entry.status ? String(entry.status) : entry.error ?? 'failed';
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const id = entry.requestId ? ` ${entry.requestId}` : '';
    const limit = entry.concurrencyLimit === undefined ? '' : ` (concurrency limit now ${entry.concurrencyLimit})`;
    const label = this.options.label?.();
    this.log.info(`${label ? `[${label}] ` : ''}${entry.method} ${entry.path} → ${status} in ${Math.round(entry.durationMs)} ms${id}${attempt}${limit}`);
    if (!stored) return;
    if (entry.status === 401) this.setState('invalid');
    else if (entry.status === 403) this.setState('notAdmin');
  }

  private setState(next: KeyState): void {
    // Chained so the context keys the menus read always end in the latest state.
    const changed = next !== this.state;
    this.state = next;
    const publish = this.options.publish ?? publishKeyState;
    this.contextUpdate = this.contextUpdate.then(() => publish(next), () => undefined);
    if (!changed) return;
    this.changed.fire(next);
  }
}
