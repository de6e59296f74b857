// Ajv's errors against schemas/openai-org.schema.json, in words a person editing the file acts on:
// "Unknown field “foo” in projects[2]. Allowed: name, id, …" rather than "must NOT have additional
// properties". Each finding keeps the path into the data, so parse.ts can place it in the YAML.
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import { pathText, quote } from './problems';
import type { Path, RuleFinding } from './rules';

type Schema = Record<string, unknown>;

function typeWords(type: string): string {
  switch (type) {
    case 'number': return l10n.t('a number');
    case 'integer': return l10n.t('a whole number');
    case 'string': return l10n.t('text');
    case 'boolean': return l10n.t('true or false');
    case 'array': return l10n.t('a list');
    case 'object': return l10n.t('a mapping (key: value)');
    default: return type;
  }
}

/** "a, b or c" */
function words(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : l10n.t('{0} or {1}', list.slice(0, -1).join(', '), list[list.length - 1]);
}

/** What a value is, for "must be a number, not text “lots”". */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return l10n.t('empty');
  if (Array.isArray(value)) return l10n.t('a list');
  if (typeof value === 'object') return l10n.t('a mapping');
  if (typeof value === 'string') return l10n.t('text {0}', quote(value));
  return String(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function dataPath(instancePath: string): Path {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((raw) => {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg;
  });
}

function where(path: Path): string {
  return path.length ? pathText(path) : l10n.t('The file');
}

function schemaAllows(branch: Schema, value: unknown): boolean {
  const type = jsonType(value);
  if ('const' in branch) return jsonType(branch.const) === type || (type === 'integer' && typeof branch.const === 'number');
  const types = ([] as unknown[]).concat(branch.type ?? []);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** One error → one finding, or none when another error says it better. */
function describe(e: ErrorObject): RuleFinding | undefined {
  const path = dataPath(e.instancePath);
  const at = where(path);
  const value = e.data;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(((e.parentSchema as Schema | undefined)?.properties ?? {}) as Schema);
      return {
        path: [...path, field], atKey: true, severity: 'error',
        message: path.length
          ? l10n.t('Unknown field {0} in {1}. Allowed: {2}.', quote(field), pathText(path), allowed.join(', '))
          : l10n.t('Unknown field {0} at the top level. Allowed: {1}.', quote(field), allowed.join(', ')),
      };
    }
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return { path, severity: 'error', message: l10n.t('{0} is missing {1}, which is required.', at, quote(field)) };
    }
    case 'type': {
      const types = ([] as string[]).concat((e.params as { type: string | string[] }).type);
      const wanted = words(types.map(typeWords));
      return { path, severity: 'error', message: l10n.t('{0} must be {1}, not {2}.', at, wanted, describeValue(value)) };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return { path, severity: 'error', message: l10n.t('{0} must be one of {1}, not {2}.', at, words(allowed), describeValue(value)) };
    }
    case 'const': {
      const wanted = (e.params as { allowedValue: unknown }).allowedValue;
      return { path, severity: 'error', message: l10n.t('{0} must be {1}, not {2}.', at, JSON.stringify(wanted), describeValue(value)) };
    }
    case 'minimum':
      return { path, severity: 'error', message: l10n.t('{0} must be {1} or more, not {2}.', at, (e.params as { limit: number }).limit, describeValue(value)) };
    case 'minLength':
      return { path, severity: 'error', message: l10n.t('{0} must not be empty.', at) };
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const later = Math.max(i, j);
      const item = Array.isArray(value) ? value[later] : undefined;
      return { path: [...path, later], severity: 'error', message: l10n.t('{0} lists {1} twice (items {2} and {3}).', at, quote(item), Math.min(i, j), later) };
    }
    case 'anyOf': {
      const description = (e.parentSchema as Schema | undefined)?.description;
      const forms = typeof description === 'string' ? description.replace(/\.$/, '') : l10n.t('one of the allowed forms');
      return { path, severity: 'error', message: l10n.t('{0} must be {1}; it is {2}.', at, forms, describeValue(value)) };
    }
    default:
      // Ajv's own words (English) when it has them.
      return { path, severity: 'error', message: e.message ? `${at} ${e.message}.` : l10n.t('{0} is not valid.', at) };
  }
}

/**
 * Ajv reports an `anyOf` once plus every branch's own errors. Keep the errors of the branch whose type
 * fits the value (a list of tiers with a typo → that typo), or only the `anyOf` when none fits.
 */
function withoutOtherBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' || !Array.isArray(e.schema)) continue;
    const branches = e.schema as Schema[];
    // Only a list or a mapping is worth its branch's own errors (the typo inside it); a scalar of the
    // wrong value gets the field's description, which names every form it takes.
    const structured = ['array', 'object'].includes(jsonType(e.data));
    const fitting = structured ? branches.findIndex((b) => schemaAllows(b, e.data)) : -1;
    for (const other of errors) {
      // The same schema path recurs for every project; only errors under this value are its branches'.
      const under = other.instancePath === e.instancePath || other.instancePath.startsWith(`${e.instancePath}/`);
      if (other === e || !under || !other.schemaPath.startsWith(`${e.schemaPath}/`)) continue;
      const branch = Number(other.schemaPath.slice(e.schemaPath.length + 1).split('/')[0]);
      if (branch !== fitting) dropped.add(other);
    }
    if (fitting >= 0) dropped.add(e);
  }
  return errors.filter((e) => !dropped.has(e));
}

export function describeSchemaErrors(errors: readonly ErrorObject[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const e of withoutOtherBranches(errors)) {
    const finding = describe(e);
    if (finding) out.push(finding);
  }
  return out;
}
