import assert from 'node:assert/strict';
import { closeSharedDispatchers, createAdminClient, NetworkError } from '../../../src/api';
import { jsonOk, PROXIED_HOST, startHttpServer, startHttpsServer, startProxy, viaProxyName, type TestProxy, type TestServer } from './helpers/servers';

const KEY = 'sk-admin-proxy-test-key';

// The client never proxies a loopback address, so tests of the proxy path name the origins by a
// host only the test proxy resolves (PROXIED_HOST → 127.0.0.1).

describe('api proxy support (real proxy on 127.0.0.1)', () => {
  let proxy: TestProxy;
  let origin: TestServer;
  let secureOrigin: TestServer;
  /** The origins under PROXIED_HOST. */
  let named: string;
  let secureNamed: string;

  before(async () => {
    [proxy, origin, secureOrigin] = await Promise.all([startProxy(), startHttpServer(jsonOk), startHttpsServer(jsonOk)]);
    named = viaProxyName(origin.origin);
    secureNamed = viaProxyName(secureOrigin.origin);
  });
  afterEach(async () => {
    await closeSharedDispatchers();
    proxy.tunnels.length = 0;
    proxy.forwarded.length = 0;
    origin.requests.length = 0;
    secureOrigin.requests.length = 0;
  });
  after(() => Promise.all([proxy.close(), origin.close(), secureOrigin.close()]));

  it('sends http requests through proxy.url as absolute-URI requests', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${named}/v1`, proxy: { url: proxy.origin }, env: {} });
    assert.equal(client.proxy, `${proxy.origin}/`);
    await client.projects.listPage();
    await client.users.retrieve('user_1');
    assert.deepEqual(proxy.forwarded, [
      `GET ${named}/v1/organization/projects?limit=100`,
      `GET ${named}/v1/organization/users/user_1`,
    ]);
    assert.equal(origin.requests.length, 2);
    assert.equal(origin.requests[0]!.authorization, `Bearer ${KEY}`);
  });

  it('uses HTTP_PROXY from the env option when no proxy setting is given', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${named}/v1`, env: { HTTP_PROXY: proxy.origin } });
    await client.invites.listPage();
    assert.deepEqual(proxy.forwarded, [`GET ${named}/v1/organization/invites?limit=100`]);
    assert.equal(origin.requests.length, 1);
  });

  it('tunnels https through HTTPS_PROXY with CONNECT; the proxy never sees the request or key', async () => {
    const client = createAdminClient({
      apiKey: KEY,
      baseUrl: `${secureNamed}/v1`,
      env: { HTTPS_PROXY: proxy.origin },
      // The test origin's certificate is self-signed (as a TLS-inspecting proxy's would be).
      proxy: { strictSSL: false },
    });
    for (let i = 0; i < 10; i++) await client.projects.listPage();
    // Keep-alive reuses the tunnels (undici's pool settles on at most two for back-to-back requests).
    assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.length <= 2, `tunnels: ${proxy.tunnels.length}`);
    assert.ok(proxy.tunnels.every((t) => t === `${PROXIED_HOST}:${secureOrigin.port}`));
    assert.deepEqual(proxy.forwarded, []);
    assert.equal(secureOrigin.requests.length, 10);
    assert.equal(secureOrigin.requests[0]!.authorization, `Bearer ${KEY}`);
  });

  it('applies strictSSL through a proxy: a self-signed certificate is refused by default', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${secureNamed}/v1`, proxy: { url: proxy.origin }, env: {}, maxRetries: 0 });
    await assert.rejects(client.projects.listPage(), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /self[- ]signed/i);
      return true;
    });
    assert.deepEqual(proxy.tunnels, [`${PROXIED_HOST}:${secureOrigin.port}`], 'the request did not go through the proxy');
    assert.equal(secureOrigin.requests.length, 0);
  });

  it('proxyStrictSSL: false is about the proxy: a direct https connection still verifies the certificate', async () => {
    const settings = [
      { strictSSL: false },
      // A proxy is set, but a loopback target is never proxied: the connection is direct.
      { url: proxy.origin, strictSSL: false },
    ];
    for (const setting of settings) {
      const client = createAdminClient({ apiKey: KEY, baseUrl: `${secureOrigin.origin}/v1`, proxy: setting, env: {}, maxRetries: 0 });
      assert.equal(client.proxy, undefined);
      await assert.rejects(client.projects.listPage(), (err: unknown) => {
        assert.ok(err instanceof NetworkError, String(err));
        assert.match(err.message, /self[- ]signed/i);
        return true;
      });
    }
    assert.equal(secureOrigin.requests.length, 0, 'the key went to a server whose certificate was not checked');
    assert.deepEqual(proxy.tunnels, []);
  });

  it('never sends a loopback base URL through a proxy (http.proxy or HTTP_PROXY): the key stays off the wire', async () => {
    const loopbacks = [origin.origin, `http://localhost:${origin.port}`];
    for (const base of loopbacks) {
      for (const where of [{ proxy: { url: proxy.origin, noProxy: [] }, env: {} }, { env: { HTTP_PROXY: proxy.origin, HTTPS_PROXY: proxy.origin } }]) {
        const client = createAdminClient({ apiKey: KEY, baseUrl: `${base}/v1`, ...where });
        assert.equal(client.proxy, undefined, `${base} ${JSON.stringify(where)}`);
        await client.projects.listPage();
      }
    }
    assert.deepEqual(proxy.forwarded, [], 'the proxy saw a request (and its Authorization header)');
    assert.deepEqual(proxy.tunnels, []);
    assert.equal(origin.requests.length, 4);
    assert.ok(origin.requests.every((r) => r.authorization === `Bearer ${KEY}`));
  });

  it('bypasses the proxy for NO_PROXY hosts, from the environment and the setting together', async () => {
    // An IPv4-mapped address reaches 127.0.0.1 without being one of the loopback names the client
    // keeps off proxies by itself, so only a no-proxy entry can make these requests go direct.
    const mapped = `http://[::ffff:127.0.0.1]:${origin.port}/v1`;
    const clients = [
      // http.proxy with VS Code's default http.noProxy ([]): NO_PROXY still counts.
      createAdminClient({ apiKey: KEY, baseUrl: mapped, proxy: { url: proxy.origin, noProxy: [] }, env: { NO_PROXY: 'example.com, ::ffff:127.0.0.1' } }),
      createAdminClient({ apiKey: KEY, baseUrl: mapped, proxy: { url: proxy.origin, noProxy: ['example.com'] }, env: { no_proxy: `[::ffff:127.0.0.1]:${origin.port}` } }),
      createAdminClient({ apiKey: KEY, baseUrl: mapped, proxy: { noProxy: ['::ffff:127.0.0.1'] }, env: { HTTP_PROXY: proxy.origin } }),
      createAdminClient({ apiKey: KEY, baseUrl: mapped, env: { HTTP_PROXY: proxy.origin, no_proxy: '*' } }),
    ];
    for (const client of clients) {
      assert.equal(client.proxy, undefined);
      await client.projects.listPage();
    }
    assert.deepEqual(proxy.forwarded, []);
    assert.deepEqual(proxy.tunnels, []);
    assert.equal(origin.requests.length, 4);
    // Without a matching entry the same address goes through the proxy.
    await createAdminClient({ apiKey: KEY, baseUrl: mapped, proxy: { url: proxy.origin, noProxy: ['example.com'] }, env: { NO_PROXY: 'example.org' } }).projects.listPage();
    assert.equal(proxy.forwarded.length, 1);
  });

  it('rejects an unusable proxy setting at creation without echoing it', () => {
    for (const url of ['http//alice:pr0xy-s3cret@proxy', 'ftp://alice:pr0xy-s3cret@proxy:21']) {
      assert.throws(
        () => createAdminClient({ apiKey: KEY, baseUrl: `${named}/v1`, proxy: { url }, env: {} }),
        (err: unknown) => err instanceof TypeError && !String(err).includes('pr0xy-s3cret') && /proxy/i.test(err.message),
      );
    }
  });

  it('a proxy password with a bare % is a clear settings error, not a URIError, and is not echoed', () => {
    for (const proxySource of [{ proxy: { url: 'http://alice:50%off@proxy.example:8080' }, env: {} }, { env: { HTTP_PROXY: 'http://alice:50%off@proxy.example:8080' } }]) {
      assert.throws(
        () => createAdminClient({ apiKey: KEY, baseUrl: `${named}/v1`, ...proxySource }),
        (err: unknown) => {
          assert.ok(err instanceof TypeError && !(err instanceof URIError), String(err));
          assert.match(err.message, /proxy/i);
          assert.match(err.message, /%25/, 'the message says how to write a %');
          assert.doesNotMatch(`${err.stack} ${JSON.stringify(err)}`, /50%off|alice/);
          return true;
        },
      );
    }
  });

  it('does not let the proxy password into errors', async () => {
    const client = createAdminClient({
      apiKey: KEY,
      baseUrl: `${named}/v1`,
      proxy: { url: 'http://alice:pr0xy-s3cret@127.0.0.1:1' },
      env: {},
      maxRetries: 0,
    });
    assert.equal(client.proxy, 'http://127.0.0.1:1/');
    const err = await client.projects.listPage().catch((e: unknown) => e);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.networkCode, 'ECONNREFUSED');
    assert.doesNotMatch(`${err.stack} ${JSON.stringify(err)}`, /pr0xy-s3cret|alice/);
  });
});
