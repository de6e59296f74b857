// What the section planners share: the builder, the live state, and the objects the plan creates
// (so a later step can wait for its create step and read its id at run time).
import * as l10n from '@vscode/l10n';
import type { StoreEffect } from '../store';
import type { SpendAlertSpec, SpendLimitSpec } from './format';
import type { LiveProject, LiveState } from './live';
import { fullLimit, sameAlert, sameLimit, sorted } from './order';
import type { OrgPlanOptions } from './plan';
import { callText, type PlanBuilder, type Ref, type RunContext } from './steps';
import { quoted } from '../plan/apiKeySteps';

/** An object the plan can point at: its reference and, when the plan creates it, the create step. */
export interface Target {
  ref: Ref;
  step?: string;
}

/** A project of the file, matched to a live one or to be created. */
export interface ProjectTarget extends Target {
  name: string;
  /** How step ids name it: the name, with the pinned id when the file pins one. */
  stepKey: string;
  /** Heading of its steps. */
  group: string;
  /** The live project when it exists and was read. */
  live?: LiveProject;
  /** Service accounts by name: live ones and those this plan creates. */
  serviceAccounts: Map<string, Target>;
  /** Project roles by name: live ones, those this plan creates, and (in a new project) looked up when needed. */
  roles: Map<string, Target>;
  /** A role of a new project that the plan does not create: the predefined ones, found when the step runs. */
  roleLookup?: (name: string) => Ref;
  /** Members' add steps (by email), groups' add steps (by group name): role assignments wait for them. */
  memberSteps: Map<string, string>;
  groupSteps: Map<string, string>;
}

export interface PlanContext {
  b: PlanBuilder;
  live: LiveState;
  options: OrgPlanOptions;
  groups: Map<string, Target>;
  orgRoles: Map<string, Target>;
  /** By `stepKey`. */
  projects: Map<string, ProjectTarget>;
}

/** The heading of organization-wide steps (a function: the translation is looked up when a plan is built, not at load). */
export const organizationGroup = (): string => l10n.t('Organization');

export function groupTarget(ctx: PlanContext, name: string): Target | undefined {
  const planned = ctx.groups.get(name);
  if (planned) return planned;
  const id = ctx.live.index.groupIdByName.get(name);
  return id ? { ref: { id, label: l10n.t('group {0}', quoted(name)) } } : undefined;
}

export function orgRoleTarget(ctx: PlanContext, name: string): Target | undefined {
  const planned = ctx.orgRoles.get(name);
  if (planned) return planned;
  const id = ctx.live.index.roleIdByName.get(name);
  return id ? { ref: { id, label: l10n.t('role {0}', quoted(name)) } } : undefined;
}

/** "1000 USD/month" */
export function limitText(limit: SpendLimitSpec | null | undefined): string {
  if (!limit) return l10n.t('none');
  const l = fullLimit(limit);
  return `${l.threshold_amount} ${l.currency}/${l.interval}`;
}

/** Where a spend limit or spend alerts live: the organization, or a project (resolved when the step runs). */
export interface SpendScope {
  /** Step id parts naming the scope. */
  idParts: string[];
  group: string;
  /** Display path prefix: '/organization' or '/organization/projects/{pid}'. */
  path: string;
  after?: string;
  limit: {
    set(c: RunContext, body: { threshold_amount: number; currency: 'USD'; interval: 'month' }): Promise<StoreEffect[]>;
    remove(c: RunContext): Promise<StoreEffect[]>;
    gone?: StoreEffect[];
  };
  alerts: {
    create(c: RunContext, body: AlertBody): Promise<StoreEffect[]>;
    update(c: RunContext, id: string, body: AlertBody): Promise<StoreEffect[]>;
    remove(c: RunContext, id: string): Promise<StoreEffect[]>;
    gone?: (id: string) => StoreEffect[];
  };
}

export interface AlertBody {
  threshold_amount: number;
  currency: 'USD';
  interval: 'month';
  notification_channel: { type: 'email'; recipients: string[]; subject_prefix?: string };
}

