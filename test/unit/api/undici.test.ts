// The client imports undici's Agent, ProxyAgent and request() from undici's own files instead of its
// index (src/api/undici.ts). These checks fail when an undici update moves or changes those files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, ProxyAgent } from '../../../src/api/undici';
import { jsonOk, startHttpServer } from './helpers/servers';

const ROOT = join(__dirname, '..', '..', '..');

describe('undici pieces (src/api/undici.ts)', () => {
  it('come from undici 7.x, the version the stack pins (8.x crashes on Node 20)', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'undici', 'package.json'), 'utf8')) as { version: string };
    assert.match(version, /^7\./);
  });

  it('an Agent answers request() over a real connection', async () => {
    const server = await startHttpServer((req, res) => jsonOk(req, res));
    const agent = new Agent({ keepAliveTimeout: 1_000 });
    try {
      const res = await agent.request({ origin: server.origin, path: '/v1/ping', method: 'GET' });
      assert.equal(res.statusCode, 200);
      assert.equal(typeof (await res.body.json()), 'object');
    } finally {
      await agent.close();
      await server.close();
    }
  });

  it('a ProxyAgent is a dispatcher with request() and connect() (its CONNECT tunnel calls connect)', async () => {
    const proxy = new ProxyAgent({ uri: 'http://127.0.0.1:9' });
    try {
      assert.equal(typeof proxy.request, 'function');
      assert.equal(typeof proxy.connect, 'function');
      assert.equal(typeof proxy.dispatch, 'function');
    } finally {
      await proxy.close();
    }
  });
});
