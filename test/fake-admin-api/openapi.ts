// Loads the official OpenAPI file at test time (it is never copied into the repo) and turns its
// response schemas into ajv validators.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

export interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  operationId: string;
  /** The 200 application/json schema as written in the file. */
  responseSchema: unknown;
}

export interface Spec {
  file: string;
  operations: Operation[];
  /** Validator for an operation's 200 body. */
  validator(operationId: string): ValidateFunction;
  /** Validator for a component schema by name (e.g. ErrorResponse). */
  component(name: string): ValidateFunction;
}

function repoRoot(): string {
  // Works whether tsx runs this file as CommonJS (__dirname) or from the repo root (cwd).
  const here = typeof __dirname === 'string' ? __dirname : path.join(process.cwd(), 'test', 'fake-admin-api');
  return path.resolve(here, '..', '..');
}

export function specPath(): string {
  return process.env.OPENAI_ADMIN_OPENAPI ?? path.resolve(repoRoot(), '../shared/admin-api/openapi-admin-2026-11.yaml');
}

const BASE = 'https://fake-admin-api.local/openapi.json';

/** OpenAPI → JSON Schema 2020-12: component refs become absolute, 3.0 `nullable` becomes a type union. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) out[k] = `${BASE}#/$defs/${v.slice('#/components/schemas/'.length)}`;
    else if (k === 'nullable') continue;
    else out[k] = convert(v);
  }
  const src = node as { nullable?: boolean; type?: unknown };
  if (src.nullable === true && typeof src.type === 'string') out.type = [src.type, 'null'];
  return out;
}

function collectFormats(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') into.add(v);
      else collectFormats(v, into);
    }
  }
}

/** The parsed spec, or a reason why it is not available. */
export function loadSpec(): Spec | { skipped: string } {
  const file = specPath();
  if (!fs.existsSync(file)) return { skipped: `OpenAPI file not found at ${file} (set OPENAI_ADMIN_OPENAPI to its path)` };
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
    components: { schemas: Record<string, unknown> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const formats = new Set<string>();
  collectFormats(doc, formats);
  // Formats the spec uses that JSON Schema does not define (unixtime…) are documentation only.
  for (const f of formats) if (!ajv.formats[f]) ajv.addFormat(f, true);
  ajv.addSchema({ $id: BASE, $defs: convert(doc.components.schemas) as Record<string, unknown> });

  const operations: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (!['get', 'post', 'delete'].includes(m)) continue;
      operations.push({
        method: m.toUpperCase() as Operation['method'],
        path: p,
        operationId: op.operationId,
        responseSchema: op.responses['200']?.content?.['application/json']?.schema,
      });
    }
  }
  const cache = new Map<string, ValidateFunction>();
  return {
    file,
    operations,
    validator(operationId) {
      let fn = cache.get(operationId);
      if (!fn) {
        const op = operations.find((o) => o.operationId === operationId);
        if (!op) throw new Error(`unknown operationId ${operationId}`);
        fn = ajv.compile(convert(op.responseSchema) as object);
        cache.set(operationId, fn);
      }
      return fn;
    },
    component(name) {
      return ajv.getSchema(`${BASE}#/$defs/${name}`)!;
    },
  };
}
