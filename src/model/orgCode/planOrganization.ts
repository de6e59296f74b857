// Organization-level sections: data retention, spend limit and alerts, custom roles, groups and
// their members, and role assignments of members and groups.
import * as l10n from '@vscode/l10n';
import type { Role } from '../../api';
import { listRef, remove, upsert, type StoreEffect } from '../store';
import { groupEffects, roleAssignmentEffects, roleEffects, unset } from '../writeEffects';
import type { OrganizationSpec, RoleAssignmentSpec, RoleSpec } from './format';
import { assignmentKey, sameSet } from './order';
import {
  organizationGroup, groupTarget, orgRoleTarget, spendAlertSteps, spendLimitSteps, type PlanContext, type SpendScope, type Target,
} from './planContext';
import { callText, show, type Ref, type RunContext } from './steps';
import { quoted } from '../plan/apiKeySteps';

const ORG_SPEND: SpendScope = {
  idParts: ['organization'],
  get group() { return organizationGroup(); },
  path: '/organization',
  limit: {
    set: async ({ client, signal }, body) => [upsert(listRef('spendLimit'), await client.spendLimit.update(body, { signal }))],
    remove: async ({ client, signal }) => {
      await client.spendLimit.delete({ signal });
      return [unset(listRef('spendLimit'))];
    },
    gone: [unset(listRef('spendLimit'))],
  },
  alerts: {
    create: async ({ client, signal }, body) => [upsert(listRef('spendAlerts'), await client.spendAlerts.create(body, { signal }))],
    update: async ({ client, signal }, id, body) => [upsert(listRef('spendAlerts'), await client.spendAlerts.update(id, body, { signal }))],
    remove: async ({ client, signal }, id) => {
      await client.spendAlerts.delete(id, { signal });
      return [remove(listRef('spendAlerts'), id)];
    },
    gone: (id) => [remove(listRef('spendAlerts'), id)],
  },
};

export function planOrganizationSettings(ctx: PlanContext, desired: OrganizationSpec): void {
  const live = ctx.live.file.organization ?? {};
  if (desired.data_retention !== undefined && desired.data_retention !== live.data_retention) {
    const body = { retention_type: desired.data_retention };
    ctx.b.add({
      id: ['set-data-retention', 'organization'], group: organizationGroup(), change: 'update',
      title: l10n.t('Set data retention: {0} → {1}', live.data_retention ?? l10n.t('not set'), desired.data_retention),
      call: callText('POST', '/organization/data_retention', body),
      run: async ({ client, signal }) => [upsert(listRef('dataRetention'), await client.dataRetention.update(body, { signal }))],
    });
  }
  spendLimitSteps(ctx, ORG_SPEND, desired.spend_limit, live.spend_limit, false);
  spendAlertSteps(ctx, ORG_SPEND, desired.spend_alerts, live.spend_alerts ?? [], ctx.live.index.spendAlertIdByThreshold, !!desired.prune?.spend_alerts);
}

/** Where custom roles live: the organization, or a project (whose id may come from its create step). */
export interface RoleScope {
  idParts: string[];
  group: string;
  /** Display path of the roles collection. */
  path: string;
  after?: string;
  projectRef?: Ref;
  /** Registry key prefix for roles this plan creates. */
  key: string;
}

