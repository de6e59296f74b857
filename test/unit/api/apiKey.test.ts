// What Set Admin API Key accepts (and the client sends as the Authorization header): printable ASCII
// without spaces. A smart quote, an accented letter or a zero-width space pasted along with the key
// is named by position and code point, never by echoing the key.
import assert from 'node:assert/strict';
import { createAdminClient } from '../../../src/api';
import { checkApiKeyText } from '../../../src/api/apiKey';

const KEY = 'sk-admin-Q8v3_secretpart-Zz09';

describe('admin key text check (pure)', () => {
  it('accepts printable ASCII keys, symbols included', () => {
    for (const key of [KEY, 'sk-admin-a/b+c=d~e!f\'g(h)i*j', 'k'.repeat(200)]) assert.equal(checkApiKeyText(key), undefined, key);
  });

  it('refuses characters outside printable ASCII with a message that names the character, not the key', () => {
    const cases: [string, RegExp][] = [
      [`${KEY}\u201d`, /U\+201D/],
      [`sk-admin-caf\u00e9${KEY.slice(13)}`, /U\+00E9/],
      [`sk-admin-\u200b${KEY.slice(9)}`, /U\+200B/],
      [`${KEY}\u0000`, /U\+0000/],
      [`${KEY}\u007f`, /U\+007F/],
      [`sk-admin-\u{1F511}${KEY.slice(9)}`, /U\+1F511/],
    ];
    for (const [key, codePoint] of cases) {
      const problem = checkApiKeyText(key);
      assert.ok(problem, JSON.stringify(key));
      assert.match(problem, codePoint);
      assert.match(problem, /printable ASCII/);
      assert.ok(!problem.includes(KEY.slice(9, 20)) && !problem.includes('secretpart'), `the message echoes the key: ${problem}`);
    }
    assert.match(checkApiKeyText(`${KEY}\u201d`)!, /character 30/);
  });

  it('refuses spaces and line breaks, and an empty key', () => {
    for (const key of ['sk-admin a', 'sk-admin-a\nb', 'sk-admin-\ta', 'sk-\u00a0admin']) assert.ok(checkApiKeyText(key), JSON.stringify(key));
    assert.match(checkApiKeyText('sk-admin a')!, /space/);
    assert.match(checkApiKeyText('')!, /empty/);
  });

  it('the client refuses such a key too, before any request, without echoing it', () => {
    assert.throws(() => createAdminClient({ apiKey: `${KEY}\u201d`, env: {} }), (err: unknown) =>
      err instanceof TypeError && /U\+201D/.test(err.message) && !String(err).includes('secretpart'));
  });
});
