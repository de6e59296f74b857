// The organization as it is, read through the org store and turned into the file's shape, with the
// ids the plan needs. Only the lists the file format describes are read, each once: a list the tree
// or Load Organization already read is taken from the store, and a load in progress is joined.
import type { AssignedRole, OrganizationSpendAlert, ProjectSpendAlert, Role, WorkloadIdentityProvider } from '../../api';
import { listRef, type ListRef, type OrgStore, type ResourceName, type ItemOfResource } from '../store';
import type {
  FederationRuleSpec, GroupSpec, OrgFile, OrganizationSpec, ProjectSpec, RoleAssignmentSpec, RoleSpec, ServiceAccountSpec,
  SpendAlertSpec, SpendLimitSpec, WorkloadIdentityProviderSpec,
} from './format';
import { byKey, withFileNames } from './order';

/**
 * The organization as it is, read through the store, in the file's shape (every section filled),
 * plus the ids the plan needs to turn names and emails back into API calls.
 */
export interface LiveState {
  file: OrgFile;
  index: LiveIndex;
}

/** What the plan needs to know about one project that was read. */
export interface LiveProject {
  id: string;
  /** The project in the file's shape (every section filled, the same object as in `file.projects`). */
  spec: ProjectSpec;
  /** Project member email → user id. */
  memberIdByEmail: ReadonlyMap<string, string>;
  serviceAccountIdByName: ReadonlyMap<string, string>;
  /** Model → rate limit id. */
  rateLimitIdByModel: ReadonlyMap<string, string>;
  /** Every project role (predefined and custom) by name. */
  roleIdByName: ReadonlyMap<string, string>;
  /** Threshold → the spend alert's id. */
  spendAlertIdByThreshold: ReadonlyMap<number, string>;
  /** Group id → the id of the role the group holds as its access (ProjectGroupSpec.role). */
  groupRoleIdByGroupId: ReadonlyMap<string, string>;
}

/** Name → id lookups over what was read; the plan reads ids only from here. */
export interface LiveIndex {
  /** Active projects by name (every one, also those not read); a name two projects share maps to the first. */
  projectIdByName: ReadonlyMap<string, string>;
  /** Every active project (also those not read): id → name. */
  projectNameById: ReadonlyMap<string, string>;
  /** Names used by more than one active project: matching them needs an `id` pin. */
  ambiguousProjectNames: ReadonlySet<string>;
  /** Organization members. */
  userIdByEmail: ReadonlyMap<string, string>;
  groupIdByName: ReadonlyMap<string, string>;
  /** Organization roles, predefined and custom. */
  roleIdByName: ReadonlyMap<string, string>;
  /** The projects that were read, by id. */
  projects: ReadonlyMap<string, LiveProject>;
  spendAlertIdByThreshold: ReadonlyMap<number, string>;
  providerIdByName: ReadonlyMap<string, string>;
  /** Provider id → rule name (as the file names it, see `fileNames`) → rule id. */
  ruleIdByName: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** When the oldest list used was read (ms), for "as of". */
  readAt?: number;
}

export interface ReadLiveOptions {
  /** Project names to read; all active projects when left out. */
  projects?: readonly string[];
  signal?: AbortSignal;
  /** Called as lists finish loading, for a progress bar. */
  progress?: (done: number, total: number) => void;
  /** Lists read at once (default 8; the client's own limit may hold them to fewer). */
  concurrency?: number;
}

