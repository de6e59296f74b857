// The connection list's rules (src/model/connections.ts): what a stored list may hold, names, ids.
import assert from 'node:assert/strict';
import { checkConnectionName, DEFAULT_CONNECTION_ID, newConnectionId, parseConnections } from '../../../src/model/connections';

describe('connections (several organizations)', () => {
  it('no stored list, or an empty one, is the one default connection: an upgrade keeps its single key', () => {
    for (const raw of [undefined, null, [], 'junk', {}]) {
      assert.deepEqual(parseConnections(raw), [{ id: DEFAULT_CONNECTION_ID, name: 'Organization' }]);
    }
  });

  it('keeps valid entries in order and drops the ones that do not hold up', () => {
    const parsed = parseConnections([
      { id: 'default', name: 'Production' },
      { id: 'oabc123', name: 'Staging', baseUrl: 'http://127.0.0.1:8787/v1/' },
      { id: 'oabc123', name: 'Duplicate id' },
      { id: 'Bad/Id', name: 'Slash in id' },
      { id: 'oother1', name: 'production' },
      { id: 'oevil01', name: 'Evil', baseUrl: 'http://attacker.example/v1' },
      { id: 'orlo001', name: 'Name\u202Eevil' },
      { id: 'ook0001', name: '  Trimmed  ' },
    ]);
    assert.deepEqual(parsed, [
      { id: 'default', name: 'Production' },
      { id: 'oabc123', name: 'Staging', baseUrl: 'http://127.0.0.1:8787/v1' },
      { id: 'ook0001', name: 'Trimmed' },
    ]);
  });

  it('names: not empty, not too long, no control or bidi characters, unique without regard to case', () => {
    const list = [{ id: 'default', name: 'Production' }, { id: 'o1', name: 'Staging' }];
    assert.match(checkConnectionName('  ', list)!, /Enter a name/);
    assert.match(checkConnectionName('x'.repeat(61), list)!, /at most 60/);
    assert.match(checkConnectionName('a\u202Eb', list)!, /control or formatting/);
    assert.match(checkConnectionName('staging', list)!, /already named/);
    assert.equal(checkConnectionName('staging', list, 'o1'), undefined, 'renaming to its own name in another case');
    assert.equal(checkConnectionName('Research', list), undefined);
  });

  it('new ids are short words no connection has', () => {
    let n = 0;
    const seq = [0.5, 0.5, 0.25];
    const first = newConnectionId([], () => seq[n++ % 3]!);
    assert.match(first, /^o[0-9a-z]{6}$/);
    const second = newConnectionId([{ id: first, name: 'A' }], () => seq[n++ % 3]!);
    assert.notEqual(second, first);
  });
});
