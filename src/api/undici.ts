// The pieces of undici the client uses: a keep-alive Agent, a ProxyAgent, and the dispatcher methods
// (`request()`, and `connect()`, which the ProxyAgent's CONNECT tunnel calls). undici's index also
// loads fetch, WebSocket, EventSource, caches and mocks (about 220 KB of the bundle, and their compile
// time on the first request), so the client imports these modules directly and, as the index does,
// adds the methods to Dispatcher.prototype. The paths are undici 7.x's, pinned by package-lock.json;
// test/unit/api/undici.test.ts and the proxy tests check them.
import type { Agent as AgentClass, Dispatcher as DispatcherClass, ProxyAgent as ProxyAgentClass } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';
import DispatcherModule from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgentModule from 'undici/lib/dispatcher/proxy-agent.js';
import dispatcherMethods from 'undici/lib/api/index.js';

const prototype = (DispatcherModule as { prototype: object }).prototype;
for (const [name, method] of Object.entries(dispatcherMethods as Record<string, unknown>)) {
  if (!(name in prototype)) Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
}

export const Agent = AgentModule as unknown as typeof AgentClass;
export const ProxyAgent = ProxyAgentModule as unknown as typeof ProxyAgentClass;
export type Dispatcher = DispatcherClass;
