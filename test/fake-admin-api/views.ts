// Records → API objects, typed with the schema generated from the official OpenAPI file.
// Secrets never pass through here: keys are only ever shown redacted.
import type { components } from '../../src/api/schema';
import type {
  AdminKeyRec,
  ApiKeyRec,
  AssignmentRec,
  CertificateRec,
  ExternalKeyRec,
  ExternalStorageRec,
  FakeState,
  FederationRuleRec,
  GroupRec,
  InviteRec,
  OrgUserRec,
  ProjectRec,
  RoleRec,
  ServiceAccountRec,
  SpendAlertRec,
  SpendLimitRec,
  ServiceTierSettingsRec,
  WorkloadIdentityProviderRec,
} from './state';

type S = components['schemas'];

export function projectView(p: ProjectRec): S['Project'] {
  return {
    id: p.id,
    object: 'organization.project',
    name: p.name,
    created_at: p.created_at,
    archived_at: p.archived_at,
    status: p.status,
    external_key_id: p.external_key_id,
    residency: p.residency,
  };
}

export function userView(state: FakeState, u: OrgUserRec): S['User'] {
  return {
    object: 'organization.user',
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    added_at: u.added_at,
    is_default: u.is_default,
    created: u.created,
    user: { object: 'user', id: u.id, email: u.email, name: u.name, picture: u.picture, enabled: true, banned: false, banned_at: null },
    is_service_account: false,
    is_scale_tier_authorized_purchaser: u.is_scale_tier_authorized_purchaser,
    is_scim_managed: u.is_scim_managed,
    api_key_last_used_at: u.api_key_last_used_at,
    technical_level: u.technical_level,
    developer_persona: u.developer_persona,
    projects: { object: 'list', data: state.membershipsOf(u.id) },
  };
}

export function projectUserView(state: FakeState, projectId: string, userId: string): S['ProjectUser'] {
  const member = state.project(projectId)!.members.get(userId)!;
  const user = state.users.get(userId);
  return {
    object: 'organization.project.user',
    id: userId,
    name: user?.name ?? null,
    email: user?.email ?? null,
    role: member.role,
    added_at: member.added_at,
  };
}

export function serviceAccountView(sa: ServiceAccountRec): S['ProjectServiceAccount'] {
  return { object: 'organization.project.service_account', id: sa.id, name: sa.name, role: sa.role, created_at: sa.created_at };
}

/** Whether a key's owner still has access to the project (owner_project_access). */
export function ownerHasAccess(state: FakeState, projectId: string, key: ApiKeyRec): boolean {
  const data = state.project(projectId)!;
  return key.owner.type === 'user' ? data.members.has(key.owner.id) && state.users.has(key.owner.id) : data.serviceAccounts.has(key.owner.id);
}

export function apiKeyView(state: FakeState, projectId: string, key: ApiKeyRec): S['ProjectApiKey'] {
  const data = state.project(projectId)!;
  let owner: S['ProjectApiKey']['owner'];
  if (key.owner.type === 'user') {
    const user = state.users.get(key.owner.id);
    owner = {
      type: 'user',
      user: {
        id: key.owner.id,
        email: user?.email ?? '',
        name: user?.name ?? '',
        created_at: user?.added_at ?? key.created_at,
        role: data.members.get(key.owner.id)?.role ?? 'member',
      },
    };
  } else {
    const sa = data.serviceAccounts.get(key.owner.id);
    owner = {
      type: 'service_account',
      service_account: { id: key.owner.id, name: sa?.name ?? '', created_at: sa?.created_at ?? key.created_at, role: sa?.role ?? 'member' },
    };
  }
  return {
    object: 'organization.project.api_key',
    redacted_value: key.redacted_value,
    name: key.name,
    created_at: key.created_at,
    last_used_at: key.last_used_at,
    expires_at: key.expires_at ?? null,
    id: key.id,
    owner_project_access: ownerHasAccess(state, projectId, key) ? 'active' : 'inactive',
    owner,
  };
}

export function adminKeyView(k: AdminKeyRec): S['AdminApiKey'] {
  return {
    object: 'organization.admin_api_key',
    id: k.id,
    name: k.name,
    redacted_value: k.redacted_value,
    created_at: k.created_at,
    expires_at: k.expires_at,
    last_used_at: k.last_used_at,
    owner: { type: k.owner.type, object: k.owner.type === 'user' ? 'organization.user' : 'organization.service_account', id: k.owner.id, name: k.owner.name, created_at: k.owner.created_at, role: k.owner.role },
  };
}

export function inviteView(i: InviteRec): S['Invite'] {
  return {
    object: 'organization.invite',
    id: i.id,
    email: i.email,
    role: i.role,
    status: i.status,
    created_at: i.created_at,
    expires_at: i.expires_at,
    accepted_at: i.accepted_at,
    projects: i.projects.map((p) => ({ ...p })),
  };
}

export function groupView(g: GroupRec): S['GroupResponse'] & { object: 'group' } {
  return { object: 'group', id: g.id, name: g.name, created_at: g.created_at, is_scim_managed: g.is_scim_managed, group_type: g.group_type };
}

