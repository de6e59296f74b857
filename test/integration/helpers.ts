// What the integration suites share: the extension under test and the fake Admin API it talks to.
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';

export const EXTENSION_ID = 'openai-admin-explorer.openai-admin-explorer';

/** Set by the runner (scripts/run-vscode-tests.mjs); the extension host inherits code-server's environment. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through scripts/run-vscode-tests.mjs or run-electron-tests.mjs`);
  return value;
}

export function extension(): vscode.Extension<ExtensionTestApi> {
  const ext = vscode.extensions.getExtension<ExtensionTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

export async function api(): Promise<ExtensionTestApi> {
  return extension().activate();
}

export interface FakeRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  authorization?: string;
}

/** The fake's HTTP control plane (`/__fake/*`, same origin as its `/v1`). */
export const fake = {
  url: () => env('OPENAI_ADMIN_FAKE_URL'),
  origin: () => new URL(env('OPENAI_ADMIN_FAKE_URL')).origin,
  /** A canary key when run by scripts/run-vscode-tests.mjs, which then checks it was left nowhere. */
  adminKey: process.env.OPENAI_ADMIN_FAKE_KEY || 'sk-admin-demo',
  nonAdminKey: 'sk-proj-not-admin',
  /** The fake's request records, with the Authorization header's key masked so no assertion message can print it. */
  async requests(): Promise<FakeRequest[]> {
    const body = await control('GET', '/__fake/requests') as FakeRequest[] | { requests?: FakeRequest[]; data?: FakeRequest[] };
    const records = Array.isArray(body) ? body : body.requests ?? body.data ?? [];
    return JSON.parse(JSON.stringify(records).split(fake.adminKey).join('<admin key>')) as FakeRequest[];
  },
  async clearRequests(): Promise<void> { await control('DELETE', '/__fake/requests'); },
  async setFaults(rules: unknown): Promise<void> { await control('POST', '/__fake/faults', rules); },
  async clearFaults(): Promise<void> { await control('DELETE', '/__fake/faults'); },
};

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(fake.origin() + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`fake ${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Records what the extension shows with `window.show*Message` while `fn` runs (the test shares the extension's API object). */
export async function captureMessages<T>(fn: () => PromiseLike<T>): Promise<{ result: T; errors: string[]; warnings: string[]; infos: string[] }> {
  const win = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const original = { error: win.showErrorMessage, warning: win.showWarningMessage, info: win.showInformationMessage };
  const errors: string[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const spy = (into: string[], real: (...a: never[]) => unknown) => ((message: string, ...rest: unknown[]) => {
    into.push(message);
    return (real as (...a: unknown[]) => unknown).call(vscode.window, message, ...rest);
  }) as never;
  win.showErrorMessage = spy(errors, original.error);
  win.showWarningMessage = spy(warnings, original.warning);
  win.showInformationMessage = spy(infos, original.info);
  try {
    return { result: await fn(), errors, warnings, infos };
  } finally {
    win.showErrorMessage = original.error;
    win.showWarningMessage = original.warning;
    win.showInformationMessage = original.info;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns true (or throws the last assertion after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms`);
    await sleep(50);
  }
}
