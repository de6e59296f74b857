// Export (the live organization as a file) and the left side of Compare (the live organization
// limited to what a file manages, ordered like it).
import type {
  FederationRuleSpec, GroupSpec, OrgFile, OrganizationSpec, ProjectSpec, RoleAssignmentSpec, RoleSpec, WorkloadIdentityProviderSpec,
} from './format';
import type { LiveState } from './live';
import {
  assignmentKey, canonicalAlert, canonicalAssignment, canonicalFile, canonicalGroup, canonicalLimit, canonicalOrganization, canonicalProject,
  canonicalProvider, canonicalRole, canonicalRule,
} from './order';
import { matchProject } from './match';
import { yamlText } from './yamlText';

/**
 * The live organization (or the named projects) as a file, in a stable order. Projects carry an
 * `id` only where two share a name: a pinned id cannot exist in another organization, so a file
 * without them can be applied to a fresh one.
 */
export function exportOrgFile(live: LiveState, options: { projects?: readonly string[] } = {}): OrgFile {
  const wanted = options.projects ? new Set(options.projects) : undefined;
  const projects = (live.file.projects ?? []).filter((p) => !wanted || wanted.has(p.name));
  return canonicalFile({ version: 1, ...(wanted ? {} : { organization: live.file.organization }), projects });
}

/** YAML text of a file; the same state always gives the same text (canonical order, no time stamp). */
export function stringifyOrgFile(file: OrgFile): string {
  return toYaml(canonicalFile(file));
}

function toYaml(value: object): string {
  return yamlText(value as Record<string, unknown>);
}

/**
 * The left side of Compare: the live organization in the file's format, limited to the sections and
 * projects the file manages, and ordered like the file wherever an item is in both, so the diff
 * editor shows only drift. Items only in the organization follow, in canonical order. Projects the
 * file does not list are shown only when `prune.projects` would archive them (an organization of
 * 2,000 projects described by a file of three is not drift).
 */
export function liveForComparison(file: OrgFile, live: LiveState): string {
  const out: Record<string, unknown> = { version: 1 };
  const liveOrg = live.file.organization ?? {};
  if (file.organization) out.organization = organizationLike(file.organization, liveOrg);
  if (file.projects) {
    const matched = new Set<string>();
    const projects: ProjectSpec[] = [];
    for (const desired of file.projects) {
      const id = matchProject(desired, live.index).id;
      const lp = id ? live.index.projects.get(id) : undefined;
      if (!id || !lp) continue;
      matched.add(id);
      projects.push(projectLike(desired, lp.spec));
    }
    if (file.prune?.projects) {
      const extra = (live.file.projects ?? []).filter((p) => {
        const id = p.id ?? live.index.projectIdByName.get(p.name);
        return id !== undefined && !matched.has(id);
      });
      projects.push(...canonicalFile({ version: 1, projects: extra }).projects!);
    }
    out.projects = projects;
  }
  if (file.prune) out.prune = file.prune;
  return toYaml(out);
}

/** Items of `desired` that are live (in the file's order, shaped like the file's), then live items the file does not name. */
function likeFile<T>(desired: readonly T[], live: readonly T[], key: (item: T) => string, shape: (d: T, l: T) => T, canonical: (l: T) => T, sortKey?: (item: T) => string | number): T[] {
  const byKey = new Map(live.map((l) => [key(l), l]));
  const named = new Set<string>();
  const out: T[] = [];
  for (const d of desired) {
    const k = key(d);
    named.add(k);
    const l = byKey.get(k);
    if (l !== undefined) out.push(shape(d, l));
  }
  const extras = live.filter((l) => !named.has(key(l)));
  if (sortKey) extras.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return [...out, ...extras.map(canonical)];
}

/** Optional fields the file leaves out are not managed: leave them out of the live side too. */
function only<T extends object>(live: T, desired: T, optional: readonly (keyof T)[]): T {
  const out = { ...live };
  for (const k of optional) if (desired[k] === undefined) delete out[k];
  return out;
}

function stringsLike(desired: readonly string[], live: readonly string[]): string[] {
  return likeFile(desired, live, (s) => s, (_d, l) => l, (l) => l, (s) => s);
}

function organizationLike(desired: OrganizationSpec, live: OrganizationSpec): OrganizationSpec {
  const canon = canonicalOrganization(live);
  const out: OrganizationSpec = {};
  if (desired.spend_limit !== undefined) out.spend_limit = canonicalLimit(live.spend_limit) ?? null;
  if (desired.spend_alerts) {
    out.spend_alerts = likeFile(desired.spend_alerts, live.spend_alerts ?? [], (a) => String(a.threshold_amount),
      (d, l) => ({ ...canonicalAlert(l), recipients: stringsLike(d.recipients, l.recipients) }), canonicalAlert, (a) => a.threshold_amount);
  }
  if (desired.data_retention !== undefined) out.data_retention = live.data_retention;
  if (desired.groups) {
    out.groups = likeFile(desired.groups, live.groups ?? [], (g) => g.name,
      (d, l): GroupSpec => (d.members ? { name: l.name, members: stringsLike(d.members, l.members ?? []) } : { name: l.name }), canonicalGroup, (g) => g.name);
  }
  if (desired.roles) out.roles = likeFile(desired.roles, live.roles ?? [], (r) => r.name, roleLike, canonicalRole, (r) => r.name);
  if (desired.role_assignments) out.role_assignments = assignmentsLike(desired.role_assignments, canon.role_assignments ?? []);
  if (desired.workload_identity_providers) {
    out.workload_identity_providers = likeFile(desired.workload_identity_providers, live.workload_identity_providers ?? [], (p) => p.name,
      providerLike, canonicalProvider, (p) => p.name);
  }
  if (desired.prune) out.prune = desired.prune;
  return out;
}

