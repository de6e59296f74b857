// YAML text of a file's value (objects, arrays, strings, numbers, booleans, null), in block style,
// keys in the order given. The `yaml` package's stringify builds a document tree first and took
// seconds for a 2,000-project organization (BENCHMARKS.md fig. 8); the file's shape needs none of
// its features. A string is written plain only when YAML 1.2 reads it back as the same string,
// otherwise double-quoted with JSON's escapes (a subset of YAML's) plus the characters YAML does
// not allow unescaped. test/unit/model/orgCode/yamlText.test.ts parses hostile strings back.

/** Plain scalars: a conservative alphabet that never starts an indicator, a number or a comment. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9 _.@/()+,'-]*$/;
/** Words the YAML 1.1 and 1.2 core schemas read as booleans or null. */
const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);
/** Characters JSON leaves unescaped that YAML does not accept unescaped in a double-quoted scalar. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = String(value);
  if (PLAIN.test(s) && !s.endsWith(' ') && !RESERVED.has(s.toLowerCase()) && !s.includes(' ,') && !s.includes(', ')) return s;
  return JSON.stringify(s).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).some((k) => (value as Record<string, unknown>)[k] !== undefined));
}

function empty(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return '{}';
  return undefined;
}

function mapLines(value: Record<string, unknown>, pad: string, out: Lines): void {
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    // An implicit key may be at most 1024 characters long; a longer one is written as an explicit key.
    const k = scalar(key);
    const explicit = k.length > 1000;
    if (explicit) out.push(`${pad}? ${k}`);
    const head = explicit ? `${pad}:` : `${pad}${k}:`;
    if (!isCollection(v)) {
      out.push(`${head} ${empty(v) ?? scalar(v)}`);
    } else if (Array.isArray(v)) {
      out.push(head);
      seqLines(v, `${pad}  `, out);
    } else {
      out.push(head);
      mapLines(v as Record<string, unknown>, `${pad}  `, out);
    }
  }
}

function seqLines(value: readonly unknown[], pad: string, out: Lines): void {
  for (const item of value) {
    if (!isCollection(item)) {
      out.push(`${pad}- ${empty(item) ?? scalar(item)}`);
      continue;
    }
    if (Array.isArray(item)) {
      out.push(`${pad}-`);
      seqLines(item, `${pad}  `, out);
    } else {
      // The map's first line goes on the dash's line.
      out.dash = pad;
      mapLines(item as Record<string, unknown>, `${pad}  `, out);
    }
  }
}

/** The text so far (one string: V8 appends to it cheaply), and a pending "- " for the next line. */
class Lines {
  text = '';
  dash: string | undefined;

  push(line: string): void {
    if (this.dash !== undefined) {
      line = `${this.dash}- ${line.slice(this.dash.length + 2)}`;
      this.dash = undefined;
    }
    this.text += `${line}\n`;
  }
}

/** The YAML text of a value whose top level is an object, ending with a newline. */
export function yamlText(value: Record<string, unknown>): string {
  const out = new Lines();
  mapLines(value, '', out);
  return out.text;
}
