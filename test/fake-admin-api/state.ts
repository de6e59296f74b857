// The fake's in-memory organisation. Records hold what the real service would store; the
// API-shaped objects are built from them in views.ts (e.g. a project member's name and email
// come from the org user, so they can never disagree).
//
// Tests may read and modify this directly. Mutations made outside the HTTP handlers should
// call `touch()` so cached derived data (usage streams) is rebuilt.
import type { components } from '../../src/api/schema';
import { Rng, ulidLike } from './rng';
import { Table } from './table';
import type { ViewCache } from './viewCache';

type S = components['schemas'];

export type OrgRole = 'owner' | 'reader';
export type ProjectRole = 'owner' | 'member';

export interface OrgUserRec {
  id: string;
  name: string;
  email: string;
  role: OrgRole;
  added_at: number;
  created: number;
  is_default: boolean;
  is_scim_managed: boolean;
  is_scale_tier_authorized_purchaser: boolean | null;
  picture: string | null;
  technical_level: string | null;
  developer_persona: string | null;
  api_key_last_used_at: number | null;
}

export interface ProjectRec {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
  status: 'active' | 'archived';
  external_key_id: string | null;
  residency: S['PublicProjectResidency'];
  /** The org's default project: cannot be renamed or archived. */
  is_default: boolean;
}

export interface MemberRec {
  id: string; // org user id
  role: ProjectRole;
  added_at: number;
}

export interface ServiceAccountRec {
  id: string;
  name: string;
  role: 'owner' | 'member' | 'none';
  created_at: number;
}

export type KeyOwner = { type: 'user'; id: string } | { type: 'service_account'; id: string };

export interface ApiKeyRec {
  id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  redacted_value: string;
  owner: KeyOwner;
  scopes: string[];
  /**
   * Unix seconds the key stops working; null (or absent, for records tests insert directly) for
   * a key that never expires.
   */
  expires_at?: number | null;
}

export type RateLimitRec = S['ProjectRateLimit'];
export type HostedToolsRec = S['ProjectHostedToolPermissions'];
export type ProjectRetention = S['ProjectDataRetention']['type'];
export type OrgRetention = S['OrganizationDataRetention']['type'];

export interface ModelPermissionsRec {
  mode: 'allow_list' | 'deny_list';
  model_ids: string[];
}

export interface SpendAlertRec {
  id: string;
  created_at: number;
  threshold_amount: number;
  currency: 'USD';
  interval: 'month';
  notification_channel: S['SpendAlertNotificationChannel'];
}

export interface SpendLimitRec {
  threshold_amount: number;
  currency: 'USD';
  interval: 'month';
  status: 'inactive' | 'enforcing';
}

export interface ProjectGroupRec {
  id: string; // group id
  created_at: number;
}

export interface RoleRec {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  resource_type: 'api.organization' | 'api.project';
  predefined_role: boolean;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  metadata: Record<string, unknown>;
  /** For custom project roles: the owning project. */
  project_id: string | null;
  /**
   * Predefined roles that mirror a membership role ('owner'/'reader' in the org, 'owner'/'member'
   * in a project). Those assignments are implied by the membership, not stored.
   */
  mirrors: 'owner' | 'reader' | 'member' | null;
}

export interface AssignmentRec {
  id: string; // role id
  created_at: number;
  created_by: string | null;
}

export interface GroupRec {
  id: string;
  name: string;
  created_at: number;
  is_scim_managed: boolean;
  group_type: 'group' | 'tenant_group';
}

export interface GroupMemberRec {
  id: string; // user id
  added_at: number;
}

export interface InviteRec {
  id: string;
  email: string;
  role: OrgRole;
  status: 'accepted' | 'expired' | 'pending';
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  projects: { id: string; role: ProjectRole }[];
}

export interface AdminKeyRec {
  id: string;
  name: string;
  redacted_value: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  owner: { type: 'user' | 'service_account'; id: string; name: string; created_at: number; role: string };
}

export interface CertificateRec {
  id: string;
  name: string | null;
  created_at: number;
  valid_at: number;
  expires_at: number;
  content: string;
  active: boolean;
  /** Projects where the certificate is active. */
  active_projects: string[];
}

/** Fields every external key has; the provider fields (kms_arn, vault_uri, …) sit alongside. */
export type ExternalKeyRec = Omit<S['ExternalKey'], 'object' | 'api_project_ids'> & {
  /** What validate reports: whether OpenAI can reach the key (decided at registration). */
  reachable: boolean;
};

export interface ExternalStorageRec {
  id: string;
  project_id: string;
  provider: S['ExternalStorageConfiguration']['provider'];
  geography: string;
  status: S['ExternalStorageConfiguration']['status'];
  created_at: number;
  /** The status the next validate reports (decided at registration, so it is deterministic). */
  health: 'validated' | 'degraded' | 'unhealthy';
}

