// The Project panel's writes, host side. Each goes through the same path as the explorer's commands
// (runWrite: confirmation modal for destructive actions, progress, its effects applied to the org
// store, status bar) — with failures rethrown so the panel shows them next to the edit. The panel
// redraws from the store like every other view. The webview's parameters are untrusted input:
// every one is checked here before anything is sent.
import * as vscode from 'vscode';
import { checkEmailList, checkWholeDollars, parseWholeDollars, splitList } from '../../model/inputs';
import { readChanges, saveHostedTools, saveModelPolicy, saveRateLimits } from '../../model/project/save';
import { RETENTION_TYPES, type HostedToolsData, type ProjectRole, type SectionData, type SectionId } from '../../model/project/types';
import type { PolicyChoice, PolicyState } from '../../model/permissionEdits';
import { dollars as usd, HOSTED_TOOLS, toCents } from '../../model/format';
import { invalidate, listRef, remove, upsert } from '../../model/store';
import { projectEffects, projectUserEffects, unset } from '../../model/writeEffects';
import { askModal, runWithProgress } from '../../notify';
import { deleteProjectApiKey } from '../../ui/apiKeyWrites';
import type { ProjectRef, UiContext } from '../../ui/context';
import { archiveProject } from '../../ui/projectWrites';
import { q, runWrite } from '../../ui/run';
import { createServiceAccount, deleteServiceAccount } from '../../ui/serviceAccountWrites';
import { OfferedMembers, requireOffered, type OfferedSource } from './offered';
import type { MemberChoice, ProjectMethods, WriteResult } from './protocol';

type Writes = Omit<ProjectMethods, 'init' | 'load' | 'saveApiKeys' | 'saveServiceTier' | 'revert'>;

export interface WriteContext {
  ctx: UiContext;
  /** The project as last loaded (its name for messages, archived or not for tree ids). */
  project(): ProjectRef;
  /** What the panel last loaded (names for confirmations, and the ids a request may name). */
  data(): Partial<SectionData>;
  /** Reads sections again into data() (and sends them to the webview). */
  reload(sections: SectionId[]): Promise<void>;
  /** Aborted when the panel closes. */
  signal: AbortSignal;
}

/** A string the webview sent where an id or name is expected; anything else is refused. */
function text(value: unknown, what: string, max = 512): string {
  if (typeof value !== 'string' || !value.trim()) throw new TypeError(`${what} is required.`);
  if (value.length > max) throw new TypeError(`${what} is too long.`);
  return value.trim();
}

function role(value: unknown): ProjectRole {
  if (value !== 'owner' && value !== 'member') throw new TypeError('The project role must be owner or member.');
  return value;
}

function dollars(value: unknown): number {
  const t = typeof value === 'string' ? value : String(value ?? '');
  const problem = checkWholeDollars(t);
  if (problem) throw new TypeError(problem);
  return parseWholeDollars(t);
}

const done = (result: unknown): WriteResult => ({ done: result !== undefined });
const label = (m: { name?: string | null; email?: string | null; id: string }) => m.name || m.email || m.id;

function matches(u: { id: string; name?: string | null; email?: string | null }, query: string): boolean {
  if (!query) return true;
  return [u.name, u.email, u.id].some((s) => s?.toLowerCase().includes(query));
}

