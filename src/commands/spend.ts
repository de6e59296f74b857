import * as vscode from 'vscode';
import type { AdminClient, OrganizationSpendAlert, OrganizationSpendLimit, ProjectSpendAlert, ProjectSpendLimit } from '../api';
import { listRef, remove, upsert, type StoreEffect } from '../model/store';
import { unset } from '../model/writeEffects';

import { dollars, fromCents, toCents } from '../model/format';
import { checkEmailList, checkWholeDollars, parseWholeDollars, splitList } from '../model/inputs';
import { notify } from '../notify';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { fetchFor, pickOne, pickProject } from './pickers';
import { ask, q, runWrite } from '../ui/run';
import { isKind, itemOf, storeItemOf, type ProjectRef } from './targets';

type SpendAlert = OrganizationSpendAlert | ProjectSpendAlert;
type Limit = { threshold_amount: number; currency: 'USD'; interval: 'month' };
type AlertBody = Limit & { notification_channel: { type: 'email'; recipients: string[] } };

/**
 * Where spend settings live: the organization or one project. The two have the same shape and
 * differ only in endpoints, so each scope carries its own calls.
 */
interface Scope {
  /** "the organization" / "project “X”", for sentences. */
  name: string;
  /** "The organization" / "Project “X”": the same at the start of a sentence. */
  subject: string;
  setLimit(c: AdminClient, body: Limit): Promise<unknown>;
  removeLimit(c: AdminClient): Promise<unknown>;
  createAlert(c: AdminClient, body: AlertBody): Promise<SpendAlert>;
  updateAlert(c: AdminClient, alertId: string, body: AlertBody): Promise<SpendAlert>;
  deleteAlert(c: AdminClient, alertId: string): Promise<unknown>;
  listAlerts(c: AdminClient): Promise<SpendAlert[]>;
  /** What each write does to the store (the limit is a one-object list, the alerts a list). */
  effects: {
    limitSet(limit: unknown): StoreEffect[];
    limitRemoved(): StoreEffect[];
    alertSaved(alert: SpendAlert): StoreEffect[];
    alertDeleted(alertId: string): StoreEffect[];
  };
}

const organizationScope: Scope = {
  get name() { return vscode.l10n.t('the organization'); },
  get subject() { return vscode.l10n.t('The organization'); },
  setLimit: (c, body) => c.spendLimit.update(body),
  removeLimit: (c) => c.spendLimit.delete(),
  createAlert: (c, body) => c.spendAlerts.create(body),
  updateAlert: (c, id, body) => c.spendAlerts.update(id, body),
  deleteAlert: (c, id) => c.spendAlerts.delete(id),
  listAlerts: (c) => c.spendAlerts.all(),
  effects: {
    limitSet: (limit) => [upsert(listRef('spendLimit'), limit as OrganizationSpendLimit)],
    limitRemoved: () => [unset(listRef('spendLimit'))],
    alertSaved: (alert) => [upsert(listRef('spendAlerts'), alert as OrganizationSpendAlert)],
    alertDeleted: (id) => [remove(listRef('spendAlerts'), id)],
  },
};

function projectScope(p: ProjectRef): Scope {
  return {
    name: vscode.l10n.t('project {0}', q(p.name)),
    subject: vscode.l10n.t('Project {0}', q(p.name)),
    setLimit: (c, body) => c.projectSpendLimit.update(p.id, body),
    removeLimit: (c) => c.projectSpendLimit.delete(p.id),
    createAlert: (c, body) => c.projectSpendAlerts.create(p.id, body),
    updateAlert: (c, id, body) => c.projectSpendAlerts.update(p.id, id, body),
    deleteAlert: (c, id) => c.projectSpendAlerts.delete(p.id, id),
    listAlerts: (c) => c.projectSpendAlerts.all(p.id),
    effects: {
      limitSet: (limit) => [upsert(listRef('projectSpendLimit', p.id), limit as ProjectSpendLimit)],
      limitRemoved: () => [unset(listRef('projectSpendLimit', p.id))],
      alertSaved: (alert) => [upsert(listRef('projectSpendAlerts', p.id), alert as ProjectSpendAlert)],
      alertDeleted: (id) => [remove(listRef('projectSpendAlerts', p.id), id)],
    },
  };
}