/** The `Group` shape embedded in group role assignments (note `scim_managed`, not `is_scim_managed`). */
export function groupRefView(g: GroupRec): S['Group'] {
  return { object: 'group', id: g.id, name: g.name, created_at: g.created_at, scim_managed: g.is_scim_managed };
}

export function roleView(r: RoleRec): S['Role'] {
  return {
    object: 'role',
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: [...r.permissions],
    resource_type: r.resource_type,
    predefined_role: r.predefined_role,
  };
}

export function assignedRoleView(
  state: FakeState,
  role: RoleRec,
  assignment: AssignmentRec | null,
  source: { principal_id: string; principal_type: string },
): S['AssignedRoleDetails'] {
  const creatorId = assignment?.created_by ?? role.created_by;
  const creator = creatorId ? state.users.get(creatorId) : undefined;
  return {
    id: role.id,
    name: role.name,
    permissions: [...role.permissions],
    resource_type: role.resource_type,
    predefined_role: role.predefined_role,
    description: role.description,
    created_at: role.created_at,
    updated_at: role.updated_at,
    created_by: creatorId,
    created_by_user_obj: creator ? { id: creator.id, name: creator.name, email: creator.email } : null,
    metadata: { ...role.metadata },
    assignment_sources: [source],
  };
}

export function certificateView(c: CertificateRec, object: 'certificate', includeContent?: boolean): S['Certificate'];
export function certificateView(c: CertificateRec, object: 'organization.certificate', active: boolean): S['OrganizationCertificate'];
export function certificateView(c: CertificateRec, object: 'organization.project.certificate', active: boolean): S['OrganizationProjectCertificate'];
export function certificateView(c: CertificateRec, object: S['Certificate']['object'], flag = false): S['Certificate'] {
  const details = { valid_at: c.valid_at, expires_at: c.expires_at };
  if (object === 'certificate') {
    return { object, id: c.id, name: c.name, created_at: c.created_at, certificate_details: flag ? { ...details, content: c.content } : details };
  }
  return { object, id: c.id, name: c.name, created_at: c.created_at, certificate_details: details, active: flag };
}

/** Org and project spend alerts share one shape apart from `object`. */
export function spendAlertView<O extends 'organization.spend_alert' | 'project.spend_alert'>(a: SpendAlertRec, object: O): Omit<S['ProjectSpendAlert'], 'object'> & { object: O } {
  return {
    id: a.id,
    object,
    threshold_amount: a.threshold_amount,
    currency: a.currency,
    interval: a.interval,
    notification_channel: { ...a.notification_channel, recipients: [...a.notification_channel.recipients] },
  };
}

export function spendLimitView<O extends 'organization.spend_limit' | 'project.spend_limit'>(l: SpendLimitRec, object: O): Omit<S['ProjectSpendLimitResource'], 'object'> & { object: O } {
  return { object, threshold_amount: l.threshold_amount, currency: l.currency, interval: l.interval, enforcement: { status: l.status } };
}

/** `api_project_ids` are the projects whose `external_key_id` names the key. */
export function externalKeyView(state: FakeState, k: ExternalKeyRec): S['ExternalKey'] {
  const { reachable: _reachable, ...fields } = k;
  return {
    object: 'organization.external_key',
    ...fields,
    api_project_ids: state.projects.values().filter((p) => p.external_key_id === k.id).map((p) => p.id),
  };
}

export function externalStorageView(c: ExternalStorageRec): S['ExternalStorageConfiguration'] {
  return {
    object: 'organization.external_storage',
    id: c.id,
    project_id: c.project_id,
    provider: { ...c.provider },
    geography: c.geography,
    status: c.status,
    created_at: c.created_at,
  };
}

export function workloadIdentityProviderView(p: WorkloadIdentityProviderRec): S['WorkloadIdentityProvider'] {
  return {
    object: 'organization.workload_identity_provider',
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type,
    issuer: p.issuer,
    audience: p.audience,
    enabled: p.enabled,
    attribute_transformations: p.attribute_transformations.map((t) => ({ ...t })),
    verification: { ...p.verification },
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export function federationRuleView(r: FederationRuleRec): S['WorkloadIdentityFederationRule'] {
  return {
    object: 'organization.workload_identity_federation_rule',
    id: r.id,
    workload_identity_provider_id: r.workload_identity_provider_id,
    project_id: r.project_id,
    service_account_id: r.service_account_id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    attribute_matchers: { ...r.attribute_matchers },
    permissions: r.permissions.type === 'restricted' ? { type: 'restricted', scopes: [...r.permissions.scopes] } : { type: r.permissions.type },
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export function serviceTierSettingsView(t: ServiceTierSettingsRec): S['ProjectServiceTierSettings'] {
  return { object: 'project.service_tier_settings', default: t.default, enabled_tiers: Array.isArray(t.enabled_tiers) ? [...t.enabled_tiers] : t.enabled_tiers };
}