/** Custom roles: created, updated (permissions as a set, description) or, with prune, deleted. Registers each in `targets`. */
export function planRoles(
  ctx: PlanContext, scope: RoleScope, desired: readonly RoleSpec[] | undefined, live: readonly RoleSpec[],
  liveIds: ReadonlyMap<string, string>, prune: boolean, targets: Map<string, Target>,
): void {
  if (!desired) return;
  const api = ({ client }: RunContext) => client;
  for (const r of desired) {
    const have = live.find((l) => l.name === r.name);
    const id = liveIds.get(r.name);
    const label = l10n.t('role {0}', quoted(r.name));
    if (!have || !id) {
      const key = `${scope.key}:${r.name}`;
      const body = { role_name: r.name, permissions: [...r.permissions], ...(r.description ? { description: r.description } : {}) };
      const step = ctx.b.add({
        id: ['create-role', ...scope.idParts, r.name], group: scope.group, change: 'create',
        title: r.permissions.length === 1
          ? l10n.t('Create role {0} with 1 permission', quoted(r.name))
          : l10n.t('Create role {0} with {1} permissions', quoted(r.name), r.permissions.length),
        call: callText('POST', scope.path, body), after: [scope.after],
        run: async (c) => {
          const projectId = scope.projectRef ? await c.id(scope.projectRef) : undefined;
          const created: Role = projectId
            ? await api(c).projectRoles.create(projectId, body, { signal: c.signal })
            : await api(c).roles.create(body, { signal: c.signal });
          c.created(key, created.id);
          return roleEffects.created(projectId, created);
        },
      });
      targets.set(r.name, { ref: { key, label: l10n.t('new role {0}', quoted(r.name)) }, step });
      continue;
    }
    targets.set(r.name, { ref: { id, label } });
    const changes: string[] = [];
    const body: { permissions?: string[]; description?: string | null } = {};
    if (!sameSet(r.permissions, have.permissions)) {
      body.permissions = [...r.permissions];
      const added = r.permissions.filter((p) => !have.permissions.includes(p));
      const dropped = have.permissions.filter((p) => !r.permissions.includes(p));
      changes.push(`${l10n.t('permissions')}${added.length ? ` +${added.join(' +')}` : ''}${dropped.length ? ` −${dropped.join(' −')}` : ''}`);
    }
    if ((r.description ?? '') !== (have.description ?? '')) {
      body.description = r.description ?? null;
      changes.push(l10n.t('description {0} → {1}', quoted(have.description ?? ''), quoted(r.description ?? '')));
    }
    if (!changes.length) continue;
    ctx.b.add({
      id: ['update-role', ...scope.idParts, r.name], group: scope.group, change: 'update',
      title: l10n.t('Change role {0}: {1}', quoted(r.name), changes.join('; ')),
      call: callText('POST', `${scope.path}/${id}`, body), after: [scope.after],
      run: async (c) => {
        const projectId = scope.projectRef ? await c.id(scope.projectRef) : undefined;
        const updated: Role = projectId
          ? await api(c).projectRoles.update(projectId, id, body, { signal: c.signal })
          : await api(c).roles.update(id, body, { signal: c.signal });
        return roleEffects.updated(projectId, updated);
      },
    });
  }
  if (!prune) return;
  const wanted = new Set(desired.map((r) => r.name));
  for (const l of live) {
    const id = liveIds.get(l.name);
    if (wanted.has(l.name) || !id) continue;
    const projectId = scope.projectRef?.id;
    ctx.b.add({
      id: ['delete-role', ...scope.idParts, l.name], group: scope.group, change: 'delete',
      title: l10n.t('Delete role {0} (its assignments go with it)', quoted(l.name)),
      call: callText('DELETE', `${scope.path}/${id}`), after: [scope.after],
      run: async (c) => {
        if (projectId) await api(c).projectRoles.delete(projectId, id, { signal: c.signal });
        else await api(c).roles.delete(id, { signal: c.signal });
        return roleEffects.deleted(projectId, id);
      },
      goneEffects: roleEffects.deleted(projectId, id),
    });
  }
}

export function planOrganizationRoles(ctx: PlanContext, desired: OrganizationSpec): void {
  const live = ctx.live.file.organization?.roles ?? [];
  planRoles(ctx, { idParts: ['organization'], group: organizationGroup(), path: '/organization/roles', key: 'role' },
    desired.roles, live, ctx.live.index.roleIdByName, !!desired.prune?.roles, ctx.orgRoles);
}