/** Loads into the store what it does not hold yet (sharing requests with the tree), then reads it out. */
export async function readLiveState(store: OrgStore, options: ReadLiveOptions = {}): Promise<LiveState> {
  const reader = new Reader(store, options);
  const [projects, members, groups, roles, spendLimit, spendAlerts, dataRetention, listedProviders] = await Promise.all([
    reader.load(listRef('projects')), reader.load(listRef('members')), reader.load(listRef('groups')), reader.load(listRef('roles')),
    reader.load(listRef('spendLimit')), reader.load(listRef('spendAlerts')), reader.load(listRef('dataRetention')),
    reader.load(listRef('workloadIdentityProviders')),
  ]);
  const providers = withFileNames(listedProviders);
  const wanted = options.projects ? new Set(options.projects) : undefined;
  const read = projects.filter((p) => !wanted || wanted.has(p.name ?? ''));
  // Role assignments are one request per principal: read only where a custom role exists to be assigned.
  const orgAssignable = roles.some((r) => !r.predefined_role);
  const [groupUsers, memberRoles, groupRoles, rules, projectParts] = await Promise.all([
    Promise.all(groups.map((g) => reader.load(listRef('groupUsers', g.id)))),
    orgAssignable ? Promise.all(members.map((u) => reader.load(listRef('memberRoles', u.id)))) : [],
    orgAssignable ? Promise.all(groups.map((g) => reader.load(listRef('groupRoles', g.id)))) : [],
    Promise.all(providers.map((p) => reader.load(listRef('federationRules', p.id)))),
    Promise.all(read.map((p) => readProject(reader, p.id))),
  ]);

  const orgAlerts = firstPerThreshold(spendAlerts);
  const userIdByEmail = new Map(members.flatMap((u) => (u.email ? [[u.email, u.id] as const] : [])));
  const emailById = new Map(members.flatMap((u) => (u.email ? [[u.id, u.email] as const] : [])));
  const groupIdByName = new Map(groups.map((g) => [g.name, g.id]));
  const groupNameById = new Map(groups.map((g) => [g.id, g.name]));
  const roleIdByName = new Map(roles.map((r) => [r.name, r.id]));
  const projectIdByName = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const p of projects) {
    const name = p.name ?? '';
    if (projectIdByName.has(name)) ambiguous.add(name);
    else projectIdByName.set(name, p.id);
  }
  const projectNameById = new Map(projects.map((p) => [p.id, p.name ?? '']));
  const ambiguousName = (projectId: string) => ambiguous.has(projectNameById.get(projectId) ?? '');

  // Organization.
  const roleAssignments: RoleAssignmentSpec[] = [];
  members.forEach((u, i) => {
    if (u.email) for (const r of memberRoles[i] ?? []) if (!r.predefined_role) roleAssignments.push({ role: r.name, user: u.email });
  });
  groups.forEach((g, i) => {
    for (const r of groupRoles[i] ?? []) if (!r.predefined_role) roleAssignments.push({ role: r.name, group: g.name });
  });
  const saNames = new Map<string, string>();
  for (const part of projectParts) for (const sa of part.serviceAccounts) saNames.set(`${part.id}\u0000${sa.id}`, sa.name);
  const ruleIdByName = new Map<string, Map<string, string>>();
  const providerSpecs = providers.map((p, i) => {
    const byName = new Map<string, string>();
    ruleIdByName.set(p.id, byName);
    const ruleSpecs = withFileNames(rules[i]!).map((r): FederationRuleSpec => {
      byName.set(r.name, r.id);
      return {
        name: r.name,
        ...(r.description ? { description: r.description } : {}),
        enabled: r.enabled,
        // A project another shares its name with is named by its id (as the file pins it).
        project: ambiguousName(r.project_id) ? r.project_id : projectNameById.get(r.project_id) ?? r.project_id,
        service_account: saNames.get(`${r.project_id}\u0000${r.service_account_id}`) ?? r.service_account_id,
        attribute_matchers: { ...r.attribute_matchers },
        ...(r.permissions.type === 'restricted' ? { scopes: [...r.permissions.scopes] } : {}),
      };
    });
    return providerSpec(p, ruleSpecs);
  });
  const organization: OrganizationSpec = {
    spend_limit: spendLimit[0] ? spendLimitSpec(spendLimit[0]) : null,
    spend_alerts: orgAlerts.map(spendAlertSpec),
    ...(dataRetention[0] ? { data_retention: dataRetention[0].type } : {}),
    groups: groups.map((g, i): GroupSpec => ({ name: g.name, members: groupUsers[i]!.flatMap((m) => {
      const email = m.email ?? emailById.get(m.id);
      return email ? [email] : [];
    }) })),
    roles: roles.filter((r) => !r.predefined_role).map(roleSpec),
    role_assignments: roleAssignments,
    workload_identity_providers: providerSpecs,
  };

  // Projects.
  const liveProjects = new Map<string, LiveProject>();
  const residencyById = new Map(read.map((p) => [p.id, p.residency]));
  const projectSpecs: ProjectSpec[] = [];
  for (const part of projectParts) {
    const name = projectNameById.get(part.id) ?? '';
    const { spec, live } = projectSpec(part, name, residencyById.get(part.id), { emailById, groupNameById, pinned: ambiguous.has(name) });
    projectSpecs.push(spec);
    liveProjects.set(part.id, live);
  }

  const file: OrgFile = { version: 1, organization, projects: projectSpecs };
  return {
    file,
    index: {
      projectIdByName, projectNameById, ambiguousProjectNames: ambiguous, userIdByEmail, groupIdByName, roleIdByName, projects: liveProjects,
      spendAlertIdByThreshold: new Map(orgAlerts.map((a) => [a.threshold_amount, a.id])),
      providerIdByName: new Map(providers.map((p) => [p.name, p.id])),
      ruleIdByName,
      readAt: reader.readAt(),
    },
  };
}

