import * as vscode from 'vscode';
import type { AssignedRole, ProjectUser } from '../api';
import { projectUserEffects } from '../model/writeEffects';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { fetchFor, pickMember, pickOne, projectRoles } from './pickers';
import { q, runWrite } from '../ui/run';
import { itemOf, projectRefOf, projectRowOf, rowOf, type ProjectRef, type Row } from './targets';

const userLabel = (u: { id: string; name?: string | null; email?: string | null }) => u.name || u.email || u.id;

function projectUserOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectUser>(ctx, node, 'projectUser', 'users', title, 'Type to search the project’s users by name, email or id');
}

/** A project role assignment: the row it was invoked on, else project → user → assignment by search. */
async function assignmentOf(ctx: CommandContext, node: TreeNode | undefined, title: string):
  Promise<{ project: ProjectRef; userId: string; userName: string; userNodeId: string; role: Row<AssignedRole> } | undefined> {
  if (node?.spec.contextValue === 'roleAssignment' && node.parent) {
    const project = await projectRefOf(ctx, node, title);
    const userId = node.lookup('userId');
    if (!project || !userId) return undefined;
    const role = await itemOf<AssignedRole>(ctx, node.spec);
    return role && { project, userId, userName: node.lookup('userLabel') ?? userId, userNodeId: node.parent.id, role: { id: node.id, spec: node.spec, data: role } };
  }
  const user = await projectUserOf(ctx, node, title);
  if (!user) return undefined;
  const role = await rowOf<AssignedRole>(ctx, undefined, 'roleAssignment', user.id, title, 'Pick the role assignment to remove');
  return role && { project: user.project, userId: user.data.id, userName: userLabel(user.data), userNodeId: user.id, role };
}

export function registerProjectUserCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.projectUser.add', async (node?: TreeNode) => {
      const title = 'Add Member to Project';
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const member = await pickMember(ctx, `${title}: ${project.name}`);
      if (!member) return undefined;
      const role = await pickOne(`Role of ${userLabel(member)} in ${project.name}`, projectRoles(), { placeholder: 'Project role' });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: `Adding ${q(userLabel(member))} to project ${q(project.name)}…`,
        call: (c) => c.projectUsers.create(project.id, { user_id: member.id, role }),
        effects: (u) => projectUserEffects.added(project.id, u),
        done: (u) => `Added ${q(userLabel(u))} to ${q(project.name)} as ${u.role}`,
      });
    }),

    ctx.register('openaiAdmin.projectUser.changeRole', async (node?: TreeNode) => {
      const user = await projectUserOf(ctx, node, 'Change Project Role');
      if (!user) return undefined;
      const name = userLabel(user.data);
      const role = await pickOne(`Project role of ${name} in ${user.project.name}`, projectRoles(), { current: user.data.role as 'member' | 'owner' });
      if (!role || role === user.data.role) return undefined;
      return runWrite(ctx, {
        progress: `Making ${q(name)} ${role} of ${q(user.project.name)}…`,
        call: (c) => c.projectUsers.update(user.project.id, user.data.id, { role }),
        effects: (u) => projectUserEffects.roleChanged(user.project.id, u),
        done: (u) => `${q(name)} is now ${u.role} of ${q(user.project.name)}`,
      });
    }),

    ctx.register('openaiAdmin.projectUser.remove', async (node?: TreeNode) => {
      const user = await projectUserOf(ctx, node, 'Remove from Project');
      if (!user) return undefined;
      const name = userLabel(user.data);
      return runWrite(ctx, {
        progress: `Removing ${q(name)} from ${q(user.project.name)}…`,
        confirm: {
          message: `Remove ${q(name)} from project ${q(user.project.name)}?`,
          detail: `${[user.data.email, user.data.id].filter(Boolean).join(' · ')}\n\nThey lose access to the project and its resources. They stay a member of the organization.`,
          button: 'Remove from Project',
        },
        call: (c) => c.projectUsers.delete(user.project.id, user.data.id),
        effects: () => projectUserEffects.removed(user.project.id, user.data.id),
        done: () => `Removed ${q(name)} from ${q(user.project.name)}`,
      });
    }),

    ctx.register('openaiAdmin.projectUser.assignRole', async (node?: TreeNode) => {
      const title = 'Assign Project Role';
      const user = await projectUserOf(ctx, node, title);
      if (!user) return undefined;
      const name = userLabel(user.data);
      const loaded = await fetchFor(ctx, 'project roles', (c) => Promise.all([
        c.projectRoles.all(user.project.id),
        c.projectUsers.roles.all(user.project.id, user.data.id),
      ]));
      if (!loaded) return undefined;
      const [roles, assigned] = loaded;
      const held = new Set(assigned.map((r) => r.id));
      const offered = roles.filter((r) => !held.has(r.id));
      if (!offered.length) {
        void notify('info', `${q(name)} already holds every role of project ${q(user.project.name)}.`);
        return undefined;
      }
      const role = await pickOne(`${title}: ${name} in ${user.project.name}`, offered.map((r) => ({
        label: r.name,
        value: r,
        description: `${r.predefined_role ? 'predefined' : 'custom'} · ${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`,
        detail: r.description ?? undefined,
      })), { placeholder: 'Project role to assign' });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: `Assigning ${q(role.name)} to ${q(name)}…`,
        call: (c) => c.projectUsers.roles.assign(user.project.id, user.data.id, { role_id: role.id }),
        effects: () => projectUserEffects.roleAssigned(user.project.id, user.data.id),
        // The user's row lists their role assignments.
        done: () => `Assigned ${q(role.name)} to ${q(name)} in ${q(user.project.name)}`,
      });
    }),

    ctx.register('openaiAdmin.projectUser.unassignRole', async (node?: TreeNode) => {
      const a = await assignmentOf(ctx, node, 'Unassign Project Role');
      if (!a) return undefined;
      const role = a.role.data;
      return runWrite(ctx, {
        progress: `Unassigning ${q(role.name)} from ${q(a.userName)}…`,
        confirm: {
          message: `Unassign role ${q(role.name)} from ${q(a.userName)} in project ${q(a.project.name)}?`,
          detail: `They lose the permissions this role grants: ${role.permissions.join(', ') || 'none'}.`,
          button: 'Unassign Role',
        },
        call: (c) => c.projectUsers.roles.unassign(a.project.id, a.userId, role.id),
        effects: () => projectUserEffects.roleUnassigned(a.project.id, a.userId, role.id),
        done: () => `Unassigned ${q(role.name)} from ${q(a.userName)}`,
      });
    }),
  ];
}