/** Groups: created, members added (and with prune.group_members removed), and with prune.groups deleted. */
export function planGroups(ctx: PlanContext, desired: OrganizationSpec): void {
  if (!desired.groups) return;
  const { index } = ctx.live;
  const live = ctx.live.file.organization?.groups ?? [];
  for (const g of desired.groups) {
    const heading = l10n.t('Group {0}', quoted(g.name));
    const have = live.find((l) => l.name === g.name);
    const liveId = index.groupIdByName.get(g.name);
    let target: Target;
    if (!have || !liveId) {
      const key = `group:${g.name}`;
      const body = { name: g.name };
      const step = ctx.b.add({
        id: ['create-group', g.name], group: heading, change: 'create', title: l10n.t('Create group {0}', quoted(g.name)),
        call: callText('POST', '/organization/groups', body),
        run: async (c) => {
          const created = await c.client.groups.create(body, { signal: c.signal });
          c.created(key, created.id);
          return groupEffects.created(created);
        },
      });
      target = { ref: { key, label: l10n.t('new group {0}', quoted(g.name)) }, step };
    } else {
      target = { ref: { id: liveId, label: l10n.t('group {0}', quoted(g.name)) } };
    }
    ctx.groups.set(g.name, target);
    if (!g.members) continue;
    const haveMembers = new Set(have?.members ?? []);
    for (const email of g.members) {
      if (haveMembers.has(email)) continue;
      const userId = index.userIdByEmail.get(email);
      if (!userId) {
        ctx.b.warn(l10n.t('Group {0}: {1} is not a member of the organization (invite them first); not added.', quoted(g.name), email));
        continue;
      }
      const body = { user_id: userId };
      ctx.b.add({
        id: ['add-group-member', g.name, email], group: heading, change: 'create', title: l10n.t('Add {0} to group {1}', email, quoted(g.name)),
        call: callText('POST', `/organization/groups/${show(target.ref)}/users`, body), after: [target.step],
        run: async (c) => {
          const groupId = await c.id(target.ref);
          await c.client.groups.users.add(groupId, body, { signal: c.signal });
          return groupEffects.userAdded(groupId);
        },
      });
    }
    if (desired.prune?.group_members && have && liveId) {
      const wanted = new Set(g.members);
      for (const email of have.members ?? []) {
        const userId = index.userIdByEmail.get(email);
        if (wanted.has(email) || !userId) continue;
        ctx.b.add({
          id: ['remove-group-member', g.name, email], group: heading, change: 'delete', title: l10n.t('Remove {0} from group {1}', email, quoted(g.name)),
          call: callText('DELETE', `/organization/groups/${liveId}/users/${userId}`),
          run: async (c) => {
            await c.client.groups.users.remove(liveId, userId, { signal: c.signal });
            return groupEffects.userRemoved(liveId, userId);
          },
          goneEffects: groupEffects.userRemoved(liveId, userId),
        });
      }
    }
  }
  if (!desired.prune?.groups) return;
  const wanted = new Set(desired.groups.map((g) => g.name));
  for (const l of live) {
    const id = index.groupIdByName.get(l.name);
    if (wanted.has(l.name) || !id) continue;
    ctx.b.add({
      id: ['delete-group', l.name], group: l10n.t('Group {0}', quoted(l.name)), change: 'delete',
      title: l10n.t('Delete group {0} ({1} members; it loses its project access and roles)', quoted(l.name), (l.members ?? []).length),
      call: callText('DELETE', `/organization/groups/${id}`),
      run: async (c) => {
        await c.client.groups.delete(id, { signal: c.signal });
        return groupEffects.deleted(id);
      },
      goneEffects: groupEffects.deleted(id),
    });
  }
}

