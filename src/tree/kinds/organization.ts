import type { AdminApiKey, AuditLog, Group, GroupUser, Invite, User } from '../../api';
import { humanize, isoDate, relativeTime } from '../../model/format';
import type { NodeSpec } from '../nodeSpec';
import { memberText } from '../../model/rowText';
import { listRef } from '../../model/store';
import { contextValue, flagOf } from '../ids';
import { folder, paged, single } from './build';
import { certificateNode, roleNode, spendChildren } from './projectResources';
import { externalKeysFolder, externalStorageFolder } from './external';
import { projectsFolder } from './projects';
import { workloadIdentityFolder } from './workloadIdentity';

/** The explorer's top level: the organization's resources. */
export function organizationRoots(): NodeSpec[] {
  return [
    projectsFolder(),
    folder('members', 'Members', 'person', paged('members', listRef('members'), memberNode)),
    folder('invites', 'Invites', 'mail', paged('invites', listRef('invites'), inviteNode, 'No pending invites')),
    folder('groups', 'Groups', 'organization', paged('groups', listRef('groups'), groupNode)),
    folder('roles', 'Roles', 'symbol-class', paged('roles', listRef('roles'), roleNode)),
    folder('adminKeys', 'Admin API Keys', 'key', paged('admin API keys', listRef('adminKeys'), adminKeyNode)),
    folder('certificates', 'Certificates', 'verified', paged('certificates', listRef('certificates'), certificateNode)),
    workloadIdentityFolder(),
    externalKeysFolder(),
    externalStorageFolder(),
    folder('auditLog', 'Audit Log', 'history', paged('audit log events', listRef('auditLog'), auditLogNode, 'No audit log events')),
    folder('spend', 'Spend Limit & Alerts', 'credit-card', spendChildren(listRef('spendLimit'), listRef('spendAlerts'))),
    folder('dataRetention', 'Data Retention', 'database', single('data retention', listRef('dataRetention'), (r) => [{
      key: 'retention', label: humanize(r.type), icon: 'lock', contextValue: contextValue('dataRetention', 'organization'),
      tooltip: ['Data retention for the organization', ['Type', r.type]],
    }])),
  ];
}

export function memberNode(u: User): NodeSpec {
  const { label, description } = memberText(u);
  return {
    key: u.id,
    label,
    description,
    icon: u.role === 'owner' ? 'star-full' : 'person',
    tooltip: [['Member', u.name], ['Email', u.email], ['Organization role', u.role], ['Added', isoDate(u.added_at)], ['ID', u.id]],
    contextValue: contextValue('member', flagOf(u.role, ['owner'])),
    context: { userId: u.id, userLabel: label },
    copy: [['User ID', u.id], ...(u.email ? [['Email', u.email] as [string, string]] : [])],
    platformPath: '/settings/organization/people',
  };
}

function inviteNode(i: Invite): NodeSpec {
  return {
    key: i.id,
    label: i.email,
    description: `${i.role} · ${i.status}${i.status === 'pending' && i.expires_at ? ` · expires ${relativeTime(i.expires_at)}` : ''}`,
    icon: i.status === 'pending' ? 'mail' : i.status === 'accepted' ? 'mail-read' : ['mail', 'disabledForeground'],
    tooltip: [['Invite', i.email], ['Role', i.role], ['Status', i.status], ['Sent', isoDate(i.created_at)], ['Expires', isoDate(i.expires_at)],
      ['Projects', (i.projects ?? []).map((p) => `${p.id} (${p.role})`).join(', ')], ['ID', i.id]],
    contextValue: contextValue('invite', flagOf(i.status, ['pending', 'accepted', 'expired'])),
    context: { inviteId: i.id },
    copy: [['Email', i.email], ['Invite ID', i.id]],
  };
}

function groupNode(g: Group): NodeSpec {
  return {
    key: g.id,
    label: g.name,
    description: g.is_scim_managed ? 'SCIM managed' : undefined,
    icon: 'organization',
    tooltip: [['Group', g.name], ['Created', isoDate(g.created_at)], ['SCIM managed', g.is_scim_managed ? 'yes' : 'no'], ['ID', g.id]],
    contextValue: contextValue('group', g.is_scim_managed && 'scim'),
    context: { groupId: g.id, groupName: g.name },
    copy: [['Group ID', g.id]],
    children: paged('group members', listRef('groupUsers', g.id), groupUserNode, 'No members'),
  };
}

function groupUserNode(u: GroupUser): NodeSpec {
  return {
    key: u.id,
    label: u.name || u.email || u.id,
    description: u.name ? u.email ?? undefined : undefined,
    icon: 'person',
    tooltip: [['Member', u.name], ['Email', u.email], ['ID', u.id]],
    contextValue: contextValue('groupUser'),
    context: { userId: u.id, userLabel: u.name || u.email || u.id },
    copy: [['User ID', u.id], ...(u.email ? [['Email', u.email] as [string, string]] : [])],
  };
}

function adminKeyNode(k: AdminApiKey): NodeSpec {
  const owner = k.owner?.name || k.owner?.id || 'unknown owner';
  return {
    key: k.id,
    label: k.name || k.redacted_value,
    description: `${k.redacted_value} · ${owner} · last used ${relativeTime(k.last_used_at)}`,
    icon: 'key',
    tooltip: [['Admin key', k.name], ['Value', k.redacted_value], ['Owner', owner], ['Created', isoDate(k.created_at)],
      ['Expires', k.expires_at ? isoDate(k.expires_at) : 'never'], ['Last used', k.last_used_at ? isoDate(k.last_used_at) : 'never'], ['ID', k.id]],
    contextValue: contextValue('adminApiKey'),
    context: { adminKeyId: k.id },
    copy: [['Key ID', k.id]],
    platformPath: '/settings/organization/admin-keys',
  };
}

function auditActor(e: AuditLog): string {
  const a = e.actor;
  const user = a?.session?.user ?? a?.api_key?.user;
  return user?.email || a?.api_key?.service_account?.id || a?.api_key?.id || a?.type || 'unknown actor';
}

function auditLogNode(e: AuditLog): NodeSpec {
  return {
    key: e.id,
    label: e.type,
    description: `${auditActor(e)} · ${relativeTime(e.effective_at)}`,
    icon: 'history',
    tooltip: [['Event', e.type], ['When', isoDate(e.effective_at)], ['Actor', auditActor(e)], ['Project', e.project?.name || e.project?.id],
      ['IP address', e.actor?.session?.ip_address], ['ID', e.id]],
    contextValue: contextValue('auditLog'),
    copy: [['Event ID', e.id]],
  };
}