/** Everything read for one project. */
interface ProjectPart {
  id: string;
  users: ItemOfResource<'projectUsers'>[];
  serviceAccounts: ItemOfResource<'projectServiceAccounts'>[];
  rateLimits: ItemOfResource<'projectRateLimits'>[];
  modelPermissions: ItemOfResource<'modelPermissions'>[];
  hostedTools: ItemOfResource<'hostedToolPermissions'>[];
  serviceTier: ItemOfResource<'serviceTier'>[];
  groups: ItemOfResource<'projectGroups'>[];
  roles: Role[];
  spendLimit: ItemOfResource<'projectSpendLimit'>[];
  spendAlerts: ProjectSpendAlert[];
  dataRetention: ItemOfResource<'projectDataRetention'>[];
  groupRoles: AssignedRole[][];
  /** Empty when the project has no custom role (nothing to assign beyond the membership's). */
  userRoles: AssignedRole[][];
}

async function readProject(reader: Reader, id: string): Promise<ProjectPart> {
  const [users, serviceAccounts, rateLimits, modelPermissions, hostedTools, serviceTier, groups, roles, spendLimit, spendAlerts, dataRetention] = await Promise.all([
    reader.load(listRef('projectUsers', id)), reader.load(listRef('projectServiceAccounts', id)), reader.load(listRef('projectRateLimits', id)),
    reader.load(listRef('modelPermissions', id)), reader.load(listRef('hostedToolPermissions', id)), reader.load(listRef('serviceTier', id)),
    reader.load(listRef('projectGroups', id)), reader.load(listRef('projectRoles', id)), reader.load(listRef('projectSpendLimit', id)),
    reader.load(listRef('projectSpendAlerts', id)), reader.load(listRef('projectDataRetention', id)),
  ]);
  const assignable = roles.some((r) => !r.predefined_role);
  const [groupRoles, userRoles] = await Promise.all([
    Promise.all(groups.map((g) => reader.load(listRef('projectGroupRoles', id, g.group_id)))),
    assignable ? Promise.all(users.map((u) => reader.load(listRef('projectUserRoles', id, u.id)))) : [],
  ]);
  return {
    id, users: [...users], serviceAccounts: withFileNames(serviceAccounts), rateLimits: [...rateLimits], modelPermissions: [...modelPermissions],
    hostedTools: [...hostedTools], serviceTier: [...serviceTier], groups: [...groups], roles: [...roles], spendLimit: [...spendLimit],
    spendAlerts: firstPerThreshold(spendAlerts), dataRetention: [...dataRetention], groupRoles: groupRoles.map((r) => [...r]), userRoles: userRoles.map((r) => [...r]),
  };
}

function projectSpec(
  part: ProjectPart, name: string, residency: string | undefined,
  names: { emailById: ReadonlyMap<string, string>; groupNameById: ReadonlyMap<string, string>; pinned: boolean },
): { spec: ProjectSpec; live: LiveProject } {
  const roleIdByName = new Map(part.roles.map((r) => [r.name, r.id]));
  const groupRoleIdByGroupId = new Map<string, string>();
  const assignments: RoleAssignmentSpec[] = [];
  const groups = part.groups.map((g, i) => {
    const held = part.groupRoles[i] ?? [];
    // The access role is the predefined one the group holds (granting access assigns it); custom ones are assignments.
    const access = held.find((r) => r.predefined_role) ?? held[0];
    if (access) groupRoleIdByGroupId.set(g.group_id, access.id);
    const groupName = names.groupNameById.get(g.group_id) ?? g.group_name;
    for (const r of held) if (r !== access && !r.predefined_role) assignments.push({ role: r.name, group: groupName });
    return { group: groupName, role: access?.name ?? '' };
  });
  part.users.forEach((u, i) => {
    if (u.email) for (const r of part.userRoles[i] ?? []) if (!r.predefined_role) assignments.push({ role: r.name, user: u.email });
  });
  const tools = part.hostedTools[0];
  const tier = part.serviceTier[0];
  const permissions = part.modelPermissions[0];
  const spec: ProjectSpec = {
    name,
    ...(names.pinned ? { id: part.id } : {}),
    ...(residency ? { residency } : {}),
    // A member without an email cannot be named in a file (the API always gives one; the type allows none).
    members: part.users.flatMap((u) => (u.email ? [{ email: u.email, role: u.role as 'owner' | 'member' }] : [])),
    role_assignments: assignments,
    groups,
    service_accounts: part.serviceAccounts.map((sa): ServiceAccountSpec => (sa.role === 'owner' || sa.role === 'member' ? { name: sa.name, role: sa.role } : { name: sa.name })),
    roles: part.roles.filter((r) => !r.predefined_role).map(roleSpec),
    rate_limits: Object.fromEntries(part.rateLimits.map((rl) => {
      const { object: _o, id: _id, model: _m, ...limits } = rl;
      return [rl.model, limits];
    })),
    model_permissions: permissions ? { mode: permissions.mode, model_ids: [...permissions.model_ids] } : null,
    ...(tools ? { hosted_tools: { file_search: tools.file_search.enabled, web_search: tools.web_search.enabled, image_generation: tools.image_generation.enabled, mcp: tools.mcp.enabled, code_interpreter: tools.code_interpreter.enabled } } : {}),
    ...(tier ? { service_tier: { default: tier.default, enabled_tiers: Array.isArray(tier.enabled_tiers) ? [...tier.enabled_tiers] : tier.enabled_tiers } } : {}),
    spend_limit: part.spendLimit[0] ? spendLimitSpec(part.spendLimit[0]) : null,
    spend_alerts: part.spendAlerts.map(spendAlertSpec),
    ...(part.dataRetention[0] ? { data_retention: part.dataRetention[0].type } : {}),
  };
  return {
    spec,
    live: {
      id: part.id, spec,
      memberIdByEmail: new Map(part.users.flatMap((u) => (u.email ? [[u.email, u.id] as const] : []))),
      serviceAccountIdByName: new Map(part.serviceAccounts.map((sa) => [sa.name, sa.id])),
      rateLimitIdByModel: new Map(part.rateLimits.map((rl) => [rl.model, rl.id])),
      roleIdByName,
      spendAlertIdByThreshold: new Map(part.spendAlerts.map((a) => [a.threshold_amount, a.id])),
      groupRoleIdByGroupId,
    },
  };
}

