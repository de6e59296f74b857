// Reads a `*.openai-org.yaml` file into an `OrgFile`, or says precisely what is wrong and where.
// The file comes from a workspace, a pull request or a colleague, so it is treated as hostile input:
// its size is checked before it is parsed, aliases cannot expand it (the "billion laughs" file fails
// in milliseconds), tags cannot make the parser build anything but plain data, and every value is
// data in messages. The shape is checked by Ajv against schemas/openai-org.schema.json, the same file
// editors validate with, so the editor and this check cannot disagree about a field; only the rules a
// schema cannot say (duplicates, one of user/group, prune without its section) are written by hand,
// in rules.ts.
import * as l10n from '@vscode/l10n';
import Ajv, { type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import schema from '../../../schemas/openai-org.schema.json';
import type { FileProblem, OrgFile, ParsedOrgFile } from './format';
import { describeSchemaErrors } from './schemaErrors';
import { checkRules, type Path, type RuleFinding } from './rules';
import { quote, sortProblems } from './problems';

/** Files larger than this are refused before they are parsed. */
export const MAX_ORG_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Alias nodes a file may resolve. A real file uses a few (one rate-limit block shared by several
 * models); an alias bomb needs millions. The parser counts resolved nodes against this, not text.
 */
const MAX_ALIAS_COUNT = 100;

/** More problems than this are one more line saying how many were left out (a 50,000-line file of typos). */
const MAX_PROBLEMS = 100;

/** The YAML 1.2 core schema's tags: anything else (`!!js/function`, `!!binary`, `!foo`) is refused. */
const CORE_TAGS = new Set(['!', ...['map', 'seq', 'str', 'null', 'bool', 'int', 'float'].map((t) => `tag:yaml.org,2002:${t}`)]);

let validator: ValidateFunction | undefined;

/** Compiled on first use: the module loads only when an org file is opened, and compiling costs a few ms. */
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true }).compile(schema);
  return validator;
}

/**
 * Parses and validates the text of a `*.openai-org.yaml` file: YAML syntax, limits (size, aliases,
 * custom tags), duplicate keys, the JSON Schema (unknown fields, wrong types) and the rules a schema
 * cannot say (duplicate names, one of user/group). Every problem has a position. Never throws.
 */
export function parseOrgFile(text: string): ParsedOrgFile {
  try {
    return parse(text);
  } catch (err) {
    // A bug here must not take the editor's diagnostics or the CLI down with a stack trace.
    return { ok: false, problems: [problemAt([1, 1], [1, 2], l10n.t('The file could not be checked: {0}', err instanceof Error ? err.message : String(err)))] };
  }
}

function problemAt(start: [number, number], end: [number, number], message: string, severity: FileProblem['severity'] = 'error', path: Path = []): FileProblem {
  return { message, path, severity, start: { line: start[0], column: start[1] }, end: { line: end[0], column: end[1] } };
}

function parse(text: string): ParsedOrgFile {
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is refused without counting.
  const bytes = text.length > MAX_ORG_FILE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ORG_FILE_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const size = text.length > MAX_ORG_FILE_BYTES ? l10n.t('at least {0}', mb(bytes)) : mb(bytes);
    return { ok: false, problems: [problemAt([1, 1], [1, 2], l10n.t('The file is {0}, more than an organization file may be ({1}); it was not read.', size, mb(MAX_ORG_FILE_BYTES)))] };
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    // The core schema whatever `%YAML 1.1` says, and no "known" extra tags: no Buffers, Dates, Sets.
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
  });
  const at = placer(text, lines, doc);
  const problems: FileProblem[] = [];

  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') {
      // The parser marks the key's first character; underline and quote the whole key.
      const key = keyAt(doc, e.pos[0]) ?? e.pos;
      problems.push(at.offsets(key[0], key[1], l10n.t('Duplicate key: {0} is already set above in the same mapping.', quoteSource(text, key)), 'error'));
      continue;
    }
    const message = e.code === 'MULTIPLE_DOCS'
      ? l10n.t('The file holds more than one YAML document (a second ---); an organization file is one document.')
      : l10n.t('YAML syntax: {0}', e.message);
    problems.push(at.offsets(e.pos[0], e.pos[1], message, 'error'));
  }
  let tagRefused = false;
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const tag = text.slice(w.pos[0], w.pos[1]);
      const message = tag.startsWith('!!')
        ? l10n.t('Tag {0} is not allowed: an organization file holds plain YAML values (tags such as !!js/function or !foo are refused).', quoteSource(text, w.pos))
        : l10n.t('Tag {0} is not allowed: an organization file holds plain YAML values (tags such as !foo are refused).', quoteSource(text, w.pos));
      problems.push(at.offsets(w.pos[0], w.pos[1], message, 'error'));
      tagRefused = true;
    } else {
      problems.push(at.offsets(w.pos[0], w.pos[1], l10n.t('YAML: {0}', w.message), 'warning'));
    }
  }
  // Belt and braces: a tag the parser did resolve but that is not the core schema's.
  visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag && !CORE_TAGS.has(tag) && node.range && !tagRefused) {
        tagRefused = true;
        problems.push(at.offsets(node.range[0], node.range[1], l10n.t('Tag {0} is not allowed: an organization file holds plain YAML values.', quote(tag)), 'error'));
      }
    },
  });
  if (problems.some((p) => p.severity === 'error')) return finish(problems);

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return finish([...problems, problemAt([1, 1], [1, 2], l10n.t('The file is empty: an organization file starts with `version: 1`.'))]);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const first = firstAliasOffset(doc);
    const message = /alias/i.test(err instanceof Error ? err.message : '')
      ? l10n.t('Aliases (*name) expand to too many values (more than {0}); an organization file may reuse a few blocks, not multiply them.', MAX_ALIAS_COUNT)
      : l10n.t('The file could not be read: {0}', err instanceof Error ? err.message : String(err));
    return finish([...problems, first ? at.offsets(first[0], first[1], message, 'error') : problemAt([1, 1], [1, 2], message)]);
  }

  const check = validate();
  if (!check(data)) {
    return finish([...problems, ...describeSchemaErrors(check.errors ?? []).map((f) => at.finding(f))]);
  }
  const file = data as OrgFile;
  problems.push(...checkRules(file).map((f) => at.finding(f)));
  return finish(problems, file);
}

