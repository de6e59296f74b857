// @ts-check
// A listener that must never be called: the opened folder's settings point the API base URL at it,
// so any request it records (with or without the key) means a workspace steered the extension.
import http from 'node:http';
import { onCleanup } from './processes.mjs';

/** Starts the decoy on 127.0.0.1; `url` is a base URL, `requests()` what reached it (its own control route excluded). */
export async function startDecoy() {
  const seen = [];
  const server = http.createServer((req, res) => {
    if (req.url === '/__decoy/requests') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
      return;
    }
    seen.push({ method: req.method, url: req.url, withKey: req.headers.authorization !== undefined });
    res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":{"message":"decoy: this base URL must never be used"}}');
  });
  await new Promise(/** @param {(value?: unknown) => void} resolve */ (resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const stop = onCleanup(() => new Promise(/** @param {(value?: unknown) => void} resolve */ (resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { url: `${origin}/workspace-setting-must-not-win/v1`, origin, requests: () => [...seen], stop };
}
