// The file's canonical form: keys in the order format.ts declares them, lists in a stable order
// (by name, email, threshold), values that are sets sorted. Export writes it; Compare orders the
// live side with it; the plan compares sets and defaults through the same helpers, so "equal" means
// the same thing in the diff and in the plan.
import type {
  FederationRuleSpec, GroupSpec, OrgFile, OrganizationSpec, ProjectSpec, RateLimitSpec, RoleAssignmentSpec, RoleSpec, SpendAlertSpec,
  SpendLimitSpec, WorkloadIdentityProviderSpec,
} from './format';

/** A comparator by a string (or number) key, in code-point order so it does not depend on the locale. */
export function byKey<T>(key: (item: T) => string | number): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

export function sorted<T extends string | number>(values: readonly T[]): T[] {
  return [...values].sort(byKey((v) => v));
}

/** Two lists holding the same values, in any order. */
export function sameSet<T extends string | number>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = sorted([...new Set(a)]);
  const y = sorted([...new Set(b)]);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Deep equality of JSON values, object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The names objects have in the file, which identifies them by name within their scope. The API
 * allows a federation rule without a name, and two service accounts, providers or rules with one
 * name: an unnamed object is named after its id, and the second of two with one name gets its id
 * after the name. The names are stable (ids do not change), so export → plan is empty, and Apply
 * elsewhere creates the objects under these names, so export → apply → export gives the same file.
 */
export function fileNames(items: readonly { id: string; name?: string | null }[]): string[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let name = item.name || `unnamed ${item.id}`;
    if (seen.has(name)) name = `${name} (${item.id})`;
    seen.add(name);
    return name;
  });
}

/** The items with their file names (see `fileNames`). */
export function withFileNames<T extends { id: string; name?: string | null }>(items: readonly T[]): (T & { name: string })[] {
  const names = fileNames(items);
  return items.map((item, i) => ({ ...item, name: names[i]! }));
}

/** A spend limit with its defaults filled in, for comparing. */
export function fullLimit(limit: SpendLimitSpec): Required<SpendLimitSpec> {
  return { threshold_amount: limit.threshold_amount, currency: limit.currency ?? 'USD', interval: limit.interval ?? 'month' };
}

export function sameLimit(a: SpendLimitSpec | null | undefined, b: SpendLimitSpec | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return sameJson(fullLimit(a), fullLimit(b));
}

/** Same recipients (any order) and subject prefix. */
export function sameAlert(a: SpendAlertSpec, b: SpendAlertSpec): boolean {
  return sameSet(a.recipients, b.recipients) && (a.subject_prefix ?? '') === (b.subject_prefix ?? '');
}

/** "role|user:ada@x" / "role|group:Platform": an assignment's identity. */
export function assignmentKey(a: RoleAssignmentSpec): string {
  return `${a.role}\u0000${a.user !== undefined ? `user:${a.user}` : `group:${a.group ?? ''}`}`;
}