/** Organization role assignments of members and groups (custom roles; with prune, unlisted custom ones are unassigned). */
export function planOrganizationAssignments(ctx: PlanContext, desired: OrganizationSpec): void {
  if (!desired.role_assignments) return;
  const { index } = ctx.live;
  const live = ctx.live.file.organization?.role_assignments ?? [];
  const have = new Set(live.map(assignmentKey));
  for (const a of desired.role_assignments) {
    if (have.has(assignmentKey(a))) continue;
    const role = orgRoleTarget(ctx, a.role);
    if (!role) {
      ctx.b.warn(l10n.t('Organization role assignment: no role {0} exists or is created by the file; not assigned.', quoted(a.role)));
      continue;
    }
    const principal = principalOf(ctx, a);
    if (!principal) continue;
    ctx.b.add({
      id: ['assign-role', 'organization', a.role, principal.what], group: organizationGroup(), change: 'create',
      title: l10n.t('Assign role {0} to {1}', quoted(a.role), principal.text),
      call: callText('POST', `/organization/${principal.kind === 'user' ? 'users' : 'groups'}/${show(principal.target.ref)}/roles`, { role_id: show(role.ref) }),
      after: [role.step, principal.target.step],
      run: async (c) => {
        const [principalId, roleId] = [await c.id(principal.target.ref), await c.id(role.ref)];
        const body = { role_id: roleId };
        if (principal.kind === 'user') await c.client.users.roles.assign(principalId, body, { signal: c.signal });
        else await c.client.groups.roles.assign(principalId, body, { signal: c.signal });
        return roleAssignmentEffects(principal.kind === 'user' ? 'memberRoles' : 'groupRoles', principalId, { assigned: roleId });
      },
    });
  }
  if (!desired.prune?.role_assignments) return;
  const wanted = new Set(desired.role_assignments.map(assignmentKey));
  for (const a of live) {
    if (wanted.has(assignmentKey(a))) continue;
    const roleId = index.roleIdByName.get(a.role);
    const principalId = a.user !== undefined ? index.userIdByEmail.get(a.user) : index.groupIdByName.get(a.group ?? '');
    if (!roleId || !principalId) continue;
    const kind = a.user !== undefined ? 'user' : 'group';
    const effects: StoreEffect[] = roleAssignmentEffects(kind === 'user' ? 'memberRoles' : 'groupRoles', principalId, { unassigned: roleId });
    ctx.b.add({
      id: ['unassign-role', 'organization', a.role, kind === 'user' ? `user:${a.user}` : `group:${a.group}`], group: organizationGroup(), change: 'delete',
      title: kind === 'user'
        ? l10n.t('Unassign role {0} from {1}', quoted(a.role), a.user!)
        : l10n.t('Unassign role {0} from group {1}', quoted(a.role), quoted(a.group)),
      call: callText('DELETE', `/organization/${kind === 'user' ? 'users' : 'groups'}/${principalId}/roles/${roleId}`),
      run: async (c) => {
        if (kind === 'user') await c.client.users.roles.unassign(principalId, roleId, { signal: c.signal });
        else await c.client.groups.roles.unassign(principalId, roleId, { signal: c.signal });
        return effects;
      },
      goneEffects: effects,
    });
  }
}

/** The member or group an assignment names, or undefined (with a plan-time problem) when it does not exist. */
function principalOf(ctx: PlanContext, a: RoleAssignmentSpec): { kind: 'user' | 'group'; target: Target; text: string; what: string } | undefined {
  if (a.user !== undefined) {
    const id = ctx.live.index.userIdByEmail.get(a.user);
    if (!id) {
      ctx.b.warn(l10n.t('Organization role assignment: {0} is not a member of the organization (invite them first); role {1} not assigned.', a.user, quoted(a.role)));
      return undefined;
    }
    return { kind: 'user', target: { ref: { id, label: a.user } }, text: a.user, what: `user:${a.user}` };
  }
  const group = groupTarget(ctx, a.group ?? '');
  if (!group) {
    ctx.b.warn(l10n.t('Organization role assignment: no group {0} exists or is created by the file; role {1} not assigned.', quoted(a.group ?? ''), quoted(a.role)));
    return undefined;
  }
  return { kind: 'group', target: group, text: l10n.t('group {0}', quoted(a.group)), what: `group:${a.group}` };
}
