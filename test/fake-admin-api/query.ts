// Query-string parsing with the real API's 400s. Array parameters are accepted both as
// repeated keys (`group_by=a&group_by=b`, the OpenAPI default) and with a `[]` suffix.
import { badRequest } from './errors';

export class Query {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : v;
  }

  array(name: string): string[] | undefined {
    const values = [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)];
    return values.length ? values : undefined;
  }

  int(name: string, opts: { default?: number; min?: number; max?: number; required?: boolean } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') {
      if (opts.required) throw badRequest(`Missing query parameter '${name}'.`, name, 'missing_required_parameter');
      return opts.default;
    }
    if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid '${name}': expected an integer, but got '${raw}' instead.`, name, 'invalid_type');
    const n = Number(raw);
    if (opts.min !== undefined && n < opts.min) {
      throw badRequest(`Invalid '${name}': integer below minimum value. Expected a value >= ${opts.min}, but got ${n} instead.`, name, 'integer_below_min_value');
    }
    if (opts.max !== undefined && n > opts.max) {
      throw badRequest(`Invalid '${name}': integer above maximum value. Expected a value <= ${opts.max}, but got ${n} instead.`, name, 'integer_above_max_value');
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw badRequest(`Invalid '${name}': expected a boolean, but got '${raw}' instead.`, name, 'invalid_type');
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return fallback;
    return checkEnum(name, raw, allowed);
  }

  /** An array parameter whose items must come from an enum. */
  enumArray<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    return this.array(name)?.map((v) => checkEnum(name, v, allowed));
  }
}

export function checkEnum<T extends string>(param: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Invalid value for '${param}': '${value}'. Supported values are: ${quoteList(allowed)}.`, param, 'invalid_value');
  }
  return value as T;
}

export function quoteList(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}` : q.join('');
}
