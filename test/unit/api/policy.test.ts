import assert from 'node:assert/strict';
import { chooseProxy, matchesNoProxy } from '../../../src/api/proxy';
import { backoffDelayMs, isRetryable, serverRequestedDelayMs } from '../../../src/api/retry';
import { encodeQuery, expandPath } from '../../../src/api/url';

describe('api policy (pure functions)', () => {
  describe('retry policy', () => {
    it('retries idempotent methods on 408/429/5xx and connection failures, not on other 4xx', () => {
      for (const method of ['GET', 'DELETE'] as const) {
        for (const status of [408, 429, 500, 502, 503, 504]) assert.equal(isRetryable(method, { status }), true, `${method} ${status}`);
        for (const status of [400, 401, 403, 404, 409, 422]) assert.equal(isRetryable(method, { status }), false, `${method} ${status}`);
        for (const networkCode of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'TIMEOUT', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']) {
          assert.equal(isRetryable(method, { networkCode }), true, `${method} ${networkCode}`);
        }
        for (const networkCode of ['MALFORMED_BODY', 'REDIRECT', 'CANCELLED']) assert.equal(isRetryable(method, { networkCode }), false);
      }
    });

    it('retries a POST only when it cannot have taken effect', () => {
      assert.equal(isRetryable('POST', { status: 429 }), true);
      assert.equal(isRetryable('POST', { networkCode: 'ECONNREFUSED' }), true);
      for (const status of [408, 500, 502, 503]) assert.equal(isRetryable('POST', { status }), false, `POST ${status}`);
      for (const networkCode of ['ECONNRESET', 'UND_ERR_SOCKET', 'TIMEOUT', 'MALFORMED_BODY', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']) {
        assert.equal(isRetryable('POST', { networkCode }), false, `POST ${networkCode}`);
      }
    });

    it('backs off 0.5 s × 2ⁿ with jitter in [0.75, 1], capped at 8 s', () => {
      assert.equal(backoffDelayMs(0, () => 1), 500);
      assert.equal(backoffDelayMs(0, () => 0), 375);
      assert.equal(backoffDelayMs(1, () => 1), 1000);
      assert.equal(backoffDelayMs(3, () => 1), 4000);
      assert.equal(backoffDelayMs(4, () => 1), 8000);
      assert.equal(backoffDelayMs(10, () => 1), 8000);
      assert.equal(backoffDelayMs(10, () => 0), 6000);
    });

    it('honours retry-after-ms and Retry-After (seconds or HTTP date) only within 0–60 s', () => {
      const now = Date.parse('2026-01-01T00:00:00Z');
      assert.equal(serverRequestedDelayMs({ 'retry-after-ms': '250' }, now), 250);
      assert.equal(serverRequestedDelayMs({ 'retry-after': '2' }, now), 2000);
      assert.equal(serverRequestedDelayMs({ 'retry-after': '0.5' }, now), 500);
      assert.equal(serverRequestedDelayMs({ 'retry-after': new Date(now + 3000).toUTCString() }, now), 3000);
      assert.equal(serverRequestedDelayMs({ 'retry-after-ms': '120', 'retry-after': '5' }, now), 120);
      assert.equal(serverRequestedDelayMs({ 'retry-after': '3600' }, now), undefined);
      assert.equal(serverRequestedDelayMs({ 'retry-after': new Date(now - 3000).toUTCString() }, now), undefined);
      assert.equal(serverRequestedDelayMs({ 'retry-after': 'soon' }, now), undefined);
      assert.equal(serverRequestedDelayMs({ 'retry-after-ms': '-1' }, now), undefined);
      assert.equal(serverRequestedDelayMs({}, now), undefined);
    });
  });

  describe('url building', () => {
    it('encodes path parameters so an id cannot change the route', () => {
      assert.equal(expandPath('/organization/projects/{project_id}/users/{user_id}', ['p/1', 'u?x#y']), '/organization/projects/p%2F1/users/u%3Fx%23y');
      assert.equal(expandPath('/organization/projects/{project_id}', ['a..b']), '/organization/projects/a..b');
      for (const dots of ['.', '..', '...']) {
        assert.throws(() => expandPath('/organization/projects/{project_id}/users/{user_id}', [dots, 'user_1']), /project_id .* only of dots/);
      }
      assert.throws(() => expandPath('/organization/projects/{project_id}', []), /missing path parameter project_id/);
      assert.throws(() => expandPath('/organization/projects/{project_id}', ['']), /project_id must not be empty/);
      assert.throws(() => expandPath('/organization/projects', ['x']), /takes 0 path parameters/);
    });

    it('sends arrays as repeated keys, keeps literal [] names, brackets object params, skips null/undefined', () => {
      assert.equal(encodeQuery({ group_by: ['model', 'project_id'], limit: 31, page: undefined, x: null }), '?group_by=model&group_by=project_id&limit=31');
      assert.equal(encodeQuery({ 'project_ids[]': ['a', 'b'] }), '?project_ids%5B%5D=a&project_ids%5B%5D=b');
      assert.equal(encodeQuery({ effective_at: { gte: 1, lt: 2 } }), '?effective_at%5Bgte%5D=1&effective_at%5Blt%5D=2');
      assert.equal(encodeQuery({ include_archived: true }), '?include_archived=true');
      assert.equal(encodeQuery({}), '');
      assert.equal(encodeQuery(undefined), '');
    });

    it('writes every scalar query exactly as URLSearchParams does (plain ones skip it)', () => {
      const values = [
        'user_abc-123.x*', '', 'a b', 'a+b', "!'()~", 'é', '日本', '\ud800', 'x&y=z', '%41', 1, 0, -0, -1.5, 1e21, NaN, Infinity, true, false, 10n,
      ];
      for (const value of values) {
        for (const key of ['after', 'a b', 'k[]', '']) {
          const query = { [key]: value, limit: 100 };
          const reference = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) reference.append(k, String(v));
          assert.equal(encodeQuery(query), `?${reference.toString()}`, `${key}=${String(value)}`);
        }
      }
      assert.equal(expandPath('/organization/projects/{project_id}/users/{user_id}/roles', ['proj_1', 'user_2']), '/organization/projects/proj_1/users/user_2/roles');
    });
  });

  describe('proxy choice', () => {
    const api = new URL('https://api.openai.com/v1');

    it('matches NO_PROXY entries: host, .domain, *.domain, *, host:port', () => {
      assert.equal(matchesNoProxy(api, ['api.openai.com']), true);
      assert.equal(matchesNoProxy(api, ['openai.com']), true);
      assert.equal(matchesNoProxy(api, ['.openai.com']), true);
      assert.equal(matchesNoProxy(api, ['*.openai.com']), true);
      assert.equal(matchesNoProxy(api, ['*']), true);
      assert.equal(matchesNoProxy(api, ['api.openai.com:443']), true);
      assert.equal(matchesNoProxy(api, ['api.openai.com:8443']), false);
      assert.equal(matchesNoProxy(api, ['notopenai.com', 'example.com']), false);
      assert.equal(matchesNoProxy(new URL('http://127.0.0.1:8080/v1'), ['127.0.0.1:8080']), true);
      assert.equal(matchesNoProxy(new URL('http://[::1]:8080/v1'), ['::1']), true);
      assert.equal(matchesNoProxy(new URL('http://[::1]:8080/v1'), ['[::1]:8080']), true);
      assert.equal(matchesNoProxy(new URL('http://[::1]:8080/v1'), ['[::1]:9']), false);
    });

    it('prefers caller settings, then the environment; NO_PROXY applies to both', () => {
      const env = { HTTPS_PROXY: 'http://env-proxy:3128', HTTP_PROXY: 'http://env-http:3128' };
      assert.equal(chooseProxy(api, { url: 'http://vscode-proxy:8080' }, env), 'http://vscode-proxy:8080');
      assert.equal(chooseProxy(api, undefined, env), 'http://env-proxy:3128');
      assert.equal(chooseProxy(api, {}, { HTTP_PROXY: 'http://env-http:3128' }), 'http://env-http:3128');
      assert.equal(chooseProxy(api, undefined, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' }), 'http://lower:1');
      assert.equal(chooseProxy(api, undefined, { ...env, NO_PROXY: 'localhost,.openai.com' }), undefined);
      assert.equal(chooseProxy(api, { url: 'http://vscode-proxy:8080', noProxy: ['api.openai.com'] }, env), undefined);
      assert.equal(chooseProxy(api, { url: '  ' }, {}), undefined);
    });

    it('merges http.noProxy with NO_PROXY: an entry in either bypasses the proxy', () => {
      const proxy = { url: 'http://p:1' };
      // VS Code's default http.noProxy is [], which must not hide NO_PROXY.
      assert.equal(chooseProxy(api, { ...proxy, noProxy: [] }, { NO_PROXY: '*' }), undefined);
      assert.equal(chooseProxy(api, { ...proxy, noProxy: ['example.com'] }, { NO_PROXY: 'openai.com' }), undefined);
      assert.equal(chooseProxy(api, { ...proxy, noProxy: ['openai.com'] }, { NO_PROXY: 'example.com' }), undefined);
      assert.equal(chooseProxy(api, { ...proxy, noProxy: ['example.com'] }, { no_proxy: 'example.org' }), 'http://p:1');
    });

    it('never proxies a loopback target, whatever the settings and environment say', () => {
      const env = { HTTPS_PROXY: 'http://env-proxy:3128', HTTP_PROXY: 'http://env-http:3128', ALL_PROXY: 'http://all:1' };
      for (const target of ['http://127.0.0.1:1/v1', 'http://localhost:8080/v1', 'http://LOCALHOST/v1', 'http://[::1]:8080/v1', 'https://127.0.0.5/v1', 'https://localhost/v1']) {
        assert.equal(chooseProxy(new URL(target), { url: 'http://vscode-proxy:8080', noProxy: [] }, env), undefined, target);
        assert.equal(chooseProxy(new URL(target), undefined, env), undefined, target);
      }
    });

    it('normalises address entries as URLs do, so an IPv6 entry matches however it is written', () => {
      const mapped = new URL('http://[::ffff:127.0.0.1]:8080/v1');
      assert.equal(matchesNoProxy(mapped, ['::ffff:127.0.0.1']), true);
      assert.equal(matchesNoProxy(mapped, ['[::FFFF:7f00:1]:8080']), true);
      assert.equal(matchesNoProxy(new URL('http://[2001:db8::1]/'), ['2001:0db8:0:0::1']), true);
      assert.equal(matchesNoProxy(new URL('https://api.openai.com/'), ['API.OpenAI.com']), true);
    });
  });
});
