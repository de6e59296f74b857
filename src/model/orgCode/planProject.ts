// One project of the file: created (or matched), then its members, service accounts, roles, groups,
// role assignments and settings. In a project this plan creates, every listed setting is sent (the
// new project's defaults are not known before it exists); in a live one only what differs.
import * as l10n from '@vscode/l10n';
import type { AdminClient, ProjectRateLimitUpdateRequest } from '../../api';
import { projectGroup } from '../plan';
import { deleteServiceAccountStep } from '../plan/orgSteps';
import { invalidate, listRef, remove, upsert } from '../store';
import { groupEffects, projectEffects, projectUserEffects, rateLimitEffects, serviceAccountEffects, unset } from '../writeEffects';
import type { HostedToolName, ProjectSpec, RateLimitSpec, ServiceTierSpec } from './format';
import type { LiveProject } from './live';
import { matchProject } from './match';
import { assignmentKey, HOSTED_TOOLS, sameSet } from './order';
import { groupTarget, spendAlertSteps, spendLimitSteps, type PlanContext, type ProjectTarget, type SpendScope, type Target } from './planContext';
import { planRoles } from './planOrganization';
import { callText, sharedLookup, show, type Ref } from './steps';
import { quoted } from '../plan/apiKeySteps';

const P = (ref: Ref) => `/organization/projects/${show(ref)}`;

/** Matches each project of the file and plans its creation; archives active projects the file leaves out under prune.projects. */
export function planProjectTargets(ctx: PlanContext, projects: readonly ProjectSpec[], pruneProjects: boolean): ProjectSpec[] {
  const { index } = ctx.live;
  const planned: ProjectSpec[] = [];
  const matched = new Set<string>();
  for (const spec of projects) {
    const { id, problem } = matchProject(spec, index);
    if (problem) {
      ctx.b.warn(problem);
      continue;
    }
    if (id) {
      matched.add(id);
      const live = index.projects.get(id);
      if (!live) {
        ctx.b.warn(l10n.t('Project {0} ({1}) was not read; nothing is planned for it.', quoted(spec.name), id));
        continue;
      }
      const liveName = index.projectNameById.get(id) ?? spec.name;
      const target = projectTarget(spec, { ref: { id, label: l10n.t('project {0}', quoted(liveName)) } }, projectGroup({ id, name: liveName }), live);
      ctx.projects.set(target.stepKey, target);
      planned.push(spec);
      if (liveName !== spec.name) {
        const body = { name: spec.name };
        ctx.b.add({
          id: ['rename-project', id], group: target.group, change: 'update', title: l10n.t('Rename project {0} → {1}', quoted(liveName), quoted(spec.name)),
          call: callText('POST', `/organization/projects/${id}`, body),
          run: async (c) => projectEffects.renamed(await c.client.projects.update(id, body, { signal: c.signal })),
        });
      }
      if (spec.residency !== undefined && live.spec.residency !== undefined && spec.residency !== live.spec.residency) {
        ctx.b.warn(l10n.t('Project {0}: residency is {1} and cannot be changed to {2} (only a new project takes a residency).', quoted(spec.name), live.spec.residency, spec.residency));
      }
      continue;
    }
    const key = `project:${spec.name}`;
    const body = { name: spec.name, ...(spec.residency ? { residency: spec.residency as never } : {}) };
    const group = l10n.t('Project {0} (new)', quoted(spec.name));
    const step = ctx.b.add({
      id: ['create-project', spec.name], group, change: 'create',
      title: spec.residency
        ? l10n.t('Create project {0} (residency {1})', quoted(spec.name), spec.residency)
        : l10n.t('Create project {0}', quoted(spec.name)),
      call: callText('POST', '/organization/projects', body),
      run: async (c) => {
        const created = await c.client.projects.create(body, { signal: c.signal });
        c.created(key, created.id);
        return projectEffects.created(created);
      },
    });
    const target = projectTarget(spec, { ref: { key, label: l10n.t('new project {0}', quoted(spec.name)) }, step }, group, undefined);
    ctx.projects.set(target.stepKey, target);
    planned.push(spec);
  }
  if (pruneProjects) {
    for (const [id, name] of index.projectNameById) {
      if (matched.has(id)) continue;
      ctx.b.add({
        id: ['archive-project', id], group: projectGroup({ id, name }), change: 'delete',
        title: l10n.t('Archive project {0} (its keys stop working; archived projects cannot be restored)', quoted(name)),
        call: callText('POST', `/organization/projects/${id}/archive`),
        run: async (c) => projectEffects.archived(await c.client.projects.archive(id, { signal: c.signal })),
      });
    }
  }
  return planned;
}

