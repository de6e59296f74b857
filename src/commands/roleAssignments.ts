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
    name: `member ${q(u.name || u.email || u.id)}`,
    where: 'the organization',
    roles: (c) => c.roles.all(),
    assigned: (c) => c.users.roles.all(u.id),
    assign: (c, roleId) => c.users.roles.assign(u.id, { role_id: roleId }),
    unassign: (c, roleId) => c.users.roles.unassign(u.id, roleId),
    effects: (change) => roleAssignmentEffects('memberRoles', u.id, change),
  };
}

async function groupPrincipal(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Principal | undefined> {
  const g = await rowOf<Group>(ctx, node, 'group', 'groups', title, 'Type to search groups by name or id');
  if (!g) return undefined;
  return {
    name: `group ${q(g.data.name)}`,
    where: 'the organization',
    roles: (c) => c.roles.all(),
    assigned: (c) => c.groups.roles.all(g.data.id),
    assign: (c, roleId) => c.groups.roles.assign(g.data.id, { role_id: roleId }),
    unassign: (c, roleId) => c.groups.roles.unassign(g.data.id, roleId),
    effects: (change) => roleAssignmentEffects('groupRoles', g.data.id, change),
  };
}

function projectGroupOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectGroup>(ctx, node, 'projectGroup', 'groups', title, 'Type to search the project’s groups by name or id');
}