function roleLike(d: RoleSpec, l: RoleSpec): RoleSpec {
  return canonicalRoleLike(l, stringsLike(d.permissions, l.permissions));
}

function canonicalRoleLike(l: RoleSpec, permissions: string[]): RoleSpec {
  return { ...canonicalRole(l), permissions };
}

function assignmentsLike(desired: readonly RoleAssignmentSpec[], live: readonly RoleAssignmentSpec[]): RoleAssignmentSpec[] {
  return likeFile(desired, live, assignmentKey, (_d, l) => canonicalAssignment(l), canonicalAssignment);
}

function providerLike(d: WorkloadIdentityProviderSpec, l: WorkloadIdentityProviderSpec): WorkloadIdentityProviderSpec {
  const shaped = only(canonicalProvider(l), d, ['enabled', 'discovery_url', 'attribute_transformations', 'rules']);
  if (d.rules) shaped.rules = likeFile(d.rules, l.rules ?? [], (r) => r.name, ruleLike, canonicalRule, (r) => r.name);
  if (d.prune) shaped.prune = d.prune;
  else delete shaped.prune;
  return shaped;
}

function ruleLike(d: FederationRuleSpec, l: FederationRuleSpec): FederationRuleSpec {
  return only(canonicalRule(l), d, ['enabled']);
}

function projectLike(d: ProjectSpec, l: ProjectSpec): ProjectSpec {
  const canon = canonicalProject(l);
  const out: ProjectSpec = { name: l.name };
  if (d.id !== undefined) out.id = d.id;
  if (d.residency !== undefined) out.residency = l.residency;
  if (d.members) {
    out.members = likeFile(d.members, l.members ?? [], (m) => m.email, (_d, m) => ({ email: m.email, role: m.role }), (m) => ({ email: m.email, role: m.role }), (m) => m.email);
  }
  if (d.role_assignments) out.role_assignments = assignmentsLike(d.role_assignments, canon.role_assignments ?? []);
  if (d.groups) out.groups = likeFile(d.groups, l.groups ?? [], (g) => g.group, (_d, g) => ({ group: g.group, role: g.role }), (g) => ({ group: g.group, role: g.role }), (g) => g.group);
  if (d.service_accounts) {
    out.service_accounts = likeFile(d.service_accounts, l.service_accounts ?? [], (s) => s.name, (ds, s) => only({ name: s.name, role: s.role }, ds, ['role']),
      (s) => (s.role ? { name: s.name, role: s.role } : { name: s.name }), (s) => s.name);
  }
  if (d.roles) out.roles = likeFile(d.roles, l.roles ?? [], (r) => r.name, roleLike, canonicalRole, (r) => r.name);
  if (d.rate_limits) {
    const limits: NonNullable<ProjectSpec['rate_limits']> = {};
    for (const [model, fields] of Object.entries(d.rate_limits)) {
      const have = l.rate_limits?.[model];
      if (!have) continue;
      limits[model] = Object.fromEntries(Object.keys(fields).filter((f) => f in have).map((f) => [f, have[f as keyof typeof have]]));
    }
    out.rate_limits = limits;
  }
  if (d.model_permissions !== undefined) {
    out.model_permissions = l.model_permissions ? { mode: l.model_permissions.mode, model_ids: d.model_permissions ? stringsLike(d.model_permissions.model_ids, l.model_permissions.model_ids) : l.model_permissions.model_ids } : null;
  }
  if (d.hosted_tools && l.hosted_tools) {
    out.hosted_tools = Object.fromEntries(Object.keys(d.hosted_tools).map((t) => [t, l.hosted_tools![t as keyof typeof l.hosted_tools]]));
  }
  if (d.service_tier) out.service_tier = canon.service_tier;
  if (d.spend_limit !== undefined) out.spend_limit = canonicalLimit(l.spend_limit) ?? null;
  if (d.spend_alerts) {
    out.spend_alerts = likeFile(d.spend_alerts, l.spend_alerts ?? [], (a) => String(a.threshold_amount),
      (da, a) => ({ ...canonicalAlert(a), recipients: stringsLike(da.recipients, a.recipients) }), canonicalAlert, (a) => a.threshold_amount);
  }
  if (d.data_retention !== undefined) out.data_retention = l.data_retention;
  if (d.prune) out.prune = d.prune;
  return out;
}
