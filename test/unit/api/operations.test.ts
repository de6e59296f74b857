import assert from 'node:assert/strict';
import { createAdminClient, OPERATIONS, type OperationId } from '../../../src/api';
import { yamlOperations } from './helpers/openapi';
import { clientMethods } from './helpers/surface';

describe('api operations table and client surface vs the OpenAPI spec', () => {
  const yaml = yamlOperations();

  it('the spec has the 143 operations of openai-node 7.60.0 (DELTA.md)', () => {
    assert.equal(yaml.length, 143);
  });

  it('OPERATIONS has exactly the spec operationIds with the same method and path', () => {
    const table = Object.entries(OPERATIONS).map(([operationId, r]) => ({ operationId, method: r.method, path: r.path }));
    const key = (o: { operationId: string; method: string; path: string }) => `${o.operationId} ${o.method} ${o.path}`;
    assert.deepEqual(table.map(key).sort(), yaml.map(key).sort());
  });

  it('every operation is reachable from exactly one resource of the client', () => {
    const methods = clientMethods(createAdminClient({ apiKey: 'sk-admin-x', env: {} }));
    const byOp = new Map<OperationId, Set<string>>();
    for (const [name, op] of methods) {
      // listPage / iterate / all of one list are three views of one operation.
      const resource = name.replace(/\.(listPage|iterate|all)$/, '.<list>');
      byOp.set(op, (byOp.get(op) ?? new Set()).add(resource));
    }
    const missing = yaml.map((o) => o.operationId).filter((op) => !byOp.has(op as OperationId));
    assert.deepEqual(missing, [], 'operations without a client method');
    const duplicated = [...byOp].filter(([, names]) => names.size > 1).map(([op, names]) => `${op}: ${[...names].join(', ')}`);
    assert.deepEqual(duplicated, [], 'operations exposed twice');
  });

  it('every list resource offers listPage, iterate and all', () => {
    const methods = clientMethods(createAdminClient({ apiKey: 'sk-admin-x', env: {} }));
    const lists = [...methods.keys()].filter((n) => n.endsWith('.listPage') || n === 'listPage');
    assert.ok(lists.length >= 30, `${lists.length} lists`);
    for (const listPage of lists) {
      const base = listPage.slice(0, -'listPage'.length);
      assert.equal(methods.get(`${base}iterate`), methods.get(listPage), `${base}iterate`);
      assert.equal(methods.get(`${base}all`), methods.get(listPage), `${base}all`);
    }
  });
});
