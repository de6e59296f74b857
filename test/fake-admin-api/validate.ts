// A tiny request-body checker producing the real API's 400s (message wording, `param` set to the
// offending field path, `code`). The fake must work without the OpenAPI file at hand, so the
// request schemas are restated here in the few words each needs.
import { badRequest } from './errors';
import { checkEnum } from './query';

export type Check<T> = (value: unknown, path: string) => T;

interface Field<T, R extends boolean> {
  check: Check<T>;
  required: R;
}
type AnyField = Field<unknown, boolean>;
type Shape = Record<string, AnyField>;
type Out<S extends Shape> = {
  [K in keyof S as S[K] extends Field<unknown, true> ? K : never]: S[K] extends Field<infer T, boolean> ? T : never;
} & {
  [K in keyof S as S[K] extends Field<unknown, true> ? never : K]?: S[K] extends Field<infer T, boolean> ? T : never;
};

export const req = <T>(check: Check<T>): Field<T, true> => ({ check, required: true });
export const opt = <T>(check: Check<T>): Field<T, false> => ({ check, required: false });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function wrongType(path: string, expected: string, value: unknown): never {
  throw badRequest(`Invalid type for '${path}': expected ${expected}, but got ${describe(value)} instead.`, path, 'invalid_type');
}

export const v = {
  string(opts: { minLength?: number; maxLength?: number; pattern?: RegExp } = {}): Check<string> {
    return (value, path) => {
      if (typeof value !== 'string') wrongType(path, 'a string', value);
      if (opts.pattern && !opts.pattern.test(value)) {
        throw badRequest(`Invalid '${path}': string does not match pattern. Expected a string that matches the pattern '${opts.pattern.source}'.`, path, 'invalid_value');
      }
      if (opts.minLength !== undefined && value.length < opts.minLength) {
        throw badRequest(`Invalid '${path}': string too short. Expected a string with minimum length ${opts.minLength}, but got a string with length ${value.length} instead.`, path, 'string_below_min_length');
      }
      if (opts.maxLength !== undefined && value.length > opts.maxLength) {
        throw badRequest(`Invalid '${path}': string too long. Expected a string with maximum length ${opts.maxLength}, but got a string with length ${value.length} instead.`, path, 'string_above_max_length');
      }
      return value;
    };
  },
  int(opts: { min?: number; max?: number } = {}): Check<number> {
    return (value, path) => {
      if (typeof value !== 'number' || !Number.isInteger(value)) wrongType(path, 'an integer', value);
      if (opts.min !== undefined && value < opts.min) {
        throw badRequest(`Invalid '${path}': integer below minimum value. Expected a value >= ${opts.min}, but got ${value} instead.`, path, 'integer_below_min_value');
      }
      if (opts.max !== undefined && value > opts.max) {
        throw badRequest(`Invalid '${path}': integer above maximum value. Expected a value <= ${opts.max}, but got ${value} instead.`, path, 'integer_above_max_value');
      }
      return value;
    };
  },
  bool(): Check<boolean> {
    return (value, path) => (typeof value === 'boolean' ? value : wrongType(path, 'a boolean', value));
  },
  enum<T extends string>(values: readonly T[]): Check<T> {
    return (value, path) => (typeof value === 'string' ? checkEnum(path, value, values) : wrongType(path, 'a string', value));
  },
  array<T>(item: Check<T>, opts: { minItems?: number; maxItems?: number } = {}): Check<T[]> {
    return (value, path) => {
      if (!Array.isArray(value)) wrongType(path, 'an array', value);
      if (opts.minItems !== undefined && value.length < opts.minItems) {
        throw badRequest(`Invalid '${path}': empty array. Expected an array with minimum length ${opts.minItems}, but got an array with length ${value.length} instead.`, path, 'empty_array');
      }
      if (opts.maxItems !== undefined && value.length > opts.maxItems) {
        throw badRequest(`Invalid '${path}': array too long. Expected an array with maximum length ${opts.maxItems}, but got an array with length ${value.length} instead.`, path, 'array_above_max_length');
      }
      return value.map((x, i) => item(x, `${path}[${i}]`));
    };
  },
  /** A string, boolean or number (attribute matcher values). */
  scalar(): Check<string | boolean | number> {
    return (value, path) =>
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) ? value : wrongType(path, 'a string, boolean or number', value);
  },
  /** A free-form JSON object (e.g. a JWKS document). */
  json(): Check<Record<string, unknown>> {
    return (value, path) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : wrongType(path, 'an object', value));
  },
  /** An object whose keys are free and whose values all pass `item`. */
  record<T>(item: Check<T>, opts: { minProperties?: number } = {}): Check<Record<string, T>> {
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) wrongType(path, 'an object', value);
      const entries = Object.entries(value as Record<string, unknown>);
      if (opts.minProperties !== undefined && entries.length < opts.minProperties) {
        throw badRequest(`Invalid '${path}': expected an object with at least ${opts.minProperties} propert${opts.minProperties === 1 ? 'y' : 'ies'}.`, path, 'empty_object');
      }
      return Object.fromEntries(entries.map(([k, x]) => [k, item(x, `${path}.${k}`)]));
    };
  },
  /** A oneOf discriminated by `type` (the spec's `discriminator: {propertyName: type}`). */
  union<M extends Record<string, Check<unknown>>>(variants: M): Check<ReturnType<M[keyof M]>> {
    const tags = Object.keys(variants);
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) wrongType(path || 'body', 'an object', value);
      const tagPath = path ? `${path}.type` : 'type';
      const tag = (value as { type?: unknown }).type;
      if (tag === undefined) throw badRequest(`Missing required parameter: '${tagPath}'.`, tagPath, 'missing_required_parameter');
      if (typeof tag !== 'string') wrongType(tagPath, 'a string', tag);
      checkEnum(tagPath, tag, tags);
      return variants[tag]!(value, path) as ReturnType<M[keyof M]>;
    };
  },
  nullable<T>(check: Check<T>): Check<T | null> {
    return (value, path) => (value === null ? null : check(value, path));
  },
  object<S extends Shape>(shape: S): Check<Out<S>> {
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) wrongType(path || 'body', 'an object', value);
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const fieldPath = path ? `${path}.${key}` : key;
        if (input[key] === undefined) {
          if (field.required) throw badRequest(`Missing required parameter: '${fieldPath}'.`, fieldPath, 'missing_required_parameter');
          continue;
        }
        out[key] = field.check(input[key], fieldPath);
      }
      return out as Out<S>;
    };
  },
};

/** `minProperties: 1` bodies: at least one of the known fields must be present. */
export function requireSome(body: unknown, fields: readonly string[]): void {
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (!fields.some((f) => input[f] !== undefined)) {
    throw badRequest(`At least one of ${fields.map((f) => `'${f}'`).join(', ')} must be provided.`, null, 'missing_required_parameter');
  }
}

/** Validates a parsed JSON body; an absent body counts as `{}` so required fields report by name. */
export function parseBody<S extends Shape>(body: unknown, shape: S): Out<S> {
  return v.object(shape)(body === undefined ? {} : body, '');
}
