// Test helpers for the fake's own suite: a minimal JSON client over real HTTP and fixtures
// picked from the generated state.
import type { FakeAdminApi } from './types';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Bearer key; null sends no Authorization header. Defaults to the admin key. */
  key?: string | null;
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  signal?: AbortSignal;
}

export function queryString(query: CallOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function call<T = any>(fake: FakeAdminApi, method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  const key = opts.key === undefined ? fake.adminKey : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.url}${path}${queryString(opts.query)}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Asserts a 200 and returns the body. */
export async function ok<T = any>(fake: FakeAdminApi, method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const r = await call<T>(fake, method, path, opts);
  if (r.status !== 200) throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 500)}`);
  return r.json;
}

/** First active, non-default project that has members, service accounts and user-owned keys. */
export function busyProject(fake: FakeAdminApi): string {
  for (const p of fake.state.projects.values()) {
    if (p.status !== 'active' || p.is_default) continue;
    const d = fake.state.project(p.id)!;
    if (d.members.size >= 2 && d.serviceAccounts.size >= 1 && d.apiKeys.values().some((k) => k.owner.type === 'user')) return p.id;
  }
  throw new Error('no busy project in the generated org');
}

export function archivedProject(fake: FakeAdminApi): string {
  const p = fake.state.projects.values().find((x) => x.status === 'archived');
  if (!p) throw new Error('no archived project in the generated org');
  return p.id;
}

/** An org user who is not a member of the project. */
export function outsider(fake: FakeAdminApi, projectId: string): string {
  const members = fake.state.project(projectId)!.members;
  return fake.state.users.values().find((u) => !members.has(u.id))!.id;
}

export const DAY = 86_400;

/** Midnight UTC `days` days ago. */
export function daysAgo(days: number): number {
  return Math.floor(Date.now() / 1000 / DAY) * DAY - days * DAY;
}

export const PEM = '-----BEGIN CERTIFICATE-----\nMIIDeTCCAmGgAwIBAgIUTEST\n-----END CERTIFICATE-----';

/** Walks a style-A list to the end, returning every item. */
export async function walkA(fake: FakeAdminApi, path: string, query: CallOptions['query'] = {}): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await ok(fake, 'GET', path, { query: { ...query, after } });
    pages++;
    items.push(...page.data);
    if (!page.has_more) return { items, pages };
    after = page.last_id;
    if (pages > 10_000) throw new Error('runaway pagination');
  }
}

/** Walks a style-B list (`after` = previous `next`). */
export async function walkB(fake: FakeAdminApi, path: string, query: CallOptions['query'] = {}): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await ok(fake, 'GET', path, { query: { ...query, after } });
    pages++;
    items.push(...page.data);
    if (!page.has_more) return { items, pages };
    after = page.next;
    if (pages > 10_000) throw new Error('runaway pagination');
  }
}
