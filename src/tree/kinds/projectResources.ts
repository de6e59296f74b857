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
    folder('users', 'Users', 'person', paged('users', listRef('projectUsers', id), (u) => projectUserNode(id, u))),
    folder('serviceAccounts', 'Service Accounts', 'robot', paged('service accounts', listRef('projectServiceAccounts', id), (s) => serviceAccountNode(id, s))),
    folder('apiKeys', 'API Keys', 'key', paged('API keys', listRef('projectApiKeys', id), apiKeyNode)),
    folder('rateLimits', 'Rate Limits', 'dashboard', paged('rate limits', listRef('projectRateLimits', id), rateLimitNode)),
    folder('modelPermissions', 'Model Permissions', 'shield', single('model permissions', listRef('modelPermissions', id), modelPermissionNodes, modelPermissionsUnset)),
    folder('hostedTools', 'Hosted Tool Permissions', 'tools', single('hosted tool permissions', listRef('hostedToolPermissions', id), hostedToolNodes)),
    folder('groups', 'Groups', 'organization', paged('groups', listRef('projectGroups', id), projectGroupNode)),
    folder('roles', 'Roles', 'symbol-class', paged('roles', listRef('projectRoles', id), roleNode)),
    folder('spend', 'Spend Limit & Alerts', 'credit-card', spendChildren(listRef('projectSpendLimit', id), listRef('projectSpendAlerts', id))),
    folder('dataRetention', 'Data Retention', 'database', single('data retention', listRef('projectDataRetention', id), (r) => [{
      key: 'retention', label: humanize(r.type), icon: 'lock', contextValue: contextValue('dataRetention', 'project'),
      tooltip: ['Data retention for this project', ['Type', r.type]],
    }])),
    folder('certificates', 'Certificates', 'verified', paged('certificates', listRef('projectCertificates', id), certificateNode)),
    folder('serviceTier', 'Service Tier', 'rocket', single('service tier settings', listRef('serviceTier', id), serviceTierNodes)),
  ]).map((f) => ({ ...f, contextValue: contextValue('folder', f.key as ProjectFolder, 'inProject') }));
}

export function projectUserNode(projectId: string, u: ProjectUser): NodeSpec {
  const owner = u.role === 'owner';
  return {
    key: u.id,
    label: u.name || u.email || u.id,
    description: [u.role, u.name ? u.email : undefined].filter(Boolean).join(' · '),
    icon: owner ? 'star-full' : 'person',
    tooltip: [['User', u.name], ['Email', u.email], ['Project role', u.role], ['Added', isoDate(u.added_at)], ['ID', u.id]],
    contextValue: contextValue('projectUser', owner ? 'owner' : 'member'),
    context: { userId: u.id, userLabel: u.name || u.email || u.id },
    copy: [['User ID', u.id], ...(u.email ? [['Email', u.email] as [string, string]] : [])],
    children: paged('role assignments', listRef('projectUserRoles', projectId, u.id), assignedRoleNode, 'No project role assignments'),
  };
}

export function assignedRoleNode(r: AssignedRole): NodeSpec {
  return {
    key: r.id,
    label: r.name,
    description: r.predefined_role ? 'predefined' : 'custom',
    icon: 'symbol-class',
    tooltip: [['Role', r.name], ['Description', r.description], ['Permissions', r.permissions.join(', ')], ['ID', r.id]],
    contextValue: contextValue('roleAssignment'),
    context: { roleId: r.id },
    copy: [['Role ID', r.id]],
  };
}

export function serviceAccountNode(projectId: string, s: ProjectServiceAccount): NodeSpec {
  return {
    key: s.id,
    label: s.name || s.id,
    description: s.role,
    icon: 'robot',
    tooltip: [['Service account', s.name], ['Role', s.role], ['Created', isoDate(s.created_at)], ['ID', s.id]],
    contextValue: contextValue('serviceAccount'),
    context: { serviceAccountId: s.id, serviceAccountName: s.name || s.id },
    copy: [['Service account ID', s.id]],
    // The API has no per-account key list; a project's keys name their owning service account, so
    // this folder shows the project's one key list (read once for both folders), filtered.
    children: {
      type: 'list', what: 'API keys', empty: 'No API keys',
      sections: [section(listRef('projectApiKeys', projectId), (k) => (k.owner?.service_account?.id === s.id ? [apiKeyNode(k)] : []))],
    },
  };
}

