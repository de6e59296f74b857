import { Agent, ProxyAgent, type Dispatcher } from './undici';

/**
 * One keep-alive dispatcher per (origin, proxy, TLS strictness), shared by
 * every client created with those settings, so re-creating a client (e.g.
 * after the key changes) reuses warm connections instead of opening new ones.
 */

export interface DispatcherKey {
  origin: string;
  proxyUrl?: string;
  /** Certificate checks on a proxied connection (`http.proxyStrictSSL`); a direct one always checks. */
  rejectUnauthorized: boolean;
}

// Idle sockets are kept long enough to span a tree refresh; the server's own
// `Keep-Alive: timeout=` hint still wins when it is shorter.
const KEEP_ALIVE = { keepAliveTimeout: 15_000, keepAliveMaxTimeout: 60_000 } as const;

const shared = new Map<string, Dispatcher>();

function create(key: DispatcherKey): Dispatcher {
  // The admin key goes to the origin: without a proxy in between, its certificate is always verified.
  if (!key.proxyUrl) return new Agent({ ...KEEP_ALIVE, connect: { rejectUnauthorized: true } });
  // Through a proxy the setting covers the proxy and what it presents for the origin (a
  // TLS-inspecting proxy re-signs the origin's certificate with its own), as in VS Code.
  const tls = { rejectUnauthorized: key.rejectUnauthorized };
  return new ProxyAgent({
    ...KEEP_ALIVE,
    uri: key.proxyUrl,
    // Plain-http targets go through the proxy as absolute-URI requests (what
    // curl and VS Code do); https targets are always tunnelled with CONNECT.
    proxyTunnel: new URL(key.origin).protocol === 'https:',
    requestTls: tls,
    proxyTls: tls,
  });
}

/** Each transport passes the same key object on every request: its id is worked out once. */
const ids = new WeakMap<DispatcherKey, string>();

export function sharedDispatcher(key: DispatcherKey): Dispatcher {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = JSON.stringify([key.origin, key.proxyUrl ?? null, key.rejectUnauthorized])));
  let dispatcher = shared.get(id);
  if (!dispatcher) {
    dispatcher = create(key);
    shared.set(id, dispatcher);
  }
  return dispatcher;
}

/** Closes every shared connection pool (extension deactivation, end of a test run). */
export async function closeSharedDispatchers(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
}
