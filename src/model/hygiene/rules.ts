import * as l10n from '@vscode/l10n';
import type { AdminApiKey, ProjectApiKey } from '../../api';
import { keyExpiry } from '../expiry';
import { relativeTime } from '../format';
import { keyOwner, quoted } from '../plan';
import type { Finding, HygieneInputs, HygieneObject, HygieneSettings, RuleId } from './types';
import { RULE_IDS } from './types';

const DAY = 86_400;
/** A key never used is flagged once it is this old: time enough to have been put to use. */
export const NEVER_USED_DAYS = 30;
/** Keys expiring this soon are flagged, to leave time to rotate them. */
export const EXPIRING_DAYS = 14;

export interface RuleInfo {
  /** Heading in the view: 'Expired keys'. */
  title: string;
  /** What the rule checks, for the heading's tooltip. */
  description: (s: HygieneSettings) => string;
}

// Titles are getters: the translation is looked up when the view reads them, after activation configured l10n, not at load.
export const RULES: Record<RuleId, RuleInfo> = {
  'expired-key': { get title() { return l10n.t('Expired keys'); }, description: () => l10n.t('Project API keys past their expiry: they no longer work and only clutter the list.') },
  'expiring-key': { get title() { return l10n.t('Keys expiring soon'); }, description: () => l10n.t('Project API keys that expire within {0} days.', EXPIRING_DAYS) },
  'orphaned-key': { get title() { return l10n.t('Keys of former members'); }, description: () => l10n.t('Project API keys whose owner no longer has access to the project (owner_project_access: inactive).') },
  'unused-key': { get title() { return l10n.t('Unused keys'); }, description: (s) => l10n.t('Project API keys not used for more than {0} days (openaiAdmin.unusedKeyDays).', s.unusedKeyDays) },
  'never-used-key': { get title() { return l10n.t('Keys never used'); }, description: () => l10n.t('Project API keys never used and created more than {0} days ago.', NEVER_USED_DAYS) },
  'no-expiry-key': { get title() { return l10n.t('Keys without expiry'); }, description: () => l10n.t('Project API keys that never expire.') },
  'unused-admin-key': { get title() { return l10n.t('Unused admin keys'); }, description: (s) => l10n.t('Admin API keys not used for more than {0} days (never-used keys count from their creation).', s.unusedKeyDays) },
  'keyless-service-account': { get title() { return l10n.t('Service accounts without keys'); }, description: () => l10n.t('Service accounts with no API key in their project.') },
  'member-without-project': { get title() { return l10n.t('Members in no project'); }, description: () => l10n.t('Organization members who belong to no active project.') },
};

/** A stable key for the object a finding is about (the same object under several rules shares it). */
export function objectKey(o: HygieneObject): string {
  switch (o.kind) {
    case 'projectKey': return `projectKey:${o.project.id}:${o.key.id}`;
    case 'serviceAccount': return `serviceAccount:${o.project.id}:${o.account.id}`;
    case 'adminKey': return `adminKey:${o.key.id}`;
    case 'member': return `member:${o.user.id}`;
  }
}

const days = (seconds: number) => Math.floor(seconds / DAY);
/** "(limit 90 days)" after what `when` says. */
const withLimit = (when: string, limit: number) => (limit === 1 ? l10n.t('{0} (limit 1 day)', when) : l10n.t('{0} (limit {1} days)', when, limit));
const keyLabel = (k: ProjectApiKey | AdminApiKey) => `${quoted(k.name || k.id)} (${k.redacted_value})`;

/**
 * Every finding, rule by rule (in RULE_IDS order), objects in list order. Pure: the same inputs and
 * clock give the same findings. A key can be flagged by several rules (never used and no expiry).
 */
