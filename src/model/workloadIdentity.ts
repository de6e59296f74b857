/**
 * Checks and conversions for the workload identity forms (OIDC providers and their federation rules):
 * what admins type into input boxes, turned into request fields. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import type { AttributeMatchers, FederationRulePermissions } from '../api/types';

/** An `https://` URL, as OIDC issuers and discovery documents are served. */
export function checkHttpsUrl(text: string, what = l10n.t('The URL')): string | undefined {
  const t = text.trim();
  if (!t) return l10n.t('{0} is required.', what);
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return l10n.t('{0} must be a URL such as https://token.actions.githubusercontent.com.', what);
  }
  if (url.protocol !== 'https:') return l10n.t('{0} must start with https://.', what);
  if (/\s/.test(t)) return l10n.t('{0} cannot contain spaces.', what);
  return undefined;
}

/** Audiences are opaque to us, but a stray space is always a paste mistake. */
export function checkAudience(text: string): string | undefined {
  const t = text.trim();
  if (!t) return l10n.t('An audience is required.');
  return /\s/.test(t) ? l10n.t('The audience cannot contain spaces.') : undefined;
}

const CLAIM = /^[A-Za-z_][\w.:/-]*$/;

type Parsed = { matchers: AttributeMatchers } | { error: string };

/**
 * Attribute matchers typed on one line: `sub=repo:acme/app:ref:refs/heads/main, repository_owner=acme`.
 * Values are strings (claims such as `repository_id` are strings in the token) except `true` and
 * `false`. A JSON object (`{"run_attempt": 1}`) is accepted too, for numbers or values with commas.
 */
export function parseMatchers(text: string): Parsed {
  const t = text.trim();
  if (!t) return { error: l10n.t('Enter at least one attribute, e.g. sub=repo:acme/app:ref:refs/heads/main.') };
  const matchers: AttributeMatchers = {};
  if (t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      return { error: l10n.t('That is not valid JSON.') };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: l10n.t('Enter a JSON object of attribute: value.') };
    for (const [k, v] of Object.entries(parsed)) {
      if (!CLAIM.test(k)) return { error: l10n.t('{0} is not an attribute name.', JSON.stringify(k)) };
      if (typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'number') return { error: l10n.t('The value of {0} must be a string, number or true/false.', k) };
      matchers[k] = v;
    }
  } else {
    for (const pair of t.split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return { error: l10n.t('{0} is not attribute=value.', JSON.stringify(pair)) };
      const key = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!CLAIM.test(key)) return { error: l10n.t('{0} is not an attribute name.', JSON.stringify(key)) };
      if (!value) return { error: l10n.t('{0} has no value.', key) };
      if (key in matchers) return { error: l10n.t('{0} is given twice.', key) };
      matchers[key] = value === 'true' ? true : value === 'false' ? false : value;
    }
  }
  if (!Object.keys(matchers).length) return { error: l10n.t('Enter at least one attribute.') };
  return { matchers };
}

export function checkMatchers(text: string): string | undefined {
  const r = parseMatchers(text);
  return 'error' in r ? r.error : undefined;
}

/** The matchers as the admin would type them, so an edit starts from the current value and round-trips. */
export function formatMatchers(m: AttributeMatchers): string {
  const entries = Object.entries(m);
  const plain = entries.every(([k, v]) => CLAIM.test(k) && (typeof v === 'boolean'
    || (typeof v === 'string' && v.trim() === v && v !== '' && !v.includes(',') && v !== 'true' && v !== 'false')));
  return plain ? entries.map(([k, v]) => `${k}=${String(v)}`).join(', ') : JSON.stringify(m);
}

/** "service account's permissions" / "restricted: api.all.read". */
export function describePermissions(p: FederationRulePermissions | undefined): string {
  if (!p || p.type === 'service_account_default') return l10n.t("the service account's permissions");
  return p.scopes.length ? l10n.t('restricted to {0}', p.scopes.join(', ')) : l10n.t('restricted (no scopes)');
}