function projectTarget(spec: ProjectSpec, target: Target, group: string, live: LiveProject | undefined): ProjectTarget {
  const name = spec.name;
  const serviceAccounts = new Map<string, Target>();
  const roles = new Map<string, Target>();
  if (live) {
    for (const [n, id] of live.serviceAccountIdByName) serviceAccounts.set(n, { ref: { id, label: l10n.t('service account {0}', quoted(n)) } });
    for (const [n, id] of live.roleIdByName) roles.set(n, { ref: { id, label: l10n.t('role {0}', quoted(n)) } });
  }
  const out: ProjectTarget = { ...target, name, stepKey: projectStepKey(spec), group, live, serviceAccounts, roles, memberSteps: new Map(), groupSteps: new Map() };
  if (!live) {
    // A new project's predefined roles exist once it does; their ids are read (once) when a step needs one.
    const read = sharedLookup((client: AdminClient, signal: AbortSignal, projectId: string) => client.projectRoles.all(projectId, {}, { signal }));
    out.roleLookup = (roleName) => ({
      key: `${target.ref.key}:role:${roleName}`,
      label: l10n.t('role {0} of new project {1}', quoted(roleName), quoted(name)),
      lookup: async (client, signal, resolve) => (await read(client, signal, await resolve(target.ref))).find((r) => r.name === roleName)?.id,
    });
  }
  return out;
}

/** How a project's step ids name it: its name, and its pinned id (two projects may share a name). */
function projectStepKey(spec: Pick<ProjectSpec, 'name' | 'id'>): string {
  return spec.id ? `${spec.name} (${spec.id})` : spec.name;
}

function refKey(t: ProjectTarget): string {
  return t.ref.key ?? `project:${t.ref.id}`;
}

function projectRole(t: ProjectTarget, name: string): Target | undefined {
  return t.roles.get(name) ?? (t.roleLookup ? { ref: t.roleLookup(name) } : undefined);
}

/** Every section of one project the file lists. */
export function planProject(ctx: PlanContext, spec: ProjectSpec): void {
  const t = ctx.projects.get(projectStepKey(spec));
  if (!t) return;
  planMembers(ctx, t, spec);
  planServiceAccounts(ctx, t, spec);
  planRoles(ctx, { idParts: ['project', t.stepKey], group: t.group, path: `/projects/${show(t.ref)}/roles`, after: t.step, projectRef: t.ref, key: `${refKey(t)}:role` },
    spec.roles, t.live?.spec.roles ?? [], t.live?.roleIdByName ?? new Map(), !!spec.prune?.roles, t.roles);
  planProjectGroups(ctx, t, spec);
  planProjectAssignments(ctx, t, spec);
  planRateLimits(ctx, t, spec);
  planSettings(ctx, t, spec);
}