export function findHygieneIssues(inputs: HygieneInputs, settings: HygieneSettings): Finding[] {
  const now = settings.nowMs / 1000;
  const limit = settings.unusedKeyDays;
  const found: Finding[] = [];
  const add = (rule: RuleId, object: HygieneObject, label: string, explanation: string, suggestion: string, action: Finding['action'] = 'delete') => {
    found.push({ id: `${rule}/${objectKey(object)}`, rule, object, label, explanation, suggestion, action });
  };

  for (const project of inputs.projects) {
    const keys = inputs.keys.get(project.id) ?? [];
    for (const key of keys) {
      const object: HygieneObject = { kind: 'projectKey', project, key };
      const label = keyLabel(key);
      const owner = l10n.t('owned by {0}', keyOwner(key));
      const expiry = keyExpiry(key.expires_at, settings.nowMs, EXPIRING_DAYS * DAY);
      if (expiry.state === 'expired') add('expired-key', object, label, `${expiry.text}, ${owner}`, l10n.t('Delete it: an expired key cannot be used or renewed.'));
      else if (expiry.state === 'soon') add('expiring-key', object, label, `${expiry.text}, ${owner}`, l10n.t('Set a later expiry, or rotate the key before it stops working.'), 'setExpiry');
      if (key.owner_project_access === 'inactive') add('orphaned-key', object, label, l10n.t('{0}, who no longer has access to the project', owner), l10n.t('Delete it: its owner left the project.'));
      const expired = expiry.state === 'expired';
      if (limit > 0 && key.last_used_at != null && days(now - key.last_used_at) > limit && !expired) {
        const when = withLimit(l10n.t('last used {0}', relativeTime(key.last_used_at, settings.nowMs)), limit);
        add('unused-key', object, label, `${when}, ${owner}`, l10n.t('Delete it if nothing needs it, or set an expiry.'));
      }
      if (key.last_used_at == null && days(now - key.created_at) > NEVER_USED_DAYS && !expired) {
        add('never-used-key', object, label, l10n.t('never used, created {0}, {1}', relativeTime(key.created_at, settings.nowMs), owner), l10n.t('Delete it: nothing has used it.'));
      }
      if (expiry.state === 'never') add('no-expiry-key', object, label, l10n.t('never expires, {0}', owner), l10n.t('Set an expiry, so a leaked key stops working on its own.'), 'setExpiry');
    }
    const owners = new Set(keys.map((k) => (k.owner?.type === 'service_account' ? k.owner.service_account?.id : undefined)).filter(Boolean));
    for (const account of inputs.serviceAccounts.get(project.id) ?? []) {
      if (owners.has(account.id)) continue;
      add('keyless-service-account', { kind: 'serviceAccount', project, account }, `${quoted(account.name || account.id)} (${account.id})`,
        l10n.t('no API key in project {0}, created {1}', quoted(project.name || project.id), relativeTime(account.created_at, settings.nowMs)),
        l10n.t('Delete it if nothing uses it (it can still be used through workload identity).'));
    }
  }

  if (limit > 0) {
    for (const key of inputs.adminKeys) {
      const since = key.last_used_at ?? key.created_at;
      if (days(now - since) <= limit) continue;
      const when = key.last_used_at != null
        ? l10n.t('last used {0}', relativeTime(key.last_used_at, settings.nowMs))
        : l10n.t('never used, created {0}', relativeTime(key.created_at, settings.nowMs));
      add('unused-admin-key', { kind: 'adminKey', key }, keyLabel(key), withLimit(when, limit), l10n.t('Delete it: an idle admin key is full access nobody needs.'));
    }
  }

  const inSomeProject = new Set<string>();
  for (const users of inputs.projectUsers.values()) for (const u of users) inSomeProject.add(u.id);
  for (const user of inputs.members) {
    if (inSomeProject.has(user.id)) continue;
    const who = user.name || user.email || user.id;
    add('member-without-project', { kind: 'member', user }, `${quoted(who)}${user.email && user.email !== who ? ` <${user.email}>` : ''}`,
      inputs.projects.length === 1
        ? l10n.t('{0} of the organization, in none of 1 active project', user.role ?? 'member')
        : l10n.t('{0} of the organization, in none of {1} active projects', user.role ?? 'member', inputs.projects.length),
      l10n.t('Add them to a project, or remove them from the organization.'));
  }

  const order = new Map(RULE_IDS.map((id, i) => [id, i]));
  return found.sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
}
