import * as vscode from 'vscode';
import type { Group, GroupUser } from '../api';
import { groupEffects } from '../model/writeEffects';
import type { TreeNode } from '../tree/treeNode';

import type { CommandContext } from './context';
import { pickMember } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { itemOf, rowOf, type Row } from './targets';

function groupOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Row<Group> | undefined> {
  return rowOf<Group>(ctx, node, 'group', 'groups', title, 'Type to search groups by name or id');
}

const scimNote = (g: Group) => (g.is_scim_managed ? '\n\nThis group is managed through SCIM: your identity provider may undo the change.' : '');

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
  const user = await rowOf<GroupUser>(ctx, undefined, 'groupUser', g.id, title, 'Type to search the group’s members');
  return user && { group: { id: g.id, name: g.data.name, groupId: g.data.id }, user: user.data };
}

export function registerGroupCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.group.create', async () => {
      const name = await ask('Create Group', 'Name of the new group', { validateInput: requiredName });
      if (!name) return undefined;
      return runWrite(ctx, {
        progress: `Creating group ${q(name)}…`,
        call: (c) => c.groups.create({ name }),
        effects: (created) => groupEffects.created(created),
        done: (g) => `Created group ${q(g.name)}`,
      });
    }),

    ctx.register('openaiAdmin.group.rename', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, 'Rename Group');
      if (!g) return undefined;
      const name = await ask('Rename Group', `New name for ${q(g.data.name)}${g.data.is_scim_managed ? ' (SCIM managed)' : ''}`, { value: g.data.name, validateInput: requiredName });
      if (!name || name === g.data.name) return undefined;
      return runWrite(ctx, {
        progress: `Renaming group ${q(g.data.name)}…`,
        call: (c) => c.groups.update(g.data.id, { name }),
        // The answer leaves out the group's type: the rest of the row stays as listed.
        effects: (r) => groupEffects.renamed({ ...g.data, ...r }),
        done: (r) => `Renamed group to ${q(r.name)}`,
      });
    }),

    ctx.register('openaiAdmin.group.delete', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, 'Delete Group');
      if (!g) return undefined;
      return runWrite(ctx, {
        progress: `Deleting group ${q(g.data.name)}…`,
        confirm: {
          message: `Delete group ${q(g.data.name)}?`,
          detail: `${g.data.id}\n\nIts members lose the project access and roles granted through the group. The members themselves stay in the organization.${scimNote(g.data)}`,
          button: 'Delete Group',
        },
        call: (c) => c.groups.delete(g.data.id),
        effects: () => groupEffects.deleted(g.data.id),
        done: () => `Deleted group ${q(g.data.name)}`,
      });
    }),

    ctx.register('openaiAdmin.group.addUser', async (node?: TreeNode) => {
      const g = await groupOf(ctx, node, 'Add Member to Group');
      if (!g) return undefined;
      const member = await pickMember(ctx, `Add Member to Group: ${g.data.name}`);
      if (!member) return undefined;
      const name = member.name || member.email || member.id;
      return runWrite(ctx, {
        progress: `Adding ${q(name)} to group ${q(g.data.name)}…`,
        call: (c) => c.groups.users.add(g.data.id, { user_id: member.id }),
        effects: () => groupEffects.userAdded(g.data.id),
        done: () => `Added ${q(name)} to group ${q(g.data.name)}`,
      });
    }),

    ctx.register('openaiAdmin.group.removeUser', async (node?: TreeNode) => {
      const t = await groupUserOf(ctx, node, 'Remove from Group');
      if (!t) return undefined;
      const name = t.user.name || t.user.email || t.user.id;
      return runWrite(ctx, {
        progress: `Removing ${q(name)} from group ${q(t.group.name)}…`,
        confirm: {
          message: `Remove ${q(name)} from group ${q(t.group.name)}?`,
          detail: `${[t.user.email, t.user.id].filter(Boolean).join(' · ')}\n\nThey lose the project access and roles granted through the group.`,
          button: 'Remove from Group',
        },
        call: (c) => c.groups.users.remove(t.group.groupId, t.user.id),
        effects: () => groupEffects.userRemoved(t.group.groupId, t.user.id),
        done: () => `Removed ${q(name)} from group ${q(t.group.name)}`,
      });
    }),
  ];
}
