// The pieces of undici the client uses: a keep-alive Agent, a ProxyAgent, and `connect()`, which the
// ProxyAgent's CONNECT tunnel calls on its client. Requests go through `dispatch()` with the
// client's own handler (./exchange.ts), so `request()`, `stream()` and friends are not needed.
// undici's index also loads fetch, WebSocket, EventSource, caches and mocks (about 220 KB of the
// bundle, and their compile time on the first request), so the client imports these modules
// directly and, as the index does, adds `connect()` to Dispatcher.prototype. The paths are undici
// 7.x's, pinned by package-lock.json; test/unit/api/undici.test.ts and the proxy tests check them.
import type { Agent as AgentClass, Dispatcher as DispatcherClass, ProxyAgent as ProxyAgentClass } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';
import DispatcherModule from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgentModule from 'undici/lib/dispatcher/proxy-agent.js';
import connect from 'undici/lib/api/api-connect.js';

const prototype = (DispatcherModule as { prototype: object }).prototype;
if (!('connect' in prototype)) Object.defineProperty(prototype, 'connect', { value: connect, writable: true, configurable: true });

export const Agent = AgentModule as unknown as typeof AgentClass;
export const ProxyAgent = ProxyAgentModule as unknown as typeof ProxyAgentClass;
export type Dispatcher = DispatcherClass;