/** A node inside a project means that project; any other node means the organization; no node asks. */
async function scopeOf(node: TreeNode | undefined, ctx: CommandContext, title: string): Promise<Scope | undefined> {
  const projectId = node?.lookup('projectId');
  if (projectId) {
    return projectScope({ id: projectId, name: node?.lookup('projectName') ?? projectId, archived: node?.lookup('projectStatus') === 'archived' });
  }
  if (node) return organizationScope;
  const where = await pickOne(title, [
    { label: `$(organization) ${vscode.l10n.t('Organization')}`, value: 'org' as const, detail: vscode.l10n.t('Applies to the whole organization') },
    { label: `$(project) ${vscode.l10n.t('Project…')}`, value: 'project' as const, detail: vscode.l10n.t('Search for one project') },
  ], { placeholder: vscode.l10n.t('Organization or a project?') });
  if (!where) return undefined;
  if (where === 'org') return organizationScope;
  const p = await pickProject(ctx, title);
  return p && projectScope({ id: p.id, name: p.name || p.id, archived: false });
}

/** The API's amounts are cents. */
const shownCents = (cents: number) => dollars(fromCents(cents));

async function askAmount(title: string, prompt: string, current?: number): Promise<number | undefined> {
  const text = await ask(title, prompt, { value: current === undefined ? undefined : String(current), placeHolder: vscode.l10n.t('Whole US dollars, e.g. 500'), validateInput: checkWholeDollars });
  return text ? parseWholeDollars(text) : undefined;
}

/** The alert an edit or delete acts on: its row, else one picked from the scope's alerts. */
async function alertOf(ctx: CommandContext, node: TreeNode | undefined, scope: Scope, title: string, placeholder: string): Promise<SpendAlert | undefined> {
  if (isKind(node, 'spendAlert')) return itemOf<SpendAlert>(ctx, node.spec);
  const alerts = await fetchFor(ctx, vscode.l10n.t('spend alerts'), (c) => scope.listAlerts(c));
  if (!alerts) return undefined;
  if (!alerts.length) {
    void notify('info', vscode.l10n.t('{0} has no spend alerts.', scope.subject));
    return undefined;
  }
  return pickOne(vscode.l10n.t('{0}: {1}', title, scope.name), alerts.map((a) => ({
    label: vscode.l10n.t('{0} per {1}', shownCents(a.threshold_amount), a.interval),
    description: a.notification_channel?.recipients.join(', '),
    value: a,
  })), { placeholder });
}