/** The file identifies an alert by its threshold: of two at one threshold, the first stands for both. */
function firstPerThreshold<T extends { threshold_amount: number }>(alerts: readonly T[]): T[] {
  const seen = new Set<number>();
  return alerts.filter((a) => !seen.has(a.threshold_amount) && seen.add(a.threshold_amount));
}

function spendLimitSpec(limit: { threshold_amount: number; currency: string; interval: string }): SpendLimitSpec {
  return { threshold_amount: limit.threshold_amount, currency: limit.currency, interval: limit.interval };
}

function spendAlertSpec(alert: OrganizationSpendAlert | ProjectSpendAlert): SpendAlertSpec {
  const channel = alert.notification_channel;
  return {
    threshold_amount: alert.threshold_amount,
    recipients: [...channel.recipients],
    ...(channel.subject_prefix ? { subject_prefix: channel.subject_prefix } : {}),
  };
}

function roleSpec(r: Role): RoleSpec {
  return { name: r.name, ...(r.description ? { description: r.description } : {}), permissions: [...r.permissions] };
}

function providerSpec(p: WorkloadIdentityProvider, rules: FederationRuleSpec[]): WorkloadIdentityProviderSpec {
  return {
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    issuer: p.issuer,
    audience: p.audience,
    enabled: p.enabled,
    ...(p.verification.type === 'discovery' && p.verification.discovery_url ? { discovery_url: p.verification.discovery_url } : {}),
    attribute_transformations: p.attribute_transformations.map((t) => ({ attribute: t.attribute, expression: t.expression })),
    rules: rules.sort(byKey((r) => r.name)),
  };
}

/** Loads lists through the store with a bounded number at once, failing on the first list that fails. */
class Reader {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private total = 0;
  private done = 0;
  private oldest: number | undefined;
  private readonly limit: number;

  constructor(private readonly store: OrgStore, private readonly options: ReadLiveOptions) {
    this.limit = Math.max(1, options.concurrency ?? 8);
  }

  async load<R extends ResourceName>(ref: ListRef<R>): Promise<readonly ItemOfResource<R>[]> {
    this.total++;
    let list = this.store.peek(ref);
    // A list read to its end is answered at once, without taking a slot.
    if (!(list && list.isLoaded && !list.hasMore && list.error === undefined && !list.isLoading)) {
      if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
      this.running++;
      try {
        await this.store.loadAll(ref, this.options.signal);
        list = this.store.peek(ref)!;
      } finally {
        this.running--;
        this.queue.shift()?.();
      }
    }
    const at = list.readAt;
    if (at !== undefined && (this.oldest === undefined || at < this.oldest)) this.oldest = at;
    this.done++;
    this.options.progress?.(this.done, this.total);
    return list.items;
  }

  readAt(): number | undefined {
    return this.oldest;
  }
}
