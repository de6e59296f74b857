// Groups, roles and explicit role assignments. Assignments of the predefined roles that mirror
// a membership role (org owner/reader, project owner/member) are implied, not generated.
import { GROUP_NAMES } from '../names';
import { ulidLike } from '../rng';
import type { AssignmentRec, GroupMemberRec, GroupRec, OrgUserRec, RoleRec } from '../state';
import { DAY, GenContext } from './context';

const ORG_READ = ['api.organization.read', 'api.organization.projects.read', 'api.organization.users.read', 'api.groups.read', 'api.usage.read', 'api.organization.billing.read'];
const ORG_WRITE = ['api.organization.write', 'api.organization.projects.write', 'api.organization.users.write', 'api.groups.write', 'api.organization.billing.write', 'api.organization.admin_api_keys.write'];
const PROJECT_READ = ['api.organization.projects.read', 'api.organization.projects.api_keys.read', 'api.organization.projects.service_accounts.read', 'api.organization.projects.rate_limits.read'];
const PROJECT_WRITE = ['api.organization.projects.write', 'api.organization.projects.api_keys.write', 'api.organization.projects.service_accounts.write', 'api.organization.projects.rate_limits.write'];

export interface Rbac {
  groups: GroupRec[];
  groupMembers: Map<string, GroupMemberRec[]>;
  orgRoles: RoleRec[];
  projectPredefinedRoles: RoleRec[];
  /** Explicit org-scope assignments: principal key → assignments. */
  orgAssignments: { principalType: 'user' | 'group'; principalId: string; assignments: AssignmentRec[] }[];
}

export function generateRbac(ctx: GenContext, users: readonly OrgUserRec[]): Rbac {
  const r = ctx.area('rbac');
  const orgCreated = users[0]!.added_at;
  const founder = users[0]!.id;
  const role = (name: string, description: string | null, permissions: string[], resource_type: RoleRec['resource_type'], predefined: boolean, mirrors: RoleRec['mirrors'] = null): RoleRec => {
    const at = predefined ? orgCreated : ctx.ago(r, 400 * DAY, DAY);
    return {
      id: `role_${ulidLike(r, at)}`,
      name,
      description,
      permissions,
      resource_type,
      predefined_role: predefined,
      created_at: at,
      updated_at: predefined ? at : at + r.int(0, 30) * DAY,
      created_by: predefined ? null : founder,
      metadata: {},
      project_id: null,
      mirrors,
    };
  };
  const orgRoles = [
    role('Owner', 'Full access to the organization', [...ORG_READ, ...ORG_WRITE], 'api.organization', true, 'owner'),
    role('Reader', 'Read-only access to the organization', ORG_READ, 'api.organization', true, 'reader'),
    ...[
      role(ctx.text(r, 'API Group Manager'), 'Allows managing organization groups', ['api.groups.read', 'api.groups.write'], 'api.organization', false),
      role(ctx.text(r, 'Billing Viewer'), 'Can see invoices, costs and spend limits', ['api.organization.billing.read', 'api.usage.read'], 'api.organization', false),
      role(ctx.text(r, 'Usage Analyst'), null, ['api.usage.read'], 'api.organization', false),
      role(ctx.text(r, 'Key Auditor'), 'Reads admin and project keys', ['api.organization.admin_api_keys.read', 'api.organization.projects.api_keys.read'], 'api.organization', false),
    ].sort((a, b) => a.created_at - b.created_at),
  ];
  const projectPredefinedRoles = [
    role('Owner', 'Full access to the project', [...PROJECT_READ, ...PROJECT_WRITE], 'api.project', true, 'owner'),
    role('Member', 'Can use the project and manage their own keys', [...PROJECT_READ, 'api.organization.projects.api_keys.write'], 'api.project', true, 'member'),
    role('Viewer', 'Read-only access to the project', PROJECT_READ, 'api.project', true),
  ];

  const groupCount = Math.min(200, Math.max(2, Math.round(users.length / 15)));
  const groups: GroupRec[] = [];
  const groupMembers = new Map<string, GroupMemberRec[]>();
  for (let i = 0; i < groupCount; i++) {
    const base = GROUP_NAMES[i % GROUP_NAMES.length]!;
    const created = ctx.ago(r, 700 * DAY, DAY);
    groups.push({
      id: `group_${ulidLike(r, created)}`,
      // Names stay unique (creating a duplicate is a 409), hostile ones get a suffix.
      name: `${ctx.text(r, base)}${i >= GROUP_NAMES.length ? ` ${Math.floor(i / GROUP_NAMES.length) + 1}` : ''}`,
      created_at: created,
      is_scim_managed: r.chance(0.2),
      group_type: 'group',
    });
  }
  groups.sort((a, b) => a.created_at - b.created_at);
  const seenNames = new Set<string>();
  for (const g of groups) {
    while (seenNames.has(g.name)) g.name += ' (2)';
    seenNames.add(g.name);
    const members = r.sample(users, r.skewed(Math.min(8, users.length), 40)).map((u) => ({ id: u.id, added_at: Math.max(g.created_at, u.added_at) + r.int(0, 30) * DAY }));
    groupMembers.set(g.id, members.sort((a, b) => a.added_at - b.added_at));
  }

  const custom = orgRoles.filter((x) => !x.predefined_role);
  const orgAssignments: Rbac['orgAssignments'] = [];
  const assign = (principalType: 'user' | 'group', principalId: string, roles: RoleRec[], after: number) =>
    orgAssignments.push({ principalType, principalId, assignments: roles.map((x) => ({ id: x.id, created_at: Math.max(after, x.created_at) + r.int(0, 20) * DAY, created_by: founder })) });
  for (const u of users) if (r.chance(0.06)) assign('user', u.id, r.sample(custom, r.int(1, 2)), u.added_at);
  for (const g of groups) if (r.chance(0.5)) assign('group', g.id, r.sample(custom, 1), g.created_at);

  return { groups, groupMembers, orgRoles, projectPredefinedRoles, orgAssignments };
}
