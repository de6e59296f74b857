// The shape of a `*.openai-org.yaml` file once it has been parsed and validated: the desired state of
// an organization, named by name and email rather than id, so one file can describe a fresh organization
// and a reviewer can read it. Keys are the API's own field names where one exists, so an admin who
// knows the API or the Terraform provider reads it without a glossary. `schemas/openai-org.schema.json`
// describes the same shape for editors (yamlValidation); the validator checks a file against both.
//
// Every section is optional: a section the file leaves out is not managed (no drift, no change).
// A listed section is managed additively: items in the file are created or updated, items only in the
// organization are left alone unless that object's `prune` names the section.

/** Bumped only with a migration; the validator refuses any other value. */
export const ORG_FILE_VERSION = 1;

export interface OrgFile {
  version: 1;
  organization?: OrganizationSpec;
  projects?: ProjectSpec[];
  /** `{ projects: true }` archives active projects the file does not list. */
  prune?: { projects?: boolean };
}

export interface SpendLimitSpec {
  threshold_amount: number;
  /** Defaults to 'USD' when left out; the API has no other today. */
  currency?: string;
  /** Defaults to 'month'. */
  interval?: string;
}

/** A spend alert is identified by its threshold: two alerts at one threshold are one alert. */
export interface SpendAlertSpec {
  threshold_amount: number;
  /** Email recipients. */
  recipients: string[];
  subject_prefix?: string;
}

export type OrganizationRetention =
  | 'zero_data_retention' | 'modified_abuse_monitoring'
  | 'enhanced_zero_data_retention' | 'enhanced_modified_abuse_monitoring';

export interface GroupSpec {
  name: string;
  /** Member emails. */
  members?: string[];
}

/** A custom role (predefined roles are never written to the file and never changed). */
export interface RoleSpec {
  name: string;
  description?: string;
  permissions: string[];
}

/** Exactly one of `user` (an email) or `group` (a group name). `role` names a role of the scope. */
export interface RoleAssignmentSpec {
  role: string;
  user?: string;
  group?: string;
}

export interface FederationRuleSpec {
  name: string;
  description?: string;
  enabled?: boolean;
  /**
   * Project name; the service account is looked up by name in that project. Export writes the
   * project's id instead where two active projects share the name (as it pins them with `id`).
   */
  project: string;
  service_account: string;
  attribute_matchers: Record<string, string | number | boolean>;
  /** Leave out for the service account's default permissions. */
  scopes?: string[];
}

export interface WorkloadIdentityProviderSpec {
  name: string;
  description?: string;
  issuer: string;
  audience: string;
  enabled?: boolean;
  /** JWKS discovery URL; leave out to use the issuer's `.well-known` document. */
  discovery_url?: string;
  attribute_transformations?: { attribute: string; expression: string }[];
  rules?: FederationRuleSpec[];
  prune?: { rules?: boolean };
}

export interface OrganizationSpec {
  /** `null` means "no spend limit" (removes one that is set). */
  spend_limit?: SpendLimitSpec | null;
  spend_alerts?: SpendAlertSpec[];
  data_retention?: OrganizationRetention;
  groups?: GroupSpec[];
  roles?: RoleSpec[];
  role_assignments?: RoleAssignmentSpec[];
  workload_identity_providers?: WorkloadIdentityProviderSpec[];
  prune?: {
    spend_alerts?: boolean;
    groups?: boolean;
    /** Removes group members the file does not list, in groups the file lists. */
    group_members?: boolean;
    roles?: boolean;
    role_assignments?: boolean;
    workload_identity_providers?: boolean;
  };
}

export interface ProjectMemberSpec {
  email: string;
  role: 'owner' | 'member';
}

export interface ServiceAccountSpec {
  name: string;
  role?: 'owner' | 'member';
}

export interface ProjectGroupSpec {
  /** Group name (organization group). */
  group: string;
  /** Project role name. */
  role: string;
}

/** Limits per minute (and per day where the API has them); left-out fields are not managed. */
export interface RateLimitSpec {
  max_requests_per_1_minute?: number;
  max_tokens_per_1_minute?: number;
  max_images_per_1_minute?: number;
  max_audio_megabytes_per_1_minute?: number;
  max_requests_per_1_day?: number;
  batch_1_day_max_input_tokens?: number;
}

export interface ModelPermissionsSpec {
  mode: 'allow_list' | 'deny_list';
  model_ids: string[];
}

export type HostedToolName = 'file_search' | 'web_search' | 'image_generation' | 'mcp' | 'code_interpreter';

export interface ServiceTierSpec {
  default: 'standard' | 'fast' | 'scale';
  enabled_tiers: 'all' | ('flex' | 'fast' | 'ultrafast')[];
}

export type ProjectRetention =
  | 'organization_default' | 'none' | OrganizationRetention;

export interface ProjectSpec {
  name: string;
  /** Pins the file's project to this id; without it the project is matched by name. */
  id?: string;
  /** Only used when the project is created; the API cannot move a project. */
  residency?: string;
  members?: ProjectMemberSpec[];
  /** Custom project roles' assignments to members and groups of the project. */
  role_assignments?: RoleAssignmentSpec[];
  groups?: ProjectGroupSpec[];
  service_accounts?: ServiceAccountSpec[];
  /** Custom project roles (predefined project roles are never written to the file and never changed). */
  roles?: RoleSpec[];
  /** Keyed by model id. Rate limits cannot be removed, so they are never pruned. */
  rate_limits?: Record<string, RateLimitSpec>;
  /** `null` means "no model restrictions". */
  model_permissions?: ModelPermissionsSpec | null;
  /** Tools left out are not managed. */
  hosted_tools?: Partial<Record<HostedToolName, boolean>>;
  service_tier?: ServiceTierSpec;
  spend_limit?: SpendLimitSpec | null;
  spend_alerts?: SpendAlertSpec[];
  data_retention?: ProjectRetention;
  prune?: {
    members?: boolean;
    role_assignments?: boolean;
    groups?: boolean;
    service_accounts?: boolean;
    roles?: boolean;
    spend_alerts?: boolean;
  };
}

/** A place in the file, for diagnostics and the CLI's messages; 1-based like an editor shows it. */
export interface FilePosition {
  line: number;
  column: number;
}

export interface FileProblem {
  message: string;
  /** Path of keys and indexes to the value, e.g. ['projects', 2, 'rate_limits', 'gpt-4o']. */
  path: (string | number)[];
  start: FilePosition;
  end: FilePosition;
  severity: 'error' | 'warning';
}

/** What parsing a file gives: the value only when there are no errors. */
export type ParsedOrgFile =
  | { ok: true; file: OrgFile; problems: FileProblem[] }
  | { ok: false; problems: FileProblem[] };
