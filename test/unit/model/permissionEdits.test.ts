import assert from 'node:assert/strict';
import { hostedToolChanges, modelChoices, samePolicy } from '../../../src/model/permissionEdits';

describe('permission edits', () => {
  const allOn = { code_interpreter: { enabled: true }, file_search: { enabled: true }, image_generation: { enabled: true }, mcp: { enabled: true }, web_search: { enabled: true } };

  it('hostedToolChanges sends only the tools whose state changed', () => {
    const on = new Set(['code_interpreter', 'file_search', 'image_generation', 'mcp']);
    assert.deepEqual(hostedToolChanges(allOn, on), { web_search: { enabled: false } });
  });

  it('hostedToolChanges is empty when nothing changed', () => {
    assert.deepEqual(hostedToolChanges(allOn, new Set(Object.keys(allOn))), {});
  });

  it('hostedToolChanges treats a missing tool as off', () => {
    assert.deepEqual(hostedToolChanges({ mcp: { enabled: true } }, new Set(['mcp', 'web_search'])), { web_search: { enabled: true } });
    assert.deepEqual(hostedToolChanges({ mcp: null }, new Set()), {});
  });

  it('modelChoices merges rate-limit models with the policy’s own, once each, sorted', () => {
    assert.deepEqual(modelChoices(['gpt-4o', 'o3', 'gpt-4o'], ['ft:custom', 'o3']), ['ft:custom', 'gpt-4o', 'o3']);
  });

  it('samePolicy compares mode and the set of models, ignoring order', () => {
    const p = { mode: 'allow_list' as const, model_ids: ['a', 'b'] };
    assert.equal(samePolicy(p, 'allow_list', ['b', 'a']), true);
    assert.equal(samePolicy(p, 'deny_list', ['a', 'b']), false);
    assert.equal(samePolicy(p, 'allow_list', ['a']), false);
    assert.equal(samePolicy(p, 'allow_list', ['a', 'b', 'c']), false);
    assert.equal(samePolicy(undefined, 'allow_list', ['a']), false);
  });
});