function planMembers(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  if (!spec.members) return;
  const { index } = ctx.live;
  const have = new Map((t.live?.spec.members ?? []).map((m) => [m.email, m]));
  for (const m of spec.members) {
    const userId = index.userIdByEmail.get(m.email);
    if (!userId) {
      ctx.b.warn(l10n.t('Project {0}: {1} is not a member of the organization (invite them first); not added.', quoted(spec.name), m.email));
      continue;
    }
    const h = have.get(m.email);
    if (!h) {
      const body = { user_id: userId, role: m.role };
      t.memberSteps.set(m.email, ctx.b.add({
        id: ['add-project-member', t.stepKey, m.email], group: t.group, change: 'create', title: l10n.t('Add {0} as {1}', m.email, m.role),
        call: callText('POST', `${P(t.ref)}/users`, body), after: [t.step],
        run: async (c) => {
          const pid = await c.id(t.ref);
          return projectUserEffects.added(pid, await c.client.projectUsers.create(pid, body, { signal: c.signal }));
        },
      }));
    } else if (h.role !== m.role) {
      const body = { role: m.role };
      const pid = t.live!.id;
      ctx.b.add({
        id: ['change-project-member-role', t.stepKey, m.email], group: t.group, change: 'update', title: l10n.t("Change {0}'s role: {1} → {2}", m.email, h.role, m.role),
        call: callText('POST', `/organization/projects/${pid}/users/${userId}`, body),
        run: async (c) => projectUserEffects.roleChanged(pid, await c.client.projectUsers.update(pid, userId, body, { signal: c.signal })),
      });
    }
  }
  if (!spec.prune?.members || !t.live) return;
  const wanted = new Set(spec.members.map((m) => m.email));
  const pid = t.live.id;
  for (const [email, userId] of t.live.memberIdByEmail) {
    if (wanted.has(email)) continue;
    ctx.b.add({
      id: ['remove-project-member', t.stepKey, email], group: t.group, change: 'delete', title: l10n.t('Remove {0} ({1}) from the project', email, have.get(email)?.role ?? 'member'),
      call: callText('DELETE', `/organization/projects/${pid}/users/${userId}`),
      run: async (c) => {
        await c.client.projectUsers.delete(pid, userId, { signal: c.signal });
        return projectUserEffects.removed(pid, userId);
      },
      goneEffects: projectUserEffects.removed(pid, userId),
    });
  }
}

function planServiceAccounts(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  if (!spec.service_accounts) return;
  const have = new Map((t.live?.spec.service_accounts ?? []).map((s) => [s.name, s]));
  for (const sa of spec.service_accounts) {
    const h = have.get(sa.name);
    const liveId = t.live?.serviceAccountIdByName.get(sa.name);
    if (!h || !liveId) {
      const key = `${refKey(t)}:sa:${sa.name}`;
      const body = { name: sa.name };
      const step = ctx.b.add({
        id: ['create-service-account', t.stepKey, sa.name], group: t.group, change: 'create',
        title: l10n.t('Create service account {0} (its API key is shown once)', quoted(sa.name)),
        call: callText('POST', `${P(t.ref)}/service_accounts`, body), after: [t.step],
        run: async (c) => {
          const pid = await c.id(t.ref);
          const created = await c.client.serviceAccounts.create(pid, body, { signal: c.signal });
          c.created(key, created.id);
          // The key exists only in this answer: it goes to the one-time dialog and nowhere else.
          const secret = created.api_key?.value;
          if (secret) await ctx.options.onServiceAccountKey?.({ project: spec.name, serviceAccount: sa.name, key: secret });
          return serviceAccountEffects.created(pid, created);
        },
      });
      const target: Target = { ref: { key, label: l10n.t('new service account {0}', quoted(sa.name)) }, step };
      t.serviceAccounts.set(sa.name, target);
      if (sa.role === 'owner') {
        const roleBody = { role: 'owner' as const };
        ctx.b.add({
          id: ['change-service-account-role', t.stepKey, sa.name], group: t.group, change: 'update', title: l10n.t('Make service account {0} an owner', quoted(sa.name)),
          call: callText('POST', `${P(t.ref)}/service_accounts/${show(target.ref)}`, roleBody), after: [step],
          run: async (c) => {
            const [pid, id] = [await c.id(t.ref), await c.id(target.ref)];
            return serviceAccountEffects.updated(pid, await c.client.serviceAccounts.update(pid, id, roleBody, { signal: c.signal }));
          },
        });
      }
    } else if (sa.role && sa.role !== h.role) {
      const pid = t.live!.id;
      const roleBody = { role: sa.role };
      ctx.b.add({
        id: ['change-service-account-role', t.stepKey, sa.name], group: t.group, change: 'update',
        title: l10n.t("Change service account {0}'s role: {1} → {2}", quoted(sa.name), h.role ?? l10n.t('none'), sa.role),
        call: callText('POST', `/organization/projects/${pid}/service_accounts/${liveId}`, roleBody),
        run: async (c) => serviceAccountEffects.updated(pid, await c.client.serviceAccounts.update(pid, liveId, roleBody, { signal: c.signal })),
      });
    }
  }
  if (!spec.prune?.service_accounts || !t.live) return;
  const wanted = new Set(spec.service_accounts.map((s) => s.name));
  for (const s of t.live.spec.service_accounts ?? []) {
    const id = t.live.serviceAccountIdByName.get(s.name);
    if (wanted.has(s.name) || !id) continue;
    const step = deleteServiceAccountStep({ id: t.live.id, name: spec.name }, { object: 'organization.project.service_account', id, name: s.name, role: s.role ?? 'member', created_at: 0 });
    ctx.b.add({ ...step, id: ['delete-service-account', t.stepKey, s.name], group: t.group, run: (c) => step.run(c.client, c.signal) });
  }
}

