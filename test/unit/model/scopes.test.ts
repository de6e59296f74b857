// Scopes typed by hand: one check for API key scopes (Edit API Key, the Project panel) and federation rules.
import assert from 'node:assert/strict';
import { checkScopes, parseScopes } from '../../../src/model/scopes';

describe('scopes typed by hand', () => {
  it('checks scope lists', () => {
    assert.equal(checkScopes('api.all.read, api.responses.write'), undefined);
    assert.match(checkScopes('') ?? '', /one or more/);
    assert.match(checkScopes('api.all.read, everything') ?? '', /"everything" does not look like a scope/);
    assert.deepEqual(parseScopes(' api.all.read,api.files.write  api.all.read'), ['api.all.read', 'api.files.write']);
    assert.equal(checkScopes('api.all.read, api.model.request'), undefined);
    assert.match(checkScopes('  ')!, /one or more scopes/);
    assert.match(checkScopes('api.all.read, read everything')!, /"read" does not look like a scope/);
    assert.match(checkScopes('api/all')!, /does not look like a scope/);
    assert.equal(checkScopes('api.*.read, api.model-x.request'), undefined, 'wildcards and dashes are scope characters');
    assert.match(checkScopes(`api.${'a'.repeat(130)}`)!, /does not look like a scope/, 'longer than 128 characters');
  });
});
