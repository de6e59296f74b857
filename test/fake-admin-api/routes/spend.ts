// Spend alerts and hard spend limits, for the org and per project. Both scopes behave the same,
// so each is defined once and instantiated twice.
import { ApiError } from '../errors';
import { listA, ordered } from '../pagination';
import type { FakeState, SpendAlertRec, SpendLimitRec } from '../state';
import type { Table } from '../table';
import { opt, parseBody, req, v } from '../validate';
import { spendAlertView, spendLimitView } from '../views';
import { deleted, must, requireActiveProject, requireProject } from './common';
import type { Ctx, RouteDef } from './types';

const alertBody = {
  threshold_amount: req(v.int({ min: 1 })),
  currency: req(v.enum(['USD'] as const)),
  interval: req(v.enum(['month'] as const)),
  notification_channel: req(
    v.object({
      type: req(v.enum(['email'] as const)),
      recipients: req(v.array(v.string({ minLength: 3 }), { minItems: 1 })),
      subject_prefix: opt(v.nullable(v.string())),
    }),
  ),
};
const limitBody = { threshold_amount: req(v.int({ min: 1 })), currency: req(v.enum(['USD'] as const)), interval: req(v.enum(['month'] as const)) };

interface Scope<A extends string, L extends string> {
  base: string;
  ids: { list: string; create: string; get: string; update: string; delete: string; getLimit: string; setLimit: string; deleteLimit: string };
  alertObject: A;
  limitObject: L;
  /** The scope's storage; `write` is true for mutations (archived projects refuse those). */
  alerts(ctx: Ctx, write: boolean): Table<SpendAlertRec>;
  limit(ctx: Ctx, write: boolean): { get(): SpendLimitRec | null; set(l: SpendLimitRec | null): void };
}

function spendRoutes<A extends 'organization.spend_alert' | 'project.spend_alert', L extends 'organization.spend_limit' | 'project.spend_limit'>(scope: Scope<A, L>): RouteDef[] {
  const alertPath = `${scope.base}/spend_alerts`;
  const alert = (table: Table<SpendAlertRec>, id: string) => must(table, id, 'spend alert', 'alert_id');
  const noLimit = () => new ApiError(404, 'No spend limit is set.', 'invalid_request_error', null, 'not_found');
  return [
    {
      method: 'GET',
      path: alertPath,
      operationId: scope.ids.list,
      handler: (ctx) =>
        listA(ctx.query, ordered(scope.alerts(ctx, false)), (a) => spendAlertView(a, scope.alertObject), {
          defaultLimit: 20,
          minLimit: 0,
          order: { param: true, default: 'asc' },
          before: true,
        }),
    },
    {
      method: 'POST',
      path: alertPath,
      operationId: scope.ids.create,
      handler: (ctx) => {
        const table = scope.alerts(ctx, true);
        const b = parseBody(ctx.body, alertBody);
        const rec: SpendAlertRec = { id: ctx.state.newId('alert_', 20), created_at: ctx.state.now(), ...b, notification_channel: { ...b.notification_channel, subject_prefix: b.notification_channel.subject_prefix ?? null } };
        table.insert(rec);
        return spendAlertView(rec, scope.alertObject);
      },
    },
    {
      method: 'GET',
      path: `${alertPath}/{alert_id}`,
      operationId: scope.ids.get,
      handler: (ctx) => spendAlertView(alert(scope.alerts(ctx, false), ctx.params.alert_id!), scope.alertObject),
    },
    {
      method: 'POST',
      path: `${alertPath}/{alert_id}`,
      operationId: scope.ids.update,
      handler: (ctx) => {
        const rec = alert(scope.alerts(ctx, true), ctx.params.alert_id!);
        const b = parseBody(ctx.body, alertBody);
        Object.assign(rec, b, { notification_channel: { ...b.notification_channel, subject_prefix: b.notification_channel.subject_prefix ?? null } });
        return spendAlertView(rec, scope.alertObject);
      },
    },
    {
      method: 'DELETE',
      path: `${alertPath}/{alert_id}`,
      operationId: scope.ids.delete,
      handler: (ctx) => {
        const table = scope.alerts(ctx, true);
        table.delete(alert(table, ctx.params.alert_id!).id);
        return deleted(`${scope.alertObject}.deleted` as `${A}.deleted`, ctx.params.alert_id!);
      },
    },
    {
      method: 'GET',
      path: `${scope.base}/spend_limit`,
      operationId: scope.ids.getLimit,
      handler: (ctx) => {
        const l = scope.limit(ctx, false).get();
        if (!l) throw noLimit();
        return spendLimitView(l, scope.limitObject);
      },
    },
    {
      method: 'POST',
      path: `${scope.base}/spend_limit`,
      operationId: scope.ids.setLimit,
      handler: (ctx) => {
        const slot = scope.limit(ctx, true);
        const l: SpendLimitRec = { ...parseBody(ctx.body, limitBody), status: 'enforcing' };
        slot.set(l);
        return spendLimitView(l, scope.limitObject);
      },
    },
    {
      method: 'DELETE',
      path: `${scope.base}/spend_limit`,
      operationId: scope.ids.deleteLimit,
      handler: (ctx) => {
        const slot = scope.limit(ctx, true);
        if (!slot.get()) throw noLimit();
        slot.set(null);
        return { object: `${scope.limitObject}.deleted` as `${L}.deleted`, deleted: true };
      },
    },
  ];
}

function projectOf(state: FakeState, id: string, write: boolean) {
  return (write ? requireActiveProject : requireProject)(state, id).data;
}

export const spendRoutesAll: RouteDef[] = [
  ...spendRoutes({
    base: '/organization',
    ids: {
      list: 'list-organization-spend-alerts',
      create: 'create-organization-spend-alert',
      get: 'retrieve-organization-spend-alert',
      update: 'update-organization-spend-alert',
      delete: 'delete-organization-spend-alert',
      getLimit: 'Getorganizationspendlimit',
      setLimit: 'Updateorganizationspendlimit',
      deleteLimit: 'Deleteorganizationspendlimit',
    },
    alertObject: 'organization.spend_alert',
    limitObject: 'organization.spend_limit',
    alerts: ({ state }) => state.orgSpendAlerts,
    limit: ({ state }) => ({ get: () => state.org.spendLimit, set: (l) => void (state.org.spendLimit = l) }),
  }),
  ...spendRoutes({
    base: '/organization/projects/{project_id}',
    ids: {
      list: 'list-project-spend-alerts',
      create: 'create-project-spend-alert',
      get: 'retrieve-project-spend-alert',
      update: 'update-project-spend-alert',
      delete: 'delete-project-spend-alert',
      getLimit: 'Getprojectspendlimit',
      setLimit: 'Updateprojectspendlimit',
      deleteLimit: 'Deleteprojectspendlimit',
    },
    alertObject: 'project.spend_alert',
    limitObject: 'project.spend_limit',
    alerts: ({ state, params }, write) => projectOf(state, params.project_id!, write).spendAlerts,
    limit: ({ state, params }, write) => {
      const data = projectOf(state, params.project_id!, write);
      return { get: () => data.spendLimit, set: (l) => void (data.spendLimit = l) };
    },
  }),
];
