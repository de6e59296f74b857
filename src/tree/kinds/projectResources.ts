import * as vscode from 'vscode';
import type {
  AssignedRole, OrganizationSpendAlert, Project, ProjectApiKey, ProjectCertificate, ProjectGroup, ProjectRateLimit, ProjectServiceAccount,
  ProjectServiceTierSettings, ProjectSpendAlert, ProjectUser, Role,
} from '../../api';
import { keyExpiry } from '../../model/expiry';
import { fromCents, HOSTED_TOOLS, humanize, isoDate, money, RATE_LIMIT_FIELDS, relativeTime, thousands } from '../../model/format';
import { describeEnabledTiers, enabledTiers, OPTIONAL_TIERS, tierName } from '../../model/serviceTier';
import { listRef, type ListRef } from '../../model/store';
import { section, type ListChildren, type NodeSpec } from '../nodeSpec';
import { contextValue, type ProjectFolder } from '../ids';
import { folder, paged, single } from './build';

/** The folders under one project, in the order admins look for them. */
export function projectFolders(p: Project): NodeSpec[] {
  const id = p.id;
  return ([
    folder('users', vscode.l10n.t('Users'), 'person', paged(vscode.l10n.t('users'), listRef('projectUsers', id), (u) => projectUserNode(id, u))),
    folder('serviceAccounts', vscode.l10n.t('Service Accounts'), 'robot', paged(vscode.l10n.t('service accounts'), listRef('projectServiceAccounts', id), (s) => serviceAccountNode(id, s))),
    folder('apiKeys', vscode.l10n.t('API Keys'), 'key', paged(vscode.l10n.t('API keys'), listRef('projectApiKeys', id), apiKeyNode)),
    folder('rateLimits', vscode.l10n.t('Rate Limits'), 'dashboard', paged(vscode.l10n.t('rate limits'), listRef('projectRateLimits', id), rateLimitNode)),
    folder('modelPermissions', vscode.l10n.t('Model Permissions'), 'shield', single(vscode.l10n.t('model permissions'), listRef('modelPermissions', id), modelPermissionNodes, modelPermissionsUnset)),
    folder('hostedTools', vscode.l10n.t('Hosted Tool Permissions'), 'tools', single(vscode.l10n.t('hosted tool permissions'), listRef('hostedToolPermissions', id), hostedToolNodes)),
    folder('groups', vscode.l10n.t('Groups'), 'organization', paged(vscode.l10n.t('groups'), listRef('projectGroups', id), projectGroupNode)),
    folder('roles', vscode.l10n.t('Roles'), 'symbol-class', paged(vscode.l10n.t('roles'), listRef('projectRoles', id), roleNode)),
    folder('spend', vscode.l10n.t('Spend Limit & Alerts'), 'credit-card', spendChildren(listRef('projectSpendLimit', id), listRef('projectSpendAlerts', id))),
    folder('dataRetention', vscode.l10n.t('Data Retention'), 'database', single(vscode.l10n.t('data retention'), listRef('projectDataRetention', id), (r) => [{
      key: 'retention', label: humanize(r.type), icon: 'lock', contextValue: contextValue('dataRetention', 'project'),
      tooltip: [vscode.l10n.t('Data retention for this project'), [vscode.l10n.t('Type'), r.type]],
    }])),
    folder('certificates', vscode.l10n.t('Certificates'), 'verified', paged(vscode.l10n.t('certificates'), listRef('projectCertificates', id), certificateNode)),
    folder('serviceTier', vscode.l10n.t('Service Tier'), 'rocket', single(vscode.l10n.t('service tier settings'), listRef('serviceTier', id), serviceTierNodes)),
  ]).map((f) => ({ ...f, contextValue: contextValue('folder', f.key as ProjectFolder, 'inProject') }));
}

export function projectUserNode(projectId: string, u: ProjectUser): NodeSpec {
  const owner = u.role === 'owner';
  return {
    key: u.id,
    label: u.name || u.email || u.id,
    description: [u.role, u.name ? u.email : undefined].filter(Boolean).join(' · '),
    icon: owner ? 'star-full' : 'person',
    tooltip: [[vscode.l10n.t('User'), u.name], [vscode.l10n.t('Email'), u.email], [vscode.l10n.t('Project role'), u.role], [vscode.l10n.t('Added'), isoDate(u.added_at)], [vscode.l10n.t('ID'), u.id]],
    contextValue: contextValue('projectUser', owner ? 'owner' : 'member'),
    context: { userId: u.id, userLabel: u.name || u.email || u.id },
    copy: [[vscode.l10n.t('User ID'), u.id], ...(u.email ? [[vscode.l10n.t('Email'), u.email] as [string, string]] : [])],
    children: paged(vscode.l10n.t('role assignments'), listRef('projectUserRoles', projectId, u.id), assignedRoleNode, vscode.l10n.t('No project role assignments')),
  };
}

