// Every operation of the spec, called for real, with its 200 body validated against the
// official response schema. Skipped (loudly) when the OpenAPI file is not available.
import assert from 'node:assert/strict';
import { ROUTES } from './router';
import { busyProject, daysAgo, ok, outsider, PEM, type CallOptions } from './helpers';
import { startFakeAdminApi } from './index';
import { loadSpec, type Spec } from './openapi';
import type { FakeAdminApi } from './types';

interface Req {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: CallOptions['query'];
  body?: unknown;
}

/** Fixture ids shared along the table (operations run in this order). */
interface Fx {
  fake: FakeAdminApi;
  project: string;
  [k: string]: unknown;
}

const P = (fx: Fx) => `/organization/projects/${fx.project}`;
const create = async (fx: Fx, path: string, body: unknown) => ok(fx.fake, 'POST', path, { body });
const orgCustomRole = (fx: Fx) => fx.fake.state.orgRoles.values().find((r) => !r.predefined_role)!.id;
const memberRoleId = (fx: Fx) => fx.fake.state.projectPredefinedRoles.values().find((r) => r.mirrors === 'member')!.id;
const viewerRoleId = (fx: Fx) => fx.fake.state.projectPredefinedRoles.values().find((r) => r.mirrors === null)!.id;
const alertBody = { threshold_amount: 1000, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['finance@acme.example'], subject_prefix: 'Spend' } };
const usage = (path: string, query: CallOptions['query'] = {}): ((fx: Fx) => Req) => () => ({ method: 'GET', path: `/organization/usage/${path}`, query: { start_time: daysAgo(7), ...query } });

const WIP = '/organization/workload_identity_providers';
const GCP_KEY = {
  type: 'gcp',
  name: 'Schema GCP key',
  audience: 'org-schema',
  kms_project_id: 'acme-kms',
  kms_key_location: 'europe-west4',
  kms_key_ring_name: 'openai',
  kms_key_name: 'ekm',
  workload_identity_pool_id: 'openai-pool',
  workload_identity_project_number: '123456789012',
  workload_identity_provider_id: 'openai',
};
/** The newest external key (created on first use by a key-level operation). */
const extKey = async (fx: Fx) => (fx.fake.state.externalKeys.values().at(-1) ?? (await create(fx, '/organization/external_keys', { ...GCP_KEY, name: 'fallback key' }))).id as string;
const freshProject = async (fx: Fx) => (await create(fx, '/organization/projects', { name: 'Storage project', geography: 'EU' })).id as string;
const wip = (fx: Fx) => fx.fake.state.workloadIdentityProviders.values().at(-1)!.id;
const rule = (fx: Fx) => fx.fake.state.federationRulesOf(wip(fx)).values().at(-1)!.id;

