import * as vscode from 'vscode';
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
    folder('members', vscode.l10n.t('Members'), 'person', paged(vscode.l10n.t('members'), listRef('members'), memberNode)),
    folder('invites', vscode.l10n.t('Invites'), 'mail', paged(vscode.l10n.t('invites'), listRef('invites'), inviteNode, vscode.l10n.t('No pending invites'))),
    folder('groups', vscode.l10n.t('Groups'), 'organization', paged(vscode.l10n.t('groups'), listRef('groups'), groupNode)),
    folder('roles', vscode.l10n.t('Roles'), 'symbol-class', paged(vscode.l10n.t('roles'), listRef('roles'), roleNode)),
    folder('adminKeys', vscode.l10n.t('Admin API Keys'), 'key', paged(vscode.l10n.t('admin API keys'), listRef('adminKeys'), adminKeyNode)),
    folder('certificates', vscode.l10n.t('Certificates'), 'verified', paged(vscode.l10n.t('certificates'), listRef('certificates'), certificateNode)),
    workloadIdentityFolder(),
    externalKeysFolder(),
    externalStorageFolder(),
    folder('auditLog', vscode.l10n.t('Audit Log'), 'history', paged(vscode.l10n.t('audit log events'), listRef('auditLog'), auditLogNode, vscode.l10n.t('No audit log events'))),
    folder('spend', vscode.l10n.t('Spend Limit & Alerts'), 'credit-card', spendChildren(listRef('spendLimit'), listRef('spendAlerts'))),
    folder('dataRetention', vscode.l10n.t('Data Retention'), 'database', single(vscode.l10n.t('data retention'), listRef('dataRetention'), (r) => [{
      key: 'retention', label: humanize(r.type), icon: 'lock', contextValue: contextValue('dataRetention', 'organization'),
      tooltip: [vscode.l10n.t('Data retention for the organization'), [vscode.l10n.t('Type'), r.type]],
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
    tooltip: [[vscode.l10n.t('Member'), u.name], [vscode.l10n.t('Email'), u.email], [vscode.l10n.t('Organization role'), u.role], [vscode.l10n.t('Added'), isoDate(u.added_at)], [vscode.l10n.t('ID'), u.id]],
    contextValue: contextValue('member', flagOf(u.role, ['owner'])),
    context: { userId: u.id, userLabel: label },
    copy: [[vscode.l10n.t('User ID'), u.id], ...(u.email ? [[vscode.l10n.t('Email'), u.email] as [string, string]] : [])],
    platformPath: '/settings/organization/people',
  };
}

function inviteNode(i: Invite): NodeSpec {
  return {
    key: i.id,
    label: i.email,
    description: `${i.role} · ${i.status}${i.status === 'pending' && i.expires_at ? ` · ${vscode.l10n.t('expires {0}', relativeTime(i.expires_at))}` : ''}`,
    icon: i.status === 'pending' ? 'mail' : i.status === 'accepted' ? 'mail-read' : ['mail', 'disabledForeground'],
    tooltip: [[vscode.l10n.t('Invite'), i.email], [vscode.l10n.t('Role'), i.role], [vscode.l10n.t('Status'), i.status], [vscode.l10n.t('Sent'), isoDate(i.created_at)], [vscode.l10n.t('Expires'), isoDate(i.expires_at)],
      [vscode.l10n.t('Projects'), (i.projects ?? []).map((p) => `${p.id} (${p.role})`).join(', ')], [vscode.l10n.t('ID'), i.id]],
    contextValue: contextValue('invite', flagOf(i.status, ['pending', 'accepted', 'expired'])),
    context: { inviteId: i.id },
    copy: [[vscode.l10n.t('Email'), i.email], [vscode.l10n.t('Invite ID'), i.id]],
  };
}

function groupNode(g: Group): NodeSpec {
  return {
    key: g.id,
    label: g.name,
    description: g.is_scim_managed ? vscode.l10n.t('SCIM managed') : undefined,
    icon: 'organization',
    tooltip: [[vscode.l10n.t('Group'), g.name], [vscode.l10n.t('Created'), isoDate(g.created_at)], [vscode.l10n.t('SCIM managed'), g.is_scim_managed ? vscode.l10n.t('yes') : vscode.l10n.t('no')], [vscode.l10n.t('ID'), g.id]],
    contextValue: contextValue('group', g.is_scim_managed && 'scim'),
    context: { groupId: g.id, groupName: g.name },
    copy: [[vscode.l10n.t('Group ID'), g.id]],
    children: paged(vscode.l10n.t('group members'), listRef('groupUsers', g.id), groupUserNode, vscode.l10n.t('No members')),
  };
}

function groupUserNode(u: GroupUser): NodeSpec {
  return {
    key: u.id,
    label: u.name || u.email || u.id,
    description: u.name ? u.email ?? undefined : undefined,
    icon: 'person',
    tooltip: [[vscode.l10n.t('Member'), u.name], [vscode.l10n.t('Email'), u.email], [vscode.l10n.t('ID'), u.id]],
    contextValue: contextValue('groupUser'),
    context: { userId: u.id, userLabel: u.name || u.email || u.id },
    copy: [[vscode.l10n.t('User ID'), u.id], ...(u.email ? [[vscode.l10n.t('Email'), u.email] as [string, string]] : [])],
  };
}

function adminKeyNode(k: AdminApiKey): NodeSpec {
  const owner = k.owner?.name || k.owner?.id || vscode.l10n.t('unknown owner');
  return {
    key: k.id,
    label: k.name || k.redacted_value,
    description: `${k.redacted_value} · ${owner} · ${vscode.l10n.t('last used {0}', relativeTime(k.last_used_at))}`,
    icon: 'key',
    tooltip: [[vscode.l10n.t('Admin key'), k.name], [vscode.l10n.t('Value'), k.redacted_value], [vscode.l10n.t('Owner'), owner], [vscode.l10n.t('Created'), isoDate(k.created_at)],
      [vscode.l10n.t('Expires'), k.expires_at ? isoDate(k.expires_at) : vscode.l10n.t('never')], [vscode.l10n.t('Last used'), k.last_used_at ? isoDate(k.last_used_at) : vscode.l10n.t('never')], [vscode.l10n.t('ID'), k.id]],
    contextValue: contextValue('adminApiKey'),
    context: { adminKeyId: k.id },
    copy: [[vscode.l10n.t('Key ID'), k.id]],
    platformPath: '/settings/organization/admin-keys',
  };
}

function auditActor(e: AuditLog): string {
  const a = e.actor;
  const user = a?.session?.user ?? a?.api_key?.user;
  return user?.email || a?.api_key?.service_account?.id || a?.api_key?.id || a?.type || vscode.l10n.t('unknown actor');
}

function auditLogNode(e: AuditLog): NodeSpec {
  return {
    key: e.id,
    label: e.type,
    description: `${auditActor(e)} · ${relativeTime(e.effective_at)}`,
    icon: 'history',
    tooltip: [[vscode.l10n.t('Event'), e.type], [vscode.l10n.t('When'), isoDate(e.effective_at)], [vscode.l10n.t('Actor'), auditActor(e)], [vscode.l10n.t('Project'), e.project?.name || e.project?.id],
      [vscode.l10n.t('IP address'), e.actor?.session?.ip_address], [vscode.l10n.t('ID'), e.id]],
    contextValue: contextValue('auditLog'),
    copy: [[vscode.l10n.t('Event ID'), e.id]],
  };
}
