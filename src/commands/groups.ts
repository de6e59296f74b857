import * as vscode from 'vscode';
import type { Group, GroupUser } from '../api';
import { groupEffects } from '../model/writeEffects';
import type { TreeNode } from '../tree/treeNode';

import type { CommandContext } from './context';
import { pickMember } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { itemOf, rowOf, type Row } from './targets';

function groupOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Row<Group> | undefined> {
  return rowOf<Group>(ctx, node, 'group', 'groups', title, vscode.l10n.t('Type to search groups by name or id'));
}

const scimNote = (g: Group) => (g.is_scim_managed ? `\n\n${vscode.l10n.t('This group is managed through SCIM: your identity provider may undo the change.')}` : '');

/** A group member: the row it was invoked on, else group then member by search. */
async function groupUserOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  if (node?.spec.contextValue === 'groupUser' && node.parent) {
    const groupId = node.lookup('groupId');
    if (!groupId) return undefined;
    const group = { id: node.parent.id, name: node.lookup('groupName') ?? groupId, groupId };
    const user = await itemOf<GroupUser>(ctx, node.spec);
    return user && { group, user };
  }
  const g = await groupOf(ctx, node, title);
  if (!g) return undefined;
  const user = await rowOf<GroupUser>(ctx, undefined, 'groupUser', g.id, title, vscode.l10n.t('Type to search the group’s members'));
  return user && { group: { id: g.id, name: g.data.name, groupId: g.data.id }, user: user.data };
}

export function registerGroupCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.group.create', async () => {
      const name = await ask(vscode.l10n.t('Create Group'), vscode.l10n.t('Name of the new group'), { validateInput: requiredName });
      if (!name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Creating group {0}…', q(name)),
        call: (c) => c.groups.create({ name }),
        effects: (created) => groupEffects.created(created),
        done: (g) => vscode.l10n.t('Created group {0}', q(g.name)),
      });
    }),

    ctx.register('openaiAdmin.group.rename', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, vscode.l10n.t('Rename Group'));
      if (!g) return undefined;
      const prompt = g.data.is_scim_managed ? vscode.l10n.t('New name for {0} (SCIM managed)', q(g.data.name)) : vscode.l10n.t('New name for {0}', q(g.data.name));
      const name = await ask(vscode.l10n.t('Rename Group'), prompt, { value: g.data.name, validateInput: requiredName });
      if (!name || name === g.data.name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Renaming group {0}…', q(g.data.name)),
        call: (c) => c.groups.update(g.data.id, { name }),
        // The answer leaves out the group's type: the rest of the row stays as listed.
        effects: (r) => groupEffects.renamed({ ...g.data, ...r }),
        done: (r) => vscode.l10n.t('Renamed group to {0}', q(r.name)),
      });
    }),

    ctx.register('openaiAdmin.group.delete', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, vscode.l10n.t('Delete Group'));
      if (!g) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting group {0}…', q(g.data.name)),
        confirm: {
          message: vscode.l10n.t('Delete group {0}?', q(g.data.name)),
          detail: vscode.l10n.t('{0}\n\nIts members lose the project access and roles granted through the group. The members themselves stay in the organization.', g.data.id) + scimNote(g.data),
          button: vscode.l10n.t('Delete Group'),
        },
        call: (c) => c.groups.delete(g.data.id),
        effects: () => groupEffects.deleted(g.data.id),
        done: () => vscode.l10n.t('Deleted group {0}', q(g.data.name)),
      });
    }),

    ctx.register('openaiAdmin.group.addUser', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, vscode.l10n.t('Add Member to Group'));
      if (!g) return undefined;
      const member = await pickMember(ctx, vscode.l10n.t('Add Member to Group: {0}', g.data.name));
      if (!member) return undefined;
      const name = member.name || member.email || member.id;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Adding {0} to group {1}…', q(name), q(g.data.name)),
        call: (c) => c.groups.users.add(g.data.id, { user_id: member.id }),
        effects: () => groupEffects.userAdded(g.data.id),
        done: () => vscode.l10n.t('Added {0} to group {1}', q(name), q(g.data.name)),
      });
    }),

    ctx.register('openaiAdmin.group.removeUser', async (node?: TreeNode) => {
      const t = await groupUserOf(ctx, node, vscode.l10n.t('Remove from Group'));
      if (!t) return undefined;
      const name = t.user.name || t.user.email || t.user.id;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing {0} from group {1}…', q(name), q(t.group.name)),
        confirm: {
          message: vscode.l10n.t('Remove {0} from group {1}?', q(name), q(t.group.name)),
          detail: vscode.l10n.t('{0}\n\nThey lose the project access and roles granted through the group.', [t.user.email, t.user.id].filter(Boolean).join(' · ')),
          button: vscode.l10n.t('Remove from Group'),
        },
        call: (c) => c.groups.users.remove(t.group.groupId, t.user.id),
        effects: () => groupEffects.userRemoved(t.group.groupId, t.user.id),
        done: () => vscode.l10n.t('Removed {0} from group {1}', q(name), q(t.group.name)),
      });
    }),
  ];
}