/** operationId → how to make a valid request (possibly after creating what it needs). */
const TABLE: [string, (fx: Fx) => Req | Promise<Req>][] = [
  ['admin-api-keys-list', () => ({ method: 'GET', path: '/organization/admin_api_keys' })],
  ['admin-api-keys-create', () => ({ method: 'POST', path: '/organization/admin_api_keys', body: { name: 'schema test', expires_in_seconds: 3600 } })],
  ['admin-api-keys-get', (fx) => ({ method: 'GET', path: `/organization/admin_api_keys/${fx.fake.state.adminKeys.values()[0]!.id}` })],
  ['admin-api-keys-delete', async (fx) => ({ method: 'DELETE', path: `/organization/admin_api_keys/${(await create(fx, '/organization/admin_api_keys', { name: 'doomed' })).id}` })],
  ['list-audit-logs', () => ({ method: 'GET', path: '/organization/audit_logs', query: { limit: 50 } })],
  ['listOrganizationCertificates', () => ({ method: 'GET', path: '/organization/certificates' })],
  ['uploadCertificate', () => ({ method: 'POST', path: '/organization/certificates', body: { name: 'schema cert', certificate: PEM } })],
  ['activateOrganizationCertificates', (fx) => ({ method: 'POST', path: '/organization/certificates/activate', body: { certificate_ids: [fx.fake.state.certificates.values()[0]!.id] } })],
  ['deactivateOrganizationCertificates', (fx) => ({ method: 'POST', path: '/organization/certificates/deactivate', body: { certificate_ids: [fx.fake.state.certificates.values()[0]!.id] } })],
  ['getCertificate', (fx) => ({ method: 'GET', path: `/organization/certificates/${fx.fake.state.certificates.values()[0]!.id}`, query: { include: 'content' } })],
  ['modifyCertificate', (fx) => ({ method: 'POST', path: `/organization/certificates/${fx.fake.state.certificates.values()[0]!.id}`, body: { name: 'Renamed' } })],
  ['deleteCertificate', async (fx) => ({ method: 'DELETE', path: `/organization/certificates/${(await create(fx, '/organization/certificates', { certificate: PEM })).id}` })],
  ['usage-costs', () => ({ method: 'GET', path: '/organization/costs', query: { start_time: daysAgo(7), group_by: ['line_item', 'project_id', 'user_id', 'api_source'] } })],
  ['retrieve-organization-data-retention', () => ({ method: 'GET', path: '/organization/data_retention' })],
  ['update-organization-data-retention', () => ({ method: 'POST', path: '/organization/data_retention', body: { retention_type: 'zero_data_retention' } })],
  ['list-groups', () => ({ method: 'GET', path: '/organization/groups' })],
  ['create-group', () => ({ method: 'POST', path: '/organization/groups', body: { name: 'Schema Testers' } })],
  ['retrieve-group', (fx) => ({ method: 'GET', path: `/organization/groups/${fx.fake.state.groups.values()[0]!.id}` })],
  ['update-group', (fx) => ({ method: 'POST', path: `/organization/groups/${fx.fake.state.groups.values()[0]!.id}`, body: { name: 'Renamed group' } })],
  ['delete-group', async (fx) => ({ method: 'DELETE', path: `/organization/groups/${(await create(fx, '/organization/groups', { name: 'Doomed group' })).id}` })],
  ['list-group-role-assignments', async (fx) => {
    fx.group = (await create(fx, '/organization/groups', { name: 'RBAC group' })).id;
    return { method: 'GET', path: `/organization/groups/${fx.group}/roles`, query: { limit: 1000 } };
  }],
  ['assign-group-role', (fx) => ({ method: 'POST', path: `/organization/groups/${fx.group}/roles`, body: { role_id: orgCustomRole(fx) } })],
  ['retrieve-group-role', (fx) => ({ method: 'GET', path: `/organization/groups/${fx.group}/roles/${orgCustomRole(fx)}` })],
  ['unassign-group-role', (fx) => ({ method: 'DELETE', path: `/organization/groups/${fx.group}/roles/${orgCustomRole(fx)}` })],
  ['list-group-users', (fx) => ({ method: 'GET', path: `/organization/groups/${fx.fake.state.groups.values()[0]!.id}/users` })],
  ['add-group-user', (fx) => ({ method: 'POST', path: `/organization/groups/${fx.group}/users`, body: { user_id: fx.fake.state.users.values()[1]!.id } })],
  ['retrieve-group-user', (fx) => ({ method: 'GET', path: `/organization/groups/${fx.group}/users/${fx.fake.state.users.values()[1]!.id}` })],
  ['remove-group-user', (fx) => ({ method: 'DELETE', path: `/organization/groups/${fx.group}/users/${fx.fake.state.users.values()[1]!.id}` })],
  ['list-invites', () => ({ method: 'GET', path: '/organization/invites' })],
  ['inviteUser', (fx) => ({ method: 'POST', path: '/organization/invites', body: { email: 'newcomer@acme.example', role: 'reader', projects: [{ id: fx.project, role: 'member' }] } })],
  ['retrieve-invite', (fx) => ({ method: 'GET', path: `/organization/invites/${fx.fake.state.invites.values()[0]!.id}` })],
  ['delete-invite', async (fx) => ({ method: 'DELETE', path: `/organization/invites/${(await create(fx, '/organization/invites', { email: 'doomed@acme.example', role: 'owner' })).id}` })],
  ['list-projects', () => ({ method: 'GET', path: '/organization/projects', query: { include_archived: true, limit: 100 } })],
  ['create-project', () => ({ method: 'POST', path: '/organization/projects', body: { name: 'Schema project', residency: 'AU_STORAGE_PROCESSING' } })],
  ['retrieve-project', (fx) => ({ method: 'GET', path: P(fx) })],
  ['modify-project', (fx) => ({ method: 'POST', path: P(fx), body: { name: 'Renamed project' } })],
  ['list-project-api-keys', (fx) => ({ method: 'GET', path: `${P(fx)}/api_keys`, query: { owner_project_access: 'any' } })],
  ['retrieve-project-api-key', (fx) => ({ method: 'GET', path: `${P(fx)}/api_keys/${fx.fake.state.project(fx.project)!.apiKeys.values()[0]!.id}` })],
  ['update-project-api-key', (fx) => ({ method: 'POST', path: `${P(fx)}/api_keys/${fx.fake.state.project(fx.project)!.apiKeys.values()[0]!.id}`, body: { scopes: ['api.model.read'], expires_in_seconds: 86_400 } })],
  ['delete-project-api-key', (fx) => ({ method: 'DELETE', path: `${P(fx)}/api_keys/${fx.fake.state.project(fx.project)!.apiKeys.values().find((k) => k.owner.type === 'user')!.id}` })],
  ['archive-project', async (fx) => ({ method: 'POST', path: `/organization/projects/${(await create(fx, '/organization/projects', { name: 'Doomed project' })).id}/archive` })],
  ['listProjectCertificates', (fx) => ({ method: 'GET', path: `${P(fx)}/certificates` })],
  ['activateProjectCertificates', (fx) => ({ method: 'POST', path: `${P(fx)}/certificates/activate`, body: { certificate_ids: [fx.fake.state.certificates.values()[0]!.id] } })],
  ['deactivateProjectCertificates', (fx) => ({ method: 'POST', path: `${P(fx)}/certificates/deactivate`, body: { certificate_ids: [fx.fake.state.certificates.values()[0]!.id] } })],
  ['retrieve-project-data-retention', (fx) => ({ method: 'GET', path: `${P(fx)}/data_retention` })],
  ['update-project-data-retention', (fx) => ({ method: 'POST', path: `${P(fx)}/data_retention`, body: { retention_type: 'none' } })],
  ['list-project-groups', (fx) => ({ method: 'GET', path: `${P(fx)}/groups` })],
  ['add-project-group', (fx) => ({ method: 'POST', path: `${P(fx)}/groups`, body: { group_id: fx.group, role: memberRoleId(fx) } })],
  ['retrieve-project-group', (fx) => ({ method: 'GET', path: `${P(fx)}/groups/${fx.group}` })],
  ['list-project-group-role-assignments', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/groups/${fx.group}/roles` })],
  ['assign-project-group-role', (fx) => ({ method: 'POST', path: `/projects/${fx.project}/groups/${fx.group}/roles`, body: { role_id: viewerRoleId(fx) } })],
  ['retrieve-project-group-role', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/groups/${fx.group}/roles/${viewerRoleId(fx)}` })],
  ['unassign-project-group-role', (fx) => ({ method: 'DELETE', path: `/projects/${fx.project}/groups/${fx.group}/roles/${viewerRoleId(fx)}` })],
  ['remove-project-group', (fx) => ({ method: 'DELETE', path: `${P(fx)}/groups/${fx.group}` })],
  ['retrieve-project-hosted-tool-permissions', (fx) => ({ method: 'GET', path: `${P(fx)}/hosted_tool_permissions` })],
  ['update-project-hosted-tool-permissions', (fx) => ({ method: 'POST', path: `${P(fx)}/hosted_tool_permissions`, body: { file_search: { enabled: true }, image_generation: { enabled: false } } })],
  ['update-project-model-permissions', (fx) => ({ method: 'POST', path: `${P(fx)}/model_permissions`, body: { mode: 'deny_list', model_ids: ['o3'] } })],
  ['retrieve-project-model-permissions', (fx) => ({ method: 'GET', path: `${P(fx)}/model_permissions` })],
  ['delete-project-model-permissions', (fx) => ({ method: 'DELETE', path: `${P(fx)}/model_permissions` })],
  ['list-project-rate-limits', (fx) => ({ method: 'GET', path: `${P(fx)}/rate_limits` })],
  ['update-project-rate-limits', (fx) => ({ method: 'POST', path: `${P(fx)}/rate_limits/rl-gpt-4o`, body: { max_requests_per_1_minute: 500 } })],
  ['list-project-service-accounts', (fx) => ({ method: 'GET', path: `${P(fx)}/service_accounts` })],
  ['create-project-service-account', (fx) => ({ method: 'POST', path: `${P(fx)}/service_accounts`, body: { name: 'Schema SA', expires_in_seconds: 3600 } })],
  ['retrieve-project-service-account', (fx) => ({ method: 'GET', path: `${P(fx)}/service_accounts/${fx.fake.state.project(fx.project)!.serviceAccounts.values()[0]!.id}` })],
  ['update-project-service-account', (fx) => ({ method: 'POST', path: `${P(fx)}/service_accounts/${fx.fake.state.project(fx.project)!.serviceAccounts.values()[0]!.id}`, body: { name: 'Renamed SA', role: 'owner' } })],
  ['CreateanAPIkeyforaserviceaccount', (fx) => ({ method: 'POST', path: `${P(fx)}/service_accounts/${fx.fake.state.project(fx.project)!.serviceAccounts.values()[0]!.id}/api_keys`, body: { name: 'Extra key', scopes: ['api.responses.write'], expires_in_seconds: 600 } })],
  ['delete-project-service-account', async (fx) => ({ method: 'DELETE', path: `${P(fx)}/service_accounts/${(await create(fx, `${P(fx)}/service_accounts`, { name: 'doomed' })).id}` })],
  ['list-project-spend-alerts', (fx) => ({ method: 'GET', path: `${P(fx)}/spend_alerts` })],
  ['create-project-spend-alert', (fx) => ({ method: 'POST', path: `${P(fx)}/spend_alerts`, body: alertBody })],
  ['retrieve-project-spend-alert', (fx) => ({ method: 'GET', path: `${P(fx)}/spend_alerts/${fx.fake.state.project(fx.project)!.spendAlerts.values()[0]!.id}` })],
  ['update-project-spend-alert', (fx) => ({ method: 'POST', path: `${P(fx)}/spend_alerts/${fx.fake.state.project(fx.project)!.spendAlerts.values()[0]!.id}`, body: { ...alertBody, threshold_amount: 2000 } })],
  ['delete-project-spend-alert', (fx) => ({ method: 'DELETE', path: `${P(fx)}/spend_alerts/${fx.fake.state.project(fx.project)!.spendAlerts.values()[0]!.id}` })],
  ['Updateprojectspendlimit', (fx) => ({ method: 'POST', path: `${P(fx)}/spend_limit`, body: { threshold_amount: 5000, currency: 'USD', interval: 'month' } })],
  ['Getprojectspendlimit', (fx) => ({ method: 'GET', path: `${P(fx)}/spend_limit` })],
  ['Deleteprojectspendlimit', (fx) => ({ method: 'DELETE', path: `${P(fx)}/spend_limit` })],
  ['list-project-users', (fx) => ({ method: 'GET', path: `${P(fx)}/users` })],
  ['create-project-user', (fx) => {
    fx.newMember = outsider(fx.fake, fx.project);
    return { method: 'POST', path: `${P(fx)}/users`, body: { user_id: fx.newMember, role: 'member' } };
  }],
  ['retrieve-project-user', (fx) => ({ method: 'GET', path: `${P(fx)}/users/${fx.newMember}` })],
  ['modify-project-user', (fx) => ({ method: 'POST', path: `${P(fx)}/users/${fx.newMember}`, body: { role: 'owner' } })],
  ['list-project-user-role-assignments', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/users/${fx.newMember}/roles`, query: { limit: 1000 } })],
  ['assign-project-user-role', (fx) => ({ method: 'POST', path: `/projects/${fx.project}/users/${fx.newMember}/roles`, body: { role_id: viewerRoleId(fx) } })],
  ['retrieve-project-user-role', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/users/${fx.newMember}/roles/${viewerRoleId(fx)}` })],
  ['unassign-project-user-role', (fx) => ({ method: 'DELETE', path: `/projects/${fx.project}/users/${fx.newMember}/roles/${viewerRoleId(fx)}` })],
  ['delete-project-user', (fx) => ({ method: 'DELETE', path: `${P(fx)}/users/${fx.newMember}` })],
  ['list-roles', () => ({ method: 'GET', path: '/organization/roles' })],
  ['create-role', () => ({ method: 'POST', path: '/organization/roles', body: { role_name: 'Schema Role', permissions: ['api.groups.read'], description: null } })],
  ['retrieve-role', (fx) => ({ method: 'GET', path: `/organization/roles/${orgCustomRole(fx)}` })],
  ['update-role', (fx) => ({ method: 'POST', path: `/organization/roles/${orgCustomRole(fx)}`, body: { description: 'Updated' } })],
  ['delete-role', async (fx) => ({ method: 'DELETE', path: `/organization/roles/${(await create(fx, '/organization/roles', { role_name: 'Doomed role', permissions: [] })).id}` })],
  ['list-project-roles', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/roles` })],
  ['create-project-role', (fx) => ({ method: 'POST', path: `/projects/${fx.project}/roles`, body: { role_name: 'Key Manager', permissions: ['api.organization.projects.api_keys.write'] } })],
  ['retrieve-project-role', (fx) => ({ method: 'GET', path: `/projects/${fx.project}/roles/${memberRoleId(fx)}` })],
  ['update-project-role', (fx) => ({ method: 'POST', path: `/projects/${fx.project}/roles/${fx.fake.state.project(fx.project)!.roles.values()[0]!.id}`, body: { role_name: 'Key Manager 2' } })],
  ['delete-project-role', (fx) => ({ method: 'DELETE', path: `/projects/${fx.project}/roles/${fx.fake.state.project(fx.project)!.roles.values()[0]!.id}` })],
  ['list-organization-spend-alerts', () => ({ method: 'GET', path: '/organization/spend_alerts', query: { order: 'desc' } })],
  ['create-organization-spend-alert', () => ({ method: 'POST', path: '/organization/spend_alerts', body: alertBody })],
  ['retrieve-organization-spend-alert', (fx) => ({ method: 'GET', path: `/organization/spend_alerts/${fx.fake.state.orgSpendAlerts.values()[0]!.id}` })],
  ['update-organization-spend-alert', (fx) => ({ method: 'POST', path: `/organization/spend_alerts/${fx.fake.state.orgSpendAlerts.values()[0]!.id}`, body: alertBody })],
  ['delete-organization-spend-alert', (fx) => ({ method: 'DELETE', path: `/organization/spend_alerts/${fx.fake.state.orgSpendAlerts.values()[0]!.id}` })],
  ['Getorganizationspendlimit', () => ({ method: 'GET', path: '/organization/spend_limit' })],
  ['Updateorganizationspendlimit', () => ({ method: 'POST', path: '/organization/spend_limit', body: { threshold_amount: 100000, currency: 'USD', interval: 'month' } })],
  ['Deleteorganizationspendlimit', () => ({ method: 'DELETE', path: '/organization/spend_limit' })],
  ['usage-audio-speeches', usage('audio_speeches', { group_by: ['model', 'project_id'] })],
  ['usage-audio-transcriptions', usage('audio_transcriptions', { bucket_width: '1h', limit: 48 })],
  ['usage-code-interpreter-sessions', usage('code_interpreter_sessions', { group_by: 'project_id' })],
  ['usage-completions', usage('completions', { group_by: ['model', 'batch', 'service_tier', 'user_id', 'api_key_id', 'project_id', 'api_source'] })],
  ['usage-decisions', usage('decisions', { group_by: ['model', 'batch', 'service_tier', 'user_id', 'api_key_id', 'project_id', 'api_source'] })],
  ['usage-embeddings', usage('embeddings', { bucket_width: '1m', limit: 120, start_time: daysAgo(1) + 12 * 3600 })],
  ['usage-file-search-calls', usage('file_search_calls', { group_by: 'vector_store_id' })],
  ['usage-images', usage('images', { group_by: ['size', 'source'] })],
  ['usage-moderations', usage('moderations')],
  ['usage-vector-stores', usage('vector_stores', { group_by: 'project_id' })],
  ['usage-web-search-calls', usage('web_search_calls', { group_by: ['context_level', 'model', 'api_source'] })],
  ['retrieve-project-service-tier-settings', (fx) => ({ method: 'GET', path: `${P(fx)}/service_tier_settings` })],
  ['update-project-service-tier-settings', (fx) => ({ method: 'POST', path: `${P(fx)}/service_tier_settings`, body: { default: 'fast', enabled_tiers: ['flex', 'fast'] } })],
  ['list-external-keys', () => ({ method: 'GET', path: '/organization/external_keys', query: { limit: 100 } })],
  ['create-external-key', () => ({ method: 'POST', path: '/organization/external_keys', body: GCP_KEY })],
  ['retrieve-external-key', async (fx) => ({ method: 'GET', path: `/organization/external_keys/${await extKey(fx)}` })],
  ['validate-external-key', async (fx) => ({ method: 'POST', path: `/organization/external_keys/${await extKey(fx)}/validate` })],
  ['delete-external-key', async (fx) => ({ method: 'DELETE', path: `/organization/external_keys/${await extKey(fx)}` })],
  ['list-external-storage', () => ({ method: 'GET', path: '/organization/external_storage', query: { limit: 100 } })],
  ['create-external-storage', async (fx) => ({ method: 'POST', path: '/organization/external_storage', body: { project_id: await freshProject(fx), provider: { type: 'aws', bucket: 'acme-data', role_arn: 'arn:aws:iam::123456789012:role/openai-storage' } } })],
  ['retrieve-external-storage', (fx) => ({ method: 'GET', path: `/organization/external_storage/${fx.fake.state.externalStorage.values().at(-1)!.id}` })],
  ['validate-external-storage', (fx) => ({ method: 'POST', path: `/organization/external_storage/${fx.fake.state.externalStorage.values().at(-1)!.id}/validate` })],
  ['delete-external-storage', (fx) => ({ method: 'DELETE', path: `/organization/external_storage/${fx.fake.state.externalStorage.values().at(-1)!.id}` })],
  ['list-workload-identity-providers', () => ({ method: 'GET', path: WIP })],
  ['create-workload-identity-provider', () => ({ method: 'POST', path: WIP, body: { name: 'GitHub Actions', type: 'oidc', issuer: 'https://token.actions.githubusercontent.com', audience: 'https://github.com/acme-schema', description: 'CI', attribute_transformations: [{ attribute: 'repo', expression: 'assertion.repository' }], verification: { type: 'uploaded_jwks', jwks: { keys: [{ kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB' }] } } } })],
  ['retrieve-workload-identity-provider', (fx) => ({ method: 'GET', path: `${WIP}/${wip(fx)}` })],
  ['update-workload-identity-provider', (fx) => ({ method: 'POST', path: `${WIP}/${wip(fx)}`, body: { description: null, enabled: false } })],
  ['list-workload-identity-federation-rules', (fx) => ({ method: 'GET', path: `${WIP}/${wip(fx)}/federation_rules` })],
  ['create-workload-identity-federation-rule', (fx) => ({ method: 'POST', path: `${WIP}/${wip(fx)}/federation_rules`, body: { project_id: fx.project, service_account_id: fx.fake.state.project(fx.project)!.serviceAccounts.values()[0]!.id, attribute_matchers: { repo: 'acme/api', ref_protected: true }, name: 'main branch', permissions: { type: 'restricted', scopes: ['api.model.request'] } } })],
  ['retrieve-workload-identity-federation-rule', (fx) => ({ method: 'GET', path: `${WIP}/${wip(fx)}/federation_rules/${rule(fx)}` })],
  ['update-workload-identity-federation-rule', (fx) => ({ method: 'POST', path: `${WIP}/${wip(fx)}/federation_rules/${rule(fx)}`, body: { name: null, attribute_matchers: { run_attempt: 1 } } })],
  ['delete-workload-identity-federation-rule', (fx) => ({ method: 'DELETE', path: `${WIP}/${wip(fx)}/federation_rules/${rule(fx)}` })],
  ['delete-workload-identity-provider', (fx) => ({ method: 'DELETE', path: `${WIP}/${wip(fx)}` })],
  ['list-users', () => ({ method: 'GET', path: '/organization/users', query: { limit: 100 } })],
  ['retrieve-user', (fx) => ({ method: 'GET', path: `/organization/users/${fx.fake.state.users.values()[0]!.id}` })],
  ['modify-user', (fx) => ({ method: 'POST', path: `/organization/users/${fx.fake.state.users.values()[2]!.id}`, body: { role: 'reader', technical_level: 'technical' } })],
  ['list-user-role-assignments', (fx) => ({ method: 'GET', path: `/organization/users/${fx.fake.state.users.values()[2]!.id}/roles` })],
  ['assign-user-role', (fx) => ({ method: 'POST', path: `/organization/users/${fx.fake.state.users.values()[3]!.id}/roles`, body: { role_id: (fx.fake.state.orgRoles.values().find((r) => !r.predefined_role && !fx.fake.state.assignmentsOf('org', 'user', fx.fake.state.users.values()[3]!.id).has(r.id)))!.id } })],
  ['retrieve-user-role', (fx) => ({ method: 'GET', path: `/organization/users/${fx.fake.state.users.values()[3]!.id}/roles/${fx.fake.state.assignmentsOf('org', 'user', fx.fake.state.users.values()[3]!.id).values()[0]!.id}` })],
  ['unassign-user-role', (fx) => ({ method: 'DELETE', path: `/organization/users/${fx.fake.state.users.values()[3]!.id}/roles/${fx.fake.state.assignmentsOf('org', 'user', fx.fake.state.users.values()[3]!.id).values()[0]!.id}` })],
  ['delete-user', (fx) => ({ method: 'DELETE', path: `/organization/users/${fx.fake.state.users.values().find((u) => u.role === 'reader')!.id}` })],
];

describe('fake-admin-api: every operation matches the official response schema', function () {
  let spec: Spec | undefined;
  let fx: Fx;

  before(async function () {
    const loaded = loadSpec();
    if ('skipped' in loaded) {
      console.log(`\n  [fake-admin-api] SKIPPED schema validation: ${loaded.skipped}\n`);
      this.skip();
    }
    spec = loaded as Spec;
    const fake = await startFakeAdminApi({ seed: 7 });
    fx = { fake, project: busyProject(fake) };
  });

  after(async () => fx?.fake.close());

  it('the table and the route table cover exactly the operations of the spec', () => {
    const specOps = spec!.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`).sort();
    const routeOps = ROUTES.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort();
    assert.equal(specOps.length, 143);
    assert.deepEqual(routeOps, specOps);
    assert.deepEqual(TABLE.map(([id]) => id).sort(), spec!.operations.map((o) => o.operationId).sort());
  });

  it('the validators are not vacuous (a wrong object constant and a missing field fail)', () => {
    const list = spec!.validator('list-projects');
    assert.equal(list({ object: 'list', data: [{ id: 'p', object: 'organization.projectX', created_at: 1 }], has_more: false }), false);
    const role = spec!.validator('retrieve-group-role');
    assert.equal(role({ id: 'role_x' }), false);
  });

  for (const [operationId, build] of TABLE) {
    it(operationId, async () => {
      const req = await build(fx);
      const op = spec!.operations.find((o) => o.operationId === operationId)!;
      const before = fx.fake.requests.length;
      const body = await ok(fx.fake, req.method, req.path, { query: req.query, body: req.body });
      const record = fx.fake.requests.slice(before).find((r) => r.operationId === operationId);
      assert.ok(record, `request was not recorded as ${operationId}`);
      assert.equal(record.route, `${op.method} ${op.path}`);
      const validate = spec!.validator(operationId);
      assert.ok(validate(body), `${operationId}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}\nbody: ${JSON.stringify(body).slice(0, 800)}`);
    });
  }
});