export function projectWrites(w: WriteContext): Writes {
  const { ctx } = w;
  const pid = () => w.project().id;
  const src: OfferedSource = { data: w.data, reload: w.reload, projectName: () => w.project().name };
  const offeredMembers = new OfferedMembers();
  const isMember = (userId: string) => requireOffered(src, 'members', (d) => d.members.some((m) => m.id === userId), 'That member');
  const memberName = (userId: string) => {
    const m = w.data().members?.members.find((x) => x.id === userId);
    return m ? label(m) : userId;
  };

  return {
    copyId: async () => {
      await vscode.env.clipboard.writeText(pid());
      void vscode.window.setStatusBarMessage('$(clippy) Copied the project ID', 3000);
      return { done: true };
    },

    rename: async ({ name }) => {
      const next = text(name, 'A name', 256);
      const was = w.project().name;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Renaming project ${q(was)}…`,
        call: (c) => c.projects.update(pid(), { name: next }, { signal: w.signal }),
        effects: (p) => projectEffects.renamed(p),
        done: (p) => `Renamed project to ${q(p.name)}`,
      }));
    },

    archive: async () => {
      const p = w.project();
      return done(await runWrite(ctx, { ...archiveProject({ id: p.id, name: p.name }), failure: 'throw' }));
    },

    // The organization's members, searched in the store's paged list (shared with the tree and the
    // quick picks), fetching further pages only while too few match.
    searchMembers: async ({ query }) => {
      const wanted = 20;
      const needle = typeof query === 'string' ? query.trim().toLowerCase().slice(0, 200) : '';
      const collection = ctx.store.list(listRef('members'));
      const found = () => collection.items.filter((u) => matches(u, needle));
      await collection.loadUntil(() => found().length >= wanted, w.signal);
      const members: MemberChoice[] = found().slice(0, wanted).map((u) => ({ id: u.id, name: u.name ?? '', email: u.email ?? '' }));
      offeredMembers.add(members.map((m) => m.id));
      return { members, complete: !collection.hasMore };
    },

    addMember: async (params) => {
      const userId = text(params.userId, 'A member');
      const r = role(params.role);
      offeredMembers.require(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Adding a member to project ${q(w.project().name)}…`,
        call: (c) => c.projectUsers.create(pid(), { user_id: userId, role: r }),
        effects: (u) => projectUserEffects.added(pid(), u),
        done: (u) => `Added ${q(label(u))} to ${q(w.project().name)} as ${u.role}`,
      }));
    },

    setMemberRole: async (params) => {
      const userId = text(params.userId, 'A member');
      const r = role(params.role);
      await isMember(userId);
      const name = memberName(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Making ${q(name)} ${r} of ${q(w.project().name)}…`,
        call: (c) => c.projectUsers.update(pid(), userId, { role: r }),
        effects: (u) => projectUserEffects.roleChanged(pid(), u),
        done: (u) => `${q(name)} is now ${u.role} of ${q(w.project().name)}`,
      }));
    },

    removeMember: async (params) => {
      const userId = text(params.userId, 'A member');
      await isMember(userId);
      const name = memberName(userId);
      const p = w.project();
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Removing ${q(name)} from ${q(p.name)}…`,
        confirm: {
          message: `Remove ${q(name)} from project ${q(p.name)}?`,
          detail: `${userId}\n\nThey lose access to the project and its resources. They stay a member of the organization.`,
          button: 'Remove from Project',
        },
        call: (c) => c.projectUsers.delete(p.id, userId),
        effects: () => projectUserEffects.removed(p.id, userId),
        done: () => `Removed ${q(name)} from ${q(p.name)}`,
      }));
    },

    assignRole: async (params) => {
      const userId = text(params.userId, 'A member');
      const roleId = text(params.roleId, 'A role');
      await isMember(userId);
      await requireOffered(src, 'members', (d) => d.roles.some((r) => r.id === roleId), 'That role');
      const roleName = w.data().members?.roles.find((r) => r.id === roleId)?.name ?? roleId;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Assigning ${q(roleName)} to ${q(memberName(userId))}…`,
        call: (c) => c.projectUsers.roles.assign(pid(), userId, { role_id: roleId }),
        effects: () => projectUserEffects.roleAssigned(pid(), userId),
        done: () => `Assigned ${q(roleName)} to ${q(memberName(userId))}`,
      }));
    },

    unassignRole: async (params) => {
      const userId = text(params.userId, 'A member');
      const roleId = text(params.roleId, 'A role');
      await requireOffered(src, 'members', (d) => d.members.some((m) => m.id === userId && m.roles.some((r) => r.id === roleId)), 'That member\'s role');
      const assigned = w.data().members?.members.find((m) => m.id === userId)?.roles.find((r) => r.id === roleId);
      const roleName = assigned?.name ?? roleId;
      const name = memberName(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Unassigning ${q(roleName)} from ${q(name)}…`,
        confirm: {
          message: `Unassign role ${q(roleName)} from ${q(name)} in project ${q(w.project().name)}?`,
          detail: 'They lose the permissions this role grants.',
          button: 'Unassign Role',
        },
        call: (c) => c.projectUsers.roles.unassign(pid(), userId, roleId),
        effects: () => projectUserEffects.roleUnassigned(pid(), userId, roleId),
        done: () => `Unassigned ${q(roleName)} from ${q(name)}`,
      }));
    },

    // The one-time key is shown by the shared helper in a VS Code modal; the webview only learns
    // that the account exists (from the reload), never the key.
    createServiceAccount: async (params) => {
      const name = text(params.name, 'A name', 256);
      return done(await createServiceAccount(ctx, w.project(), name, role(params.role), 'throw'));
    },

    deleteServiceAccount: async (params) => {
      const id = text(params.id, 'A service account');
      await requireOffered(src, 'serviceAccounts', (d) => d.some((s) => s.id === id), 'That service account');
      const name = w.data().serviceAccounts?.find((s) => s.id === id)?.name;
      return done(await deleteServiceAccount(ctx, w.project(), { id, name }, 'throw'));
    },

    // Read fresh: the confirmation names the key's owner and last use as the API has them now.
    deleteApiKey: async (params) => {
      const id = text(params.id, 'An API key');
      await requireOffered(src, 'apiKeys', (d) => d.some((k) => k.id === id), 'That API key');
      const key = await (await ctx.session.getClient()).projectApiKeys.retrieve(pid(), id, { signal: w.signal });
      return done(await deleteProjectApiKey(ctx, w.project(), key, 'throw'));
    },

    saveRateLimits: async (params) => {
      const changes = readChanges(params.changes);
      if (!changes.length) return { status: 'saved', results: [] };
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: `Saving ${changes.length} rate limit${changes.length === 1 ? '' : 's'} of ${q(p.name)}…` },
        () => saveRateLimits(client, p.id, changes, { force: params.force === true, signal: w.signal }),
      );
      if (result.status === 'conflict') {
        ctx.log.warn(`Rate limits of ${q(p.name)} not saved: ${result.messages.join(' ')}`);
        return result;
      }
      const failed = result.results.filter((r) => !r.ok);
      for (const r of failed) if (!r.ok) ctx.log.error(`Updating the ${q(r.model)} rate limit of ${q(p.name)} failed: ${r.error}`);
      const saved = result.results.length - failed.length;
      if (saved) {
        // Each row's result is shaped for the page, not the limit as listed: the list is read again.
        ctx.store.apply([invalidate('projectRateLimits', p.id)]);
        void vscode.window.setStatusBarMessage(`$(check) Saved ${saved} rate limit${saved === 1 ? '' : 's'} of ${q(p.name)}${failed.length ? ` (${failed.length} failed)` : ''}`, 5000);
      }
      return result;
    },

    saveModelPermissions: async (params) => {
      const mode = params.mode;
      if (mode !== 'none' && mode !== 'allow_list' && mode !== 'deny_list') throw new TypeError('Unknown policy mode.');
      if (!Array.isArray(params.modelIds) || params.modelIds.some((m) => typeof m !== 'string')) throw new TypeError('Model ids must be a list of strings.');
      const before = readPolicy(params.before);
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: `Saving model permissions of ${q(p.name)}…` },
        () => saveModelPolicy(client, p.id, { mode: mode as PolicyChoice, modelIds: params.modelIds, before }, {
          force: params.force === true,
          signal: w.signal,
          confirmRemove: async () => {
            const button = 'Remove Policy';
            return button === await askModal('warning', `Remove the model permissions policy of project ${q(p.name)}?`,
              'Without a policy, every model is allowed in the project.', button);
          },
        }),
      );
      if (result.status === 'saved') {
        ctx.store.apply([invalidate('modelPermissions', p.id)]);
        void vscode.window.setStatusBarMessage(`$(check) Saved the model permissions of ${q(p.name)}`, 5000);
      }
      return result;
    },

    saveHostedTools: async (params) => {
      const enabled: Partial<Record<string, boolean>> = {};
      const before = {} as HostedToolsData;
      for (const [t] of HOSTED_TOOLS) {
        const v = (params.enabled as Record<string, unknown> | undefined)?.[t];
        if (typeof v === 'boolean') enabled[t] = v;
        before[t] = (params.before as Record<string, unknown> | undefined)?.[t] === true;
      }
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: `Saving hosted tool permissions of ${q(p.name)}…` },
        () => saveHostedTools(client, p.id, { enabled, before }, { force: params.force === true, signal: w.signal }),
      );
      if (result.status === 'saved') {
        ctx.store.apply([invalidate('hostedToolPermissions', p.id)]);
        void vscode.window.setStatusBarMessage(`$(check) Saved hosted tool permissions of ${q(p.name)}`, 5000);
      }
      return result.status === 'conflict' ? { status: 'conflict', messages: result.messages } : { status: result.status === 'saved' ? 'saved' : 'unchanged' };
    },

    setSpendLimit: async (params) => {
      const amount = dollars(params.amount);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Setting the spend limit of ${q(w.project().name)}…`,
        call: (c) => c.projectSpendLimit.update(pid(), { threshold_amount: toCents(amount), currency: 'USD', interval: 'month' }),
        effects: (limit) => [upsert(listRef('projectSpendLimit', pid()), limit)],
        done: () => `Spend limit of ${q(w.project().name)}: ${usd(amount)} per month`,
      }));
    },

    removeSpendLimit: async () => {
      const current = w.data().spend?.limit?.amount;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Removing the spend limit of ${q(w.project().name)}…`,
        confirm: {
          message: `Remove the hard spend limit${current === undefined ? '' : ` of ${usd(current)} per month`} of project ${q(w.project().name)}?`,
          detail: 'Spend is no longer capped. Spend alerts stay as they are.',
          button: 'Remove Spend Limit',
        },
        call: (c) => c.projectSpendLimit.delete(pid()),
        effects: () => [unset(listRef('projectSpendLimit', pid()))],
        done: () => `Removed the spend limit of ${q(w.project().name)}`,
      }));
    },

    addSpendAlert: async (params) => {
      const amount = dollars(params.amount);
      const list = typeof params.recipients === 'string' ? params.recipients : '';
      const problem = checkEmailList(list);
      if (problem) throw new TypeError(problem);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Adding a ${usd(amount)} spend alert to ${q(w.project().name)}…`,
        call: (c) => c.projectSpendAlerts.create(pid(), {
          threshold_amount: toCents(amount), currency: 'USD', interval: 'month',
          notification_channel: { type: 'email', recipients: splitList(list) },
        }),
        effects: (alert) => [upsert(listRef('projectSpendAlerts', pid()), alert)],
        done: () => `Added a ${usd(amount)} spend alert to ${q(w.project().name)}`,
      }));
    },

    deleteSpendAlert: async (params) => {
      const id = text(params.id, 'A spend alert');
      await requireOffered(src, 'spend', (d) => d.alerts.some((a) => a.id === id), 'That spend alert');
      const alert = w.data().spend?.alerts.find((a) => a.id === id);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Deleting a spend alert of ${q(w.project().name)}…`,
        confirm: {
          message: `Delete the spend alert${alert ? ` at ${usd(alert.amount)} per ${alert.interval}` : ''} of project ${q(w.project().name)}?`,
          detail: `${alert?.recipients.length ? `It emails ${alert.recipients.join(', ')}.\n` : ''}${id}`,
          button: 'Delete Spend Alert',
        },
        call: (c) => c.projectSpendAlerts.delete(pid(), id),
        effects: () => [remove(listRef('projectSpendAlerts', pid()), id)],
        done: () => `Deleted a spend alert of ${q(w.project().name)}`,
      }));
    },

    setDataRetention: async (params) => {
      const type = RETENTION_TYPES.find(([t]) => t === params.type)?.[0];
      if (!type) throw new TypeError('Unknown data retention type.');
      const name = RETENTION_TYPES.find(([t]) => t === type)![1];
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: `Setting data retention of ${q(w.project().name)}…`,
        call: (c) => c.projectDataRetention.update(pid(), { retention_type: type }),
        effects: (setting) => [upsert(listRef('projectDataRetention', pid()), setting)],

        done: () => `Data retention of ${q(w.project().name)}: ${name}`,
      }));
    },
  };
}

function readPolicy(value: unknown): PolicyState {
  if (value === null || value === undefined) return null;
  const p = value as { mode?: unknown; modelIds?: unknown };
  if ((p.mode !== 'allow_list' && p.mode !== 'deny_list') || !Array.isArray(p.modelIds) || p.modelIds.some((m) => typeof m !== 'string')) {
    throw new TypeError('Malformed model policy.');
  }
  return { mode: p.mode, modelIds: p.modelIds as string[] };
}
