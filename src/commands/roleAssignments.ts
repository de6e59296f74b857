// Role assignments of organization members, groups and a project's groups, and granting a group
// access to a project. Every principal has the same four calls (list roles, list assigned, assign,
// unassign), so one pair of flows serves all three; each principal carries its own endpoints.
// (A project user's roles are in projectUsers.ts.)
import * as vscode from 'vscode';
import type { AdminClient, AssignedRole, Group, ProjectGroup, Role, User } from '../api';
import type { StoreEffect } from '../model/store';
import { groupEffects, roleAssignmentEffects } from '../model/writeEffects';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { fetchFor, pickInFolder, pickMember, pickOne } from './pickers';
import { q, runWrite } from '../ui/run';
import { isKind, itemOf, projectRefOf, projectRowOf, rowOf } from './targets';

interface Principal {
  /** "member “X”", "group “Y”", for sentences. */
  name: string;
  /** "Member “X”", "Group “Y”": the same at the start of a sentence. */
  subject: string;
  /** Where its roles apply: "the organization" / "project “P”". */
  where: string;
  roles(c: AdminClient): Promise<Role[]>;
  assigned(c: AdminClient): Promise<AssignedRole[]>;
  assign(c: AdminClient, roleId: string): Promise<unknown>;
  unassign(c: AdminClient, roleId: string): Promise<unknown>;
  /** What assigning or unassigning `roleId` does to the store. */
  effects(change: { assigned: string } | { unassigned: string }): StoreEffect[];
}

