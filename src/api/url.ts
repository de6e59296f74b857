/** Path templating and query-string encoding for API requests. */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[] | QueryObject;
export interface QueryObject {
  readonly [key: string]: QueryValue;
}

const PLACEHOLDER = /\{([^}]+)\}/g;

/** A path template cut at its placeholders: `literals` has one more entry than `names`. */
interface Template {
  literals: string[];
  names: string[];
}

// Templates come from OPERATIONS (143 of them): each is cut once, not on every request.
const templates = new Map<string, Template>();

function compile(template: string): Template {
  let compiled = templates.get(template);
  if (compiled === undefined) {
    const literals: string[] = [];
    const names: string[] = [];
    let from = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      literals.push(template.slice(from, match.index));
      names.push(match[1]!);
      from = match.index + match[0].length;
    }
    literals.push(template.slice(from));
    templates.set(template, (compiled = { literals, names }));
  }
  return compiled;
}

export function placeholderCount(template: string): number {
  return compile(template).names.length;
}

const DOTS_ONLY = /^\.+$/;

function encodeSegment(name: string, value: string): string {
  if (value === '') throw new TypeError(`The ${name} must not be empty: nothing was sent.`);
  // "." and ".." segments are resolved away by servers and proxies, even percent-encoded
  // (%2E%2E), so `projects/../users/u` would address another endpoint. No API id is all dots.
  if (value.charCodeAt(0) === 0x2e && DOTS_ONLY.test(value)) throw new TypeError(`The ${name} ${JSON.stringify(value)} is made only of dots and would address another endpoint: nothing was sent.`);
  return encodeURIComponent(value);
}

/**
 * Fills `{name}` placeholders in order with URL-encoded ids. Throws a TypeError for a missing or
 * empty id, or one made only of dots.
 */
export function expandPath(template: string, ids: readonly string[]): string {
  const { literals, names } = compile(template);
  let path = literals[0]!;
  for (let i = 0; i < names.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string') throw new TypeError(`missing path parameter ${names[i]} for ${template}`);
    path += encodeSegment(names[i]!, id) + literals[i + 1]!;
  }
  if (names.length !== ids.length) throw new TypeError(`${template} takes ${names.length} path parameters, got ${ids.length}`);
  return path;
}

function appendValue(out: URLSearchParams, key: string, value: QueryValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    // OpenAPI form/explode: repeated keys. Audit-log params carry a literal
    // "[]" in their names already, which yields `project_ids[]=a&project_ids[]=b`.
    for (const item of value) out.append(key, String(item));
  } else if (typeof value === 'object') {
    // Object params (audit logs' effective_at) use the bracket form the API
    // and the official SDKs use: effective_at[gte]=1&effective_at[lt]=2.
    for (const [sub, subValue] of Object.entries(value as QueryObject)) appendValue(out, `${key}[${sub}]`, subValue);
  } else {
    out.append(key, String(value));
  }
}

/** Characters URLSearchParams writes as they are (application/x-www-form-urlencoded). */
const FORM_PLAIN = /^[\w*.-]*$/;

/**
 * `a=1&b=x` for a query of plain values whose keys and values need no escaping (a page's `after` and
 * `limit`: nearly every request), exactly as URLSearchParams writes it; undefined for anything else.
 */
function plainQuery(query: object): string | undefined {
  let text = '';
  for (const key of Object.keys(query)) {
    const value = (query as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
    const shown = String(value);
    if (!FORM_PLAIN.test(key) || !FORM_PLAIN.test(shown)) return undefined;
    text += `${text ? '&' : ''}${key}=${shown}`;
  }
  return text;
}

/** `?a=1&b=x&b=y`, or '' when nothing is set. */
export function encodeQuery(query: object | undefined): string {
  if (!query) return '';
  let text = plainQuery(query);
  if (text === undefined) {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) appendValue(out, key, value as QueryValue);
    text = out.toString();
  }
  return text ? `?${text}` : '';
}