export function apiKeyOwner(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return `service account ${o.service_account?.name ?? o.service_account?.id ?? ''}`.trim();
  return o?.user?.name || o?.user?.email || 'unknown owner';
}

export function apiKeyNode(k: ProjectApiKey): NodeSpec {
  const expiry = keyExpiry(k.expires_at);
  return {
    key: k.id,
    label: k.name || k.redacted_value,
    // Expiry first: it is what needs acting on, and it stays visible in a narrow side bar.
    description: `${expiry.text} · ${k.redacted_value} · ${apiKeyOwner(k)} · last used ${relativeTime(k.last_used_at)}`,
    // Expired and soon-to-expire keys stand out: whatever uses them stops working.
    icon: expiry.state === 'expired' ? ['warning', 'list.errorForeground'] : expiry.state === 'soon' ? ['warning', 'list.warningForeground'] : 'key',
    tooltip: [
      ['API key', k.name], ['Value', k.redacted_value], ['Owner', apiKeyOwner(k)], ['Created', isoDate(k.created_at)],
      ['Expires', k.expires_at ? `${isoDate(k.expires_at)} (${expiry.text})` : 'never'],
      ['Last used', k.last_used_at ? `${isoDate(k.last_used_at)} (${relativeTime(k.last_used_at)})` : 'never'], ['ID', k.id],
    ],
    contextValue: contextValue('projectApiKey', k.owner?.type === 'service_account' ? 'serviceAccountKey' : 'userKey',
      expiry.state === 'expired' && 'expired', expiry.state === 'soon' && 'expiresSoon'),
    context: { apiKeyId: k.id },
    copy: [['Key ID', k.id]],
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
    tooltip: [['Model', r.model], ...present.map(([f, , name]) => [name, thousands(r[f])] as [string, string]), ['ID', r.id]],
    contextValue: contextValue('rateLimit'),
    context: { rateLimitId: r.id },
  };
}

function modelPermissionsUnset(): NodeSpec[] {
  return [{ key: 'mode', label: 'Not set', description: 'every model is allowed', icon: 'circle-large-outline', contextValue: contextValue('modelPermissions', 'unset'), tooltip: ['No model allow or deny list is set for this project.'] }];
}

function modelPermissionNodes(p: { mode: 'allow_list' | 'deny_list'; model_ids: string[] }): NodeSpec[] {
  const allow = p.mode === 'allow_list';
  // Tree ids must be unique: a policy that lists a model twice would stop the whole folder from showing.
  const models = [...new Set(p.model_ids)];
  return [
    {
      key: 'mode', label: allow ? 'Allow list' : 'Deny list', description: `${models.length} model${models.length === 1 ? '' : 's'}`,
      icon: allow ? 'pass' : 'circle-slash', contextValue: contextValue('modelPermissions', 'set'),
      tooltip: [allow ? 'Only these models may be used in this project.' : 'These models may not be used in this project.'],
    },
    ...models.map((m): NodeSpec => ({ key: `model:${m}`, label: m, icon: allow ? 'check' : 'close', contextValue: contextValue('modelPermission'), copy: [['Model', m]] })),
  ];
}

function hostedToolNodes(t: Record<string, { enabled: boolean } | undefined>): NodeSpec[] {
  return HOSTED_TOOLS.map(([key, name]): NodeSpec => {
    const on = t[key]?.enabled === true;
    return {
      key, label: name, description: on ? 'on' : 'off',
      icon: on ? ['pass-filled', 'testing.iconPassed'] : ['circle-slash', 'disabledForeground'],
      contextValue: contextValue('hostedTool', on ? 'on' : 'off'),
      tooltip: [`${name} is ${on ? 'enabled' : 'disabled'} for this project.`],
    };
  });
}

