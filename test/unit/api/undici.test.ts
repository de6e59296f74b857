// The client imports undici's Agent, ProxyAgent and connect() from undici's own files instead of its
// index (src/api/undici.ts), and reads responses through dispatch() with its own handler
// (src/api/exchange.ts). These checks fail when an undici update moves or changes those pieces.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cancelled, DeadlineExceeded, exchange } from '../../../src/api/exchange';
import { Agent, ProxyAgent } from '../../../src/api/undici';
import { startHttpServer, type TestServer } from './helpers/servers';

const ROOT = join(__dirname, '..', '..', '..');

describe('undici pieces (src/api/undici.ts)', () => {
  it('come from undici 7.x, the version the stack pins (8.x crashes on Node 20)', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'undici', 'package.json'), 'utf8')) as { version: string };
    assert.match(version, /^7\./);
  });

  it('a ProxyAgent is a dispatcher with dispatch() and connect() (its CONNECT tunnel calls connect)', async () => {
    const proxy = new ProxyAgent({ uri: 'http://127.0.0.1:9' });
    try {
      assert.equal(typeof proxy.connect, 'function');
      assert.equal(typeof proxy.dispatch, 'function');
    } finally {
      await proxy.close();
    }
  });
});

describe('api: exchange() (one request, the whole response)', () => {
  let server: TestServer;
  let agent: InstanceType<typeof Agent>;
  const big = Buffer.alloc(300_000, 'x');
  let stalled: (() => void)[] = [];

  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
        res.end(big);
      } else if (req.url === '/headers') {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.setHeader('X-Request-Id', 'req_2');
        res.writeHead(404);
        res.end('{"error":{"message":"no"}}');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[');
        stalled.push(() => res.end(']}'));
      } else {
        stalled.push(() => res.end('{}'));
      }
    });
    agent = new Agent({ keepAliveTimeout: 1_000 });
  });
  afterEach(() => {
    for (const finish of stalled) finish();
    stalled = [];
  });
  after(async () => {
    await agent.destroy();
    await server.close();
  });

  const get = (path: string, timeoutMs = 5_000, signal?: AbortSignal) =>
    exchange(agent, { origin: server.origin, path, method: 'GET', headers: { accept: 'application/json' } }, timeoutMs, signal);

  it('collects a body of many chunks into one buffer, with the status and lower-cased headers', async () => {
    const res = await get('/big');
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-request-id'], 'req_1');
    assert.equal(res.headers['content-type'], 'application/json');
    assert.ok(res.body.equals(big));
  });

  it('gives a repeated header as an array, an error status with its body, and an empty body for 204', async () => {
    const notFound = await get('/headers');
    assert.equal(notFound.status, 404);
    // header() reads one without building the map (names as sent: Set-Cookie, X-Request-Id), before and after it is built.
    assert.equal(notFound.header('x-request-id'), 'req_2');
    assert.equal(notFound.header('set-cookie'), 'a=1');
    assert.equal(notFound.header('x-absent'), undefined);
    assert.deepEqual(notFound.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(notFound.header('set-cookie'), 'a=1');
    assert.equal(notFound.header('x-request-id'), 'req_2');
    assert.equal(notFound.body.toString(), '{"error":{"message":"no"}}');
    const empty = await get('/empty');
    assert.equal(empty.status, 204);
    assert.equal(empty.body.length, 0);
  });

  it('rejects with DeadlineExceeded when the headers do not come in time', async () => {
    await assert.rejects(get('/stall', 200), DeadlineExceeded);
  });

  it('rejects with DeadlineExceeded when the body stops half-way, and the next request still works', async () => {
    await assert.rejects(get('/stall-body', 200), DeadlineExceeded);
    assert.equal((await get('/empty')).status, 204);
  });

  it('rejects with Cancelled when the signal fires while waiting, and sends nothing when it already had', async () => {
    const controller = new AbortController();
    const pending = get('/stall', 5_000, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, Cancelled);
    const before = server.requests.length;
    await assert.rejects(get('/big', 5_000, AbortSignal.abort()), Cancelled);
    assert.equal(server.requests.length, before);
  });

  it('leaves no listener on the signal once it settles, whichever way (page loads hand signals on: src/model/pagedCollection.ts)', async () => {
    const signal = new AbortController().signal;
    await get('/big', 5_000, signal);
    await get('/headers', 5_000, signal);
    await assert.rejects(get('/stall', 200, signal), DeadlineExceeded);
    await assert.rejects(
      exchange(agent, { origin: 'http://127.0.0.1:9', path: '/', method: 'GET', headers: {} }, 5_000, signal),
      (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED',
    );
    assert.equal(getEventListeners(signal, 'abort').length, 0);
    assert.equal(signal.aborted, false);
  });

  it('rejects with undici\'s own error when nothing listens', async () => {
    await assert.rejects(
      exchange(agent, { origin: 'http://127.0.0.1:9', path: '/', method: 'GET', headers: {} }, 5_000),
      (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED',
    );
  });
});