/** Keys in this order first (undefined values left out), then any others in code-point order. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const k of keys) {
    if (value[k] !== undefined) {
      out[k as string] = value[k];
      n++;
    }
  }
  const all = Object.keys(value);
  if (all.length > n) {
    const rest = value as Record<string, unknown>;
    for (const k of sorted(all)) if (!(k in out) && rest[k] !== undefined) out[k] = rest[k];
  }
  return out as T;
}

const PRUNE_KEYS = (p: object | undefined) => (p ? ordered(p, sorted(Object.keys(p)) as never[]) : undefined);

export function canonicalLimit(limit: SpendLimitSpec | null | undefined): SpendLimitSpec | null | undefined {
  if (!limit) return limit;
  // The defaults are left out, as a person would write it.
  return ordered({
    threshold_amount: limit.threshold_amount,
    currency: limit.currency && limit.currency !== 'USD' ? limit.currency : undefined,
    interval: limit.interval && limit.interval !== 'month' ? limit.interval : undefined,
  }, ['threshold_amount', 'currency', 'interval']);
}

export function canonicalAlert(a: SpendAlertSpec): SpendAlertSpec {
  return ordered({ ...a, recipients: sorted(a.recipients) }, ['threshold_amount', 'recipients', 'subject_prefix']);
}

export function canonicalGroup(g: GroupSpec): GroupSpec {
  return ordered({ ...g, members: g.members && sorted(g.members) }, ['name', 'members']);
}

export function canonicalRole(r: RoleSpec): RoleSpec {
  return ordered({ ...r, permissions: sorted(r.permissions) }, ['name', 'description', 'permissions']);
}

export function canonicalAssignment(a: RoleAssignmentSpec): RoleAssignmentSpec {
  return ordered(a, ['role', 'user', 'group']);
}

export function canonicalRule(r: FederationRuleSpec): FederationRuleSpec {
  return ordered({
    ...r,
    attribute_matchers: ordered(r.attribute_matchers, sorted(Object.keys(r.attribute_matchers))),
    scopes: r.scopes && sorted(r.scopes),
  }, ['name', 'description', 'enabled', 'project', 'service_account', 'attribute_matchers', 'scopes']);
}

export function canonicalProvider(p: WorkloadIdentityProviderSpec): WorkloadIdentityProviderSpec {
  return ordered({
    ...p,
    attribute_transformations: p.attribute_transformations?.map((t) => ordered(t, ['attribute', 'expression'])),
    rules: p.rules && [...p.rules].sort(byKey((r) => r.name)).map(canonicalRule),
    prune: PRUNE_KEYS(p.prune),
  }, ['name', 'description', 'issuer', 'audience', 'enabled', 'discovery_url', 'attribute_transformations', 'rules', 'prune']);
}

const RATE_LIMIT_KEYS: readonly (keyof RateLimitSpec)[] = [
  'max_requests_per_1_minute', 'max_tokens_per_1_minute', 'max_images_per_1_minute', 'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day', 'batch_1_day_max_input_tokens',
];
export const HOSTED_TOOLS = ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'] as const;

const assignmentOrder = byKey<RoleAssignmentSpec>((a) => `${a.role}\u0000${a.user !== undefined ? `0${a.user}` : `1${a.group ?? ''}`}`);

export function canonicalOrganization(o: OrganizationSpec): OrganizationSpec {
  return ordered({
    ...o,
    spend_limit: canonicalLimit(o.spend_limit),
    spend_alerts: o.spend_alerts && [...o.spend_alerts].sort(byKey((a) => a.threshold_amount)).map(canonicalAlert),
    groups: o.groups && [...o.groups].sort(byKey((g) => g.name)).map(canonicalGroup),
    roles: o.roles && [...o.roles].sort(byKey((r) => r.name)).map(canonicalRole),
    role_assignments: o.role_assignments && [...o.role_assignments].sort(assignmentOrder).map(canonicalAssignment),
    workload_identity_providers: o.workload_identity_providers && [...o.workload_identity_providers].sort(byKey((p) => p.name)).map(canonicalProvider),
    prune: PRUNE_KEYS(o.prune),
  }, ['spend_limit', 'spend_alerts', 'data_retention', 'groups', 'roles', 'role_assignments', 'workload_identity_providers', 'prune']);
}

export function canonicalProject(p: ProjectSpec): ProjectSpec {
  return ordered({
    ...p,
    members: p.members && [...p.members].sort(byKey((m) => m.email)).map((m) => ordered(m, ['email', 'role'])),
    role_assignments: p.role_assignments && [...p.role_assignments].sort(assignmentOrder).map(canonicalAssignment),
    groups: p.groups && [...p.groups].sort(byKey((g) => g.group)).map((g) => ordered(g, ['group', 'role'])),
    service_accounts: p.service_accounts && [...p.service_accounts].sort(byKey((s) => s.name)).map((s) => ordered(s, ['name', 'role'])),
    roles: p.roles && [...p.roles].sort(byKey((r) => r.name)).map(canonicalRole),
    rate_limits: p.rate_limits && Object.fromEntries(sorted(Object.keys(p.rate_limits)).map((m) => [m, ordered(p.rate_limits![m]!, RATE_LIMIT_KEYS)])),
    model_permissions: p.model_permissions && ordered({ ...p.model_permissions, model_ids: sorted(p.model_permissions.model_ids) }, ['mode', 'model_ids']),
    hosted_tools: p.hosted_tools && ordered(p.hosted_tools, HOSTED_TOOLS),
    service_tier: p.service_tier && ordered({
      ...p.service_tier,
      enabled_tiers: Array.isArray(p.service_tier.enabled_tiers) ? sorted(p.service_tier.enabled_tiers) : p.service_tier.enabled_tiers,
    }, ['default', 'enabled_tiers']),
    spend_limit: canonicalLimit(p.spend_limit),
    spend_alerts: p.spend_alerts && [...p.spend_alerts].sort(byKey((a) => a.threshold_amount)).map(canonicalAlert),
    prune: PRUNE_KEYS(p.prune),
  }, ['name', 'id', 'residency', 'members', 'role_assignments', 'groups', 'service_accounts', 'roles', 'rate_limits', 'model_permissions',
    'hosted_tools', 'service_tier', 'spend_limit', 'spend_alerts', 'data_retention', 'prune']);
}

export function canonicalFile(f: OrgFile): OrgFile {
  return ordered({
    ...f,
    organization: f.organization && canonicalOrganization(f.organization),
    projects: f.projects && [...f.projects].sort(byKey((p) => `${p.name}\u0000${p.id ?? ''}`)).map(canonicalProject),
    prune: PRUNE_KEYS(f.prune),
  }, ['version', 'organization', 'projects', 'prune']);
}