export type WorkloadIdentityProviderRec = Omit<S['WorkloadIdentityProvider'], 'object'>;
export type FederationRuleRec = Omit<S['WorkloadIdentityFederationRule'], 'object'>;

export type ServiceTierSettingsRec = Omit<S['ProjectServiceTierSettings'], 'object'>;

export interface AuditLogRec {
  id: string;
  effective_at: number;
  log: S['AuditLog'];
  // Filter indexes, kept next to the log so filtering does not have to understand every type.
  project_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  resource_id: string | null;
}

/**
 * Everything that hangs off one project. Rate limits are built on first access: with thousands
 * of projects most are never looked at, and they are derived from the seed anyway.
 */
export class ProjectData {
  readonly members = new Table<MemberRec>();
  readonly serviceAccounts = new Table<ServiceAccountRec>();
  readonly apiKeys = new Table<ApiKeyRec>();
  modelPermissions: ModelPermissionsRec | null = null;
  hostedTools: HostedToolsRec = {
    file_search: { enabled: true },
    web_search: { enabled: true },
    image_generation: { enabled: true },
    mcp: { enabled: true },
    code_interpreter: { enabled: true },
  };
  dataRetention: ProjectRetention = 'organization_default';
  serviceTiers: ServiceTierSettingsRec = { default: 'standard', enabled_tiers: 'all' };
  readonly spendAlerts = new Table<SpendAlertRec>();
  spendLimit: SpendLimitRec | null = null;
  readonly groups = new Table<ProjectGroupRec>();
  /** Custom project roles; predefined project roles live in FakeState.projectPredefinedRoles. */
  readonly roles = new Table<RoleRec>();
  /** Vector store ids the project's usage refers to (file search, storage). */
  readonly vectorStores: string[] = [];
  private rateLimitTable: Table<RateLimitRec> | null = null;

  constructor(private readonly rateLimitSource: () => RateLimitRec[] = () => []) {}

  get rateLimits(): Table<RateLimitRec> {
    return (this.rateLimitTable ??= new Table(this.rateLimitSource()));
  }

  toJSON(): unknown {
    const { rateLimitSource: _source, rateLimitTable: _table, ...rest } = this;
    return { ...rest, rateLimits: this.rateLimits };
  }
}

export interface OrgRec {
  id: string;
  name: string;
  dataRetention: OrgRetention;
  spendLimit: SpendLimitRec | null;
}

/** What an Authorization bearer value maps to. */
export type Credential = { kind: 'admin'; keyId: string | null } | { kind: 'project'; keyId: string };

export class FakeState {
  readonly org: OrgRec;
  readonly users = new Table<OrgUserRec>();
  readonly projects = new Table<ProjectRec>();
  readonly projectData = new Map<string, ProjectData>();
  readonly groups = new Table<GroupRec>();
  readonly groupMembers = new Map<string, Table<GroupMemberRec>>();
  /** Org roles (predefined and custom). */
  readonly orgRoles = new Table<RoleRec>();
  /** Predefined project roles, shared by every project. */
  readonly projectPredefinedRoles = new Table<RoleRec>();
  /** Role assignments keyed by assignmentKey(scope, principalType, principalId). */
  readonly assignments = new Map<string, Table<AssignmentRec>>();
  readonly invites = new Table<InviteRec>();
  readonly adminKeys = new Table<AdminKeyRec>();
  readonly certificates = new Table<CertificateRec>();
  private auditTable: Table<AuditLogRec> | null = null;
  private auditSource: () => AuditLogRec[] = () => [];
  readonly orgSpendAlerts = new Table<SpendAlertRec>();
  /**
   * Test-only: a project's costs on one UTC day multiplied (key `${project_id} ${day index}`, the
   * day index being unix seconds / 86,400), so a test can put a known anomaly in the costs. Usage
   * counts are not changed. Set through `POST /__fake/cost-spikes`.
   */
  readonly costSpikes = new Map<string, number>();
  readonly externalKeys = new Table<ExternalKeyRec>();
  readonly externalStorage = new Table<ExternalStorageRec>();
  readonly workloadIdentityProviders = new Table<WorkloadIdentityProviderRec>();
  /** Federation rules per provider id. */
  readonly federationRules = new Map<string, Table<FederationRuleRec>>();
  /** Bearer secrets that exist (admin keys created through the API, project key values). */
  readonly credentials = new Map<string, Credential>();
  /** Incremented on every write; derived caches (usage streams) key on it. */
  version = 0;
  /** Listed items' JSON until the next write (viewCache.ts); only for fakes nothing mutates directly. */
  viewCache?: ViewCache;

