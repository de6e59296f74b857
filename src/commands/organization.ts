import * as vscode from 'vscode';
import type { AdminApiKey, Invite, User } from '../api';
import { checkEmail } from '../model/inputs';
import { relativeTime } from '../model/format';
import { adminKeyEffects, memberEffects } from '../model/writeEffects';

import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { pickMember, pickOne, pickProjects, type Choice } from './pickers';
import { ask, q, runWrite } from '../ui/run';
import { isKind, itemOf, rowOf } from './targets';

const ORG_ROLES: Choice<'reader' | 'owner'>[] = [
  { label: 'Reader', value: 'reader', detail: 'Uses the projects they are added to; cannot manage the organization.' },
  { label: 'Owner', value: 'owner', detail: 'Manages the organization: members, projects, billing, admin keys.' },
];

const memberLabel = (u: Pick<User, 'id' | 'name' | 'email'>) => u.name || u.email || u.id;

/** The member a command acts on: the row it was invoked on, else one found by search. */
async function memberOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<User | undefined> {
  return isKind(node, 'member') ? itemOf<User>(ctx, node.spec) : pickMember(ctx, title);
}

export function registerOrganizationCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.invite.create', async () => {
      const title = 'Invite Member';
      const email = await ask(title, 'Email address of the person to invite', { placeHolder: 'name@example.com', validateInput: checkEmail });
      if (!email) return undefined;
      const role = await pickOne(`Organization role for ${email}`, ORG_ROLES, { placeholder: 'Organization role' });
      if (!role) return undefined;
      const projects = await pickProjects(ctx, `Projects ${email} joins as member (optional)`);
      if (!projects) return undefined;
      return runWrite(ctx, {
        progress: `Inviting ${email}…`,
        call: (c) => c.invites.create({ email, role, ...(projects.length ? { projects: projects.map((p) => ({ id: p.id, role: 'member' as const })) } : {}) }),
        effects: (i) => memberEffects.invited(i),
        done: (i) => `Invited ${i.email} as ${i.role}${projects.length ? ` to ${projects.length} project${projects.length === 1 ? '' : 's'}` : ''}`,
      });
    }),

    ctx.register('openaiAdmin.invite.delete', async (node?: TreeNode) => {
      const invite = await rowOf<Invite>(ctx, node, 'invite', 'invites', 'Delete Invite', 'Type to search invites by email');
      if (!invite) return undefined;
      const i = invite.data;
      return runWrite(ctx, {
        progress: `Deleting the invite for ${i.email}…`,
        confirm: {
          message: `Delete the invite for ${q(i.email)}?`,
          detail: `${i.role} · ${i.status}${i.expires_at ? ` · expires ${relativeTime(i.expires_at)}` : ''}\n${i.id}\n\nThe invitation link stops working. Accepted invites cannot be deleted.`,
          button: 'Delete Invite',
        },
        call: (c) => c.invites.delete(i.id),
        effects: () => memberEffects.inviteDeleted(i.id),
        done: () => `Deleted the invite for ${i.email}`,
      });
    }),

    ctx.register('openaiAdmin.member.changeRole', async (node?: TreeNode) => {
      const member = await memberOf(ctx, node, 'Change Organization Role');
      if (!member) return undefined;
      const name = memberLabel(member);
      const role = await pickOne(`Organization role of ${name}`, ORG_ROLES, { current: member.role as 'reader' | 'owner' | undefined });
      if (!role || role === member.role) return undefined;
      return runWrite(ctx, {
        progress: `Making ${q(name)} ${role} of the organization…`,
        call: (c) => c.users.update(member.id, { role }),
        effects: (u) => memberEffects.roleChanged(u),
        done: (u) => `${q(name)} is now ${u.role ?? role} of the organization`,
      });
    }),

    ctx.register('openaiAdmin.member.remove', async (node?: TreeNode) => {
      const member = await memberOf(ctx, node, 'Remove from Organization');
      if (!member) return undefined;
      const name = memberLabel(member);
      return runWrite(ctx, {
        progress: `Removing ${q(name)} from the organization…`,
        confirm: {
          message: `Remove ${q(name)} from the organization?`,
          detail: `${[member.email, member.role, member.id].filter(Boolean).join(' · ')}\n\nThey lose access to every project, and their API keys stop working. To come back they need a new invite.`,
          button: 'Remove from Organization',
        },
        call: (c) => c.users.delete(member.id),
        effects: () => memberEffects.removed(member.id),
        done: () => `Removed ${q(name)} from the organization`,
      });
    }),

    ctx.register('openaiAdmin.adminKey.delete', async (node?: TreeNode) => {
      const key = await rowOf<AdminApiKey>(ctx, node, 'adminApiKey', 'adminKeys', 'Delete Admin API Key', 'Type to search admin keys by name or id');
      if (!key) return undefined;
      const k = key.data;
      const owner = k.owner?.name || k.owner?.id;
      return runWrite(ctx, {
        progress: `Deleting admin API key ${q(k.name || k.redacted_value)}…`,
        confirm: {
          message: `Delete admin API key ${q(k.name || k.id)} (${k.redacted_value})${owner ? `, owned by ${q(owner)}` : ''}, last used ${relativeTime(k.last_used_at)}?`,
          // This extension cannot tell which admin key it holds (only a redacted form is listed), so it always says what happens if it is this one.
          detail: `${k.id}\n\nEverything that uses this key loses admin access at once. If it is the key this extension uses, the explorer disconnects and you must set a new admin key. This cannot be undone.`,
          button: 'Delete Admin Key',
        },
        call: (c) => c.adminApiKeys.delete(k.id),
        effects: () => adminKeyEffects.deleted(k.id),
        done: () => `Deleted admin API key ${q(k.name || k.redacted_value)}`,
      });
    }),
  ];
}