export function assignedRoleNode(r: AssignedRole): NodeSpec {
  return {
    key: r.id,
    label: r.name,
    description: r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom'),
    icon: 'symbol-class',
    tooltip: [[vscode.l10n.t('Role'), r.name], [vscode.l10n.t('Description'), r.description], [vscode.l10n.t('Permissions'), r.permissions.join(', ')], [vscode.l10n.t('ID'), r.id]],
    contextValue: contextValue('roleAssignment'),
    context: { roleId: r.id },
    copy: [[vscode.l10n.t('Role ID'), r.id]],
  };
}

export function serviceAccountNode(projectId: string, s: ProjectServiceAccount): NodeSpec {
  return {
    key: s.id,
    label: s.name || s.id,
    description: s.role,
    icon: 'robot',
    tooltip: [[vscode.l10n.t('Service account'), s.name], [vscode.l10n.t('Role'), s.role], [vscode.l10n.t('Created'), isoDate(s.created_at)], [vscode.l10n.t('ID'), s.id]],
    contextValue: contextValue('serviceAccount'),
    context: { serviceAccountId: s.id, serviceAccountName: s.name || s.id },
    copy: [[vscode.l10n.t('Service account ID'), s.id]],
    // The API has no per-account key list; a project's keys name their owning service account, so
    // this folder shows the project's one key list (read once for both folders), filtered.
    children: {
      type: 'list', what: vscode.l10n.t('API keys'), empty: vscode.l10n.t('No API keys'),
      sections: [section(listRef('projectApiKeys', projectId), (k) => (k.owner?.service_account?.id === s.id ? [apiKeyNode(k)] : []))],
    },
  };
}

export function apiKeyOwner(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return vscode.l10n.t('service account {0}', o.service_account?.name ?? o.service_account?.id ?? '').trim();
  return o?.user?.name || o?.user?.email || vscode.l10n.t('unknown owner');
}

export function apiKeyNode(k: ProjectApiKey): NodeSpec {
  const expiry = keyExpiry(k.expires_at);
  return {
    key: k.id,
    label: k.name || k.redacted_value,
    // Expiry first: it is what needs acting on, and it stays visible in a narrow side bar.
    description: `${expiry.text} · ${k.redacted_value} · ${apiKeyOwner(k)} · ${vscode.l10n.t('last used {0}', relativeTime(k.last_used_at))}`,
    // Expired and soon-to-expire keys stand out: whatever uses them stops working.
    icon: expiry.state === 'expired' ? ['warning', 'list.errorForeground'] : expiry.state === 'soon' ? ['warning', 'list.warningForeground'] : 'key',
    tooltip: [
      [vscode.l10n.t('API key'), k.name], [vscode.l10n.t('Value'), k.redacted_value], [vscode.l10n.t('Owner'), apiKeyOwner(k)], [vscode.l10n.t('Created'), isoDate(k.created_at)],
      [vscode.l10n.t('Expires'), k.expires_at ? `${isoDate(k.expires_at)} (${expiry.text})` : vscode.l10n.t('never')],
      [vscode.l10n.t('Last used'), k.last_used_at ? `${isoDate(k.last_used_at)} (${relativeTime(k.last_used_at)})` : vscode.l10n.t('never')], [vscode.l10n.t('ID'), k.id],
    ],
    contextValue: contextValue('projectApiKey', k.owner?.type === 'service_account' ? 'serviceAccountKey' : 'userKey',
      expiry.state === 'expired' && 'expired', expiry.state === 'soon' && 'expiresSoon'),
    context: { apiKeyId: k.id },
    copy: [[vscode.l10n.t('Key ID'), k.id]],
  };
}