async function projectGroupPrincipal(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Principal | undefined> {
  const pg = await projectGroupOf(ctx, node, title);
  if (!pg) return undefined;
  const { project, data: g } = pg;
  return {
    name: `group ${q(g.group_name)}`,
    where: `project ${q(project.name)}`,
    roles: (c) => c.projectRoles.all(project.id),
    assigned: (c) => c.projectGroups.roles.all(project.id, g.group_id),
    assign: (c, roleId) => c.projectGroups.roles.assign(project.id, g.group_id, { role_id: roleId }),
    unassign: (c, roleId) => c.projectGroups.roles.unassign(project.id, g.group_id, roleId),
    // The store holds no list of a project group's role assignments; the project's group list shows none of them.
    effects: () => [],
  };
}

const permissionCount = (r: { permissions: string[] }) => `${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`;
/** A role as a pick item: its name and description are API text, made inert. */
const roleChoice = <R extends Role | AssignedRole>(r: R) => ({
  label: plainText(r.name), value: r, description: `${r.predefined_role ? 'predefined' : 'custom'} · ${permissionCount(r)}`, detail: r.description ? plainText(r.description) : undefined,
});
const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

async function assignRole(ctx: CommandContext, p: Principal | undefined, title: string) {
  if (!p) return undefined;
  const loaded = await fetchFor(ctx, 'roles', (c) => Promise.all([p.roles(c), p.assigned(c)]));
  if (!loaded) return undefined;
  const [roles, assigned] = loaded;
  const held = new Set(assigned.map((r) => r.id));
  const offered = roles.filter((r) => !held.has(r.id));
  if (!offered.length) {
    void notify('info', `${capital(p.name)} already holds every role of ${p.where}.`);
    return undefined;
  }
  const role = await pickOne(`${title}: ${p.name}`, offered.map(roleChoice), { placeholder: `Role of ${p.where} to assign` });
  if (!role) return undefined;
  return runWrite(ctx, {
    progress: `Assigning role ${q(role.name)} to ${p.name}…`,
    call: (c) => p.assign(c, role.id),
    effects: () => p.effects({ assigned: role.id }),
    done: () => `Assigned role ${q(role.name)} to ${p.name}`,
  });
}

async function unassignRole(ctx: CommandContext, p: Principal | undefined, title: string) {
  if (!p) return undefined;
  const assigned = await fetchFor(ctx, 'role assignments', (c) => p.assigned(c));
  if (!assigned) return undefined;
  if (!assigned.length) {
    void notify('info', `${capital(p.name)} has no roles assigned in ${p.where}.`);
    return undefined;
  }
  const role = await pickOne(`${title}: ${p.name}`, assigned.map(roleChoice), { placeholder: 'Role assignment to remove' });
  if (!role) return undefined;
  return runWrite(ctx, {
    progress: `Unassigning role ${q(role.name)} from ${p.name}…`,
    confirm: {
      message: `Unassign role ${q(role.name)} from ${p.name} in ${p.where}?`,
      detail: `They lose the permissions this role grants: ${role.permissions.join(', ') || 'none'}.`,
      button: 'Unassign Role',
    },
    call: (c) => p.unassign(c, role.id),
    effects: () => p.effects({ unassigned: role.id }),
    done: () => `Unassigned role ${q(role.name)} from ${p.name}`,
  });
}

export function registerRoleAssignmentCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.member.assignRole', async (node?: TreeNode) =>
      assignRole(ctx, await memberPrincipal(ctx, node, 'Assign Organization Role'), 'Assign Organization Role')),
    ctx.register('openaiAdmin.member.unassignRole', async (node?: TreeNode) =>
      unassignRole(ctx, await memberPrincipal(ctx, node, 'Unassign Organization Role'), 'Unassign Organization Role')),
    ctx.register('openaiAdmin.group.assignRole', async (node?: TreeNode) =>
      assignRole(ctx, await groupPrincipal(ctx, node, 'Assign Role to Group'), 'Assign Role to Group')),
    ctx.register('openaiAdmin.group.unassignRole', async (node?: TreeNode) =>
      unassignRole(ctx, await groupPrincipal(ctx, node, 'Unassign Role from Group'), 'Unassign Role from Group')),
    ctx.register('openaiAdmin.projectGroup.assignRole', async (node?: TreeNode) =>
      assignRole(ctx, await projectGroupPrincipal(ctx, node, 'Assign Project Role to Group'), 'Assign Project Role to Group')),
    ctx.register('openaiAdmin.projectGroup.unassignRole', async (node?: TreeNode) =>
      unassignRole(ctx, await projectGroupPrincipal(ctx, node, 'Unassign Project Role from Group'), 'Unassign Project Role from Group')),

    ctx.register('openaiAdmin.projectGroup.add', async (node?: TreeNode) => {
      const title = 'Add Group to Project';
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const spec = await pickInFolder(ctx, 'groups', `${title}: ${project.name}`, 'Type to search groups by name or id');
      if (!spec) return undefined;
      const group = await itemOf<Group>(ctx, spec);
      if (!group) return undefined;
      const roles = await fetchFor(ctx, 'project roles', (c) => c.projectRoles.all(project.id));
      if (!roles) return undefined;
      const role = await pickOne(`Project role of group ${q(group.name)} in ${q(project.name)}`, roles.map(roleChoice), { placeholder: 'Project role the group’s members get' });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: `Adding group ${q(group.name)} to project ${q(project.name)}…`,
        call: (c) => c.projectGroups.add(project.id, { group_id: group.id, role: role.id }),
        effects: (pg) => groupEffects.projectGroupAdded(project.id, pg),

        done: () => `Added group ${q(group.name)} to ${q(project.name)} as ${q(role.name)}`,
      });
    }),

    ctx.register('openaiAdmin.projectGroup.remove', async (node?: TreeNode) => {
      const pg = await projectGroupOf(ctx, node, 'Remove Group from Project');
      if (!pg) return undefined;
      const { project, data: g } = pg;
      return runWrite(ctx, {
        progress: `Removing group ${q(g.group_name)} from project ${q(project.name)}…`,
        confirm: {
          message: `Remove group ${q(g.group_name)} from project ${q(project.name)}?`,
          detail: `${g.group_id}\n\nIts members lose the access and roles they have in the project through the group. The group and its members stay in the organization.`,
          button: 'Remove Group',
        },
        call: (c) => c.projectGroups.remove(project.id, g.group_id),
        effects: () => groupEffects.projectGroupRemoved(project.id, g.group_id),
        done: () => `Removed group ${q(g.group_name)} from ${q(project.name)}`,
      });
    }),
  ];
}