function planProjectGroups(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  if (!spec.groups) return;
  const have = new Map((t.live?.spec.groups ?? []).map((g) => [g.group, g]));
  for (const g of spec.groups) {
    const group = groupTarget(ctx, g.group);
    if (!group) {
      ctx.b.warn(l10n.t('Project {0}: no group {1} exists or is created by the file; not added.', quoted(spec.name), quoted(g.group)));
      continue;
    }
    const role = projectRole(t, g.role);
    if (!role) {
      ctx.b.warn(l10n.t('Project {0}: no project role {1}; group {2} not added.', quoted(spec.name), quoted(g.role), quoted(g.group)));
      continue;
    }
    const h = have.get(g.group);
    if (!h) {
      t.groupSteps.set(g.group, ctx.b.add({
        id: ['add-project-group', t.stepKey, g.group], group: t.group, change: 'create', title: l10n.t('Give group {0} access as {1}', quoted(g.group), quoted(g.role)),
        call: callText('POST', `${P(t.ref)}/groups`, { group_id: show(group.ref), role: show(role.ref) }), after: [t.step, group.step, role.step],
        run: async (c) => {
          const [pid, gid, rid] = [await c.id(t.ref), await c.id(group.ref), await c.id(role.ref)];
          const added = await c.client.projectGroups.add(pid, { group_id: gid, role: rid }, { signal: c.signal });
          return [...groupEffects.projectGroupAdded(pid, added), invalidate('projectGroupRoles', pid, gid)];
        },
      }));
    } else if (h.role !== g.role) {
      const pid = t.live!.id;
      const gid = group.ref.id!;
      const old = t.live!.groupRoleIdByGroupId.get(gid);
      ctx.b.add({
        id: ['change-project-group-role', t.stepKey, g.group], group: t.group, change: 'update', title: l10n.t("Change group {0}'s role: {1} → {2}", quoted(g.group), quoted(h.role), quoted(g.role)),
        call: `${callText('POST', `/projects/${pid}/groups/${gid}/roles`, { role_id: show(role.ref) })}${old ? `, then ${callText('DELETE', `/projects/${pid}/groups/${gid}/roles/${old}`)}` : ''}`,
        after: [role.step],
        run: async (c) => {
          const rid = await c.id(role.ref);
          await c.client.projectGroups.roles.assign(pid, gid, { role_id: rid }, { signal: c.signal });
          if (old) await c.client.projectGroups.roles.unassign(pid, gid, old, { signal: c.signal });
          return [invalidate('projectGroupRoles', pid, gid)];
        },
      });
    }
  }
  if (!spec.prune?.groups || !t.live) return;
  const wanted = new Set(spec.groups.map((g) => g.group));
  const pid = t.live.id;
  for (const g of t.live.spec.groups ?? []) {
    const gid = ctx.live.index.groupIdByName.get(g.group);
    if (wanted.has(g.group) || !gid) continue;
    const effects = [...groupEffects.projectGroupRemoved(pid, gid), invalidate('projectGroupRoles', pid, gid)];
    ctx.b.add({
      id: ['remove-project-group', t.stepKey, g.group], group: t.group, change: 'delete', title: l10n.t("Remove group {0}'s access ({1})", quoted(g.group), quoted(g.role)),
      call: callText('DELETE', `/organization/projects/${pid}/groups/${gid}`),
      run: async (c) => {
        await c.client.projectGroups.remove(pid, gid, { signal: c.signal });
        return effects;
      },
      goneEffects: effects,
    });
  }
}