export function spendLimitSteps(ctx: PlanContext, scope: SpendScope, desired: SpendLimitSpec | null | undefined, live: SpendLimitSpec | null | undefined, isNew: boolean): void {
  if (desired === undefined) return;
  if (!isNew && sameLimit(desired, live)) return;
  if (desired === null) {
    if (!isNew && !live) return;
    ctx.b.add({
      id: ['remove-spend-limit', ...scope.idParts], group: scope.group, change: 'delete',
      title: isNew ? l10n.t('Remove the spend limit (if one is set)') : l10n.t('Remove the spend limit ({0})', limitText(live)),
      call: callText('DELETE', `${scope.path}/spend_limit`), after: [scope.after],
      run: (c) => scope.limit.remove(c), goneEffects: scope.limit.gone,
    });
    return;
  }
  const full = fullLimit(desired);
  const body = { threshold_amount: full.threshold_amount, currency: full.currency as 'USD', interval: full.interval as 'month' };
  ctx.b.add({
    id: ['set-spend-limit', ...scope.idParts], group: scope.group, change: live || isNew ? 'update' : 'create',
    title: isNew ? l10n.t('Set the spend limit to {0}', limitText(desired)) : live ? l10n.t('Change the spend limit: {0} → {1}', limitText(live), limitText(desired)) : l10n.t('Set a spend limit of {0}', limitText(desired)),
    call: callText('POST', `${scope.path}/spend_limit`, body), after: [scope.after],
    run: (c) => scope.limit.set(c, body),
  });
}

function alertBody(a: SpendAlertSpec): AlertBody {
  return {
    threshold_amount: a.threshold_amount, currency: 'USD', interval: 'month',
    notification_channel: { type: 'email', recipients: sorted(a.recipients), ...(a.subject_prefix ? { subject_prefix: a.subject_prefix } : {}) },
  };
}

/** Alerts are identified by threshold: created, updated (recipients, subject) or, with prune, deleted. */
export function spendAlertSteps(
  ctx: PlanContext, scope: SpendScope, desired: readonly SpendAlertSpec[] | undefined, live: readonly SpendAlertSpec[],
  liveIds: ReadonlyMap<number, string>, prune: boolean,
): void {
  if (!desired) return;
  const wanted = new Set(desired.map((a) => a.threshold_amount));
  for (const a of desired) {
    const have = live.find((l) => l.threshold_amount === a.threshold_amount);
    const id = liveIds.get(a.threshold_amount);
    const body = alertBody(a);
    if (!have || !id) {
      ctx.b.add({
        id: ['create-spend-alert', ...scope.idParts, String(a.threshold_amount)], group: scope.group, change: 'create',
        title: l10n.t('Create a spend alert at {0} for {1}', a.threshold_amount, a.recipients.join(', ')),
        call: callText('POST', `${scope.path}/spend_alerts`, body), after: [scope.after],
        run: (c) => scope.alerts.create(c, body),
      });
    } else if (!sameAlert(a, have)) {
      ctx.b.add({
        id: ['update-spend-alert', ...scope.idParts, String(a.threshold_amount)], group: scope.group, change: 'update',
        title: l10n.t('Change the spend alert at {0}: {1} → {2}', a.threshold_amount, alertText(have), alertText(a)),
        call: callText('POST', `${scope.path}/spend_alerts/${id}`, body), after: [scope.after],
        run: (c) => scope.alerts.update(c, id, body),
      });
    }
  }
  if (!prune) return;
  for (const l of live) {
    const id = liveIds.get(l.threshold_amount);
    if (wanted.has(l.threshold_amount) || !id) continue;
    ctx.b.add({
      id: ['delete-spend-alert', ...scope.idParts, String(l.threshold_amount)], group: scope.group, change: 'delete',
      title: l10n.t('Delete the spend alert at {0} ({1})', l.threshold_amount, alertText(l)),
      call: callText('DELETE', `${scope.path}/spend_alerts/${id}`), after: [scope.after],
      run: (c) => scope.alerts.remove(c, id), goneEffects: scope.alerts.gone?.(id),
    });
  }
}

function alertText(a: SpendAlertSpec): string {
  return `${sorted(a.recipients).join(', ') || l10n.t('no recipients')}${a.subject_prefix ? ` [${a.subject_prefix}]` : ''}`;
}