export function rateLimitNode(r: ProjectRateLimit): NodeSpec {
  const present = RATE_LIMIT_FIELDS.filter(([f]) => r[f] !== undefined && r[f] !== null);
  return {
    key: r.id,
    label: r.model,
    // The two limits that constrain this model: zero means "not applicable" (e.g. tokens for an image model).
    description: present.filter(([f]) => Number(r[f]) > 0).slice(0, 2).map(([f, abbr]) => `${thousands(r[f])} ${abbr}`).join(' · '),
    icon: 'dashboard',
    tooltip: [[vscode.l10n.t('Model'), r.model], ...present.map(([f, , name]) => [name, thousands(r[f])] as [string, string]), [vscode.l10n.t('ID'), r.id]],
    contextValue: contextValue('rateLimit'),
    context: { rateLimitId: r.id },
  };
}

function modelPermissionsUnset(): NodeSpec[] {
  return [{ key: 'mode', label: vscode.l10n.t('Not set'), description: vscode.l10n.t('every model is allowed'), icon: 'circle-large-outline', contextValue: contextValue('modelPermissions', 'unset'), tooltip: [vscode.l10n.t('No model allow or deny list is set for this project.')] }];
}

function modelPermissionNodes(p: { mode: 'allow_list' | 'deny_list'; model_ids: string[] }): NodeSpec[] {
  const allow = p.mode === 'allow_list';
  // Tree ids must be unique: a policy that lists a model twice would stop the whole folder from showing.
  const models = [...new Set(p.model_ids)];
  return [
    {
      key: 'mode', label: allow ? vscode.l10n.t('Allow list') : vscode.l10n.t('Deny list'), description: models.length === 1 ? vscode.l10n.t('1 model') : vscode.l10n.t('{0} models', models.length),
      icon: allow ? 'pass' : 'circle-slash', contextValue: contextValue('modelPermissions', 'set'),
      tooltip: [allow ? vscode.l10n.t('Only these models may be used in this project.') : vscode.l10n.t('These models may not be used in this project.')],
    },
    ...models.map((m): NodeSpec => ({ key: `model:${m}`, label: m, icon: allow ? 'check' : 'close', contextValue: contextValue('modelPermission'), copy: [[vscode.l10n.t('Model'), m]] })),
  ];
}

function hostedToolNodes(t: Record<string, { enabled: boolean } | undefined>): NodeSpec[] {
  return HOSTED_TOOLS.map(([key, name]): NodeSpec => {
    const on = t[key]?.enabled === true;
    return {
      key, label: name, description: on ? vscode.l10n.t('on') : vscode.l10n.t('off'),
      icon: on ? ['pass-filled', 'testing.iconPassed'] : ['circle-slash', 'disabledForeground'],
      contextValue: contextValue('hostedTool', on ? 'on' : 'off'),
      tooltip: [on ? vscode.l10n.t('{0} is enabled for this project.', name) : vscode.l10n.t('{0} is disabled for this project.', name)],
    };
  });
}

/** The default tier, then each optional tier on or off (as hosted tools are shown). */
function serviceTierNodes(t: ProjectServiceTierSettings): NodeSpec[] {
  const all = t.enabled_tiers === 'all';
  const enabled = enabledTiers(t);
  return [
    {
      key: 'default', label: vscode.l10n.t('Default: {0}', tierName(t.default)), icon: 'rocket', contextValue: contextValue('serviceTier', 'default'),
      tooltip: [vscode.l10n.t('Requests that name no service tier (or send "auto") use {0}.', tierName(t.default)),
        [vscode.l10n.t('Optional tiers enabled'), describeEnabledTiers(t)]],
    },
    ...OPTIONAL_TIERS.map((tier): NodeSpec => {
      const on = enabled.has(tier);
      return {
        key: tier, label: tierName(tier), description: on ? (all ? vscode.l10n.t('enabled (all tiers)') : vscode.l10n.t('enabled')) : vscode.l10n.t('not enabled'),
        icon: on ? ['pass-filled', 'testing.iconPassed'] : ['circle-slash', 'disabledForeground'],
        contextValue: contextValue('serviceTier', on ? 'enabled' : 'disabled'),
        tooltip: [on ? vscode.l10n.t('Requests in this project may use the {0} tier.', tierName(tier)) : vscode.l10n.t('Requests in this project may not use the {0} tier.', tierName(tier))],
      };
    }),
  ];
}