function planProjectAssignments(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  if (!spec.role_assignments) return;
  const { index } = ctx.live;
  const live = t.live?.spec.role_assignments ?? [];
  const have = new Set(live.map(assignmentKey));
  const liveMembers = t.live?.memberIdByEmail ?? new Map<string, string>();
  const liveGroups = new Set((t.live?.spec.groups ?? []).map((g) => g.group));
  for (const a of spec.role_assignments) {
    if (have.has(assignmentKey(a))) continue;
    const role = projectRole(t, a.role);
    if (!role) {
      ctx.b.warn(l10n.t('Project {0}: no project role {1}; not assigned.', quoted(spec.name), quoted(a.role)));
      continue;
    }
    if (a.user !== undefined) {
      const userId = index.userIdByEmail.get(a.user);
      const memberStep = t.memberSteps.get(a.user);
      if (!userId || (!liveMembers.has(a.user) && !memberStep)) {
        ctx.b.warn(l10n.t('Project {0}: {1} is not a member of the project (add them under members); role {2} not assigned.', quoted(spec.name), a.user, quoted(a.role)));
        continue;
      }
      ctx.b.add({
        id: ['assign-project-role', t.stepKey, a.role, `user:${a.user}`], group: t.group, change: 'create', title: l10n.t('Assign role {0} to {1}', quoted(a.role), a.user),
        call: callText('POST', `/projects/${show(t.ref)}/users/${userId}/roles`, { role_id: show(role.ref) }), after: [t.step, memberStep, role.step],
        run: async (c) => {
          const [pid, rid] = [await c.id(t.ref), await c.id(role.ref)];
          await c.client.projectUsers.roles.assign(pid, userId, { role_id: rid }, { signal: c.signal });
          return projectUserEffects.roleAssigned(pid, userId);
        },
      });
      continue;
    }
    const group = groupTarget(ctx, a.group ?? '');
    const groupStep = t.groupSteps.get(a.group ?? '');
    if (!group || (!liveGroups.has(a.group ?? '') && !groupStep)) {
      ctx.b.warn(l10n.t('Project {0}: group {1} has no access to the project (list it under groups); role {2} not assigned.', quoted(spec.name), quoted(a.group ?? ''), quoted(a.role)));
      continue;
    }
    ctx.b.add({
      id: ['assign-project-role', t.stepKey, a.role, `group:${a.group}`], group: t.group, change: 'create', title: l10n.t('Assign role {0} to group {1}', quoted(a.role), quoted(a.group)),
      call: callText('POST', `/projects/${show(t.ref)}/groups/${show(group.ref)}/roles`, { role_id: show(role.ref) }), after: [t.step, groupStep, role.step],
      run: async (c) => {
        const [pid, gid, rid] = [await c.id(t.ref), await c.id(group.ref), await c.id(role.ref)];
        await c.client.projectGroups.roles.assign(pid, gid, { role_id: rid }, { signal: c.signal });
        return [invalidate('projectGroupRoles', pid, gid)];
      },
    });
  }
  if (!spec.prune?.role_assignments || !t.live) return;
  const pid = t.live.id;
  const wanted = new Set(spec.role_assignments.map(assignmentKey));
  for (const a of live) {
    if (wanted.has(assignmentKey(a))) continue;
    const roleId = t.live.roleIdByName.get(a.role);
    if (!roleId) continue;
    if (a.user !== undefined) {
      const userId = t.live.memberIdByEmail.get(a.user);
      if (!userId) continue;
      const effects = projectUserEffects.roleUnassigned(pid, userId, roleId);
      ctx.b.add({
        id: ['unassign-project-role', t.stepKey, a.role, `user:${a.user}`], group: t.group, change: 'delete', title: l10n.t('Unassign role {0} from {1}', quoted(a.role), a.user),
        call: callText('DELETE', `/projects/${pid}/users/${userId}/roles/${roleId}`),
        run: async (c) => {
          await c.client.projectUsers.roles.unassign(pid, userId, roleId, { signal: c.signal });
          return effects;
        },
        goneEffects: effects,
      });
    } else {
      const gid = index.groupIdByName.get(a.group ?? '');
      if (!gid) continue;
      const effects = [remove(listRef('projectGroupRoles', pid, gid), roleId)];
      ctx.b.add({
        id: ['unassign-project-role', t.stepKey, a.role, `group:${a.group}`], group: t.group, change: 'delete', title: l10n.t('Unassign role {0} from group {1}', quoted(a.role), quoted(a.group)),
        call: callText('DELETE', `/projects/${pid}/groups/${gid}/roles/${roleId}`),
        run: async (c) => {
          await c.client.projectGroups.roles.unassign(pid, gid, roleId, { signal: c.signal });
          return effects;
        },
        goneEffects: effects,
      });
    }
  }
}

