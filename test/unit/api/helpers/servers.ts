/**
 * Tiny real servers for what the fake Admin API does not do: an HTTP forward
 * / CONNECT proxy, an HTTPS origin, and origins whose connections we count.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

export interface TestServer {
  /** http(s)://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** TCP connections accepted so far (keep-alive reuse keeps this low). */
  connections: number;
  /** Requests seen, as "METHOD url" with the authorization header if any. */
  requests: { method: string; url: string; authorization?: string }[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

// A throwaway self-signed certificate for 127.0.0.1/localhost, valid until 2126; test use only.
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const tls = () => ({
  key: readFileSync(path.join(FIXTURES, 'localhost-key.pem')),
  cert: readFileSync(path.join(FIXTURES, 'localhost-cert.pem')),
});

function listen(server: http.Server, scheme: 'http' | 'https'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const state: TestServer = {
    origin: '',
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage) => {
    state.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as AddressInfo).port;
      state.origin = `${scheme}://127.0.0.1:${state.port}`;
      resolve(state);
    });
  });
}

export function startHttpServer(handler: Handler): Promise<TestServer> {
  return listen(http.createServer(handler), 'http');
}

export function startHttpsServer(handler: Handler): Promise<TestServer> {
  return listen(https.createServer(tls(), handler) as unknown as http.Server, 'https');
}

/** Answers every request with a small JSON list, for transport-level tests. */
export const jsonOk: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_test' });
  res.end(JSON.stringify({ object: 'list', data: [], has_more: false, url: req.url }));
};

/**
 * A host name only the test proxy knows (it connects to 127.0.0.1 for it). The client never proxies
 * a loopback address, so a test that must go through the proxy addresses the origin by this name;
 * `.test` is reserved (RFC 6761), so a request that wrongly went direct fails to resolve.
 */
export const PROXIED_HOST = 'admin-api.test';

/** `origin` (http(s)://127.0.0.1:PORT) under PROXIED_HOST: reachable only through startProxy(). */
export function viaProxyName(origin: string): string {
  const url = new URL(origin);
  url.hostname = PROXIED_HOST;
  return url.origin;
}

const resolveForProxy = (host: string) => (host === PROXIED_HOST ? '127.0.0.1' : host.replace(/^\[(.*)\]$/, '$1'));

export interface TestProxy extends TestServer {
  /** CONNECT targets ("admin-api.test:PORT"). */
  tunnels: string[];
  /** Absolute-URI requests forwarded ("GET http://…"). */
  forwarded: string[];
}

/** An HTTP proxy: CONNECT tunnels and absolute-URI forwarding, like squid or corporate proxies. */
export async function startProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const server = http.createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request(
      { host: resolveForProxy(target.hostname), port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), resolveForProxy(host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const base = await listen(server, 'http');
  return Object.assign(base, { tunnels, forwarded });
}
