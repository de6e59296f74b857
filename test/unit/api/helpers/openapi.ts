import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface YamlOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The official spec subset; never copied into the repo. */
export function openApiPath(): string {
  return process.env.OPENAI_ADMIN_OPENAPI ?? path.resolve(REPO_ROOT, '..', 'shared', 'admin-api', 'openapi-admin-2026-11.yaml');
}

export function yamlOperations(): YamlOperation[] {
  const doc = parse(readFileSync(openApiPath(), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
  const out: YamlOperation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'delete', 'put', 'patch'].includes(method)) continue;
      out.push({ operationId: op.operationId, method: method.toUpperCase() as YamlOperation['method'], path: p });
    }
  }
  return out;
}
