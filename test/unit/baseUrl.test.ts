import assert from 'node:assert/strict';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../../src/api/baseUrl';

describe('checkBaseUrl: where the admin key may be sent', () => {
  it('accepts the default and strips a trailing slash', () => {
    assert.deepEqual(checkBaseUrl(DEFAULT_BASE_URL), { ok: true, url: DEFAULT_BASE_URL });
    assert.deepEqual(checkBaseUrl('https://api.openai.com/v1/'), { ok: true, url: DEFAULT_BASE_URL });
  });

  for (const url of ['http://127.0.0.1:8787/v1', 'http://localhost:1/v1', 'http://[::1]:9/v1', 'http://127.5.6.7/v1']) {
    it(`allows plain http to loopback: ${url}`, () => assert.equal(checkBaseUrl(url).ok, true));
  }

  const refused: Array<[string, RegExp]> = [
    ['http://evil.example.com/v1', /plain http to evil\.example\.com/],
    ['http://10.0.0.5/v1', /plain http/],
    ['http://127.0.0.1.evil.com/v1', /plain http/],
    ['ftp://api.openai.com/v1', /must use https/],
    ['file:///etc/passwd', /must use https/],
    ['https://user:pw@api.openai.com/v1', /user name or password/],
    ['https://api.openai.com/v1?x=1', /query string/],
    ['not a url', /not a valid URL/],
    ['  ', /empty/],
  ];
  for (const [url, reason] of refused) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      const r = checkBaseUrl(url);
      assert.equal(r.ok, false);
      assert.match((r as { reason: string }).reason, reason);
    });
  }
});