function projectGroupNode(g: ProjectGroup): NodeSpec {
  return {
    key: g.group_id,
    label: g.group_name,
    description: g.group_type === 'tenant_group' ? vscode.l10n.t('tenant group') : undefined,
    icon: 'organization',
    tooltip: [[vscode.l10n.t('Group'), g.group_name], [vscode.l10n.t('Type'), humanize(g.group_type)], [vscode.l10n.t('Added'), isoDate(g.created_at)], [vscode.l10n.t('ID'), g.group_id]],
    contextValue: contextValue('projectGroup'),
    context: { groupId: g.group_id },
    copy: [[vscode.l10n.t('Group ID'), g.group_id]],
  };
}

export function roleNode(r: Role): NodeSpec {
  return {
    key: r.id,
    label: r.name,
    description: `${r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom')} · ${r.permissions.length === 1 ? vscode.l10n.t('1 permission') : vscode.l10n.t('{0} permissions', r.permissions.length)}`,
    icon: 'symbol-class',
    tooltip: [[vscode.l10n.t('Role'), r.name], [vscode.l10n.t('Description'), r.description], [vscode.l10n.t('Permissions'), r.permissions.join(', ')], [vscode.l10n.t('ID'), r.id]],
    contextValue: contextValue('role', r.predefined_role ? 'predefined' : 'custom'),
    context: { roleId: r.id },
    copy: [[vscode.l10n.t('Role ID'), r.id]],
  };
}

export function certificateNode(c: ProjectCertificate | { id: string; name: string | null; active?: boolean; created_at: number; certificate_details: { valid_at?: number; expires_at?: number } }): NodeSpec {
  const d = c.certificate_details ?? {};
  return {
    key: c.id,
    label: c.name || c.id,
    description: `${c.active ? vscode.l10n.t('active') : vscode.l10n.t('inactive')}${d.expires_at ? ` · ${vscode.l10n.t('expires {0}', relativeTime(d.expires_at))}` : ''}`,
    icon: c.active ? 'verified-filled' : 'verified',
    tooltip: [[vscode.l10n.t('Certificate'), c.name], [vscode.l10n.t('Active'), c.active ? vscode.l10n.t('yes') : vscode.l10n.t('no')], [vscode.l10n.t('Valid from'), isoDate(d.valid_at)], [vscode.l10n.t('Expires'), isoDate(d.expires_at)], [vscode.l10n.t('ID'), c.id]],
    contextValue: contextValue('certificate', c.active ? 'active' : 'inactive'),
    context: { certificateId: c.id },
    copy: [[vscode.l10n.t('Certificate ID'), c.id]],
  };
}

type SpendLimit = { threshold_amount: number; currency: string; interval: string };
type SpendAlert = ProjectSpendAlert | OrganizationSpendAlert;

/** The hard limit (or "No spend limit") first, then the alerts, paged: two store lists in one folder. */
export function spendChildren(limit: ListRef<'spendLimit' | 'projectSpendLimit'>, alerts: ListRef<'spendAlerts' | 'projectSpendAlerts'>): ListChildren {
  return {
    type: 'list',
    what: vscode.l10n.t('spend settings'),
    sections: [
      section(limit, (l: SpendLimit) => [{ key: 'limit', label: vscode.l10n.t('Hard limit {0} per {1}', money(fromCents(l.threshold_amount), l.currency), l.interval), icon: 'stop-circle', contextValue: contextValue('spendLimit', 'set'), tooltip: [vscode.l10n.t('Requests are refused once spend reaches this amount.')] }],
        () => [{ key: 'limit', label: vscode.l10n.t('No hard spend limit'), icon: 'circle-large-outline', contextValue: contextValue('spendLimit', 'unset') }]),
      section(alerts, (a: SpendAlert) => [spendAlertNode(a)]),
    ],
  };
}
function spendAlertNode(a: SpendAlert): NodeSpec {
  const recipients = a.notification_channel?.recipients ?? [];
  return {
    key: a.id,
    label: vscode.l10n.t('Alert at {0} per {1}', money(fromCents(a.threshold_amount), a.currency), a.interval),
    description: recipients.join(', '),
    icon: 'bell',
    tooltip: [[vscode.l10n.t('Threshold'), money(fromCents(a.threshold_amount), a.currency)], [vscode.l10n.t('Interval'), a.interval], [vscode.l10n.t('Recipients'), recipients.join(', ')], [vscode.l10n.t('ID'), a.id]],
    contextValue: contextValue('spendAlert'),
    context: { spendAlertId: a.id },
  };
}
