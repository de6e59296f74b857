// How the org file's problems read: the same words in the Problems panel and on the CLI's stderr.
// Values from the file are data, whatever they hold (markup, terminal escapes, right-to-left
// overrides, 10,000 characters): a message quotes them shortened, with invisible and control
// characters spelt out, so a message always shows what is really in the file and nothing can restyle
// the editor's text or a terminal. The VS Code glue adds `plainText` (links, icons) on top.
import type { FileProblem } from './format';

/** Characters a message must not carry as they are: C0/C1 controls (ESC starts terminal sequences), bidi controls, zero-width and line separators. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const QUOTE_LIMIT = 40;

/** “value”, shortened to 40 characters with an ellipsis, invisible characters written as \u202e. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  // Cut by code points so a surrogate pair is never split.
  const points = Array.from(text);
  const short = points.length > QUOTE_LIMIT ? `${points.slice(0, QUOTE_LIMIT).join('')}…` : text;
  return `“${short.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}”`;
}

const SIMPLE_KEY = /^[A-Za-z0-9_][\w.:-]*$/;

/** `projects[2].rate_limits.gpt-4o.max_tokens_per_1_minute`; keys that are not plain words are quoted. */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg) && seg.length <= QUOTE_LIMIT) out += out ? `.${seg}` : seg;
    else out += `[${quote(seg)}]`;
  }
  return out;
}

/** Problems in file order, errors before warnings at one place. */
export function sortProblems(problems: FileProblem[]): FileProblem[] {
  return [...problems].sort((a, b) =>
    a.start.line - b.start.line || a.start.column - b.start.column || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/**
 * The CLI's stderr form, one line a problem, as compilers write them so terminals and editors link
 * the place: `org.openai-org.yaml:12:5: error: Unknown field “foo” in projects[2]. …`.
 */
export function problemsText(fileName: string, problems: readonly FileProblem[]): string {
  const name = fileName.replace(INVISIBLE, '?');
  return problems
    .map((p) => `${name}:${p.start.line}:${p.start.column}: ${p.severity}: ${p.message.replace(INVISIBLE, ' ')}`)
    .join('\n');
}