const RATE_FIELDS: readonly (keyof RateLimitSpec)[] = [
  'max_requests_per_1_minute', 'max_tokens_per_1_minute', 'max_images_per_1_minute', 'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day', 'batch_1_day_max_input_tokens',
];

function planRateLimits(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  if (!spec.rate_limits) return;
  // A new project's rate limits exist once it does: read (once) when the first step needs an id.
  const read = sharedLookup((client: AdminClient, signal: AbortSignal, projectId: string) => client.rateLimits.all(projectId, {}, { signal }));
  for (const model of Object.keys(spec.rate_limits).sort()) {
    const want = spec.rate_limits[model]!;
    const have = t.live?.spec.rate_limits?.[model];
    const liveId = t.live?.rateLimitIdByModel.get(model);
    if (t.live && (!have || !liveId)) {
      ctx.b.warn(l10n.t('Project {0}: the project has no rate limit for model {1}; not set.', quoted(spec.name), quoted(model)));
      continue;
    }
    const body: ProjectRateLimitUpdateRequest = {};
    const changes: string[] = [];
    for (const field of RATE_FIELDS) {
      const value = want[field];
      if (value === undefined) continue;
      if (have && have[field] === undefined) {
        ctx.b.warn(l10n.t('Project {0}: {1} does not apply to model {2}; left out.', quoted(spec.name), field, quoted(model)));
        continue;
      }
      if (have && have[field] === value) continue;
      body[field] = value;
      changes.push(have ? `${field} ${have[field]} → ${value}` : `${field} ${value}`);
    }
    if (!changes.length) continue;
    const ref: Ref = liveId
      ? { id: liveId, label: l10n.t('rate limit of {0}', model) }
      : {
        key: `${refKey(t)}:rate-limit:${model}`, label: l10n.t('rate limit of {0} in new project {1}', model, quoted(spec.name)),
        lookup: async (client, signal, resolve) => (await read(client, signal, await resolve(t.ref))).find((r) => r.model === model)?.id,
      };
    ctx.b.add({
      id: ['set-rate-limits', t.stepKey, model], group: t.group, change: 'update', title: l10n.t('Set rate limits of {0}: {1}', model, changes.join(', ')),
      call: callText('POST', `${P(t.ref)}/rate_limits/${show(ref)}`, body), after: [t.step],
      run: async (c) => {
        const [pid, id] = [await c.id(t.ref), await c.id(ref)];
        return rateLimitEffects.updated(pid, await c.client.rateLimits.update(pid, id, body, { signal: c.signal }));
      },
    });
  }
}

