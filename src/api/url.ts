/** Path templating and query-string encoding for API requests. */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[] | QueryObject;
export interface QueryObject {
  readonly [key: string]: QueryValue;
}

const PLACEHOLDER = /\{([^}]+)\}/g;

export function placeholderCount(template: string): number {
  return template.match(PLACEHOLDER)?.length ?? 0;
}

function encodeSegment(name: string, value: string): string {
  if (value === '') throw new TypeError(`The ${name} must not be empty: nothing was sent.`);
  // "." and ".." segments are resolved away by servers and proxies, even percent-encoded
  // (%2E%2E), so `projects/../users/u` would address another endpoint. No API id is all dots.
  if (/^\.+$/.test(value)) throw new TypeError(`The ${name} ${JSON.stringify(value)} is made only of dots and would address another endpoint: nothing was sent.`);
  return encodeURIComponent(value);
}

/**
 * Fills `{name}` placeholders in order with URL-encoded ids. Throws a TypeError for a missing or
 * empty id, or one made only of dots.
 */
export function expandPath(template: string, ids: readonly string[]): string {
  let index = 0;
  const path = template.replace(PLACEHOLDER, (_match, name: string) => {
    const id = ids[index++];
    if (typeof id !== 'string') throw new TypeError(`missing path parameter ${name} for ${template}`);
    return encodeSegment(name, id);
  });
  if (index !== ids.length) throw new TypeError(`${template} takes ${index} path parameters, got ${ids.length}`);
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

/** `?a=1&b=x&b=y`, or '' when nothing is set. */
export function encodeQuery(query: object | undefined): string {
  if (!query) return '';
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) appendValue(out, key, value as QueryValue);
  const text = out.toString();
  return text ? `?${text}` : '';
}
