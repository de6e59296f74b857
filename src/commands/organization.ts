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

// A function, so the text is looked up in the l10n bundle when the pick shows.
const orgRoles = (): Choice<'reader' | 'owner'>[] => [
  { label: vscode.l10n.t('Reader'), value: 'reader', detail: vscode.l10n.t('Uses the projects they are added to; cannot manage the organization.') },
  { label: vscode.l10n.t('Owner'), value: 'owner', detail: vscode.l10n.t('Manages the organization: members, projects, billing, admin keys.') },
];

const memberLabel = (u: Pick<User, 'id' | 'name' | 'email'>) => u.name || u.email || u.id;

/** The member a command acts on: the row it was invoked on, else one found by search. */
async function memberOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<User | undefined> {
  return isKind(node, 'member') ? itemOf<User>(ctx, node.spec) : pickMember(ctx, title);
}

export function registerOrganizationCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.invite.create', async () => {
      const title = vscode.l10n.t('Invite Member');
      const email = await ask(title, vscode.l10n.t('Email address of the person to invite'), { placeHolder: 'name@example.com', validateInput: checkEmail });
      if (!email) return undefined;
      const role = await pickOne(vscode.l10n.t('Organization role for {0}', email), orgRoles(), { placeholder: vscode.l10n.t('Organization role') });
      if (!role) return undefined;
      const projects = await pickProjects(ctx, vscode.l10n.t('Projects {0} joins as member (optional)', email));
      if (!projects) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Inviting {0}…', email),
        call: (c) => c.invites.create({ email, role, ...(projects.length ? { projects: projects.map((p) => ({ id: p.id, role: 'member' as const })) } : {}) }),
        effects: (i) => memberEffects.invited(i),
        done: (i) => (!projects.length ? vscode.l10n.t('Invited {0} as {1}', i.email, i.role)
          : projects.length === 1 ? vscode.l10n.t('Invited {0} as {1} to 1 project', i.email, i.role)
            : vscode.l10n.t('Invited {0} as {1} to {2} projects', i.email, i.role, projects.length)),
      });
    }),

    ctx.register('openaiAdmin.invite.delete', async (node?: TreeNode) => {
      const invite = await rowOf<Invite>(ctx, node, 'invite', 'invites', vscode.l10n.t('Delete Invite'), vscode.l10n.t('Type to search invites by email'));
      if (!invite) return undefined;
      const i = invite.data;
      const state = i.expires_at ? vscode.l10n.t('{0} · {1} · expires {2}', i.role, i.status, relativeTime(i.expires_at)) : `${i.role} · ${i.status}`;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting the invite for {0}…', i.email),
        confirm: {
          message: vscode.l10n.t('Delete the invite for {0}?', q(i.email)),
          detail: vscode.l10n.t('{0}\n{1}\n\nThe invitation link stops working. Accepted invites cannot be deleted.', state, i.id),
          button: vscode.l10n.t('Delete Invite'),
        },
        call: (c) => c.invites.delete(i.id),
        effects: () => memberEffects.inviteDeleted(i.id),
        done: () => vscode.l10n.t('Deleted the invite for {0}', i.email),
      });
    }),

    ctx.register('openaiAdmin.member.changeRole', async (node?: TreeNode) => {
      const member = await memberOf(ctx, node, vscode.l10n.t('Change Organization Role'));
      if (!member) return undefined;
      const name = memberLabel(member);
      const role = await pickOne(vscode.l10n.t('Organization role of {0}', name), orgRoles(), { current: member.role as 'reader' | 'owner' | undefined });
      if (!role || role === member.role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Making {0} {1} of the organization…', q(name), role),
        call: (c) => c.users.update(member.id, { role }),
        effects: (u) => memberEffects.roleChanged(u),
        done: (u) => vscode.l10n.t('{0} is now {1} of the organization', q(name), u.role ?? role),
      });
    }),

    ctx.register('openaiAdmin.member.remove', async (node?: TreeNode) => {
      const member = await memberOf(ctx, node, vscode.l10n.t('Remove from Organization'));
      if (!member) return undefined;
      const name = memberLabel(member);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing {0} from the organization…', q(name)),
        confirm: {
          message: vscode.l10n.t('Remove {0} from the organization?', q(name)),
          detail: vscode.l10n.t('{0}\n\nThey lose access to every project, and their API keys stop working. To come back they need a new invite.', [member.email, member.role, member.id].filter(Boolean).join(' · ')),
          button: vscode.l10n.t('Remove from Organization'),
        },
        call: (c) => c.users.delete(member.id),
        effects: () => memberEffects.removed(member.id),
        done: () => vscode.l10n.t('Removed {0} from the organization', q(name)),
      });
    }),

    ctx.register('openaiAdmin.adminKey.delete', async (node?: TreeNode) => {
      const key = await rowOf<AdminApiKey>(ctx, node, 'adminApiKey', 'adminKeys', vscode.l10n.t('Delete Admin API Key'), vscode.l10n.t('Type to search admin keys by name or id'));
      if (!key) return undefined;
      const k = key.data;
      const owner = k.owner?.name || k.owner?.id;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting admin API key {0}…', q(k.name || k.redacted_value)),
        confirm: {
          message: owner
            ? vscode.l10n.t('Delete admin API key {0} ({1}), owned by {2}, last used {3}?', q(k.name || k.id), k.redacted_value, q(owner), relativeTime(k.last_used_at))
            : vscode.l10n.t('Delete admin API key {0} ({1}), last used {2}?', q(k.name || k.id), k.redacted_value, relativeTime(k.last_used_at)),
          // This extension cannot tell which admin key it holds (only a redacted form is listed), so it always says what happens if it is this one.
          detail: vscode.l10n.t('{0}\n\nEverything that uses this key loses admin access at once. If it is the key this extension uses, the explorer disconnects and you must set a new admin key. This cannot be undone.', k.id),
          button: vscode.l10n.t('Delete Admin Key'),
        },
        call: (c) => c.adminApiKeys.delete(k.id),
        effects: () => adminKeyEffects.deleted(k.id),
        done: () => vscode.l10n.t('Deleted admin API key {0}', q(k.name || k.redacted_value)),
      });
    }),
  ];
}
