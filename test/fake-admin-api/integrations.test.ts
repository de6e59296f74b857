// The November 2026 operations keep state like the rest: workload identity providers and their
// federation rules, external keys and storage, service tier settings, key expiry, residency.
import assert from 'node:assert/strict';
import { archivedProject, busyProject, call, ok, walkA } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi } from './types';

const WIP = '/organization/workload_identity_providers';
const AWS_KEY = {
  type: 'aws',
  name: 'Test EKM',
  kms_arn: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
  role_arn: 'arn:aws:iam::123456789012:role/openai-kms',
  external_id: 'org-test',
};
const YEAR = 31_536_000;

describe('fake-admin-api: November 2026 resources', () => {
  let fake: FakeAdminApi;
  let project: string;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 11 });
    project = busyProject(fake);
  });
  after(() => fake.close());

  const P = () => `/organization/projects/${project}`;
  const sa = () => fake.state.project(project)!.serviceAccounts.values()[0]!.id;
  const status = async (method: string, path: string, body?: unknown) => {
    const r = await call(fake, method, path, { body });
    return { status: r.status, param: r.json?.error?.param as string | null | undefined };
  };

  describe('workload identity', () => {
    it('a provider is created, listed, updated and deleted; its rules go with it', async () => {
      const created = await ok(fake, 'POST', WIP, { body: { name: 'CI', type: 'oidc', issuer: 'https://ci.acme.example', audience: 'openai' } });
      assert.equal(created.object, 'organization.workload_identity_provider');
      assert.deepEqual([created.enabled, created.description, created.attribute_transformations, created.verification], [true, null, [], { type: 'discovery', discovery_url: null }]);
      assert.ok((await walkA(fake, WIP)).items.some((p) => p.id === created.id));

      const updated = await ok(fake, 'POST', `${WIP}/${created.id}`, { body: { enabled: false, description: 'CI tokens' } });
      assert.deepEqual([updated.enabled, updated.description, updated.name], [false, 'CI tokens', 'CI']);
      assert.equal((await ok(fake, 'POST', `${WIP}/${created.id}`)).description, 'CI tokens', 'an empty update changes nothing');
      assert.equal((await ok(fake, 'POST', `${WIP}/${created.id}`, { body: { description: null } })).description, null);

      const rule = await ok(fake, 'POST', `${WIP}/${created.id}/federation_rules`, { body: { project_id: project, service_account_id: sa(), attribute_matchers: { sub: 'repo:acme/api:ref:refs/heads/main' } } });
      assert.deepEqual(await ok(fake, 'DELETE', `${WIP}/${created.id}`), { id: created.id, object: 'organization.workload_identity_provider.deleted', deleted: true });
      assert.equal((await status('GET', `${WIP}/${created.id}`)).status, 404);
      assert.equal((await status('GET', `${WIP}/${created.id}/federation_rules/${rule.id}`)).status, 404);
      assert.equal(fake.state.federationRules.has(created.id), false);
    });

    it('provider bodies are validated (400 with param) and an issuer/audience pair is unique (409)', async () => {
      assert.deepEqual(await status('POST', WIP, { type: 'oidc', issuer: 'https://x.example', audience: 'a' }), { status: 400, param: 'name' });
      assert.deepEqual(await status('POST', WIP, { name: 'x', type: 'saml', issuer: 'https://x.example', audience: 'a' }), { status: 400, param: 'type' });
      assert.deepEqual(await status('POST', WIP, { name: 'x', type: 'oidc', issuer: 'http://x.example', audience: 'a' }), { status: 400, param: 'issuer' });
      assert.deepEqual(await status('POST', WIP, { name: 'x', type: 'oidc', issuer: 'https://x.example', audience: 'a', verification: { type: 'uploaded_jwks', jwks: {} } }), { status: 400, param: 'verification.jwks.keys' });
      assert.deepEqual(await status('POST', WIP, { name: 'x', type: 'oidc', issuer: 'https://x.example', audience: 'a', verification: { type: 'x509' } }), { status: 400, param: 'verification.type' });
      const body = { name: 'Twin', type: 'oidc', issuer: 'https://twin.example', audience: 'a' };
      await ok(fake, 'POST', WIP, { body });
      assert.deepEqual(await status('POST', WIP, { ...body, name: 'Twin 2' }), { status: 409, param: 'issuer' });
      assert.equal((await status('GET', `${WIP}/wip_nope`)).status, 404);
    });

    it('rules: create → list (filter by service account) → update → delete; references are checked', async () => {
      const provider = fake.state.workloadIdentityProviders.values()[0]!.id;
      const R = `${WIP}/${provider}/federation_rules`;
      const before = (await walkA(fake, R)).items.length;
      const rule = await ok(fake, 'POST', R, {
        body: { project_id: project, service_account_id: sa(), attribute_matchers: { repo: 'acme/api', protected: true, run: 3 }, permissions: { type: 'restricted', scopes: ['api.model.request'] } },
      });
      assert.deepEqual([rule.name, rule.enabled, rule.permissions], [null, true, { type: 'restricted', scopes: ['api.model.request'] }]);
      assert.equal((await walkA(fake, R)).items.length, before + 1);
      const filtered = (await walkA(fake, R, { service_account_id: sa() })).items;
      assert.ok(filtered.length >= 1 && filtered.every((r) => r.service_account_id === sa()));
      assert.deepEqual((await ok(fake, 'GET', R, { query: { service_account_id: 'svc_acct_nobody' } })).data, []);

      const updated = await ok(fake, 'POST', `${R}/${rule.id}`, { body: { name: 'main', permissions: { type: 'service_account_default' }, attribute_matchers: { repo: 'acme/web' } } });
      assert.deepEqual([updated.name, updated.permissions, updated.attribute_matchers, updated.project_id], ['main', { type: 'service_account_default' }, { repo: 'acme/web' }, project]);
      assert.deepEqual(await ok(fake, 'DELETE', `${R}/${rule.id}`), { id: rule.id, object: 'organization.workload_identity_federation_rule.deleted', deleted: true });
      assert.equal((await status('GET', `${R}/${rule.id}`)).status, 404);

      assert.deepEqual(await status('POST', R, { project_id: 'proj_nope', service_account_id: sa(), attribute_matchers: { a: 'b' } }), { status: 404, param: 'project_id' });
      assert.deepEqual(await status('POST', R, { project_id: project, service_account_id: 'svc_acct_nope', attribute_matchers: { a: 'b' } }), { status: 404, param: 'service_account_id' });
      assert.deepEqual(await status('POST', R, { project_id: project, service_account_id: sa(), attribute_matchers: {} }), { status: 400, param: 'attribute_matchers' });
      assert.deepEqual(await status('POST', R, { project_id: project, service_account_id: sa(), attribute_matchers: { a: ['x'] } }), { status: 400, param: 'attribute_matchers.a' });
      assert.deepEqual(await status('POST', R, { project_id: project, service_account_id: sa(), attribute_matchers: { a: 'b' }, permissions: { type: 'restricted', scopes: [] } }), { status: 400, param: 'permissions.scopes' });
      assert.equal((await status('POST', R, { project_id: archivedProject(fake), service_account_id: sa(), attribute_matchers: { a: 'b' } })).status, 400);
      assert.equal((await status('GET', `${WIP}/wip_nope/federation_rules`)).status, 404);
    });

    it('deleting a service account deletes the rules aimed at it', async () => {
      const provider = fake.state.workloadIdentityProviders.values()[0]!.id;
      const account = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'federated' } });
      const rule = await ok(fake, 'POST', `${WIP}/${provider}/federation_rules`, { body: { project_id: project, service_account_id: account.id, attribute_matchers: { sub: 'x' } } });
      await ok(fake, 'DELETE', `${P()}/service_accounts/${account.id}`);
      assert.equal((await status('GET', `${WIP}/${provider}/federation_rules/${rule.id}`)).status, 404);
    });
  });

  describe('external keys', () => {
    it('create (each provider) → list with purpose filter → validate → delete returns the removed key', async () => {
      const aws = await ok(fake, 'POST', '/organization/external_keys', { body: AWS_KEY });
      assert.deepEqual([aws.object, aws.type, aws.purpose, aws.kms_arn, aws.api_project_ids], ['organization.external_key', 'aws', 'ekm', AWS_KEY.kms_arn, []]);
      const azure = await ok(fake, 'POST', '/organization/external_keys', {
        body: { type: 'azure', name: 'PSP', tenant_id: 't', vault_uri: 'https://v.vault.azure.net/', key_name: 'k', key_version: '1', purpose: 'psp_decryption' },
      });
      const oci = await ok(fake, 'POST', '/organization/external_keys', { body: { type: 'oci', name: 'OCI', region: 'us-ashburn-1', vault_ocid: 'ocid1.vault', key_ocid: 'ocid1.key' } });
      assert.equal(oci.region, 'us-ashburn-1');
      const psp = (await walkA(fake, '/organization/external_keys', { purpose: 'psp_decryption' })).items;
      assert.ok(psp.some((k) => k.id === azure.id) && psp.every((k) => k.purpose === 'psp_decryption'));
      assert.ok(!(await walkA(fake, '/organization/external_keys', { purpose: 'ekm' })).items.some((k) => k.id === azure.id));

      const validated = await ok(fake, 'POST', `/organization/external_keys/${aws.id}/validate`);
      assert.equal(validated.status, fake.state.externalKeys.get(aws.id)!.reachable ? 'valid' : 'invalid');
      fake.state.externalKeys.get(aws.id)!.reachable = false;
      assert.deepEqual(await ok(fake, 'POST', `/organization/external_keys/${aws.id}/validate`), { status: 'invalid' });

      assert.deepEqual(await ok(fake, 'DELETE', `/organization/external_keys/${oci.id}`), oci);
      assert.equal((await status('GET', `/organization/external_keys/${oci.id}`)).status, 404);
    });

    it('bad bodies are 400 with the field; duplicate names 409; a key in use cannot be deleted', async () => {
      const keys = '/organization/external_keys';
      assert.deepEqual(await status('POST', keys, { name: 'x' }), { status: 400, param: 'type' });
      assert.deepEqual(await status('POST', keys, { ...AWS_KEY, type: 'ibm' }), { status: 400, param: 'type' });
      assert.deepEqual(await status('POST', keys, { ...AWS_KEY, name: 'other', role_arn: 'arn:aws:iam::123:role/x' }), { status: 400, param: 'role_arn' });
      assert.deepEqual(await status('POST', keys, { ...AWS_KEY, name: 'other', purpose: 'backup' }), { status: 400, param: 'purpose' });
      const gcp = { type: 'gcp', name: 'G', audience: 'a', kms_project_id: 'p', kms_key_location: 'l', kms_key_ring_name: 'r', kms_key_name: 'k', workload_identity_pool_id: 'p', workload_identity_project_number: '12x', workload_identity_provider_id: 'p' };
      assert.deepEqual(await status('POST', keys, gcp), { status: 400, param: 'workload_identity_project_number' });
      assert.deepEqual(await status('POST', keys, { ...gcp, workload_identity_project_number: '12', kms_key_version: '3' }), { status: 400, param: 'kms_key_version' });
      assert.deepEqual(await status('POST', keys, { ...gcp, workload_identity_project_number: '12', purpose: 'psp_decryption' }), { status: 400, param: 'kms_key_version' });
      assert.deepEqual(await status('POST', keys, { ...AWS_KEY, name: 'Dup' }), { status: 200, param: undefined });
      assert.deepEqual(await status('POST', keys, { ...AWS_KEY, name: 'Dup' }), { status: 409, param: 'name' });

      const key = await ok(fake, 'POST', keys, { body: { ...AWS_KEY, name: 'In use' } });
      const p = await ok(fake, 'POST', '/organization/projects', { body: { name: 'Encrypted', external_key_id: key.id } });
      assert.equal(p.external_key_id, key.id);
      assert.deepEqual((await ok(fake, 'GET', `${keys}/${key.id}`)).api_project_ids, [p.id]);
      assert.deepEqual(await status('DELETE', `${keys}/${key.id}`), { status: 409, param: 'external_key_id' });
      await ok(fake, 'POST', `/organization/projects/${p.id}`, { body: { external_key_id: null } });
      assert.equal((await ok(fake, 'DELETE', `${keys}/${key.id}`)).id, key.id);
      assert.deepEqual(await status('POST', '/organization/projects', { name: 'x', external_key_id: 'extkey_nope' }), { status: 404, param: 'external_key_id' });
    });
  });

  describe('external storage', () => {
    it('create → pending → validate flips it deterministically → list by project → delete', async () => {
      const target = await ok(fake, 'POST', '/organization/projects', { body: { name: 'With bucket', residency: 'EU_STORAGE_PROCESSING' } });
      const created = await ok(fake, 'POST', '/organization/external_storage', {
        body: { project_id: target.id, provider: { type: 'aws', bucket: 'acme-eu', role_arn: 'arn:aws:iam::210987654321:role/openai' } },
      });
      assert.deepEqual([created.status, created.geography, created.provider.region, created.provider.account_id, created.provider.external_id], ['pending', 'EU', 'eu-central-1', '210987654321', target.id]);
      const health = fake.state.externalStorage.get(created.id)!.health;
      assert.equal((await ok(fake, 'POST', `/organization/external_storage/${created.id}/validate`)).status, health);
      assert.equal((await ok(fake, 'GET', `/organization/external_storage/${created.id}`)).status, health);
      fake.state.externalStorage.get(created.id)!.health = 'unhealthy';
      assert.equal((await ok(fake, 'POST', `/organization/external_storage/${created.id}/validate`)).status, 'unhealthy');

      assert.deepEqual((await walkA(fake, '/organization/external_storage', { project_id: target.id })).items.map((c) => c.id), [created.id]);
      assert.deepEqual(await status('POST', '/organization/external_storage', { project_id: target.id, provider: { type: 'oci', bucket: 'b', region: 'r', tenancy_ocid: 't' } }), { status: 409, param: 'project_id' });
      assert.deepEqual(await ok(fake, 'DELETE', `/organization/external_storage/${created.id}`), { id: created.id, object: 'organization.external_storage.deleted', deleted: true });
      assert.equal((await status('GET', `/organization/external_storage/${created.id}`)).status, 404);
      assert.deepEqual((await ok(fake, 'GET', '/organization/external_storage', { query: { project_id: target.id } })).data, []);
    });

    it('bad bodies, unknown and archived projects, limits', async () => {
      const S = '/organization/external_storage';
      assert.deepEqual(await status('POST', S, { provider: { type: 'oci', bucket: 'b', region: 'r', tenancy_ocid: 't' } }), { status: 400, param: 'project_id' });
      assert.deepEqual(await status('POST', S, { project_id: project, provider: { type: 'gcs' } }), { status: 400, param: 'provider.type' });
      assert.deepEqual(await status('POST', S, { project_id: project, provider: { type: 'azure', tenant_id: 't' } }), { status: 400, param: 'provider.subscription_id' });
      assert.deepEqual(await status('POST', S, { project_id: 'proj_nope', provider: { type: 'oci', bucket: 'b', region: 'r', tenancy_ocid: 't' } }), { status: 404, param: 'project_id' });
      assert.equal((await status('POST', S, { project_id: archivedProject(fake), provider: { type: 'oci', bucket: 'b', region: 'r', tenancy_ocid: 't' } })).status, 400);
      assert.equal((await call(fake, 'GET', S, { query: { limit: 0 } })).json.error.param, 'limit');
      assert.equal((await call(fake, 'GET', '/organization/external_keys', { query: { limit: 0 } })).status, 200, 'external keys accept limit=0');
      assert.equal((await call(fake, 'GET', '/organization/external_keys', { query: { limit: 101 } })).json.error.param, 'limit');
    });
  });

  describe('service tier settings', () => {
    it('retrieve, update one field at a time, and refuse inconsistent or empty updates', async () => {
      const T = `${P()}/service_tier_settings`;
      const initial = await ok(fake, 'GET', T);
      assert.equal(initial.object, 'project.service_tier_settings');
      assert.deepEqual(await ok(fake, 'POST', T, { body: { enabled_tiers: ['flex', 'fast', 'flex'] } }), { object: 'project.service_tier_settings', default: initial.default === 'fast' ? 'fast' : initial.default, enabled_tiers: ['flex', 'fast'] });
      assert.equal((await ok(fake, 'POST', T, { body: { default: 'fast' } })).default, 'fast');
      assert.deepEqual(await status('POST', T, { enabled_tiers: ['flex'] }), { status: 400, param: 'enabled_tiers' });
      assert.deepEqual((await ok(fake, 'POST', T, { body: { default: 'standard', enabled_tiers: 'all' } })).enabled_tiers, 'all');
      assert.deepEqual((await ok(fake, 'GET', T)).default, 'standard');
      assert.deepEqual(await status('POST', T, {}), { status: 400, param: null });
      assert.deepEqual(await status('POST', T, { enabled_tiers: 'some' }), { status: 400, param: 'enabled_tiers' });
      assert.deepEqual(await status('POST', T, { enabled_tiers: ['priority'] }), { status: 400, param: 'enabled_tiers[0]' });
      assert.deepEqual(await status('POST', T, { default: 'auto' }), { status: 400, param: 'default' });
      assert.equal((await status('POST', `/organization/projects/${archivedProject(fake)}/service_tier_settings`, { default: 'standard' })).status, 400);
      assert.equal((await status('GET', '/organization/projects/proj_nope/service_tier_settings')).status, 404);
    });
  });

  describe('key expiry', () => {
    it('updating a project key sets scopes and expires_at; the bounds and minProperties are enforced', async () => {
      const key = fake.state.project(project)!.apiKeys.values()[0]!;
      const K = `${P()}/api_keys/${key.id}`;
      const t0 = Math.floor(Date.now() / 1000);
      const updated = await ok(fake, 'POST', K, { body: { expires_in_seconds: 3600, scopes: ['api.model.read'] } });
      assert.ok(updated.expires_at >= t0 + 3600 && updated.expires_at <= t0 + 3610, `${updated.expires_at}`);
      assert.deepEqual(fake.state.project(project)!.apiKeys.get(key.id)!.scopes, ['api.model.read']);
      assert.equal((await ok(fake, 'GET', K)).expires_at, updated.expires_at);
      assert.equal((await ok(fake, 'POST', K, { body: { expires_in_seconds: YEAR } })).expires_at >= t0 + YEAR, true);
      assert.deepEqual(await status('POST', K, { expires_in_seconds: 0 }), { status: 400, param: 'expires_in_seconds' });
      assert.deepEqual(await status('POST', K, { expires_in_seconds: YEAR + 1 }), { status: 400, param: 'expires_in_seconds' });
      assert.deepEqual(await status('POST', K, { expires_in_seconds: null }), { status: 400, param: 'expires_in_seconds' });
      assert.deepEqual(await status('POST', K, { scopes: null, expires_in_seconds: 10 }), { status: 400, param: 'scopes' });
      assert.deepEqual(await status('POST', K, {}), { status: 400, param: null });
      assert.equal((await status('POST', `${P()}/api_keys/key_nope`, { scopes: [] })).status, 404);
    });

    it('service-account create and key create take expires_in_seconds (→ expires_at), within bounds', async () => {
      const t0 = Math.floor(Date.now() / 1000);
      const created = await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'short-lived', expires_in_seconds: 600 } });
      assert.ok(created.api_key.expires_at >= t0 + 600 && created.api_key.expires_at <= t0 + 610);
      const listed = (await walkA(fake, `${P()}/api_keys`, { owner_project_access: 'any' })).items.find((k) => k.id === created.api_key.id);
      assert.equal(listed.expires_at, created.api_key.expires_at);
      assert.equal((await ok(fake, 'POST', `${P()}/service_accounts`, { body: { name: 'forever' } })).api_key.expires_at, null);
      assert.deepEqual(await status('POST', `${P()}/service_accounts`, { name: 'x', expires_in_seconds: YEAR + 1 }), { status: 400, param: 'expires_in_seconds' });
      assert.deepEqual(await status('POST', `${P()}/service_accounts`, { name: 'x', create_service_account_only: true, expires_in_seconds: 60 }), { status: 400, param: 'expires_in_seconds' });
      const key = await ok(fake, 'POST', `${P()}/service_accounts/${created.id}/api_keys`, { body: { name: 'rotated', expires_in_seconds: 60 } });
      assert.ok(key.expires_at >= t0 + 60 && key.expires_at <= t0 + 70);
      assert.deepEqual(await status('POST', `${P()}/service_accounts/${created.id}/api_keys`, { expires_in_seconds: 0 }), { status: 400, param: 'expires_in_seconds' });
    });
  });

  describe('residency', () => {
    it('accepts the new residencies and the deprecated geography (not both); geography cannot move a project', async () => {
      for (const residency of ['JP_STORAGE_PROCESSING', 'IN_STORAGE_PROCESSING', 'AU_STORAGE_PROCESSING']) {
        assert.equal((await ok(fake, 'POST', '/organization/projects', { body: { name: residency, residency } })).residency, residency);
      }
      const eu = await ok(fake, 'POST', '/organization/projects', { body: { name: 'Geo EU', geography: 'EU' } });
      assert.equal(eu.residency, 'EU_STORAGE_PROCESSING');
      assert.deepEqual(await status('POST', '/organization/projects', { name: 'both', residency: 'GLOBAL', geography: 'US' }), { status: 400, param: 'geography' });
      assert.deepEqual(await status('POST', '/organization/projects', { name: 'bad', geography: 'Mars' }), { status: 400, param: 'geography' });
      assert.deepEqual(await status('POST', '/organization/projects', { name: 'bad', residency: 'MARS_STORAGE' }), { status: 400, param: 'residency' });
      assert.equal((await ok(fake, 'POST', `/organization/projects/${eu.id}`, { body: { geography: 'eu', name: 'Geo EU 2' } })).name, 'Geo EU 2');
      assert.deepEqual(await status('POST', `/organization/projects/${eu.id}`, { geography: 'US' }), { status: 400, param: 'geography' });
    });
  });
});
