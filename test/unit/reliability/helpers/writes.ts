// Every write the commands and the Project panel send (src/commands/*, src/webviews/project/writes.ts,
// src/model/project/save.ts), each with the objects it needs made beforehand and the exact path it
// sends, so a fault can be aimed at one write while the others run.
import type { AdminClient } from '../../../../src/api';
import type { FakeAdminApi } from '../../../fake-admin-api/types';

export type Ctx = Record<string, string>;

export interface WriteOp {
  name: string;
  method: 'POST' | 'DELETE';
  setup(c: AdminClient, f: FakeAdminApi, users: () => string): Promise<Ctx>;
  call(c: AdminClient, x: Ctx): Promise<unknown>;
  /** Regex source of the request path (after /v1). */
  path(x: Ctx): string;
  /** Creates: how many objects the write made (a retry must never make a second). */
  made?(f: FakeAdminApi, x: Ctx): number;
  /** Writes to an organization-wide singleton run after the others, so they cannot race. */
  late?: boolean;
}

let serial = 0;
const taken = new Set<string>();
const unique = (what: string) => `${what} ${process.pid}-${++serial}`;
const P = '/organization/projects';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alert = { threshold_amount: 500, currency: 'USD' as const, interval: 'month' as const, notification_channel: { type: 'email' as const, recipients: ['ops@example.com'] } };

async function project(c: AdminClient): Promise<string> {
  return (await c.projects.create({ name: unique('fault project') })).id;
}

async function projectWithMember(c: AdminClient, users: () => string): Promise<Ctx> {
  const pid = await project(c);
  const uid = users();
  await c.projectUsers.create(pid, { user_id: uid, role: 'member' });
  return { pid, uid };
}

/** The predefined project role that mirrors no membership: assignable and unassignable. */
const viewerRole = (f: FakeAdminApi) => f.state.projectPredefinedRoles.values().find((r) => r.mirrors === null)!.id;

