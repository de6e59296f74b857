/**
 * Decides whether the admin key may be sent to a base URL. The key can delete every project in an
 * organization, so plain http is only allowed to this machine (a local proxy, the test fake).
 */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkBaseUrl(raw: string): BaseUrlCheck {
  const text = (raw ?? '').trim();
  if (!text) return { ok: false, reason: 'The API base URL is empty.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `The API base URL "${text}" is not a valid URL.` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The API base URL must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: 'The API base URL must not contain a query string or fragment.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `Refusing to send the admin key over plain http to ${url.host}. Use https, or http only to this machine (127.0.0.1, localhost, [::1]).`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `The API base URL must use https (got ${url.protocol.replace(':', '')}).` };
  }
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}
