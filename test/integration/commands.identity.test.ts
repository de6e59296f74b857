// Workload identity providers and their federation rules, external keys and external storage, run in
// the extension host against the fake: each folder shows exactly the fake's data, each command's
// effect on the fake's state and exactly what it sent, cancelling sends nothing, API text stays text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExternalKey, ExternalStorage, FederationRule, WorkloadIdentityProvider } from '../../src/api';
import type { TreeRow } from '../../src/extension';
import { formatMatchers } from '../../src/model/workloadIdentity';
import { HOSTILE_STRINGS } from '../fake-admin-api/hostile-strings';
import { api, fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, itCancelsAtEveryPrompt, newProject, noWrites, onlyWrite, rowIds, runAsUser as run, shownText, uniqueName, v1,
} from './fixtures';
import type { Step } from './ui';

const P = '/organization/workload_identity_providers';

/** Every item of a cursor list, straight from the fake. */
async function listAll<T extends { id: string }>(path: string): Promise<T[]> {
  const out: T[] = [];
  for (let after: string | undefined; ;) {
    const page = await v1<{ data: T[]; has_more: boolean }>('GET', `${path}?limit=100${after ? `&after=${after}` : ''}`);
    out.push(...page.data);
    if (!page.has_more) return out;
    after = out[out.length - 1]!.id;
  }
}

const rows = async (id: string): Promise<TreeRow[]> => (await (await api()).treeChildren(id)).filter((r) => !r.id.split('/').pop()!.startsWith('~'));

let n = 0;
/** Issuer and audience pairs are unique per provider in the API. */
const issuer = () => `https://issuer-${Date.now().toString(36)}-${++n}.example.com`;

async function newProvider(extra: Partial<WorkloadIdentityProvider> = {}): Promise<WorkloadIdentityProvider> {
  return v1('POST', P, { name: uniqueName('CI provider'), type: 'oidc', issuer: issuer(), audience: 'api://openai', ...extra });
}

async function projectWithAccount(): Promise<{ p: { id: string; name: string }; sa: { id: string; name: string } }> {
  const p = await newProject();
  const sa = await v1<{ id: string; name: string }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('deployer') });
  return { p, sa };
}

async function newRule(providerId: string, extra: Record<string, unknown> = {}): Promise<FederationRule & { p: { id: string; name: string } }> {
  const { p, sa } = await projectWithAccount();
  const r = await v1<FederationRule>('POST', `${P}/${providerId}/federation_rules`, {
    project_id: p.id, service_account_id: sa.id, attribute_matchers: { sub: 'repo:acme/app:ref:refs/heads/main', ref_protected: true }, name: uniqueName('main branch'), ...extra,
  });
  return { ...r, p };
}

const AWS_KEY = {
  kms_arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  role_arn: 'arn:aws:iam::123456789012:role/openai-kms',
  external_id: 'org-test',
};


