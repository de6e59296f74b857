import * as vscode from 'vscode';
import { checkBaseUrl, DEFAULT_BASE_URL } from './api/baseUrl';
import { unusedKeyDays } from './model/project/keys';
import { DEFAULT_SENSITIVITY } from './model/usage/anomalies';

export interface ProxySettings { url?: string; strictSSL: boolean; noProxy: string[] }

export interface ApiSettings {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxConcurrentRequests: number;
  proxy: ProxySettings;
}

export type SettingsResult = { ok: true; settings: ApiSettings } | { ok: false; reason: string };

/**
 * Only user (or remote machine) and default values count for settings that steer the key.
 * The manifest already scopes them to `machine`; reading `inspect()` by hand makes that independent
 * of how a VS Code version resolves scopes, so a repository's .vscode/settings.json can never win.
 */
function userValue<T>(section: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = section.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readApiSettings(): SettingsResult {
  const own = vscode.workspace.getConfiguration('openaiAdmin');
  const http = vscode.workspace.getConfiguration('http');
  const checked = checkBaseUrl(userValue(own, 'apiBaseUrl', DEFAULT_BASE_URL));
  if (!checked.ok) return { ok: false, reason: `openaiAdmin.apiBaseUrl: ${checked.reason}` };
  const proxyUrl = userValue<string>(http, 'proxy', '').trim();
  return {
    ok: true,
    settings: {
      baseUrl: checked.url,
      timeoutMs: userValue(own, 'requestTimeoutMs', 30_000),
      maxRetries: userValue(own, 'maxRetries', 2),
      maxConcurrentRequests: userValue(own, 'maxConcurrentRequests', 8),
      proxy: {
        url: proxyUrl || undefined,
        strictSSL: userValue(http, 'proxyStrictSSL', true),
        // Added to NO_PROXY by the client (src/api/proxy.ts): VS Code's default [] must not hide it.
        noProxy: userValue<string[]>(http, 'noProxy', []),
      },
    },
  };
}

export function affectsApiSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('openaiAdmin') || e.affectsConfiguration('http.proxy')
    || e.affectsConfiguration('http.proxyStrictSSL') || e.affectsConfiguration('http.noProxy');
}

/** openaiAdmin.unusedKeyDays: keys idle longer are flagged (Project panel, Key Hygiene); 0 turns that off. */
export function readUnusedKeyDays(): number {
  return unusedKeyDays(vscode.workspace.getConfiguration('openaiAdmin').get('unusedKeyDays'));
}

/**
 * openaiAdmin.spendRefreshMinutes: how often the spend status bar item reads this month's costs; 0
 * turns the item off. Machine-scoped and read from user settings only (like the connection settings):
 * a repository cannot make the extension poll the API more often.
 */
export function readSpendRefreshMinutes(): number {
  const value = userValue<unknown>(vscode.workspace.getConfiguration('openaiAdmin'), 'spendRefreshMinutes', 30);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.max(1, value) : 0;
}

/** openaiAdmin.anomalySensitivity: k in "median + k × MAD" (Usage & Costs); the default when unset or invalid. */
export function readAnomalySensitivity(): number {
  const value = vscode.workspace.getConfiguration('openaiAdmin').get<unknown>('anomalySensitivity');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_SENSITIVITY;
}
