/**
 * Every one of the 143 operations, called through the public client against
 * the fake, in an order that creates what later steps use. Each step must
 * reach the fake's route for its operationId and get a 2xx.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS, type AdminClient, type OperationId, type SpendAlertCreateRequest } from '../../../src/api';
import { clientFor, requestsSince, useFakeApi, type FakeAdminApi } from './helpers/fake';
import { yamlOperations } from './helpers/openapi';

type Ctx = Record<string, string>;
interface Step {
  op: OperationId;
  run: (c: AdminClient, x: Ctx) => Promise<unknown>;
}

const PEM = readFileSync(path.join(__dirname, 'fixtures', 'localhost-cert.pem'), 'utf8');
const WEEK = 7 * 86_400;
const alert = (amount: number): SpendAlertCreateRequest => ({
  threshold_amount: amount,
  currency: 'USD',
  interval: 'month',
  notification_channel: { type: 'email', recipients: ['finance@example.com'] },
});
const limit = { threshold_amount: 50_000, currency: 'USD', interval: 'month' } as const;

function usageSteps(since: () => number): Step[] {
  const usage = (op: OperationId, pick: (c: AdminClient) => { listPage(q: { start_time: number }): Promise<unknown> }): Step => ({
    op,
    run: (c) => pick(c).listPage({ start_time: since() }),
  });
  return [
    usage('usage-costs', (c) => c.costs),
    usage('usage-completions', (c) => c.usage.completions),
    usage('usage-embeddings', (c) => c.usage.embeddings),
    usage('usage-moderations', (c) => c.usage.moderations),
    usage('usage-images', (c) => c.usage.images),
    usage('usage-audio-speeches', (c) => c.usage.audioSpeeches),
    usage('usage-audio-transcriptions', (c) => c.usage.audioTranscriptions),
    usage('usage-vector-stores', (c) => c.usage.vectorStores),
    usage('usage-code-interpreter-sessions', (c) => c.usage.codeInterpreterSessions),
    usage('usage-file-search-calls', (c) => c.usage.fileSearchCalls),
    usage('usage-web-search-calls', (c) => c.usage.webSearchCalls),
    usage('usage-decisions', (c) => c.usage.decisions),
  ];
}

function steps(fake: () => FakeAdminApi): Step[] {
  return [
    // Admin API keys
    { op: 'admin-api-keys-list', run: (c) => c.adminApiKeys.listPage() },
    { op: 'admin-api-keys-create', run: async (c, x) => (x.adminKey = (await c.adminApiKeys.create({ name: 'roundtrip admin key' })).id) },
    { op: 'admin-api-keys-get', run: (c, x) => c.adminApiKeys.retrieve(x.adminKey) },
    { op: 'admin-api-keys-delete', run: (c, x) => c.adminApiKeys.delete(x.adminKey) },
    { op: 'list-audit-logs', run: (c) => c.auditLogs.listPage({ limit: 5, effective_at: { gte: 0 }, 'event_types[]': ['project.created'] }) },

    // Projects (a fresh one for writes)
    { op: 'list-projects', run: (c) => c.projects.listPage({ include_archived: true }) },
    { op: 'create-project', run: async (c, x) => (x.project = (await c.projects.create({ name: 'Round trip' })).id) },
    { op: 'retrieve-project', run: (c, x) => c.projects.retrieve(x.project) },
    { op: 'modify-project', run: (c, x) => c.projects.update(x.project, { name: 'Round trip (renamed)' }) },

    // Org roles
    {
      op: 'list-roles',
      run: async (c, x) => {
        const roles = (await c.roles.listPage()).data;
        x.permission = roles.flatMap((r) => r.permissions)[0] ?? '';
      },
    },
    {
      op: 'create-role',
      run: async (c, x) => (x.role = (await c.roles.create({ role_name: 'roundtrip-role', permissions: x.permission ? [x.permission] : [] })).id),
    },
    { op: 'retrieve-role', run: (c, x) => c.roles.retrieve(x.role) },
    { op: 'update-role', run: (c, x) => c.roles.update(x.role, { description: 'updated by the round trip' }) },

    // Org users
    { op: 'list-users', run: (c) => c.users.listPage({ limit: 10 }) },
    { op: 'retrieve-user', run: (c, x) => c.users.retrieve(x.user) },
    { op: 'modify-user', run: (c, x) => c.users.update(x.user, { role: 'reader' }) },
    { op: 'list-user-role-assignments', run: (c, x) => c.users.roles.listPage(x.user) },
    { op: 'assign-user-role', run: (c, x) => c.users.roles.assign(x.user, { role_id: x.role }) },
    { op: 'retrieve-user-role', run: (c, x) => c.users.roles.retrieve(x.user, x.role) },
    { op: 'unassign-user-role', run: (c, x) => c.users.roles.unassign(x.user, x.role) },

    // Groups
    { op: 'list-groups', run: (c) => c.groups.listPage() },
    { op: 'create-group', run: async (c, x) => (x.group = (await c.groups.create({ name: 'roundtrip-group' })).id) },
    { op: 'retrieve-group', run: (c, x) => c.groups.retrieve(x.group) },
    { op: 'update-group', run: (c, x) => c.groups.update(x.group, { name: 'roundtrip-group-renamed' }) },
    { op: 'list-group-users', run: (c, x) => c.groups.users.listPage(x.group) },
    { op: 'add-group-user', run: (c, x) => c.groups.users.add(x.group, { user_id: x.user }) },
    { op: 'retrieve-group-user', run: (c, x) => c.groups.users.retrieve(x.group, x.user) },
    { op: 'remove-group-user', run: (c, x) => c.groups.users.remove(x.group, x.user) },
    { op: 'list-group-role-assignments', run: (c, x) => c.groups.roles.listPage(x.group) },
    { op: 'assign-group-role', run: (c, x) => c.groups.roles.assign(x.group, { role_id: x.role }) },
    { op: 'retrieve-group-role', run: (c, x) => c.groups.roles.retrieve(x.group, x.role) },
    { op: 'unassign-group-role', run: (c, x) => c.groups.roles.unassign(x.group, x.role) },

    // Invites
    { op: 'list-invites', run: (c) => c.invites.listPage() },
    { op: 'inviteUser', run: async (c, x) => (x.invite = (await c.invites.create({ email: 'roundtrip@example.com', role: 'reader' })).id) },
    { op: 'retrieve-invite', run: (c, x) => c.invites.retrieve(x.invite) },
    { op: 'delete-invite', run: (c, x) => c.invites.delete(x.invite) },

    // Certificates, org and project level
    { op: 'listOrganizationCertificates', run: (c) => c.certificates.listPage() },
    { op: 'uploadCertificate', run: async (c, x) => (x.cert = (await c.certificates.create({ name: 'roundtrip cert', certificate: PEM })).id) },
    { op: 'getCertificate', run: (c, x) => c.certificates.retrieve(x.cert, { include: ['content'] }) },
    { op: 'modifyCertificate', run: (c, x) => c.certificates.update(x.cert, { name: 'roundtrip cert (renamed)' }) },
    { op: 'activateOrganizationCertificates', run: (c, x) => c.certificates.activate({ certificate_ids: [x.cert] }) },
    { op: 'listProjectCertificates', run: (c, x) => c.projectCertificates.listPage(x.project) },
    { op: 'activateProjectCertificates', run: (c, x) => c.projectCertificates.activate(x.project, { certificate_ids: [x.cert] }) },
    { op: 'deactivateProjectCertificates', run: (c, x) => c.projectCertificates.deactivate(x.project, { certificate_ids: [x.cert] }) },
    { op: 'deactivateOrganizationCertificates', run: (c, x) => c.certificates.deactivate({ certificate_ids: [x.cert] }) },
    { op: 'deleteCertificate', run: (c, x) => c.certificates.delete(x.cert) },

    // Usage and costs
    ...usageSteps(() => fake().state.anchor - WEEK),

    // Org settings
    { op: 'retrieve-organization-data-retention', run: (c) => c.dataRetention.retrieve() },
    { op: 'update-organization-data-retention', run: (c) => c.dataRetention.update({ retention_type: 'zero_data_retention' }) },
    { op: 'list-organization-spend-alerts', run: (c) => c.spendAlerts.listPage() },
    { op: 'create-organization-spend-alert', run: async (c, x) => (x.alert = (await c.spendAlerts.create(alert(1000))).id) },
    { op: 'retrieve-organization-spend-alert', run: (c, x) => c.spendAlerts.retrieve(x.alert) },
    { op: 'update-organization-spend-alert', run: (c, x) => c.spendAlerts.update(x.alert, alert(2000)) },
    { op: 'delete-organization-spend-alert', run: (c, x) => c.spendAlerts.delete(x.alert) },
    { op: 'Updateorganizationspendlimit', run: (c) => c.spendLimit.update(limit) },
    { op: 'Getorganizationspendlimit', run: (c) => c.spendLimit.retrieve() },
    { op: 'Deleteorganizationspendlimit', run: (c) => c.spendLimit.delete() },

    // Project members and their roles
    { op: 'list-project-users', run: (c, x) => c.projectUsers.listPage(x.project) },
    { op: 'create-project-user', run: (c, x) => c.projectUsers.create(x.project, { user_id: x.user, role: 'member' }) },
    { op: 'retrieve-project-user', run: (c, x) => c.projectUsers.retrieve(x.project, x.user) },
    { op: 'modify-project-user', run: (c, x) => c.projectUsers.update(x.project, x.user, { role: 'owner' }) },
    {
      op: 'list-project-roles',
      run: async (c, x) => {
        const roles = (await c.projectRoles.listPage(x.project)).data;
        x.projectRole = roles[0]!.id;
        x.projectPermission = roles.flatMap((r) => r.permissions)[0] ?? '';
      },
    },
    {
      op: 'create-project-role',
      run: async (c, x) =>
        (x.customProjectRole = (
          await c.projectRoles.create(x.project, { role_name: 'roundtrip-project-role', permissions: x.projectPermission ? [x.projectPermission] : [] })
        ).id),
    },
    { op: 'retrieve-project-role', run: (c, x) => c.projectRoles.retrieve(x.project, x.customProjectRole) },
    { op: 'update-project-role', run: (c, x) => c.projectRoles.update(x.project, x.customProjectRole, { description: 'updated' }) },
    { op: 'list-project-user-role-assignments', run: (c, x) => c.projectUsers.roles.listPage(x.project, x.user) },
    { op: 'assign-project-user-role', run: (c, x) => c.projectUsers.roles.assign(x.project, x.user, { role_id: x.customProjectRole }) },
    { op: 'retrieve-project-user-role', run: (c, x) => c.projectUsers.roles.retrieve(x.project, x.user, x.customProjectRole) },
    { op: 'unassign-project-user-role', run: (c, x) => c.projectUsers.roles.unassign(x.project, x.user, x.customProjectRole) },
    { op: 'delete-project-user', run: (c, x) => c.projectUsers.delete(x.project, x.user) },

    // Project groups and their roles
    { op: 'list-project-groups', run: (c, x) => c.projectGroups.listPage(x.project) },
    { op: 'add-project-group', run: (c, x) => c.projectGroups.add(x.project, { group_id: x.group, role: x.projectRole }) },
    { op: 'retrieve-project-group', run: (c, x) => c.projectGroups.retrieve(x.project, x.group, { group_type: 'group' }) },
    { op: 'list-project-group-role-assignments', run: (c, x) => c.projectGroups.roles.listPage(x.project, x.group) },
    { op: 'assign-project-group-role', run: (c, x) => c.projectGroups.roles.assign(x.project, x.group, { role_id: x.customProjectRole }) },
    { op: 'retrieve-project-group-role', run: (c, x) => c.projectGroups.roles.retrieve(x.project, x.group, x.customProjectRole) },
    { op: 'unassign-project-group-role', run: (c, x) => c.projectGroups.roles.unassign(x.project, x.group, x.customProjectRole) },
    { op: 'remove-project-group', run: (c, x) => c.projectGroups.remove(x.project, x.group) },
    { op: 'delete-project-role', run: (c, x) => c.projectRoles.delete(x.project, x.customProjectRole) },

    // Service accounts
    { op: 'list-project-service-accounts', run: (c, x) => c.serviceAccounts.listPage(x.project) },
    { op: 'create-project-service-account', run: async (c, x) => (x.serviceAccount = (await c.serviceAccounts.create(x.project, { name: 'roundtrip-bot' })).id) },
    { op: 'retrieve-project-service-account', run: (c, x) => c.serviceAccounts.retrieve(x.project, x.serviceAccount) },
    { op: 'update-project-service-account', run: (c, x) => c.serviceAccounts.update(x.project, x.serviceAccount, { name: 'roundtrip-bot-2' }) },
    { op: 'CreateanAPIkeyforaserviceaccount', run: (c, x) => c.serviceAccounts.apiKeys.create(x.project, x.serviceAccount, { name: 'roundtrip sa key' }) },
    { op: 'delete-project-service-account', run: (c, x) => c.serviceAccounts.delete(x.project, x.serviceAccount) },

    // Seeded project: user-owned API keys and rate limits
    { op: 'list-project-api-keys', run: (c, x) => c.projectApiKeys.listPage(x.seeded) },
    { op: 'retrieve-project-api-key', run: (c, x) => c.projectApiKeys.retrieve(x.seeded, x.userKey) },
    { op: 'delete-project-api-key', run: (c, x) => c.projectApiKeys.delete(x.seeded, x.userKey) },
    {
      op: 'list-project-rate-limits',
      run: async (c, x) => (x.rateLimit = (await c.rateLimits.listPage(x.seeded)).data[0]!.id),
    },
    { op: 'update-project-rate-limits', run: (c, x) => c.rateLimits.update(x.seeded, x.rateLimit, { max_requests_per_1_minute: 100 }) },

    // Project settings
    { op: 'update-project-model-permissions', run: (c, x) => c.modelPermissions.update(x.project, { mode: 'deny_list', model_ids: ['o3'] }) },
    { op: 'retrieve-project-model-permissions', run: (c, x) => c.modelPermissions.retrieve(x.project) },
    { op: 'delete-project-model-permissions', run: (c, x) => c.modelPermissions.delete(x.project) },
    { op: 'retrieve-project-hosted-tool-permissions', run: (c, x) => c.hostedToolPermissions.retrieve(x.project) },
    { op: 'update-project-hosted-tool-permissions', run: (c, x) => c.hostedToolPermissions.update(x.project, { web_search: { enabled: false } }) },
    { op: 'retrieve-project-data-retention', run: (c, x) => c.projectDataRetention.retrieve(x.project) },
    { op: 'update-project-data-retention', run: (c, x) => c.projectDataRetention.update(x.project, { retention_type: 'zero_data_retention' }) },
    { op: 'list-project-spend-alerts', run: (c, x) => c.projectSpendAlerts.listPage(x.project) },
    { op: 'create-project-spend-alert', run: async (c, x) => (x.projectAlert = (await c.projectSpendAlerts.create(x.project, alert(500))).id) },
    { op: 'retrieve-project-spend-alert', run: (c, x) => c.projectSpendAlerts.retrieve(x.project, x.projectAlert) },
    { op: 'update-project-spend-alert', run: (c, x) => c.projectSpendAlerts.update(x.project, x.projectAlert, alert(700)) },
    { op: 'delete-project-spend-alert', run: (c, x) => c.projectSpendAlerts.delete(x.project, x.projectAlert) },
    { op: 'Updateprojectspendlimit', run: (c, x) => c.projectSpendLimit.update(x.project, limit) },
    { op: 'Getprojectspendlimit', run: (c, x) => c.projectSpendLimit.retrieve(x.project) },
    { op: 'Deleteprojectspendlimit', run: (c, x) => c.projectSpendLimit.delete(x.project) },

    // November 2026 additions on the fresh project: key expiry and service tiers
    {
      op: 'update-project-api-key',
      run: (c, x) => c.projectApiKeys.update(x.seeded, x.saKey, { scopes: ['api.model.read'], expires_in_seconds: 86_400 }),
    },
    { op: 'retrieve-project-service-tier-settings', run: (c, x) => c.serviceTierSettings.retrieve(x.project) },
    { op: 'update-project-service-tier-settings', run: (c, x) => c.serviceTierSettings.update(x.project, { default: 'standard', enabled_tiers: ['flex'] }) },

    // External keys and storage
    { op: 'list-external-keys', run: (c) => c.externalKeys.listPage({ purpose: 'ekm' }) },
    {
      op: 'create-external-key',
      run: async (c, x) =>
        (x.externalKey = (
          await c.externalKeys.create({
            type: 'aws',
            name: 'roundtrip key',
            kms_arn: 'arn:aws:kms:us-east-1:123456789012:key/roundtrip',
            role_arn: 'arn:aws:iam::123456789012:role/openai-kms',
            external_id: x.project,
          })
        ).id),
    },
    { op: 'retrieve-external-key', run: (c, x) => c.externalKeys.retrieve(x.externalKey) },
    { op: 'validate-external-key', run: (c, x) => c.externalKeys.validate(x.externalKey) },
    { op: 'delete-external-key', run: (c, x) => c.externalKeys.delete(x.externalKey) },
    { op: 'list-external-storage', run: (c, x) => c.externalStorage.listPage({ project_id: x.project }) },
    {
      op: 'create-external-storage',
      run: async (c, x) =>
        (x.storage = (await c.externalStorage.create({ project_id: x.project, provider: { type: 'oci', bucket: 'roundtrip', region: 'eu-frankfurt-1', tenancy_ocid: 'ocid1.tenancy.oc1..roundtrip' } })).id),
    },
    { op: 'retrieve-external-storage', run: (c, x) => c.externalStorage.retrieve(x.storage) },
    { op: 'validate-external-storage', run: (c, x) => c.externalStorage.validate(x.storage) },
    { op: 'delete-external-storage', run: (c, x) => c.externalStorage.delete(x.storage) },

    // Workload identity: a provider and a rule onto the seeded project's service account
    { op: 'list-workload-identity-providers', run: (c) => c.workloadIdentityProviders.listPage() },
    {
      op: 'create-workload-identity-provider',
      run: async (c, x) =>
        (x.provider = (await c.workloadIdentityProviders.create({ name: 'roundtrip IdP', type: 'oidc', issuer: 'https://idp.roundtrip.example', audience: 'openai' })).id),
    },
    { op: 'retrieve-workload-identity-provider', run: (c, x) => c.workloadIdentityProviders.retrieve(x.provider) },
    { op: 'update-workload-identity-provider', run: (c, x) => c.workloadIdentityProviders.update(x.provider, { enabled: false }) },
    { op: 'list-workload-identity-federation-rules', run: (c, x) => c.workloadIdentityProviders.federationRules.listPage(x.provider) },
    {
      op: 'create-workload-identity-federation-rule',
      run: async (c, x) =>
        (x.rule = (
          await c.workloadIdentityProviders.federationRules.create(x.provider, { project_id: x.seeded, service_account_id: x.serviceAccountOfSeeded, attribute_matchers: { sub: 'repo:acme/api' } })
        ).id),
    },
    { op: 'retrieve-workload-identity-federation-rule', run: (c, x) => c.workloadIdentityProviders.federationRules.retrieve(x.provider, x.rule) },
    { op: 'update-workload-identity-federation-rule', run: (c, x) => c.workloadIdentityProviders.federationRules.update(x.provider, x.rule, { enabled: false }) },
    { op: 'delete-workload-identity-federation-rule', run: (c, x) => c.workloadIdentityProviders.federationRules.delete(x.provider, x.rule) },
    { op: 'delete-workload-identity-provider', run: (c, x) => c.workloadIdentityProviders.delete(x.provider) },

    // Tear-down operations
    { op: 'archive-project', run: (c, x) => c.projects.archive(x.project) },
    { op: 'delete-group', run: (c, x) => c.groups.delete(x.group) },
    { op: 'delete-role', run: (c, x) => c.roles.delete(x.role) },
    { op: 'delete-user', run: (c, x) => c.users.delete(x.user) },
  ];
}

describe('api round trip: every operation against the fake Admin API', () => {
  const fake = useFakeApi({ projects: 6, users: 30 });
  const x: Ctx = {};
  const all = steps(fake);
  const passed = new Set<OperationId>();

  before(() => {
    const { state } = fake();
    // A reader who belongs to no project yet, and a seeded project with a user-owned key and rate limits.
    x.user = state.users.values().find((u) => u.role === 'reader' && state.membershipsOf(u.id).length === 0)?.id
      ?? state.users.values().find((u) => u.role === 'reader')!.id;
    const seeded = state.projects.values().find((p) => {
      const data = state.project(p.id)!;
      return p.status === 'active' && data.rateLimits.size > 0 && data.serviceAccounts.size > 0 && data.apiKeys.values().some((k) => k.owner.type === 'user');
    })!;
    x.seeded = seeded.id;
    x.userKey = state.project(seeded.id)!.apiKeys.values().find((k) => k.owner.type === 'user')!.id;
    const sa = state.project(seeded.id)!.serviceAccounts.values()[0];
    x.serviceAccountOfSeeded = sa?.id ?? '';
    x.saKey = state.project(seeded.id)!.apiKeys.values().find((k) => k.owner.type === 'service_account')?.id ?? x.userKey;
  });

  it('the step list names every YAML operation exactly once', () => {
    const ops = all.map((s) => s.op);
    assert.equal(new Set(ops).size, ops.length, 'duplicate step');
    assert.deepEqual([...ops].sort(), yamlOperations().map((o) => o.operationId).sort());
  });

  for (const step of all) {
    const { method, path: template } = OPERATIONS[step.op];
    it(`${step.op}: ${method} ${template}`, async () => {
      const since = fake().requests.length;
      const client = clientFor(fake(), { maxRetries: 0 });
      await step.run(client, x);
      const records = requestsSince(fake(), since).filter((r) => r.operationId === step.op);
      assert.equal(records.length, 1, `the fake saw ${step.op} once`);
      assert.equal(records[0]!.route, `${method} ${template}`);
      assert.ok(records[0]!.status >= 200 && records[0]!.status < 300, `status ${records[0]!.status}`);
      passed.add(step.op);
    });
  }

  it('all 143 operations round-tripped', () => {
    assert.deepEqual(all.map((s) => s.op).filter((op) => !passed.has(op)), []);
    assert.equal(passed.size, 143);
  });
});
