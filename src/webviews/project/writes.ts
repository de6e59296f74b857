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
  if (typeof value !== 'string' || !value.trim()) throw new TypeError(vscode.l10n.t('{0} is required.', what));
  if (value.length > max) throw new TypeError(vscode.l10n.t('{0} is too long.', what));
  return value.trim();
}

function role(value: unknown): ProjectRole {
  if (value !== 'owner' && value !== 'member') throw new TypeError(vscode.l10n.t('The project role must be owner or member.'));
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
  const isMember = (userId: string) => requireOffered(src, 'members', (d) => d.members.some((m) => m.id === userId), vscode.l10n.t('That member'));
  const memberName = (userId: string) => {
    const m = w.data().members?.members.find((x) => x.id === userId);
    return m ? label(m) : userId;
  };

  return {
    copyId: async () => {
      await vscode.env.clipboard.writeText(pid());
      void vscode.window.setStatusBarMessage(`$(clippy) ${vscode.l10n.t('Copied the project ID')}`, 3000);
      return { done: true };
    },

    rename: async ({ name }) => {
      const next = text(name, vscode.l10n.t('A name'), 256);
      const was = w.project().name;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Renaming project {0}…', q(was)),
        call: (c) => c.projects.update(pid(), { name: next }, { signal: w.signal }),
        effects: (p) => projectEffects.renamed(p),
        done: (p) => vscode.l10n.t('Renamed project to {0}', q(p.name)),
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
      const userId = text(params.userId, vscode.l10n.t('A member'));
      const r = role(params.role);
      offeredMembers.require(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Adding a member to project {0}…', q(w.project().name)),
        call: (c) => c.projectUsers.create(pid(), { user_id: userId, role: r }),
        effects: (u) => projectUserEffects.added(pid(), u),
        done: (u) => vscode.l10n.t('Added {0} to {1} as {2}', q(label(u)), q(w.project().name), u.role),
      }));
    },

    setMemberRole: async (params) => {
      const userId = text(params.userId, vscode.l10n.t('A member'));
      const r = role(params.role);
      await isMember(userId);
      const name = memberName(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Making {0} {1} of {2}…', q(name), r, q(w.project().name)),
        call: (c) => c.projectUsers.update(pid(), userId, { role: r }),
        effects: (u) => projectUserEffects.roleChanged(pid(), u),
        done: (u) => vscode.l10n.t('{0} is now {1} of {2}', q(name), u.role, q(w.project().name)),
      }));
    },

    removeMember: async (params) => {
      const userId = text(params.userId, vscode.l10n.t('A member'));
      await isMember(userId);
      const name = memberName(userId);
      const p = w.project();
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Removing {0} from {1}…', q(name), q(p.name)),
        confirm: {
          message: vscode.l10n.t('Remove {0} from project {1}?', q(name), q(p.name)),
          detail: `${userId}\n\n${vscode.l10n.t('They lose access to the project and its resources. They stay a member of the organization.')}`,
          button: vscode.l10n.t('Remove from Project'),
        },
        call: (c) => c.projectUsers.delete(p.id, userId),
        effects: () => projectUserEffects.removed(p.id, userId),
        done: () => vscode.l10n.t('Removed {0} from {1}', q(name), q(p.name)),
      }));
    },

    assignRole: async (params) => {
      const userId = text(params.userId, vscode.l10n.t('A member'));
      const roleId = text(params.roleId, vscode.l10n.t('A role'));
      await isMember(userId);
      await requireOffered(src, 'members', (d) => d.roles.some((r) => r.id === roleId), vscode.l10n.t('That role'));
      const roleName = w.data().members?.roles.find((r) => r.id === roleId)?.name ?? roleId;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Assigning {0} to {1}…', q(roleName), q(memberName(userId))),
        call: (c) => c.projectUsers.roles.assign(pid(), userId, { role_id: roleId }),
        effects: () => projectUserEffects.roleAssigned(pid(), userId),
        done: () => vscode.l10n.t('Assigned {0} to {1}', q(roleName), q(memberName(userId))),
      }));
    },

    unassignRole: async (params) => {
      const userId = text(params.userId, vscode.l10n.t('A member'));
      const roleId = text(params.roleId, vscode.l10n.t('A role'));
      await requireOffered(src, 'members', (d) => d.members.some((m) => m.id === userId && m.roles.some((r) => r.id === roleId)), vscode.l10n.t("That member's role"));
      const assigned = w.data().members?.members.find((m) => m.id === userId)?.roles.find((r) => r.id === roleId);
      const roleName = assigned?.name ?? roleId;
      const name = memberName(userId);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Unassigning {0} from {1}…', q(roleName), q(name)),
        confirm: {
          message: vscode.l10n.t('Unassign role {0} from {1} in project {2}?', q(roleName), q(name), q(w.project().name)),
          detail: vscode.l10n.t('They lose the permissions this role grants.'),
          button: vscode.l10n.t('Unassign Role'),
        },
        call: (c) => c.projectUsers.roles.unassign(pid(), userId, roleId),
        effects: () => projectUserEffects.roleUnassigned(pid(), userId, roleId),
        done: () => vscode.l10n.t('Unassigned {0} from {1}', q(roleName), q(name)),
      }));
    },

    // The one-time key is shown by the shared helper in a VS Code modal; the webview only learns
    // that the account exists (from the reload), never the key.
    createServiceAccount: async (params) => {
      const name = text(params.name, vscode.l10n.t('A name'), 256);
      return done(await createServiceAccount(ctx, w.project(), name, role(params.role), 'throw'));
    },

    deleteServiceAccount: async (params) => {
      const id = text(params.id, vscode.l10n.t('A service account'));
      await requireOffered(src, 'serviceAccounts', (d) => d.some((s) => s.id === id), vscode.l10n.t('That service account'));
      const name = w.data().serviceAccounts?.find((s) => s.id === id)?.name;
      return done(await deleteServiceAccount(ctx, w.project(), { id, name }, 'throw'));
    },

    // Read fresh: the confirmation names the key's owner and last use as the API has them now.
    deleteApiKey: async (params) => {
      const id = text(params.id, vscode.l10n.t('An API key'));
      await requireOffered(src, 'apiKeys', (d) => d.some((k) => k.id === id), vscode.l10n.t('That API key'));
      const key = await (await ctx.session.getClient()).projectApiKeys.retrieve(pid(), id, { signal: w.signal });
      return done(await deleteProjectApiKey(ctx, w.project(), key, 'throw'));
    },

    saveRateLimits: async (params) => {
      const changes = readChanges(params.changes);
      if (!changes.length) return { status: 'saved', results: [] };
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: changes.length === 1 ? vscode.l10n.t('Saving 1 rate limit of {0}…', q(p.name)) : vscode.l10n.t('Saving {0} rate limits of {1}…', changes.length, q(p.name)) },
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
        const what = saved === 1 ? vscode.l10n.t('Saved 1 rate limit of {0}', q(p.name)) : vscode.l10n.t('Saved {0} rate limits of {1}', saved, q(p.name));
        void vscode.window.setStatusBarMessage(`$(check) ${what}${failed.length ? ` ${vscode.l10n.t('({0} failed)', failed.length)}` : ''}`, 5000);
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
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving model permissions of {0}…', q(p.name)) },
        () => saveModelPolicy(client, p.id, { mode: mode as PolicyChoice, modelIds: params.modelIds, before }, {
          force: params.force === true,
          signal: w.signal,
          confirmRemove: async () => {
            const button = vscode.l10n.t('Remove Policy');
            return button === await askModal('warning', vscode.l10n.t('Remove the model permissions policy of project {0}?', q(p.name)),
              vscode.l10n.t('Without a policy, every model is allowed in the project.'), button);
          },
        }),
      );
      if (result.status === 'saved') {
        ctx.store.apply([invalidate('modelPermissions', p.id)]);
        void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Saved the model permissions of {0}', q(p.name))}`, 5000);
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
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving hosted tool permissions of {0}…', q(p.name)) },
        () => saveHostedTools(client, p.id, { enabled, before }, { force: params.force === true, signal: w.signal }),
      );
      if (result.status === 'saved') {
        ctx.store.apply([invalidate('hostedToolPermissions', p.id)]);
        void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Saved hosted tool permissions of {0}', q(p.name))}`, 5000);
      }
      return result.status === 'conflict' ? { status: 'conflict', messages: result.messages } : { status: result.status === 'saved' ? 'saved' : 'unchanged' };
    },

    setSpendLimit: async (params) => {
      const amount = dollars(params.amount);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Setting the spend limit of {0}…', q(w.project().name)),
        call: (c) => c.projectSpendLimit.update(pid(), { threshold_amount: toCents(amount), currency: 'USD', interval: 'month' }),
        effects: (limit) => [upsert(listRef('projectSpendLimit', pid()), limit)],
        done: () => vscode.l10n.t('Spend limit of {0}: {1} per month', q(w.project().name), usd(amount)),
      }));
    },

    removeSpendLimit: async () => {
      const current = w.data().spend?.limit?.amount;
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Removing the spend limit of {0}…', q(w.project().name)),
        confirm: {
          message: current === undefined
            ? vscode.l10n.t('Remove the hard spend limit of project {0}?', q(w.project().name))
            : vscode.l10n.t('Remove the hard spend limit of {0} per month of project {1}?', usd(current), q(w.project().name)),
          detail: vscode.l10n.t('Spend is no longer capped. Spend alerts stay as they are.'),
          button: vscode.l10n.t('Remove Spend Limit'),
        },
        call: (c) => c.projectSpendLimit.delete(pid()),
        effects: () => [unset(listRef('projectSpendLimit', pid()))],
        done: () => vscode.l10n.t('Removed the spend limit of {0}', q(w.project().name)),
      }));
    },

    addSpendAlert: async (params) => {
      const amount = dollars(params.amount);
      const list = typeof params.recipients === 'string' ? params.recipients : '';
      const problem = checkEmailList(list);
      if (problem) throw new TypeError(problem);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Adding a {0} spend alert to {1}…', usd(amount), q(w.project().name)),
        call: (c) => c.projectSpendAlerts.create(pid(), {
          threshold_amount: toCents(amount), currency: 'USD', interval: 'month',
          notification_channel: { type: 'email', recipients: splitList(list) },
        }),
        effects: (alert) => [upsert(listRef('projectSpendAlerts', pid()), alert)],
        done: () => vscode.l10n.t('Added a {0} spend alert to {1}', usd(amount), q(w.project().name)),
      }));
    },

    deleteSpendAlert: async (params) => {
      const id = text(params.id, vscode.l10n.t('A spend alert'));
      await requireOffered(src, 'spend', (d) => d.alerts.some((a) => a.id === id), vscode.l10n.t('That spend alert'));
      const alert = w.data().spend?.alerts.find((a) => a.id === id);
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Deleting a spend alert of {0}…', q(w.project().name)),
        confirm: {
          message: alert
            ? vscode.l10n.t('Delete the spend alert at {0} per {1} of project {2}?', usd(alert.amount), alert.interval, q(w.project().name))
            : vscode.l10n.t('Delete the spend alert of project {0}?', q(w.project().name)),
          detail: `${alert?.recipients.length ? `${vscode.l10n.t('It emails {0}.', alert.recipients.join(', '))}\n` : ''}${id}`,
          button: vscode.l10n.t('Delete Spend Alert'),
        },
        call: (c) => c.projectSpendAlerts.delete(pid(), id),
        effects: () => [remove(listRef('projectSpendAlerts', pid()), id)],
        done: () => vscode.l10n.t('Deleted a spend alert of {0}', q(w.project().name)),
      }));
    },

    setDataRetention: async (params) => {
      const type = RETENTION_TYPES.find(([t]) => t === params.type)?.[0];
      if (!type) throw new TypeError('Unknown data retention type.');
      const name = RETENTION_TYPES.find(([t]) => t === type)![1];
      return done(await runWrite(ctx, {
        failure: 'throw',
        progress: vscode.l10n.t('Setting data retention of {0}…', q(w.project().name)),
        call: (c) => c.projectDataRetention.update(pid(), { retention_type: type }),
        effects: (setting) => [upsert(listRef('projectDataRetention', pid()), setting)],

        done: () => vscode.l10n.t('Data retention of {0}: {1}', q(w.project().name), name),
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