export const WRITES: WriteOp[] = [
  {
    name: 'projects.create', method: 'POST',
    setup: async () => ({ name: unique('created project') }),
    call: (c, x) => c.projects.create({ name: x.name! }),
    path: () => `${P}$`,
    made: (f, x) => f.state.projects.values().filter((p) => p.name === x.name).length,
  },
  {
    name: 'projects.update (rename)', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.projects.update(x.pid!, { name: unique('renamed') }),
    path: (x) => `${P}/${x.pid}$`,
  },
  {
    name: 'projects.archive', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.projects.archive(x.pid!),
    path: (x) => `${P}/${x.pid}/archive$`,
  },
  {
    name: 'projectUsers.create', method: 'POST',
    setup: async (c, _f, users) => ({ pid: await project(c), uid: users() }),
    call: (c, x) => c.projectUsers.create(x.pid!, { user_id: x.uid!, role: 'member' }),
    path: (x) => `${P}/${x.pid}/users$`,
    made: (f, x) => f.state.projectData.get(x.pid!)!.members.values().filter((m) => m.id === x.uid).length,
  },
  {
    name: 'projectUsers.update (role)', method: 'POST',
    setup: (c, _f, users) => projectWithMember(c, users),
    call: (c, x) => c.projectUsers.update(x.pid!, x.uid!, { role: 'owner' }),
    path: (x) => `${P}/${x.pid}/users/${x.uid}$`,
  },
  {
    name: 'projectUsers.delete', method: 'DELETE',
    setup: (c, _f, users) => projectWithMember(c, users),
    call: (c, x) => c.projectUsers.delete(x.pid!, x.uid!),
    path: (x) => `${P}/${x.pid}/users/${x.uid}$`,
  },
  {
    name: 'projectUsers.roles.assign', method: 'POST',
    setup: async (c, f, users) => ({ ...await projectWithMember(c, users), role: viewerRole(f) }),
    call: (c, x) => c.projectUsers.roles.assign(x.pid!, x.uid!, { role_id: x.role! }),
    path: (x) => `/projects/${x.pid}/users/${x.uid}/roles$`,
  },
  {
    name: 'projectUsers.roles.unassign', method: 'DELETE',
    setup: async (c, f, users) => {
      const x: Ctx = { ...await projectWithMember(c, users), role: viewerRole(f) };
      await c.projectUsers.roles.assign(x.pid!, x.uid!, { role_id: x.role! });
      return x;
    },
    call: (c, x) => c.projectUsers.roles.unassign(x.pid!, x.uid!, x.role!),
    path: (x) => `/projects/${x.pid}/users/${x.uid}/roles/${x.role}$`,
  },
  {
    name: 'serviceAccounts.create', method: 'POST',
    setup: async (c) => ({ pid: await project(c), name: unique('robot') }),
    call: (c, x) => c.serviceAccounts.create(x.pid!, { name: x.name! }),
    path: (x) => `${P}/${x.pid}/service_accounts$`,
    made: (f, x) => f.state.projectData.get(x.pid!)!.serviceAccounts.values().filter((s) => s.name === x.name).length,
  },
  {
    name: 'serviceAccounts.update (owner)', method: 'POST',
    setup: async (c) => {
      const pid = await project(c);
      return { pid, sid: (await c.serviceAccounts.create(pid, { name: unique('robot') })).id };
    },
    call: (c, x) => c.serviceAccounts.update(x.pid!, x.sid!, { role: 'owner' }),
    path: (x) => `${P}/${x.pid}/service_accounts/${x.sid}$`,
  },
  {
    name: 'serviceAccounts.delete', method: 'DELETE',
    setup: async (c) => {
      const pid = await project(c);
      return { pid, sid: (await c.serviceAccounts.create(pid, { name: unique('robot') })).id };
    },
    call: (c, x) => c.serviceAccounts.delete(x.pid!, x.sid!),
    path: (x) => `${P}/${x.pid}/service_accounts/${x.sid}$`,
  },
  {
    name: 'projectApiKeys.delete', method: 'DELETE',
    // Only user-owned keys can be deleted on their own, and the API cannot create them: take generated ones.
    setup: async (_c, f) => {
      for (const p of f.state.projects.values()) {
        if (p.status !== 'active') continue;
        const key = f.state.projectData.get(p.id)!.apiKeys.values().find((k) => k.owner.type === 'user' && !taken.has(k.id));
        if (!key) continue;
        taken.add(key.id);
        return { pid: p.id, kid: key.id };
      }
      throw new Error('the fake has too few user-owned API keys for the write matrix');
    },
    call: (c, x) => c.projectApiKeys.delete(x.pid!, x.kid!),
    path: (x) => `${P}/${x.pid}/api_keys/${x.kid}$`,
  },
  {
    name: 'rateLimits.update', method: 'POST',
    setup: async (c) => {
      const pid = await project(c);
      return { pid, rid: (await c.rateLimits.listPage(pid)).data[0]!.id };
    },
    call: (c, x) => c.rateLimits.update(x.pid!, x.rid!, { max_requests_per_1_minute: 77 }),
    path: (x) => `${P}/${x.pid}/rate_limits/${x.rid}$`,
  },
  {
    name: 'modelPermissions.update', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.modelPermissions.update(x.pid!, { mode: 'allow_list', model_ids: ['gpt-4o'] }),
    path: (x) => `${P}/${x.pid}/model_permissions$`,
  },
  {
    name: 'modelPermissions.delete', method: 'DELETE',
    setup: async (c) => {
      const pid = await project(c);
      await c.modelPermissions.update(pid, { mode: 'deny_list', model_ids: ['o3'] });
      return { pid };
    },
    call: (c, x) => c.modelPermissions.delete(x.pid!),
    path: (x) => `${P}/${x.pid}/model_permissions$`,
  },
  {
    name: 'hostedToolPermissions.update', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.hostedToolPermissions.update(x.pid!, { web_search: { enabled: false } }),
    path: (x) => `${P}/${x.pid}/hosted_tool_permissions$`,
  },
  {
    name: 'projectApiKeys.update (expiry, scopes)', method: 'POST',
    setup: async (c) => {
      const pid = await project(c);
      return { pid, kid: (await c.serviceAccounts.create(pid, { name: unique('keyed robot') })).api_key!.id };
    },
    call: (c, x) => c.projectApiKeys.update(x.pid!, x.kid!, { expires_in_seconds: 30 * 86_400, scopes: ['api.model.request'] }),
    path: (x) => `${P}/${x.pid}/api_keys/${x.kid}$`,
  },
  {
    name: 'serviceTierSettings.update', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.serviceTierSettings.update(x.pid!, { default: 'scale', enabled_tiers: ['flex'] }),
    path: (x) => `${P}/${x.pid}/service_tier_settings$`,
  },
  {
    name: 'projectDataRetention.update', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.projectDataRetention.update(x.pid!, { retention_type: 'zero_data_retention' }),
    path: (x) => `${P}/${x.pid}/data_retention$`,
  },
  {
    name: 'projectSpendLimit.update', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.projectSpendLimit.update(x.pid!, { threshold_amount: 900, currency: 'USD', interval: 'month' }),
    path: (x) => `${P}/${x.pid}/spend_limit$`,
  },
  {
    name: 'projectSpendLimit.delete', method: 'DELETE',
    setup: async (c) => {
      const pid = await project(c);
      await c.projectSpendLimit.update(pid, { threshold_amount: 900, currency: 'USD', interval: 'month' });
      return { pid };
    },
    call: (c, x) => c.projectSpendLimit.delete(x.pid!),
    path: (x) => `${P}/${x.pid}/spend_limit$`,
  },
  {
    name: 'projectSpendAlerts.create', method: 'POST',
    setup: async (c) => ({ pid: await project(c) }),
    call: (c, x) => c.projectSpendAlerts.create(x.pid!, alert),
    path: (x) => `${P}/${x.pid}/spend_alerts$`,
    made: (f, x) => f.state.projectData.get(x.pid!)!.spendAlerts.size,
  },
  {
    name: 'projectSpendAlerts.delete', method: 'DELETE',
    setup: async (c) => {
      const pid = await project(c);
      return { pid, aid: (await c.projectSpendAlerts.create(pid, alert)).id };
    },
    call: (c, x) => c.projectSpendAlerts.delete(x.pid!, x.aid!),
    path: (x) => `${P}/${x.pid}/spend_alerts/${x.aid}$`,
  },
  {
    name: 'groups.create', method: 'POST',
    setup: async () => ({ name: unique('Fault group') }),
    call: (c, x) => c.groups.create({ name: x.name! }),
    path: () => '/organization/groups$',
    made: (f, x) => f.state.groups.values().filter((g) => g.name === x.name).length,
  },
  {
    name: 'groups.update (rename)', method: 'POST',
    setup: async (c) => ({ gid: (await c.groups.create({ name: unique('Fault group') })).id }),
    call: (c, x) => c.groups.update(x.gid!, { name: unique('Renamed group') }),
    path: (x) => `/organization/groups/${x.gid}$`,
  },
  {
    name: 'groups.delete', method: 'DELETE',
    setup: async (c) => ({ gid: (await c.groups.create({ name: unique('Fault group') })).id }),
    call: (c, x) => c.groups.delete(x.gid!),
    path: (x) => `/organization/groups/${x.gid}$`,
  },
  {
    name: 'groups.users.add', method: 'POST',
    setup: async (c, _f, users) => ({ gid: (await c.groups.create({ name: unique('Fault group') })).id, uid: users() }),
    call: (c, x) => c.groups.users.add(x.gid!, { user_id: x.uid! }),
    path: (x) => `/organization/groups/${x.gid}/users$`,
    made: (f, x) => f.state.groupMembers.get(x.gid!)?.values().filter((m) => m.id === x.uid).length ?? 0,
  },
  {
    name: 'groups.users.remove', method: 'DELETE',
    setup: async (c, _f, users) => {
      const x = { gid: (await c.groups.create({ name: unique('Fault group') })).id, uid: users() };
      await c.groups.users.add(x.gid, { user_id: x.uid });
      return x;
    },
    call: (c, x) => c.groups.users.remove(x.gid!, x.uid!),
    path: (x) => `/organization/groups/${x.gid}/users/${x.uid}$`,
  },
  {
    name: 'invites.create', method: 'POST',
    setup: async () => ({ email: `fault-${process.pid}-${++serial}@example.com` }),
    call: (c, x) => c.invites.create({ email: x.email!, role: 'reader' }),
    path: () => '/organization/invites$',
    made: (f, x) => f.state.invites.values().filter((i) => i.email === x.email).length,
  },
  {
    name: 'invites.delete', method: 'DELETE',
    setup: async (c) => ({ iid: (await c.invites.create({ email: `fault-${process.pid}-${++serial}@example.com`, role: 'reader' })).id }),
    call: (c, x) => c.invites.delete(x.iid!),
    path: (x) => `/organization/invites/${x.iid}$`,
  },
  {
    name: 'users.update (org role)', method: 'POST',
    setup: async (_c, _f, users) => ({ uid: users() }),
    call: (c, x) => c.users.update(x.uid!, { role: 'owner' }),
    path: (x) => `/organization/users/${x.uid}$`,
  },
  {
    name: 'users.delete', method: 'DELETE',
    setup: async (_c, _f, users) => ({ uid: users() }),
    call: (c, x) => c.users.delete(x.uid!),
    path: (x) => `/organization/users/${x.uid}$`,
  },
  {
    name: 'adminApiKeys.delete', method: 'DELETE',
    setup: async (c) => ({ kid: (await c.adminApiKeys.create({ name: unique('fault key') })).id }),
    call: (c, x) => c.adminApiKeys.delete(x.kid!),
    path: (x) => `/organization/admin_api_keys/${esc(x.kid!)}$`,
  },
  {
    name: 'spendAlerts.create', method: 'POST',
    setup: async () => ({}),
    call: (c) => c.spendAlerts.create(alert),
    path: () => '/organization/spend_alerts$',
  },
  {
    name: 'spendAlerts.delete', method: 'DELETE',
    setup: async (c) => ({ aid: (await c.spendAlerts.create(alert)).id }),
    call: (c, x) => c.spendAlerts.delete(x.aid!),
    path: (x) => `/organization/spend_alerts/${x.aid}$`,
  },
  {
    name: 'spendLimit.update', method: 'POST',
    setup: async () => ({}),
    call: (c) => c.spendLimit.update({ threshold_amount: 5000, currency: 'USD', interval: 'month' }),
    path: () => '/organization/spend_limit$',
  },
  {
    name: 'spendLimit.delete', method: 'DELETE', late: true,
    setup: async (c) => {
      await c.spendLimit.update({ threshold_amount: 5000, currency: 'USD', interval: 'month' });
      return {};
    },
    call: (c) => c.spendLimit.delete(),
    path: () => '/organization/spend_limit$',
  },
];
