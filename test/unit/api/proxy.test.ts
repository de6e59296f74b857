import assert from 'node:assert/strict';
import { closeSharedDispatchers, createAdminClient, NetworkError } from '../../../src/api';
import { jsonOk, startHttpServer, startHttpsServer, startProxy, type TestProxy, type TestServer } from './helpers/servers';

const KEY = 'sk-admin-proxy-test-key';

describe('api proxy support (real proxy on 127.0.0.1)', () => {
  let proxy: TestProxy;
  let origin: TestServer;
  let secureOrigin: TestServer;

  before(async () => {
    [proxy, origin, secureOrigin] = await Promise.all([startProxy(), startHttpServer(jsonOk), startHttpsServer(jsonOk)]);
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
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${origin.origin}/v1`, proxy: { url: proxy.origin }, env: {} });
    assert.equal(client.proxy, `${proxy.origin}/`);
    await client.projects.listPage();
    await client.users.retrieve('user_1');
    assert.deepEqual(proxy.forwarded, [
      `GET ${origin.origin}/v1/organization/projects?limit=100`,
      `GET ${origin.origin}/v1/organization/users/user_1`,
    ]);
    assert.equal(origin.requests.length, 2);
    assert.equal(origin.requests[0]!.authorization, `Bearer ${KEY}`);
  });

  it('uses HTTP_PROXY from the env option when no proxy setting is given', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${origin.origin}/v1`, env: { HTTP_PROXY: proxy.origin } });
    await client.invites.listPage();
    assert.deepEqual(proxy.forwarded, [`GET ${origin.origin}/v1/organization/invites?limit=100`]);
  });

  it('tunnels https through HTTPS_PROXY with CONNECT; the proxy never sees the request or key', async () => {
    const client = createAdminClient({
      apiKey: KEY,
      baseUrl: `${secureOrigin.origin}/v1`,
      env: { HTTPS_PROXY: proxy.origin },
      proxy: { strictSSL: false },
    });
    for (let i = 0; i < 10; i++) await client.projects.listPage();
    // Keep-alive reuses the tunnels (undici's pool settles on at most two for back-to-back requests).
    assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.length <= 2, `tunnels: ${proxy.tunnels.length}`);
    assert.ok(proxy.tunnels.every((t) => t === `127.0.0.1:${secureOrigin.port}`));
    assert.deepEqual(proxy.forwarded, []);
    assert.equal(secureOrigin.requests.length, 10);
    assert.equal(secureOrigin.requests[0]!.authorization, `Bearer ${KEY}`);
  });

  it('applies strictSSL: a self-signed certificate is refused by default', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${secureOrigin.origin}/v1`, proxy: { url: proxy.origin }, env: {}, maxRetries: 0 });
    await assert.rejects(client.projects.listPage(), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /self[- ]signed/i);
      return true;
    });
    assert.equal(secureOrigin.requests.length, 0);
  });

  it('bypasses the proxy for NO_PROXY hosts (env and setting)', async () => {
    const viaEnv = createAdminClient({
      apiKey: KEY,
      baseUrl: `${origin.origin}/v1`,
      env: { HTTP_PROXY: proxy.origin, NO_PROXY: `example.com, 127.0.0.1:${origin.port}` },
    });
    assert.equal(viaEnv.proxy, undefined);
    await viaEnv.projects.listPage();
    const viaSetting = createAdminClient({
      apiKey: KEY,
      baseUrl: `${origin.origin}/v1`,
      proxy: { url: proxy.origin, noProxy: ['127.0.0.1'] },
      env: {},
    });
    await viaSetting.projects.listPage();
    const wildcard = createAdminClient({ apiKey: KEY, baseUrl: `${origin.origin}/v1`, env: { HTTP_PROXY: proxy.origin, no_proxy: '*' } });
    await wildcard.projects.listPage();
    assert.deepEqual(proxy.forwarded, []);
    assert.deepEqual(proxy.tunnels, []);
    assert.equal(origin.requests.length, 3);
  });

  it('rejects an unusable proxy setting at creation without echoing it', () => {
    for (const url of ['http//alice:pr0xy-s3cret@proxy', 'ftp://alice:pr0xy-s3cret@proxy:21']) {
      assert.throws(
        () => createAdminClient({ apiKey: KEY, baseUrl: `${origin.origin}/v1`, proxy: { url }, env: {} }),
        (err: unknown) => err instanceof TypeError && !String(err).includes('pr0xy-s3cret') && /proxy/i.test(err.message),
      );
    }
  });

  it('does not let the proxy password into errors', async () => {
    const client = createAdminClient({
      apiKey: KEY,
      baseUrl: `${origin.origin}/v1`,
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
