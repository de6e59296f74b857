// fast-check arbitraries for the official OpenAPI schemas: any body the API may legally send, not
// just the ones the fake happens to generate. Read from the YAML at test time, like the fake's own
// schema test (test/fake-admin-api/openapi.ts), so nothing from the spec is copied into the repo.
import fs from 'node:fs';
import fc from 'fast-check';
import YAML from 'yaml';
import { HOSTILE_STRINGS } from '../../../fake-admin-api/hostile-strings';
import { specPath } from '../../../fake-admin-api/openapi';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | Schema;
};

interface Doc {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

export interface SchemaArbitraries {
  /** Any 200 body of an operation, as its schema allows. */
  response(operationId: string): fc.Arbitrary<unknown>;
  component(name: string): fc.Arbitrary<unknown>;
}

/**
 * Strings mix short random text (any code point), the fake's hostile corpus and plain words.
 * Ids are the one constraint beyond the schema: the API never sends an empty id or one with a
 * slash, and the extension uses them as path segments and tree keys.
 */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom('gpt-4o', 'owner', 'member', 'reader', 'usd', 'active', 'archived', 'user', 'service_account') },
);
const idText = fc.stringMatching(/^[a-z]{2,6}_[A-Za-z0-9]{1,16}$/);
const isIdName = (name: string | undefined) => name !== undefined && (name === 'id' || name.endsWith('_id') || name === 'last_id' || name === 'first_id');

/** Timestamps and counts: realistic ones, and anything up to the largest integer JSON can carry exactly. */
function integer(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = s.maximum ?? Number.MAX_SAFE_INTEGER;
  const realistic = fc.integer({ min: Math.max(min, 0), max: Math.min(max, 2_000_000_000) });
  return fc.oneof({ weight: 3, arbitrary: realistic }, { weight: 1, arbitrary: fc.integer({ min, max }) });
}

function number(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? -1e15;
  const max = s.maximum ?? 1e15;
  return fc.oneof(integer(s), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)));
}

export function loadSchemaArbitraries(): SchemaArbitraries | { skipped: string } {
  const file = specPath();
  if (!fs.existsSync(file)) return { skipped: `OpenAPI file not found at ${file} (set OPENAI_ADMIN_OPENAPI to its path)` };
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as Doc;
  const components = new Map<string, fc.Arbitrary<unknown>>();

  const ref = (name: string): fc.Arbitrary<unknown> => {
    let arb = components.get(name);
    if (!arb) {
      // Lazy, so a schema that refers to itself does not recurse while being built.
      arb = fc.constant(null).chain(() => build(doc.components.schemas[name] ?? {}, undefined, 0));
      components.set(name, arb);
    }
    return arb;
  };

  function build(s: Schema, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
    if (s.$ref) return ref(s.$ref.replace('#/components/schemas/', ''));
    if (s.enum) return fc.constantFrom(...s.enum);
    const variants = s.anyOf ?? s.oneOf;
    if (variants) return fc.oneof(...variants.map((v) => build(v, name, depth + 1)));
    if (s.allOf) return fc.tuple(...s.allOf.map((v) => build(v, name, depth + 1))).map((parts) => Object.assign({}, ...parts.filter((p) => p && typeof p === 'object')));
    const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : s.items ? 'array' : 'any')];
    const arbs = types.map((t) => byType(t, s, name, depth));
    const all = s.nullable ? [...arbs, fc.constant(null)] : arbs;
    return all.length === 1 ? all[0]! : fc.oneof(...all);
  }

  function byType(type: string, s: Schema, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null': return fc.constant(null);
      case 'boolean': return fc.boolean();
      case 'integer': return integer(s);
      case 'number': return number(s);
      case 'string': {
        if (isIdName(name)) return idText;
        const bounded = s.minLength !== undefined || s.maxLength !== undefined;
        return bounded ? fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }) : text;
      }
      case 'array':
        return fc.array(build(s.items ?? {}, name, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, depth > 3 ? 1 : 4)) });
      case 'object': {
        const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, build(v, k, depth + 1)]));
        if (!Object.keys(props).length) return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 3 });
        return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
      }
      default:
        return fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    }
  }

  const responses = new Map<string, Schema>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      const schema = op.responses?.['200']?.content?.['application/json']?.schema;
      if (op.operationId && schema) responses.set(op.operationId, schema);
    }
  }
  return {
    response(operationId) {
      const schema = responses.get(operationId);
      if (!schema) throw new Error(`no 200 JSON response schema for ${operationId}`);
      return build(schema, undefined, 0);
    },
    component: ref,
  };
}