const NO_LIVE_LINK = /(^|[^\\])\[[^\]]*\]\((command|javascript|https?):/;

describe('workload identity: tree', function () {
  this.timeout(60_000);
  connectedToFake();

  it('shows the providers, and under each its federation rules, exactly as the API lists them', async () => {
    const made = await newProvider({ description: 'GitHub Actions of acme' });
    await newRule(made.id);
    await newRule(made.id, { enabled: false, permissions: { type: 'restricted', scopes: ['api.all.read'] } });
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const providers = await listAll<WorkloadIdentityProvider>(P);
    const shown = await rows('workloadIdentity');
    assert.deepEqual(shown.map((r) => r.id), providers.slice(0, 100).map((p) => `workloadIdentity/${p.id}`));
    assert.deepEqual(shown.map((r) => r.label), providers.slice(0, 100).map((p) => p.name));
    for (const p of providers.slice(0, 5).concat(providers.filter((x) => x.id === made.id))) {
      const rules = await listAll<FederationRule>(`${P}/${p.id}/federation_rules`);
      const ruleRows = await rows(`workloadIdentity/${p.id}`);
      assert.deepEqual(ruleRows.map((r) => r.id), rules.slice(0, 100).map((r) => `workloadIdentity/${p.id}/${r.id}`), p.id);
      rules.slice(0, 100).forEach((r, i) => {
        const count = Object.keys(r.attribute_matchers).length;
        assert.match(ruleRows[i]!.description ?? '', new RegExp(`${count} matchers?`));
        assert.equal(/\bdisabled\b/.test(ruleRows[i]!.description ?? ''), !r.enabled, `${r.id} enabled=${r.enabled}: ${ruleRows[i]!.description}`);
        assert.equal(/\brestricted\b/.test(ruleRows[i]!.description ?? ''), r.permissions.type === 'restricted');
      });
    }
    const mine = shown.find((r) => r.id === `workloadIdentity/${made.id}`)!;
    assert.ok(mine.description?.includes(made.issuer), mine.description);
    assert.ok(shownText(mine.tooltip).includes('**Description:** GitHub Actions of acme'), mine.tooltip);
    assert.ok(mine.collapsible);
  });

  it('shows hostile provider and rule text as text: labels verbatim, tooltips without live links', async () => {
    const link = HOSTILE_STRINGS.find((s) => s.startsWith('[Open settings](command:'))!;
    const html = HOSTILE_STRINGS.find((s) => s.startsWith('<img src=x onerror'))!;
    const p = await newProvider({ name: link, description: html });
    await newRule(p.id, { name: html, attribute_matchers: { sub: link }, description: link });
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const providerRow = (await rows('workloadIdentity')).find((r) => r.id === `workloadIdentity/${p.id}`)!;
    assert.equal(providerRow.label, link);
    const ruleRow = (await rows(`workloadIdentity/${p.id}`))[0]!;
    assert.equal(ruleRow.label, html);
    for (const r of [providerRow, ruleRow]) {
      assert.ok(r.tooltip, `${r.id} has no tooltip`);
      assert.doesNotMatch(r.tooltip, NO_LIVE_LINK, `live link in the tooltip of ${r.id}: ${r.tooltip}`);
      // The text itself is all there, to be read (HTML is not rendered: supportHtml is off).
      assert.ok(shownText(r.tooltip).includes(r === providerRow ? html : link), `${r.id}: ${r.tooltip}`);
    }
  });
});

describe('workload identity: provider commands', function () {
  this.timeout(60_000);
  connectedToFake();

  it('creates a provider from the palette, checking the issuer as it is typed, and offers adding a rule', async () => {
    const name = uniqueName('GitHub Actions');
    const iss = issuer();
    const refused = await run('openaiAdmin.workloadIdentityProvider.create', [{ input: name }, { input: 'http://insecure.example.com', reject: /https/ }]);
    assert.equal(refused.result, undefined);
    await noWrites();

    const { result, user } = await run('openaiAdmin.workloadIdentityProvider.create', [
      { input: name }, { input: iss }, { input: 'https://github.com/acme' }, { input: '' }, { pick: "The issuer's discovery document" },
    ]);
    const sent = await onlyWrite('POST', P);
    assert.deepEqual(sent.body, { name, type: 'oidc', issuer: iss, audience: 'https://github.com/acme' });
    const created = (await fakeState() as unknown as { workloadIdentityProviders: WorkloadIdentityProvider[] }).workloadIdentityProviders.find((p) => p.name === name);
    assert.ok(created, 'no provider in the fake');
    assert.equal((result as WorkloadIdentityProvider).id, created.id);
    assert.ok((await rowIds('workloadIdentity')).includes(`workloadIdentity/${created.id}`), 'the Workload Identity folder was not refreshed');
    assert.deepEqual(user.notes, [`Provider “${name}” accepts no tokens until a federation rule maps them to a service account.`]);
  });

  it('sends a custom discovery URL and a description when given', async () => {
    const name = uniqueName('Okta');
    const iss = issuer();
    await run('openaiAdmin.workloadIdentityProvider.create', [
      { input: name }, { input: iss }, { input: 'api://openai' }, { input: 'Okta workloads' },
      { pick: 'Another discovery URL…' }, { input: `${iss}/oauth2/.well-known/openid-configuration` },
    ]);
    const sent = await onlyWrite('POST', P);
    assert.deepEqual(sent.body, {
      name, type: 'oidc', issuer: iss, audience: 'api://openai', description: 'Okta workloads',
      verification: { type: 'discovery', discovery_url: `${iss}/oauth2/.well-known/openid-configuration` },
    });
  });

  it('edits one field at a time, pre-filled; an unchanged value sends nothing', async () => {
    const p = await newProvider();
    const row = await freshNode(`workloadIdentity/${p.id}`);
    await fake.clearRequests();

    const same = await run('openaiAdmin.workloadIdentityProvider.edit', [{ pick: 'Audience' }, { input: (prefilled) => prefilled ?? '' }], row);
    assert.equal(same.user.of('input')[0]!.prefilled, 'api://openai');
    await noWrites();

    const newName = uniqueName('Renamed provider');
    await run('openaiAdmin.workloadIdentityProvider.edit', [{ pick: 'Name' }, { input: newName }], row);
    assert.deepEqual((await onlyWrite('POST', `${P}/${p.id}`)).body, { name: newName });
    assert.equal((await v1<WorkloadIdentityProvider>('GET', `${P}/${p.id}`)).name, newName);
    assert.ok((await rows('workloadIdentity')).some((r) => r.label === newName), 'the folder was not refreshed');

    await fake.clearRequests();
    await run('openaiAdmin.workloadIdentityProvider.edit', [{ pick: 'Description' }, { input: 'Build machines' }], row);
    assert.deepEqual((await onlyWrite('POST', `${P}/${p.id}`)).body, { description: 'Build machines' });
  });

  it('disabling asks first, naming the provider; No sends nothing', async () => {
    const p = await newProvider();
    const row = await freshNode(`workloadIdentity/${p.id}`);
    await fake.clearRequests();
    const no = await run('openaiAdmin.workloadIdentityProvider.edit', [{ pick: 'Disable' }, { confirm: false }], row);
    assert.equal(no.user.of('confirm')[0]!.text, `Disable workload identity provider “${p.name}”?`);
    await noWrites();

    await run('openaiAdmin.workloadIdentityProvider.edit', [{ pick: 'Disable' }, { confirm: true }], row);
    assert.deepEqual((await onlyWrite('POST', `${P}/${p.id}`)).body, { enabled: false });
    assert.equal((await v1<WorkloadIdentityProvider>('GET', `${P}/${p.id}`)).enabled, false);
    const shown = (await rows('workloadIdentity')).find((r) => r.id === `workloadIdentity/${p.id}`)!;
    assert.match(shown.description ?? '', /^disabled · /);
  });

  it('deletes a provider after a modal naming it; cancelling keeps it', async () => {
    const p = await newProvider();
    const row = await freshNode(`workloadIdentity/${p.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.workloadIdentityProvider.delete', [{ confirm: false }], row);
    await noWrites();

    const { user } = await run('openaiAdmin.workloadIdentityProvider.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0]!.text, `Delete workload identity provider “${p.name}”?`);
    assert.match(user.of('confirm')[0]!.detail ?? '', new RegExp(p.id));
    await onlyWrite('DELETE', `${P}/${p.id}`);
    assert.ok(!(await listAll<WorkloadIdentityProvider>(P)).some((x) => x.id === p.id));
    assert.ok(!(await rowIds('workloadIdentity')).includes(row.id), 'the folder still shows the deleted provider');
  });
});

describe('workload identity: federation rule commands', function () {
  this.timeout(60_000);
  connectedToFake();

  it('adds a rule from the provider row: project and service account by search, matchers, permissions, name', async () => {
    const p = await newProvider();
    const { p: project, sa } = await projectWithAccount();
    const row = await freshNode(`workloadIdentity/${p.id}`);
    assert.deepEqual(await rowIds(row.id), []);
    await fake.clearRequests();

    const { user } = await run('openaiAdmin.federationRule.create', [
      { search: project.id }, { search: sa.id },
      { input: 'sub=repo:acme/app:ref:refs/heads/main, ref_protected=true' },
      { pick: 'Restricted to scopes…' }, { input: 'api.responses.write, api.files.read' },
      { input: 'main branch deploys' },
    ], row);
    const sent = await onlyWrite('POST', `${P}/${p.id}/federation_rules`);
    assert.deepEqual(sent.body, {
      project_id: project.id, service_account_id: sa.id,
      attribute_matchers: { sub: 'repo:acme/app:ref:refs/heads/main', ref_protected: true },
      permissions: { type: 'restricted', scopes: ['api.responses.write', 'api.files.read'] },
      name: 'main branch deploys',
    });
    const rules = await listAll<FederationRule>(`${P}/${p.id}/federation_rules`);
    assert.equal(rules.length, 1);
    assert.deepEqual(await rowIds(row.id), [`${row.id}/${rules[0]!.id}`], 'the provider row was not refreshed');
    assert.match(user.of('search')[1]!.text, new RegExp(`service account in “${project.name}”`));
  });

  it('refuses matchers that are not attribute=value and sends nothing', async () => {
    const p = await newProvider();
    const { p: project, sa } = await projectWithAccount();
    const row = await freshNode(`workloadIdentity/${p.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.federationRule.create', [{ search: project.id }, { search: sa.id }, { input: 'just-a-claim', reject: /not attribute=value/ }], row);
    await noWrites();
  });

  it('edits the matchers starting from the current ones, and disables a rule', async () => {
    const p = await newProvider();
    const r = await newRule(p.id);
    const row = await freshNode(`workloadIdentity/${p.id}/${r.id}`);
    await fake.clearRequests();

    const { user } = await run('openaiAdmin.federationRule.edit', [{ pick: 'Attribute matchers' }, { input: (prefilled) => `${prefilled}, repository_owner=acme` }], row);
    assert.equal(user.of('input')[0]!.prefilled, formatMatchers(r.attribute_matchers));
    const sent = await onlyWrite('POST', `${P}/${p.id}/federation_rules/${r.id}`);
    assert.deepEqual(sent.body, { attribute_matchers: { ...r.attribute_matchers, repository_owner: 'acme' } });

    await fake.clearRequests();
    await run('openaiAdmin.federationRule.edit', [{ pick: 'Disable' }], row);
    assert.deepEqual((await onlyWrite('POST', `${P}/${p.id}/federation_rules/${r.id}`)).body, { enabled: false });
    const after = await v1<FederationRule>('GET', `${P}/${p.id}/federation_rules/${r.id}`);
    assert.equal(after.enabled, false);
    assert.match((await rows(`workloadIdentity/${p.id}`))[0]!.description ?? '', /^disabled · /);

    await fake.clearRequests();
    await run('openaiAdmin.federationRule.edit', [{ pick: 'Name' }, { input: '' }], row);
    assert.deepEqual((await onlyWrite('POST', `${P}/${p.id}/federation_rules/${r.id}`)).body, { name: null });
  });

  it('deletes a rule after a modal naming rule and provider; cancelling keeps it', async () => {
    const p = await newProvider();
    const r = await newRule(p.id);
    const row = await freshNode(`workloadIdentity/${p.id}/${r.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.federationRule.delete', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.federationRule.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0]!.text, `Delete federation rule “${r.name}” of provider “${p.name}”?`);
    await onlyWrite('DELETE', `${P}/${p.id}/federation_rules/${r.id}`);
    assert.deepEqual(await listAll(`${P}/${p.id}/federation_rules`), []);
    assert.deepEqual(await rowIds(`workloadIdentity/${p.id}`), []);
  });
});

describe('external keys and storage', function () {
  this.timeout(60_000);
  connectedToFake();

  it('lists the registered keys and buckets exactly as the API does', async () => {
    await v1('POST', '/organization/external_keys', { type: 'aws', name: uniqueName('kms'), ...AWS_KEY });
    const { p } = await projectWithAccount();
    await v1('POST', '/organization/external_storage', { project_id: p.id, provider: { type: 'oci', bucket: 'acme-data', region: 'us-ashburn-1', tenancy_ocid: 'ocid1.tenancy.oc1..aaa' } });
    await vscode.commands.executeCommand('openaiAdmin.refresh');

    const keys = await listAll<ExternalKey>('/organization/external_keys');
    const keyRows = await rows('externalKeys');
    assert.deepEqual(keyRows.map((r) => r.id), keys.slice(0, 100).map((k) => `externalKeys/${k.id}`));
    assert.deepEqual(keyRows.map((r) => r.label), keys.slice(0, 100).map((k) => k.name));

    const storage = await listAll<ExternalStorage>('/organization/external_storage');
    const storageRows = await rows('externalStorage');
    assert.deepEqual(storageRows.map((r) => r.id), storage.slice(0, 100).map((s) => `externalStorage/${s.id}`));
    storage.slice(0, 100).forEach((s, i) => {
      assert.ok(storageRows[i]!.description?.startsWith(s.status), `${s.id}: ${storageRows[i]!.description} does not start with ${s.status}`);
      assert.ok(storageRows[i]!.description?.includes(s.project_id));
    });
  });

  it('registers an AWS KMS key, asking exactly the fields AWS needs, and refuses a malformed role ARN', async () => {
    const name = uniqueName('Prod KMS');
    await run('openaiAdmin.externalKey.create', [{ input: name }, { pick: 'AWS KMS' }, { input: AWS_KEY.kms_arn }, { input: 'arn:aws:iam::1:role/x', reject: /12-digit/ }]);
    await noWrites();

    const { user } = await run('openaiAdmin.externalKey.create', [
      { input: name }, { pick: 'AWS KMS' }, { input: AWS_KEY.kms_arn }, { input: AWS_KEY.role_arn }, { input: AWS_KEY.external_id },
    ]);
    assert.deepEqual(user.of('pick')[0]!.items, ['AWS KMS', 'Google Cloud KMS', 'Azure Key Vault', 'Oracle Cloud Vault']);
    assert.equal(user.of('input').length, 4);
    const sent = await onlyWrite('POST', '/organization/external_keys');
    assert.deepEqual(sent.body, { type: 'aws', name, ...AWS_KEY });
    const k = (await listAll<ExternalKey>('/organization/external_keys')).find((x) => x.name === name);
    assert.ok(k, 'not registered in the fake');
    assert.ok((await rowIds('externalKeys')).includes(`externalKeys/${k.id}`), 'the folder was not refreshed');
  });

  it('validates a key and shows the API\'s status in a notification', async () => {
    const k = await v1<ExternalKey>('POST', '/organization/external_keys', { type: 'azure', name: uniqueName('vault'), tenant_id: 't', vault_uri: 'https://acme.vault.azure.net/', key_name: 'k' });
    const expected = (await v1<{ status: string }>('POST', `/organization/external_keys/${k.id}/validate`)).status;
    const row = await freshNode(`externalKeys/${k.id}`);
    await fake.clearRequests();
    const { result, user } = await run('openaiAdmin.externalKey.validate', [], row);
    await onlyWrite('POST', `/organization/external_keys/${k.id}/validate`);
    assert.deepEqual(result, { status: expected });
    assert.equal(user.notes.length, 1);
    assert.ok(user.notes[0]!.startsWith(`External key “${k.name}” (Azure Key Vault): validation “${expected}”.`), user.notes[0]);
  });

  it('deletes a key after a modal naming it; cancelling keeps it', async () => {
    const k = await v1<ExternalKey>('POST', '/organization/external_keys', { type: 'oci', name: uniqueName('oci key'), region: 'us-ashburn-1', vault_ocid: 'ocid1.vault.oc1..a', key_ocid: 'ocid1.key.oc1..b' });
    const row = await freshNode(`externalKeys/${k.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.externalKey.delete', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.externalKey.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0]!.text, `Delete external key “${k.name}” (Oracle Cloud Vault)?`);
    await onlyWrite('DELETE', `/organization/external_keys/${k.id}`);
    assert.ok(!(await listAll<ExternalKey>('/organization/external_keys')).some((x) => x.id === k.id));
    assert.ok(!(await rowIds('externalKeys')).includes(row.id));
  });

  it('registers a bucket for a project, then validates it: the row shows the new status and a notification says it', async () => {
    const p = await newProject();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.externalStorage.create', [{ search: p.id }, { pick: 'Amazon S3' }, { input: 'acme-openai' }, { input: 'arn:aws:iam::123456789012:role/openai-s3' }]);
    const sent = await onlyWrite('POST', '/organization/external_storage');
    assert.deepEqual(sent.body, { project_id: p.id, provider: { type: 'aws', bucket: 'acme-openai', role_arn: 'arn:aws:iam::123456789012:role/openai-s3' } });
    const s = (await listAll<ExternalStorage>('/organization/external_storage')).find((x) => x.project_id === p.id)!;
    assert.equal(s.status, 'pending');
    const before = (await rows('externalStorage')).find((r) => r.id === `externalStorage/${s.id}`);
    assert.ok(before?.description?.startsWith('pending'), before?.description);

    await fake.clearRequests();
    const { result, user } = await run('openaiAdmin.externalStorage.validate', [], await freshNode(`externalStorage/${s.id}`));
    await onlyWrite('POST', `/organization/external_storage/${s.id}/validate`);
    const now = (await v1<ExternalStorage>('GET', `/organization/external_storage/${s.id}`)).status;
    assert.notEqual(now, 'pending');
    assert.equal((result as ExternalStorage).status, now);
    assert.equal(user.notes.length, 1);
    assert.ok(user.notes[0]!.startsWith(`External storage “acme-openai” (Amazon S3): “${now}”.`), user.notes[0]);
    const shown = (await rows('externalStorage')).find((r) => r.id === `externalStorage/${s.id}`);
    assert.ok(shown?.description?.startsWith(now), `the row was not refreshed: ${shown?.description}`);
    const icon = (await (await api()).treeNode(`externalStorage/${s.id}`))!.spec.icon;
    const icons: Record<string, unknown> = { validated: ['pass', 'testing.iconPassed'], degraded: ['warning', 'list.warningForeground'], unhealthy: ['error', 'list.errorForeground'] };
    assert.deepEqual(icon, icons[now]);
  });

  it('deletes a bucket registration after a modal naming it', async () => {
    const p = await newProject();
    const s = await v1<ExternalStorage>('POST', '/organization/external_storage', { project_id: p.id, provider: { type: 'gcp', bucket: 'acme-gcs', workload_identity_pool_id: 'pool', workload_identity_project_number: '123456789012', workload_identity_provider_id: 'prov' } });
    const row = await freshNode(`externalStorage/${s.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.externalStorage.delete', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.externalStorage.delete', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0]!.text, `Delete external storage “acme-gcs” (Google Cloud Storage) of project “${p.id}”?`);
    await onlyWrite('DELETE', `/organization/external_storage/${s.id}`);
    assert.ok(!(await rowIds('externalStorage')).includes(row.id));
  });
});

describe('new resources: cancelling any prompt sends nothing', function () {
  this.timeout(180_000);
  connectedToFake();

  let f: { p: { id: string }; sa: { id: string; keyId: string }; provider: string; rule: string; key: string; storage: string; storageProject: string };
  before(async () => {
    const { p, sa } = await projectWithAccount();
    const key = await v1<{ id: string }>('POST', `/organization/projects/${p.id}/service_accounts/${sa.id}/api_keys`, { name: uniqueName('matrix key') });
    const provider = await newProvider();
    const rule = await newRule(provider.id);
    const k = await v1<ExternalKey>('POST', '/organization/external_keys', { type: 'aws', name: uniqueName('matrix kms'), ...AWS_KEY });
    const storageProject = await newProject();
    const s = await v1<ExternalStorage>('POST', '/organization/external_storage', { project_id: storageProject.id, provider: { type: 'oci', bucket: 'b', region: 'r', tenancy_ocid: 't' } });
    const emptyProject = await newProject();
    f = { p, sa: { id: sa.id, keyId: key.id }, provider: provider.id, rule: rule.id, key: k.id, storage: s.id, storageProject: emptyProject.id };
  });

  const scenarios: Array<[string, () => Step[]]> = [
    ['openaiAdmin.workloadIdentityProvider.create', () => [{ input: 'Never' }, { input: issuer() }, { input: 'aud' }, { input: '' }, { pick: "The issuer's discovery document" }]],
    ['openaiAdmin.workloadIdentityProvider.edit', () => [{ search: f.provider }, { pick: 'Name' }, { input: 'Never renamed' }]],
    ['openaiAdmin.workloadIdentityProvider.delete', () => [{ search: f.provider }, { confirm: true }]],
    ['openaiAdmin.federationRule.create', () => [{ search: f.provider }, { search: f.p.id }, { search: f.sa.id }, { input: 'sub=x' }, { pick: "The service account's permissions" }, { input: '' }]],
    ['openaiAdmin.federationRule.edit', () => [{ search: f.provider }, { search: f.rule }, { pick: 'Disable' }]],
    ['openaiAdmin.federationRule.delete', () => [{ search: f.provider }, { search: f.rule }, { confirm: true }]],
    ['openaiAdmin.externalKey.create', () => [{ input: 'Never' }, { pick: 'Azure Key Vault' }, { input: 't' }, { input: 'https://v.vault.azure.net/' }, { input: 'k' }]],
    ['openaiAdmin.externalKey.validate', () => [{ search: f.key }]],
    ['openaiAdmin.externalKey.delete', () => [{ search: f.key }, { confirm: true }]],
    ['openaiAdmin.externalStorage.create', () => [{ search: f.storageProject }, { pick: 'OCI Object Storage' }, { input: 'b' }, { input: 'r' }, { input: 't' }]],
    ['openaiAdmin.externalStorage.validate', () => [{ search: f.storage }]],
    ['openaiAdmin.externalStorage.delete', () => [{ search: f.storage }, { confirm: true }]],
    ['openaiAdmin.serviceTier.edit', () => [{ search: f.p.id }, { pick: 'Scale' }, { pick: ['Flex'] }]],
    ['openaiAdmin.projectApiKey.edit', () => [{ search: f.p.id }, { search: f.sa.keyId }, { pick: 'Read only' }, { pick: '30 days' }]],
    ['openaiAdmin.serviceAccount.createApiKey', () => [{ search: f.p.id }, { search: f.sa.id }, { input: 'never created' }, { pick: '90 days' }]],
  ];

  itCancelsAtEveryPrompt(scenarios);
});
