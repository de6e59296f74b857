import assert from 'node:assert/strict';
import { closeSharedDispatchers, createAdminClient } from '../../../src/api';
import { jsonOk, startHttpServer, type TestServer } from './helpers/servers';

const KEY = 'sk-admin-connection-test';

describe('api connections (own server on 127.0.0.1)', () => {
  let server: TestServer;
  let inFlight = 0;
  let maxInFlight = 0;

  before(async () => {
    server = await startHttpServer((req, res) => {
      if (!req.url?.includes('/slow')) return jsonOk(req, res);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Long enough that twelve requests started together overlap even on a loaded 2-core machine.
      setTimeout(() => {
        inFlight--;
        jsonOk(req, res);
      }, 300);
    });
  });
  afterEach(() => closeSharedDispatchers());
  after(() => server.close());

  it('reuses keep-alive connections for many sequential requests, across clients with the same settings', async () => {
    const before = server.connections;
    const first = createAdminClient({ apiKey: KEY, baseUrl: `${server.origin}/v1`, env: {} });
    const second = createAdminClient({ apiKey: `${KEY}-2`, baseUrl: `${server.origin}/v1`, env: {} });
    for (let i = 0; i < 40; i++) await (i % 2 ? first : second).projects.retrieve(`proj_${i}`);
    const opened = server.connections - before;
    // undici's pool settles on at most two sockets for strictly back-to-back requests.
    assert.ok(opened >= 1 && opened <= 2, `40 requests opened ${opened} connections`);
  });

  it('keeps working after the shared pools are closed (e.g. on deactivate) by opening new ones', async () => {
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${server.origin}/v1`, env: {} });
    await client.projects.retrieve('before');
    await closeSharedDispatchers();
    const before = server.connections;
    await client.projects.retrieve('after');
    assert.equal(server.connections, before + 1);
  });

  it('caps requests in flight with the concurrency option', async () => {
    maxInFlight = 0;
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${server.origin}/v1`, env: {}, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.projects.retrieve(`slow/${i}`)));
    assert.equal(maxInFlight, 3);

    maxInFlight = 0;
    const unlimited = createAdminClient({ apiKey: KEY, baseUrl: `${server.origin}/v1`, env: {} });
    await Promise.all(Array.from({ length: 12 }, (_, i) => unlimited.projects.retrieve(`slow/${i}`)));
    assert.equal(maxInFlight, 12);
  });

  it('sends the headers the API expects', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const probe = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen.push({ ...(req.headers as Record<string, string>), body, url: req.url });
        jsonOk(req, res);
      });
    });
    try {
      const client = createAdminClient({ apiKey: KEY, baseUrl: `${probe.origin}/v1/`, env: {}, userAgent: 'openai-admin-explorer/0.1.0' });
      await client.projects.create({ name: 'Ünïcode ✓' });
      await client.projects.retrieve('proj_1');
      assert.equal(seen[0]!.authorization, `Bearer ${KEY}`);
      assert.equal(seen[0]!['user-agent'], 'openai-admin-explorer/0.1.0');
      assert.equal(seen[0]!.accept, 'application/json');
      assert.equal(seen[0]!['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(seen[0]!.body!), { name: 'Ünïcode ✓' });
      assert.equal(seen[0]!.url, '/v1/organization/projects');
      assert.equal(seen[1]!['content-type'], undefined, 'no body, no content-type');
      assert.equal(seen[1]!.url, '/v1/organization/projects/proj_1');
    } finally {
      await probe.close();
    }
  });
});