export function registerSpendCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.spendLimit.set', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Set Spend Limit');
      const scope = await scopeOf(node, ctx, title);
      if (!scope) return undefined;
      const limit = isKind(node, 'spendLimit') ? await storeItemOf<Limit>(ctx.store, node.spec) : undefined;
      const current = limit && fromCents(limit.threshold_amount);
      const amount = await askAmount(title, vscode.l10n.t('Monthly hard limit for {0}, in whole US dollars. Requests are refused once spend reaches it.', scope.name), current);
      if (amount === undefined || amount === current) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Setting the spend limit of {0}…', scope.name),
        call: (c) => scope.setLimit(c, { threshold_amount: toCents(amount), currency: 'USD', interval: 'month' }),
        effects: (limit) => scope.effects.limitSet(limit),
        done: () => vscode.l10n.t('Spend limit of {0}: {1} per month', scope.name, dollars(amount)),
      });
    }),

    ctx.register('openaiAdmin.spendLimit.remove', async (node?: TreeNode) => {
      const scope = await scopeOf(node, ctx, vscode.l10n.t('Remove Spend Limit'));
      if (!scope) return undefined;
      const limit = isKind(node, 'spendLimit') ? await storeItemOf<Limit>(ctx.store, node.spec) : undefined;
      const current = limit && fromCents(limit.threshold_amount);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing the spend limit of {0}…', scope.name),
        confirm: {
          message: current === undefined
            ? vscode.l10n.t('Remove the hard spend limit of {0}?', scope.name)
            : vscode.l10n.t('Remove the hard spend limit of {0} per month of {1}?', dollars(current), scope.name),
          detail: vscode.l10n.t('Spend is no longer capped. Spend alerts stay as they are.'),
          button: vscode.l10n.t('Remove Spend Limit'),
        },
        call: (c) => scope.removeLimit(c),
        effects: () => scope.effects.limitRemoved(),
        done: () => vscode.l10n.t('Removed the spend limit of {0}', scope.name),
      });
    }),

    ctx.register('openaiAdmin.spendAlert.create', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Add Spend Alert');
      const scope = await scopeOf(node, ctx, title);
      if (!scope) return undefined;
      const amount = await askAmount(title, vscode.l10n.t('Email an alert when monthly spend of {0} reaches this many US dollars', scope.name));
      if (amount === undefined) return undefined;
      const recipients = await ask(title, vscode.l10n.t('Who is emailed when {0} reaches {1} (comma-separated)', scope.name, dollars(amount)), { placeHolder: 'finance@example.com, ops@example.com', validateInput: checkEmailList });
      if (!recipients) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Adding a {0} spend alert to {1}…', dollars(amount), scope.name),
        call: (c) => scope.createAlert(c, {
          threshold_amount: toCents(amount), currency: 'USD', interval: 'month',
          notification_channel: { type: 'email', recipients: splitList(recipients) },
        }),
        effects: (created) => scope.effects.alertSaved(created),
        done: () => vscode.l10n.t('Added a {0} spend alert to {1}', dollars(amount), scope.name),
      });
    }),

    ctx.register('openaiAdmin.spendAlert.edit', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Edit Spend Alert');
      const scope = await scopeOf(node, ctx, title);
      if (!scope) return undefined;
      const alert = await alertOf(ctx, node, scope, title, vscode.l10n.t('Spend alert to edit'));
      if (!alert) return undefined;
      const was = fromCents(alert.threshold_amount);
      const amount = await askAmount(title, vscode.l10n.t('Email an alert when monthly spend of {0} reaches this many US dollars', scope.name), was);
      if (amount === undefined) return undefined;
      const before = alert.notification_channel?.recipients ?? [];
      const typed = await ask(title, vscode.l10n.t('Who is emailed when {0} reaches {1} (comma-separated)', scope.name, dollars(amount)), { value: before.join(', '), placeHolder: 'finance@example.com, ops@example.com', validateInput: checkEmailList });
      if (!typed) return undefined;
      const recipients = splitList(typed);
      if (amount === was && recipients.join('\n') === before.join('\n')) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Spend alert of {0} unchanged', scope.name), 3000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: vscode.l10n.t('Updating the {0} spend alert of {1}…', shownCents(alert.threshold_amount), scope.name),
        // The API replaces the whole alert: every field is sent.
        call: (c) => scope.updateAlert(c, alert.id, {
          threshold_amount: toCents(amount), currency: 'USD', interval: 'month',
          notification_channel: { type: 'email', recipients },
        }),
        effects: (updated) => scope.effects.alertSaved(updated),
        done: () => (recipients.length === 1
          ? vscode.l10n.t('Spend alert of {0}: {1} per month, emailing 1 recipient', scope.name, dollars(amount))
          : vscode.l10n.t('Spend alert of {0}: {1} per month, emailing {2} recipients', scope.name, dollars(amount), recipients.length)),
      });
    }),

    ctx.register('openaiAdmin.spendAlert.delete', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Delete Spend Alert');
      const scope = await scopeOf(node, ctx, title);
      if (!scope) return undefined;
      const alert = await alertOf(ctx, node, scope, title, vscode.l10n.t('Spend alert to delete'));
      if (!alert) return undefined;
      const recipients = alert.notification_channel?.recipients ?? [];
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting the spend alert of {0}…', scope.name),
        confirm: {
          message: vscode.l10n.t('Delete the spend alert at {0} per {1} of {2}?', shownCents(alert.threshold_amount), alert.interval, scope.name),
          detail: recipients.length ? `${vscode.l10n.t('It emails {0}.', recipients.join(', '))}\n${alert.id}` : alert.id,
          button: vscode.l10n.t('Delete Spend Alert'),
        },
        call: (c) => scope.deleteAlert(c, alert.id),
        effects: () => scope.effects.alertDeleted(alert.id),
        done: () => vscode.l10n.t('Deleted the {0} spend alert of {1}', shownCents(alert.threshold_amount), scope.name),
      });
    }),
  ];
}