function finish(problems: FileProblem[], file?: OrgFile): ParsedOrgFile {
  let sorted = sortProblems(problems);
  if (sorted.length > MAX_PROBLEMS) {
    const last = sorted[MAX_PROBLEMS - 1]!;
    const more = sorted.length - MAX_PROBLEMS;
    const message = more === 1 ? l10n.t('… and 1 more problem not shown.') : l10n.t('… and {0} more problems not shown.', more);
    sorted = [...sorted.slice(0, MAX_PROBLEMS), { ...last, path: [], message }];
  }
  const ok = file !== undefined && !sorted.some((p) => p.severity === 'error');
  return ok ? { ok, file, problems: sorted } : { ok: false, problems: sorted };
}

function quoteSource(text: string, pos: [number, number]): string {
  return quote(text.slice(pos[0], pos[1]));
}

function keyAt(doc: Document, offset: number): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Pair(_key, pair) {
      const range = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (range?.[0] !== offset) return undefined;
      found = [range[0], range[1]];
      return visit.BREAK;
    },
  });
  return found;
}

function firstAliasOffset(doc: Document): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) found = [node.range[0], node.range[1]];
      return visit.BREAK;
    },
  });
  return found;
}

type Range = [number, number];

/** Turns offsets and data paths into editor positions. */
function placer(text: string, lines: LineCounter, doc: Document) {
  const pos = (offset: number): [number, number] => {
    const { line, col } = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return [line, col];
  };

  /** A range on the start line only: a mapping's diagnostic underlines its first line, not forty. */
  const offsets = (start: number, end: number, message: string, severity: FileProblem['severity'], path: Path = []): FileProblem => {
    const newline = text.indexOf('\n', start);
    let stop = Math.min(end, newline === -1 ? text.length : newline);
    if (stop <= start) stop = Math.min(start + 1, newline === -1 ? text.length : newline);
    return problemAt(pos(start), stop > start ? pos(stop) : pos(start), message, severity, path);
  };

  const rangeOf = (node: unknown): Range | undefined => {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    return r && r[1] > r[0] ? [r[0], r[1]] : undefined;
  };

  /** The deepest node of `path` the document has (an alias stops the walk: the problem is shown at the alias). */
  const locate = (path: Path, atKey: boolean): Range => {
    let node: unknown = doc.contents;
    let best = rangeOf(node) ?? [0, 0];
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        const keyRange = rangeOf(pair.key);
        if (atKey && i === path.length - 1 && keyRange) return keyRange;
        node = pair.value;
        best = rangeOf(node) ?? keyRange ?? best;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg];
        best = rangeOf(node) ?? best;
      } else {
        break;
      }
    }
    return best;
  };

  const finding = (f: RuleFinding): FileProblem => {
    const [start, end] = locate(f.path, f.atKey === true);
    return offsets(start, end, f.message, f.severity, f.path);
  };

  return { offsets, finding };
}