function tierText(s: ServiceTierSpec | undefined): string {
  if (!s) return l10n.t('not set');
  return l10n.t('default {0}, enabled {1}', s.default, s.enabled_tiers === 'all' ? 'all' : s.enabled_tiers.join(', ') || l10n.t('none'));
}

function sameTier(a: ServiceTierSpec, b: ServiceTierSpec | undefined): boolean {
  if (!b || a.default !== b.default) return false;
  if (a.enabled_tiers === 'all' || b.enabled_tiers === 'all') return a.enabled_tiers === b.enabled_tiers;
  return sameSet(a.enabled_tiers, b.enabled_tiers);
}

function planSettings(ctx: PlanContext, t: ProjectTarget, spec: ProjectSpec): void {
  const live = t.live?.spec;
  const isNew = !t.live;
  const add = (kind: string, change: 'create' | 'update' | 'delete', title: string, call: string, run: (pid: string, c: Parameters<Parameters<typeof ctx.b.add>[0]['run']>[0]) => Promise<import('../store').StoreEffect[]>, gone?: import('../store').StoreEffect[]) =>
    ctx.b.add({ id: [kind, t.stepKey], group: t.group, change, title, call, after: [t.step], run: async (c) => run(await c.id(t.ref), c), goneEffects: gone });

  const mp = spec.model_permissions;
  if (mp === null && (isNew || live?.model_permissions)) {
    add('remove-model-permissions', 'delete', isNew
      ? l10n.t('Remove model restrictions (if any)')
      : l10n.t('Remove model restrictions ({0}: {1})', live!.model_permissions!.mode, live!.model_permissions!.model_ids.join(', ')),
      callText('DELETE', `${P(t.ref)}/model_permissions`),
      async (pid, c) => {
        await c.client.modelPermissions.delete(pid, { signal: c.signal });
        return [unset(listRef('modelPermissions', pid))];
      }, t.live ? [unset(listRef('modelPermissions', t.live.id))] : undefined);
  } else if (mp && (isNew || !live?.model_permissions || live.model_permissions.mode !== mp.mode || !sameSet(live.model_permissions.model_ids, mp.model_ids))) {
    const body = { mode: mp.mode, model_ids: [...mp.model_ids] };
    const before = live?.model_permissions ? `${live.model_permissions.mode}: ${live.model_permissions.model_ids.join(', ') || l10n.t('none')}` : l10n.t('no restrictions');
    const after = `${mp.mode}: ${mp.model_ids.join(', ') || l10n.t('none')}`;
    add('set-model-permissions', 'update', isNew ? l10n.t('Set model permissions {0}', after) : l10n.t('Change model permissions: {0} → {1}', before, after),
      callText('POST', `${P(t.ref)}/model_permissions`, body),
      async (pid, c) => [upsert(listRef('modelPermissions', pid), await c.client.modelPermissions.update(pid, body, { signal: c.signal }))]);
  }

  if (spec.hosted_tools) {
    const body: Partial<Record<HostedToolName, { enabled: boolean }>> = {};
    const changes: string[] = [];
    for (const tool of HOSTED_TOOLS) {
      const want = spec.hosted_tools[tool];
      if (want === undefined) continue;
      const have = live?.hosted_tools?.[tool];
      if (!isNew && have === want) continue;
      body[tool] = { enabled: want };
      changes.push(want ? l10n.t('{0} on', tool) : l10n.t('{0} off', tool));
    }
    if (changes.length) {
      add('set-hosted-tools', 'update', l10n.t('Set hosted tools: {0}', changes.join(', ')), callText('POST', `${P(t.ref)}/hosted_tool_permissions`, body),
        async (pid, c) => [upsert(listRef('hostedToolPermissions', pid), await c.client.hostedToolPermissions.update(pid, body, { signal: c.signal }))]);
    }
  }

  if (spec.service_tier && (isNew || !sameTier(spec.service_tier, live?.service_tier))) {
    const body = { default: spec.service_tier.default, enabled_tiers: spec.service_tier.enabled_tiers === 'all' ? 'all' as const : [...spec.service_tier.enabled_tiers] };
    add('set-service-tier', 'update', isNew
      ? l10n.t('Set service tiers: {0}', tierText(spec.service_tier))
      : l10n.t('Change service tiers: {0} → {1}', tierText(live?.service_tier), tierText(spec.service_tier)),
      callText('POST', `${P(t.ref)}/service_tier_settings`, body),
      async (pid, c) => [upsert(listRef('serviceTier', pid), await c.client.serviceTierSettings.update(pid, body, { signal: c.signal }))]);
  }

  if (spec.data_retention !== undefined && (isNew || spec.data_retention !== live?.data_retention)) {
    const body = { retention_type: spec.data_retention };
    add('set-data-retention', 'update', isNew
      ? l10n.t('Set data retention: {0}', spec.data_retention)
      : l10n.t('Set data retention: {0} → {1}', live?.data_retention ?? l10n.t('not set'), spec.data_retention),
      callText('POST', `${P(t.ref)}/data_retention`, body),
      async (pid, c) => [upsert(listRef('projectDataRetention', pid), await c.client.projectDataRetention.update(pid, body, { signal: c.signal }))]);
  }

  const liveId = t.live?.id;
  const scope: SpendScope = {
    idParts: ['project', t.stepKey], group: t.group, path: P(t.ref), after: t.step,
    limit: {
      set: async (c, body) => {
        const pid = await c.id(t.ref);
        return [upsert(listRef('projectSpendLimit', pid), await c.client.projectSpendLimit.update(pid, body, { signal: c.signal }))];
      },
      remove: async (c) => {
        const pid = await c.id(t.ref);
        await c.client.projectSpendLimit.delete(pid, { signal: c.signal });
        return [unset(listRef('projectSpendLimit', pid))];
      },
      gone: liveId ? [unset(listRef('projectSpendLimit', liveId))] : undefined,
    },
    alerts: {
      create: async (c, body) => {
        const pid = await c.id(t.ref);
        return [upsert(listRef('projectSpendAlerts', pid), await c.client.projectSpendAlerts.create(pid, body, { signal: c.signal }))];
      },
      update: async (c, id, body) => {
        const pid = await c.id(t.ref);
        return [upsert(listRef('projectSpendAlerts', pid), await c.client.projectSpendAlerts.update(pid, id, body, { signal: c.signal }))];
      },
      remove: async (c, id) => {
        const pid = await c.id(t.ref);
        await c.client.projectSpendAlerts.delete(pid, id, { signal: c.signal });
        return [remove(listRef('projectSpendAlerts', pid), id)];
      },
      gone: liveId ? (id) => [remove(listRef('projectSpendAlerts', liveId), id)] : undefined,
    },
  };
  spendLimitSteps(ctx, scope, spec.spend_limit, live?.spend_limit, isNew);
  spendAlertSteps(ctx, scope, spec.spend_alerts, live?.spend_alerts ?? [], t.live?.spendAlertIdByThreshold ?? new Map(), !!spec.prune?.spend_alerts);
}
