/**
 * Which proxy (if any) to use for the API origin. Pure functions, no undici,
 * so the decision can be tested and logged separately from the connection.
 */
import { isLoopbackHost } from './baseUrl';

export interface ProxySettings {
  /** Like VS Code's `http.proxy`; wins over the environment. */
  url?: string;
  /**
   * Like VS Code's `http.proxyStrictSSL`: false accepts self-signed certificates on connections that
   * go through a proxy (a TLS-inspecting proxy presents its own). A direct connection always verifies.
   * Default true.
   */
  strictSSL?: boolean;
  /** Like VS Code's `http.noProxy`; added to NO_PROXY from the environment, not instead of it. */
  noProxy?: string[];
}

type Env = Record<string, string | undefined>;

function firstNonEmpty(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== '')?.trim();
}

/** Lower-case variants first, as curl does (lower-case `http_proxy` is the historical one). */
function proxyFromEnv(protocol: string, env: Env): string | undefined {
  const http = firstNonEmpty(env.http_proxy, env.HTTP_PROXY);
  return protocol === 'https:' ? firstNonEmpty(env.https_proxy, env.HTTPS_PROXY) ?? http : http;
}

function stripBrackets(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

interface NoProxyEntry {
  host: string;
  port?: number;
}

function parseNoProxyEntry(raw: string): NoProxyEntry {
  const entry = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: canonicalHost(bracketed[1]!), port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  // Anything else with colons is a bare IPv6 address, which has no port part.
  const [host, port] = hostPort ? [hostPort[1]!, Number(hostPort[2])] : [entry, undefined];
  return { host: canonicalHost(host.replace(/^\*?\./, '')), port };
}

/** The host as a URL's hostname spells it (`::ffff:127.0.0.1` → `::ffff:7f00:1`), so entries compare with targets. */
function canonicalHost(host: string): string {
  if (!host) return host;
  try {
    return stripBrackets(new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname);
  } catch {
    return host;
  }
}

/**
 * NO_PROXY semantics shared by curl and most tools: `*` bypasses everything;
 * `host` and `.host` / `*.host` match the host and its subdomains; `host:port`
 * additionally requires the port. CIDR ranges are not supported.
 */
export function matchesNoProxy(target: URL, entries: readonly string[]): boolean {
  const host = stripBrackets(target.hostname);
  const port = defaultPort(target);
  for (const raw of entries) {
    if (raw.trim() === '*') return true;
    const entry = parseNoProxyEntry(raw);
    if (!entry.host) continue;
    if (entry.port !== undefined && entry.port !== port) continue;
    if (host === entry.host || host.endsWith(`.${entry.host}`)) return true;
  }
  return false;
}

export function splitNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * The proxy URL to use for `target`, or undefined for a direct connection. A loopback target is
 * never proxied: plain http is allowed only to this machine (./baseUrl.ts), and a proxy would
 * receive such a request, Authorization header included, in cleartext.
 */
export function chooseProxy(target: URL, settings: ProxySettings | undefined, env: Env): string | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  const proxyUrl = firstNonEmpty(settings?.url) ?? proxyFromEnv(target.protocol, env);
  if (!proxyUrl) return undefined;
  const noProxy = [...(settings?.noProxy ?? []), ...splitNoProxy(firstNonEmpty(env.no_proxy, env.NO_PROXY))];
  return matchesNoProxy(target, noProxy) ? undefined : proxyUrl;
}
