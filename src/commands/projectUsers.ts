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

/** "1 permission" / "3 permissions" in a role's description. */
const permissionCount = (n: number) => (n === 1 ? vscode.l10n.t('1 permission') : vscode.l10n.t('{0} permissions', n));

function projectUserOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectUser>(ctx, node, 'projectUser', 'users', title, vscode.l10n.t('Type to search the project’s users by name, email or id'));
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
  const role = await rowOf<AssignedRole>(ctx, undefined, 'roleAssignment', user.id, title, vscode.l10n.t('Pick the role assignment to remove'));
  return role && { project: user.project, userId: user.data.id, userName: userLabel(user.data), userNodeId: user.id, role };
}

export function registerProjectUserCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.projectUser.add', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Add Member to Project');
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const member = await pickMember(ctx, vscode.l10n.t('{0}: {1}', title, project.name));
      if (!member) return undefined;
      const role = await pickOne(vscode.l10n.t('Role of {0} in {1}', userLabel(member), project.name), projectRoles(), { placeholder: vscode.l10n.t('Project role') });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Adding {0} to project {1}…', q(userLabel(member)), q(project.name)),
        call: (c) => c.projectUsers.create(project.id, { user_id: member.id, role }),
        effects: (u) => projectUserEffects.added(project.id, u),
        done: (u) => vscode.l10n.t('Added {0} to {1} as {2}', q(userLabel(u)), q(project.name), u.role),
      });
    }),

    ctx.register('openaiAdmin.projectUser.changeRole', async (node?: TreeNode) => {
      const user = await projectUserOf(ctx, node, vscode.l10n.t('Change Project Role'));
      if (!user) return undefined;
      const name = userLabel(user.data);
      const role = await pickOne(vscode.l10n.t('Project role of {0} in {1}', name, user.project.name), projectRoles(), { current: user.data.role as 'member' | 'owner' });
      if (!role || role === user.data.role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Making {0} {1} of {2}…', q(name), role, q(user.project.name)),
        call: (c) => c.projectUsers.update(user.project.id, user.data.id, { role }),
        effects: (u) => projectUserEffects.roleChanged(user.project.id, u),
        done: (u) => vscode.l10n.t('{0} is now {1} of {2}', q(name), u.role, q(user.project.name)),
      });
    }),

    ctx.register('openaiAdmin.projectUser.remove', async (node?: TreeNode) => {
      const user = await projectUserOf(ctx, node, vscode.l10n.t('Remove from Project'));
      if (!user) return undefined;
      const name = userLabel(user.data);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing {0} from {1}…', q(name), q(user.project.name)),
        confirm: {
          message: vscode.l10n.t('Remove {0} from project {1}?', q(name), q(user.project.name)),
          detail: vscode.l10n.t('{0}\n\nThey lose access to the project and its resources. They stay a member of the organization.', [user.data.email, user.data.id].filter(Boolean).join(' · ')),
          button: vscode.l10n.t('Remove from Project'),
        },
        call: (c) => c.projectUsers.delete(user.project.id, user.data.id),
        effects: () => projectUserEffects.removed(user.project.id, user.data.id),
        done: () => vscode.l10n.t('Removed {0} from {1}', q(name), q(user.project.name)),
      });
    }),

    ctx.register('openaiAdmin.projectUser.assignRole', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Assign Project Role');
      const user = await projectUserOf(ctx, node, title);
      if (!user) return undefined;
      const name = userLabel(user.data);
      const loaded = await fetchFor(ctx, vscode.l10n.t('project roles'), (c) => Promise.all([
        c.projectRoles.all(user.project.id),
        c.projectUsers.roles.all(user.project.id, user.data.id),
      ]));
      if (!loaded) return undefined;
      const [roles, assigned] = loaded;
      const held = new Set(assigned.map((r) => r.id));
      const offered = roles.filter((r) => !held.has(r.id));
      if (!offered.length) {
        void notify('info', vscode.l10n.t('{0} already holds every role of project {1}.', q(name), q(user.project.name)));
        return undefined;
      }
      const role = await pickOne(vscode.l10n.t('{0}: {1} in {2}', title, name, user.project.name), offered.map((r) => ({
        label: r.name,
        value: r,
        description: `${r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom')} · ${permissionCount(r.permissions.length)}`,
        detail: r.description ?? undefined,
      })), { placeholder: vscode.l10n.t('Project role to assign') });
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Assigning {0} to {1}…', q(role.name), q(name)),
        call: (c) => c.projectUsers.roles.assign(user.project.id, user.data.id, { role_id: role.id }),
        effects: () => projectUserEffects.roleAssigned(user.project.id, user.data.id),
        // The user's row lists their role assignments.
        done: () => vscode.l10n.t('Assigned {0} to {1} in {2}', q(role.name), q(name), q(user.project.name)),
      });
    }),

    ctx.register('openaiAdmin.projectUser.unassignRole', async (node?: TreeNode) => {
      const a = await assignmentOf(ctx, node, vscode.l10n.t('Unassign Project Role'));
      if (!a) return undefined;
      const role = a.role.data;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Unassigning {0} from {1}…', q(role.name), q(a.userName)),
        confirm: {
          message: vscode.l10n.t('Unassign role {0} from {1} in project {2}?', q(role.name), q(a.userName), q(a.project.name)),
          detail: vscode.l10n.t('They lose the permissions this role grants: {0}.', role.permissions.join(', ') || vscode.l10n.t('none')),
          button: vscode.l10n.t('Unassign Role'),
        },
        call: (c) => c.projectUsers.roles.unassign(a.project.id, a.userId, role.id),
        effects: () => projectUserEffects.roleUnassigned(a.project.id, a.userId, role.id),
        done: () => vscode.l10n.t('Unassigned {0} from {1}', q(role.name), q(a.userName)),
      });
    }),
  ];
}