  constructor(
    readonly seed: number,
    /** Unix seconds the generated data is anchored to. */
    readonly anchor: number,
    /** Source of ids and secrets for objects created through the API. */
    readonly rng: Rng,
    org: OrgRec,
  ) {
    this.org = org;
  }

  /** Current unix time in seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  /**
   * Audit history is large (up to 20k entries) and only one endpoint reads it, so it is built
   * on first access from a snapshot taken at generation time.
   */
  get auditLogs(): Table<AuditLogRec> {
    return (this.auditTable ??= new Table(this.auditSource()));
  }

  setAuditLogSource(source: () => AuditLogRec[]): void {
    this.auditSource = source;
    this.auditTable = null;
  }

  /** Forgets the secret of a deleted key, so it stops authenticating. */
  revokeKey(keyId: string): void {
    for (const [secret, cred] of this.credentials) if (cred.keyId === keyId) this.credentials.delete(secret);
  }

  touch(): void {
    this.version++;
  }

  project(id: string): ProjectData | undefined {
    return this.projectData.get(id);
  }

  groupMembersOf(groupId: string): Table<GroupMemberRec> {
    let t = this.groupMembers.get(groupId);
    if (!t) this.groupMembers.set(groupId, (t = new Table()));
    return t;
  }

  federationRulesOf(providerId: string): Table<FederationRuleRec> {
    let t = this.federationRules.get(providerId);
    if (!t) this.federationRules.set(providerId, (t = new Table()));
    return t;
  }

  assignmentsOf(scope: string, principalType: 'user' | 'group', principalId: string): Table<AssignmentRec> {
    const key = assignmentKey(scope, principalType, principalId);
    let t = this.assignments.get(key);
    if (!t) this.assignments.set(key, (t = new Table()));
    return t;
  }

  /** Projects (id, name, role) an org user is a member of, in project order. */
  membershipsOf(userId: string): { id: string; name: string; role: ProjectRole }[] {
    const out: { id: string; name: string; role: ProjectRole }[] = [];
    for (const p of this.projects.values()) {
      const m = this.projectData.get(p.id)?.members.get(userId);
      if (m) out.push({ id: p.id, name: p.name, role: m.role });
    }
    return out;
  }

  newId(prefix: string, len = 24): string {
    return prefix + this.rng.alnum(len);
  }

  newUlid(prefix: string): string {
    return prefix + ulidLike(this.rng, this.now());
  }

  /** Appends an audit log entry for a write made through the API (actor: the admin key). */
  audit(type: S['AuditLogEventType'], payload: Record<string, unknown>, refs: { project?: string; resource?: string } = {}): void {
    const at = this.now();
    const id = `audit_log-${this.rng.alnum(24)}`;
    const actor = { id: 'user-fake-admin-api', email: 'admin@acme.example' };
    const log = {
      id,
      type,
      effective_at: at,
      actor: { type: 'api_key' as const, api_key: { id: 'key_fake_admin_api', type: 'user' as const, user: actor } },
      ...(refs.project ? { project: { id: refs.project, name: this.projects.get(refs.project)?.name ?? '' } } : {}),
      [type]: payload,
    } as S['AuditLog'];
    this.auditLogs.insert({
      id,
      effective_at: at,
      log,
      project_id: refs.project ?? null,
      actor_id: actor.id,
      actor_email: actor.email,
      resource_id: refs.resource ?? null,
    });
  }

  /** Whole state as plain JSON (GET /__fake/state). */
  toJSON(): unknown {
    const mapOf = <V>(m: Map<string, V>) => Object.fromEntries(m);
    return {
      seed: this.seed,
      anchor: this.anchor,
      version: this.version,
      org: this.org,
      users: this.users,
      projects: this.projects,
      projectData: mapOf(this.projectData),
      groups: this.groups,
      groupMembers: mapOf(this.groupMembers),
      orgRoles: this.orgRoles,
      projectPredefinedRoles: this.projectPredefinedRoles,
      assignments: mapOf(this.assignments),
      invites: this.invites,
      adminKeys: this.adminKeys,
      certificates: this.certificates,
      auditLogs: this.auditLogs,
      orgSpendAlerts: this.orgSpendAlerts,
      externalKeys: this.externalKeys,
      externalStorage: this.externalStorage,
      workloadIdentityProviders: this.workloadIdentityProviders,
      federationRules: mapOf(this.federationRules),
    };
  }
}

export function assignmentKey(scope: string, principalType: 'user' | 'group', principalId: string): string {
  return `${scope}|${principalType}|${principalId}`;
}