async function memberPrincipal(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Principal | undefined> {
  const u = isKind(node, 'member') ? await itemOf<User>(ctx, node.spec) : await pickMember(ctx, title);
  if (!u) return undefined;
  return {
    name: vscode.l10n.t('member {0}', q(u.name || u.email || u.id)),
    subject: vscode.l10n.t('Member {0}', q(u.name || u.email || u.id)),
    where: vscode.l10n.t('the organization'),
    roles: (c) => c.roles.all(),
    assigned: (c) => c.users.roles.all(u.id),
    assign: (c, roleId) => c.users.roles.assign(u.id, { role_id: roleId }),
    unassign: (c, roleId) => c.users.roles.unassign(u.id, roleId),
    effects: (change) => roleAssignmentEffects('memberRoles', u.id, change),
  };
}

async function groupPrincipal(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Principal | undefined> {
  const g = await rowOf<Group>(ctx, node, 'group', 'groups', title, vscode.l10n.t('Type to search groups by name or id'));
  if (!g) return undefined;
  return {
    name: vscode.l10n.t('group {0}', q(g.data.name)),
    subject: vscode.l10n.t('Group {0}', q(g.data.name)),
    where: vscode.l10n.t('the organization'),
    roles: (c) => c.roles.all(),
    assigned: (c) => c.groups.roles.all(g.data.id),
    assign: (c, roleId) => c.groups.roles.assign(g.data.id, { role_id: roleId }),
    unassign: (c, roleId) => c.groups.roles.unassign(g.data.id, roleId),
    effects: (change) => roleAssignmentEffects('groupRoles', g.data.id, change),
  };
}

function projectGroupOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectGroup>(ctx, node, 'projectGroup', 'groups', title, vscode.l10n.t('Type to search the project’s groups by name or id'));
}

async function projectGroupPrincipal(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Principal | undefined> {
  const pg = await projectGroupOf(ctx, node, title);
  if (!pg) return undefined;
  const { project, data: g } = pg;
  return {
    name: vscode.l10n.t('group {0}', q(g.group_name)),
    subject: vscode.l10n.t('Group {0}', q(g.group_name)),
    where: vscode.l10n.t('project {0}', q(project.name)),
    roles: (c) => c.projectRoles.all(project.id),
    assigned: (c) => c.projectGroups.roles.all(project.id, g.group_id),
    assign: (c, roleId) => c.projectGroups.roles.assign(project.id, g.group_id, { role_id: roleId }),
    unassign: (c, roleId) => c.projectGroups.roles.unassign(project.id, g.group_id, roleId),
    // The store holds no list of a project group's role assignments; the project's group list shows none of them.
    effects: () => [],
  };
}

const permissionCount = (r: { permissions: string[] }) => (r.permissions.length === 1 ? vscode.l10n.t('1 permission') : vscode.l10n.t('{0} permissions', r.permissions.length));
/** A role as a pick item: its name and description are API text, made inert. */
const roleChoice = <R extends Role | AssignedRole>(r: R) => ({
  label: plainText(r.name), value: r, description: `${r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom')} · ${permissionCount(r)}`, detail: r.description ? plainText(r.description) : undefined,
});

async function assignRole(ctx: CommandContext, p: Principal | undefined, title: string) {
  if (!p) return undefined;
  const loaded = await fetchFor(ctx, vscode.l10n.t('roles'), (c) => Promise.all([p.roles(c), p.assigned(c)]));
  if (!loaded) return undefined;
  const [roles, assigned] = loaded;
  const held = new Set(assigned.map((r) => r.id));
  const offered = roles.filter((r) => !held.has(r.id));
  if (!offered.length) {
    void notify('info', vscode.l10n.t('{0} already holds every role of {1}.', p.subject, p.where));
    return undefined;
  }
  const role = await pickOne(vscode.l10n.t('{0}: {1}', title, p.name), offered.map(roleChoice), { placeholder: vscode.l10n.t('Role of {0} to assign', p.where) });
  if (!role) return undefined;
  return runWrite(ctx, {
    progress: vscode.l10n.t('Assigning role {0} to {1}…', q(role.name), p.name),
    call: (c) => p.assign(c, role.id),
    effects: () => p.effects({ assigned: role.id }),
    done: () => vscode.l10n.t('Assigned role {0} to {1}', q(role.name), p.name),
  });
}

async function unassignRole(ctx: CommandContext, p: Principal | undefined, title: string) {
  if (!p) return undefined;
  const assigned = await fetchFor(ctx, vscode.l10n.t('role assignments'), (c) => p.assigned(c));
  if (!assigned) return undefined;
  if (!assigned.length) {
    void notify('info', vscode.l10n.t('{0} has no roles assigned in {1}.', p.subject, p.where));
    return undefined;
  }
  const role = await pickOne(vscode.l10n.t('{0}: {1}', title, p.name), assigned.map(roleChoice), { placeholder: vscode.l10n.t('Role assignment to remove') });
  if (!role) return undefined;
  return runWrite(ctx, {
    progress: vscode.l10n.t('Unassigning role {0} from {1}…', q(role.name), p.name),
    confirm: {
      message: vscode.l10n.t('Unassign role {0} from {1} in {2}?', q(role.name), p.name, p.where),
      detail: vscode.l10n.t('They lose the permissions this role grants: {0}.', role.permissions.join(', ') || vscode.l10n.t('none')),
      button: vscode.l10n.t('Unassign Role'),
    },
    call: (c) => p.unassign(c, role.id),
    effects: () => p.effects({ unassigned: role.id }),
    done: () => vscode.l10n.t('Unassigned role {0} from {1}', q(role.name), p.name),
  });
}

export function registerRoleAssignmentCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.member.assignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Assign Organization Role');
      return assignRole(ctx, await memberPrincipal(ctx, node, title), title);
    }),
    ctx.register('openaiAdmin.member.unassignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Unassign Organization Role');
      return unassignRole(ctx, await memberPrincipal(ctx, node, title), title);
    }),
    ctx.register('openaiAdmin.group.assignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Assign Role to Group');
      return assignRole(ctx, await groupPrincipal(ctx, node, title), title);
    }),
    ctx.register('openaiAdmin.group.unassignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Unassign Role from Group');
      return unassignRole(ctx, await groupPrincipal(ctx, node, title), title);
    }),
    ctx.register('openaiAdmin.projectGroup.assignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Assign Project Role to Group');
      return assignRole(ctx, await projectGroupPrincipal(ctx, node, title), title);
    }),
    ctx.register('openaiAdmin.projectGroup.unassignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Unassign Project Role from Group');
      return unassignRole(ctx, await projectGroupPrincipal(ctx, node, title), title);
    }),

    ctx.register('openaiAdmin.projectGroup.add', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Add Group to Project');
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const spec = await pickInFolder(ctx, 'groups', vscode.l10n.t('{0}: {1}', title, project.name), vscode.l10n.t('Type to search groups by name or id'));
      if (!spec) return undefined;
      const group = await itemOf<Group>(ctx, spec);
      if (!group) return undefined;
      const roles = await fetchFor(ctx, vscode.l10n.t('project roles'), (c) => c.projectRoles.all(project.id));
      if (!roles) return undefined;
      const role = await pickOne(vscode.l10n.t('Project role of group {0} in {1}', q(group.name), q(project.name)), roles.map(roleChoice), { placeholder: vscode.l10n.t('Project role the group’s members get') });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Adding group {0} to project {1}…', q(group.name), q(project.name)),
        call: (c) => c.projectGroups.add(project.id, { group_id: group.id, role: role.id }),
        effects: (pg) => groupEffects.projectGroupAdded(project.id, pg),

        done: () => vscode.l10n.t('Added group {0} to {1} as {2}', q(group.name), q(project.name), q(role.name)),
      });
    }),

    ctx.register('openaiAdmin.projectGroup.remove', async (node?: TreeNode) => {
      const pg = await projectGroupOf(ctx, node, vscode.l10n.t('Remove Group from Project'));
      if (!pg) return undefined;
      const { project, data: g } = pg;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing group {0} from project {1}…', q(g.group_name), q(project.name)),
        confirm: {
          message: vscode.l10n.t('Remove group {0} from project {1}?', q(g.group_name), q(project.name)),
          detail: vscode.l10n.t('{0}\n\nIts members lose the access and roles they have in the project through the group. The group and its members stay in the organization.', g.group_id),
          button: vscode.l10n.t('Remove Group'),
        },
        call: (c) => c.projectGroups.remove(project.id, g.group_id),
        effects: () => groupEffects.projectGroupRemoved(project.id, g.group_id),
        done: () => vscode.l10n.t('Removed group {0} from {1}', q(g.group_name), q(project.name)),
      });
    }),
  ];
}
