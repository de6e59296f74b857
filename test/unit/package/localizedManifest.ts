// package.json as VS Code and the Marketplace show it in English: every "%key%" string replaced by its
// text in package.nls.json. Tests that read what a person sees (titles, descriptions, links) read this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export const readJson = <T = unknown>(rel: string): T => JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as T;

/** A whole-string "%key%" placeholder, as VS Code replaces them (a `%` inside text is left alone). */
export const NLS_PLACEHOLDER = /^%([^%\s]+)%$/;

function resolve(value: unknown, nls: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const key = NLS_PLACEHOLDER.exec(value)?.[1];
    if (key === undefined) return value;
    if (!(key in nls)) throw new Error(`package.json names %${key}%, which package.nls.json lacks`);
    return nls[key];
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, nls));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, nls)]));
  return value;
}

export function localizedManifest<T = Record<string, unknown>>(): T {
  return resolve(readJson('package.json'), readJson<Record<string, string>>('package.nls.json')) as T;
}
