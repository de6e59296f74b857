import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AdminApiError, type AdminClient, type RequestLogEntry } from '../../../src/api';
import { clientFor, useFakeApi } from './helpers/fake';
import { startHttpServer, type TestServer } from './helpers/servers';

const CANARY = 'sk-admin-CANARY-7f3e9a1b2c4d5e6f8a9b';
const WRONG_CANARY = 'sk-admin-WRONGCANARY-0a1b2c3d4e5f6a7b';

/** Every way an error or log line could be shown or serialised. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', String(value), inspect(value.cause, { depth: 10, showHidden: true }));
    if (value instanceof AdminApiError) out.push(value.apiMessage);
  }
  return out;
}

function assertNoSecret(label: string, value: unknown, secrets: string[]): void {
  for (const text of renderings(value)) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `${label} leaks ${secret.slice(0, 12)}…: ${text.slice(0, 300)}`);
      // Also catch a key that survived with only its prefix cut.
      assert.ok(!text.includes(secret.slice(9)), `${label} leaks the key body`);
    }
  }
}

describe('api never exposes the key (canary key, fake Admin API)', function () {
  this.timeout(15_000);
  const fake = useFakeApi({ projects: 3, users: 10, adminKey: CANARY });
  let echo: TestServer;
  const log: RequestLogEntry[] = [];

  before(async () => {
    // A hostile server that puts the Authorization header everywhere it can.
    echo = await startHttpServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      if (req.url?.includes('encoded')) {
        // The key as a URL or a form would carry it, in the encodings encodeURIComponent does not produce.
        const key = auth.slice(7);
        const lower = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
        const form = new URLSearchParams({ key }).toString();
        res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': form });
        return void res.end(JSON.stringify({ error: { message: `seen ?key=${lower} and ${form}`, type: lower, param: form, code: null } }));
      }
      if (req.url?.includes('redirect')) return void res.writeHead(302, { location: `http://127.0.0.1:1/?k=${auth}` }).end();
      res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': auth });
      res.end(JSON.stringify({ error: { message: `bad key ${auth} (${auth.slice(7)})`, type: auth, param: auth, code: auth.slice(7) } }));
    });
  });
  after(() => echo.close());

  const failures: [string, (c: () => AdminClient) => Promise<unknown>][] = [
    ['404', (c) => c().projects.retrieve('proj_missing')],
    ['400', (c) => c().projects.create({ name: '' })],
    ['429', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'status', status: 429, retryAfterMs: 5 }), c().users.listPage())],
    ['500', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'status', status: 500, retryAfterMs: 5 }), c().users.listPage())],
    ['reset', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'reset' }), c().users.listPage())],
    ['malformed', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'malformed' }), c().users.listPage())],
    ['truncated', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'truncated' }), c().users.listPage())],
    ['timeout', (c) => (fake().faults.add({ path: '^/organization/users$', kind: 'timeout' }), c().users.listPage({}, { timeoutMs: 100 }))],
    ['cancel', (c) => c().users.listPage({}, { signal: AbortSignal.timeout(1) })],
  ];

  for (const [label, run] of failures) {
    it(`${label}: error and log entries are clean`, async () => {
      log.length = 0;
      const client = () => clientFor(fake(), { onRequest: (e) => log.push(e), maxRetries: 1 });
      const error = await run(client).then(() => assert.fail('expected a failure'), (e: unknown) => e);
      assert.ok(error instanceof AdminApiError, String(error));
      assertNoSecret(label, error, [CANARY]);
      assert.ok(log.length > 0);
      assertNoSecret(`${label} log`, log, [CANARY]);
    });
  }

  it('a wrong key (401) is not echoed either', async () => {
    log.length = 0;
    const error = await clientFor(fake(), { apiKey: WRONG_CANARY, onRequest: (e) => log.push(e) }).projects.listPage().catch((e: unknown) => e);
    assert.ok(error instanceof AdminApiError && error.status === 401, String(error));
    assertNoSecret('401', error, [WRONG_CANARY, CANARY]);
    assertNoSecret('401 log', log, [WRONG_CANARY]);
  });

  it('scrubs the key from a server that echoes it in every error field and header', async () => {
    log.length = 0;
    const client = clientFor(fake(), { baseUrl: `${echo.origin}/v1`, onRequest: (e) => log.push(e) });
    const error = await client.projects.listPage().catch((e: unknown) => e);
    assert.ok(error instanceof AdminApiError && error.status === 400, String(error));
    assertNoSecret('echoed 400', error, [CANARY]);
    assertNoSecret('echoed 400 log', log, [CANARY]);
    assert.match(error.message, /bad key Bearer \[redacted\] \(\[redacted\]\)/);
  });

  it('scrubs the key echoed percent-encoded with lower-case hex or form-encoded', async () => {
    const key = "sk-admin-CANARY/s+y=m~b!o'l(s)*-9c1d2e";
    const lower = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    const form = new URLSearchParams({ key }).toString().slice(4);
    assert.notEqual(lower, encodeURIComponent(key));
    assert.notEqual(form, encodeURIComponent(key));
    log.length = 0;
    const client = clientFor(fake(), { apiKey: key, baseUrl: `${echo.origin}/v1`, onRequest: (e) => log.push(e) });
    const error = await client.projects.retrieve('encoded').catch((e: unknown) => e);
    assert.ok(error instanceof AdminApiError && error.status === 400, String(error));
    assert.match(error.message, /seen \?key=\[redacted\] and key=\[redacted\]/);
    assertNoSecret('encoded echo', error, [key, lower, form]);
    assertNoSecret('encoded echo log', log, [key, lower, form]);
  });

  it('scrubs the key from a redirect target', async () => {
    const client = clientFor(fake(), { baseUrl: `${echo.origin}/v1` });
    const error = await client.projects.retrieve('redirect').catch((e: unknown) => e);
    assert.ok(error instanceof AdminApiError);
    assertNoSecret('redirect', error, [CANARY]);
  });

  it('the client object itself does not reveal the key', () => {
    const client = clientFor(fake());
    assertNoSecret('client', client, [CANARY]);
  });
});