/** The default tier, then each optional tier on or off (as hosted tools are shown). */
function serviceTierNodes(t: ProjectServiceTierSettings): NodeSpec[] {
  const all = t.enabled_tiers === 'all';
  const enabled = enabledTiers(t);
  return [
    {
      key: 'default', label: `Default: ${tierName(t.default)}`, icon: 'rocket', contextValue: contextValue('serviceTier', 'default'),
      tooltip: [`Requests that name no service tier (or send "auto") use ${tierName(t.default)}.`,
        ['Optional tiers enabled', describeEnabledTiers(t)]],
    },
    ...OPTIONAL_TIERS.map((tier): NodeSpec => {
      const on = enabled.has(tier);
      return {
        key: tier, label: tierName(tier), description: on ? (all ? 'enabled (all tiers)' : 'enabled') : 'not enabled',
        icon: on ? ['pass-filled', 'testing.iconPassed'] : ['circle-slash', 'disabledForeground'],
        contextValue: contextValue('serviceTier', on ? 'enabled' : 'disabled'),
        tooltip: [`Requests in this project ${on ? 'may' : 'may not'} use the ${tierName(tier)} tier.`],
      };
    }),
  ];
}

function projectGroupNode(g: ProjectGroup): NodeSpec {
  return {
    key: g.group_id,
    label: g.group_name,
    description: g.group_type === 'tenant_group' ? 'tenant group' : undefined,
    icon: 'organization',
    tooltip: [['Group', g.group_name], ['Type', humanize(g.group_type)], ['Added', isoDate(g.created_at)], ['ID', g.group_id]],
    contextValue: contextValue('projectGroup'),
    context: { groupId: g.group_id },
    copy: [['Group ID', g.group_id]],
  };
}

export function roleNode(r: Role): NodeSpec {
  return {
    key: r.id,
    label: r.name,
    description: `${r.predefined_role ? 'predefined' : 'custom'} · ${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`,
    icon: 'symbol-class',
    tooltip: [['Role', r.name], ['Description', r.description], ['Permissions', r.permissions.join(', ')], ['ID', r.id]],
    contextValue: contextValue('role', r.predefined_role ? 'predefined' : 'custom'),
    context: { roleId: r.id },
    copy: [['Role ID', r.id]],
  };
}

export function certificateNode(c: ProjectCertificate | { id: string; name: string | null; active?: boolean; created_at: number; certificate_details: { valid_at?: number; expires_at?: number } }): NodeSpec {
  const d = c.certificate_details ?? {};
  return {
    key: c.id,
    label: c.name || c.id,
    description: `${c.active ? 'active' : 'inactive'}${d.expires_at ? ` · expires ${relativeTime(d.expires_at)}` : ''}`,
    icon: c.active ? 'verified-filled' : 'verified',
    tooltip: [['Certificate', c.name], ['Active', c.active ? 'yes' : 'no'], ['Valid from', isoDate(d.valid_at)], ['Expires', isoDate(d.expires_at)], ['ID', c.id]],
    contextValue: contextValue('certificate', c.active ? 'active' : 'inactive'),
    context: { certificateId: c.id },
    copy: [['Certificate ID', c.id]],
  };
}

type SpendLimit = { threshold_amount: number; currency: string; interval: string };
type SpendAlert = ProjectSpendAlert | OrganizationSpendAlert;

/** The hard limit (or "No spend limit") first, then the alerts, paged: two store lists in one folder. */
export function spendChildren(limit: ListRef<'spendLimit' | 'projectSpendLimit'>, alerts: ListRef<'spendAlerts' | 'projectSpendAlerts'>): ListChildren {
  return {
    type: 'list',
    what: 'spend settings',
    sections: [
      section(limit, (l: SpendLimit) => [{ key: 'limit', label: `Hard limit ${money(fromCents(l.threshold_amount), l.currency)} per ${l.interval}`, icon: 'stop-circle', contextValue: contextValue('spendLimit', 'set'), tooltip: ['Requests are refused once spend reaches this amount.'] }],
        () => [{ key: 'limit', label: 'No hard spend limit', icon: 'circle-large-outline', contextValue: contextValue('spendLimit', 'unset') }]),
      section(alerts, (a: SpendAlert) => [spendAlertNode(a)]),
    ],
  };
}
function spendAlertNode(a: SpendAlert): NodeSpec {
  const recipients = a.notification_channel?.recipients ?? [];
  return {
    key: a.id,
    label: `Alert at ${money(fromCents(a.threshold_amount), a.currency)} per ${a.interval}`,
    description: recipients.join(', '),
    icon: 'bell',
    tooltip: [['Threshold', money(fromCents(a.threshold_amount), a.currency)], ['Interval', a.interval], ['Recipients', recipients.join(', ')], ['ID', a.id]],
    contextValue: contextValue('spendAlert'),
    context: { spendAlertId: a.id },
  };
}
