// A redirect is never followed with the key: every 3xx status, for each method, to another origin
// or the same one, through a proxy or not. The fake cannot redirect, so a small server of our own
// does; a second listener stands for wherever the redirect points and must see nothing.
import assert from 'node:assert/strict';
import { createAdminClient, NetworkError, type RequestLogEntry } from '../../../src/api';
import { closeSharedDispatchers } from '../../../src/api/agents';
import { jsonOk, startHttpServer, startProxy, viaProxyName, type TestProxy, type TestServer } from '../api/helpers/servers';

const KEY = 'sk-admin-CANARY-redirect-5e1b77aa';

describe('redirects are not followed with the key (own servers on 127.0.0.1)', () => {
  let target: TestServer;
  let redirector: TestServer;
  let proxy: TestProxy;

  before(async () => {
    target = await startHttpServer(jsonOk);
    redirector = await startHttpServer((req, res) => {
      const status = Number(/redirect-(30\d)/.exec(req.url ?? '')?.[1] ?? 302);
      const to = req.url?.includes('-same') ? '/v1/organization/projects' : `${target.origin}/v1/organization/projects?k=1`;
      res.writeHead(status, { location: to, 'content-type': 'text/html' }).end('<a href="elsewhere">moved</a>');
    });
    proxy = await startProxy();
  });
  after(async () => {
    await closeSharedDispatchers();
    await Promise.all([target.close(), redirector.close(), proxy.close()]);
  });

  const calls = [
    ['GET', (c: ReturnType<typeof createAdminClient>, s: string) => c.projects.retrieve(s)],
    ['POST', (c: ReturnType<typeof createAdminClient>, s: string) => c.projects.update(s, { name: 'x' })],
    ['DELETE', (c: ReturnType<typeof createAdminClient>, s: string) => c.invites.delete(s)],
  ] as const;

  for (const status of [301, 302, 303, 307, 308]) {
    for (const [method, call] of calls) {
      for (const where of ['elsewhere', 'same']) {
        it(`${status} on ${method} to ${where === 'same' ? 'the same origin' : 'another origin'}: an error naming the redirect, sent once, key not forwarded`, async () => {
          const log: RequestLogEntry[] = [];
          const before = { target: target.requests.length, redirector: redirector.requests.length };
          const client = createAdminClient({ apiKey: KEY, baseUrl: `${redirector.origin}/v1`, env: {}, maxRetries: 2, onRequest: (e) => log.push(e) });
          const error = await call(client, `redirect-${status}-${where}`).then(() => undefined, (e: unknown) => e);
          assert.ok(error instanceof NetworkError && error.networkCode === 'REDIRECT', String(error));
          assert.match(error.message, new RegExp(`HTTP ${status} redirect to .+ was not followed`));
          assert.equal(redirector.requests.length - before.redirector, 1, 'a redirect was retried');
          assert.equal(target.requests.length - before.target, 0, 'the redirect was followed');
          assert.ok(!JSON.stringify([error, log]).includes(KEY.slice(9)), 'the key is in the error or the log');
        });
      }
    }
  }

  it('through a proxy too: the redirect comes back through it and is not followed', async () => {
    const before = target.requests.length;
    // A loopback base URL is never proxied, so the redirector is named by a host only the proxy resolves.
    const client = createAdminClient({ apiKey: KEY, baseUrl: `${viaProxyName(redirector.origin)}/v1`, env: {}, proxy: { url: proxy.origin, strictSSL: true, noProxy: [] } });
    const error = await client.projects.retrieve('redirect-307-elsewhere').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof NetworkError && error.networkCode === 'REDIRECT', String(error));
    assert.ok(proxy.forwarded.some((f) => f.includes('redirect-307-elsewhere')), 'the request did not go through the proxy');
    assert.ok(!proxy.forwarded.some((f) => f.includes(target.origin)), 'the proxy was asked for the redirect target');
    assert.equal(target.requests.length, before);
  });
});
