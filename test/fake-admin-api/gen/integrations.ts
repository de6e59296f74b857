// What the November 2026 API added to an org: key expiry, the newer residencies, service tier
// settings, external keys and storage, workload identity providers with federation rules.
// Each part draws from its own area, after the rest of the org exists, so none of the earlier
// draws (and none of the usage numbers built on them) move.
import type { components } from '../../../src/api/schema';
import { fullProvider, geographyOfRegion, keyIsReachable, storageHealth } from '../external';
import type { Rng } from '../rng';
import type { ExternalKeyRec, ExternalStorageRec, FederationRuleRec, ProjectRec, ServiceTierSettingsRec, WorkloadIdentityProviderRec } from '../state';
import { DAY, GenContext, HOUR } from './context';
import type { GeneratedProject } from './projects';

type S = components['schemas'];

/**
 * Key expiry. Stale and never-used keys may have expired (after their last use, so usage
 * history stays as it was); keys in use expire within two weeks, later, or never.
 */
export function assignKeyExpiry(ctx: GenContext, projects: readonly GeneratedProject[]): void {
  const r = ctx.area('key-expiry');
  const now = ctx.opts.anchor;
  for (const { data } of projects) {
    for (const key of data.apiKeys.values()) {
      const lastUse = key.last_used_at ?? key.created_at;
      const stale = key.last_used_at === null || key.last_used_at < now - 7 * DAY;
      const u = r.next();
      const from = Math.max(lastUse, key.created_at) + HOUR;
      if (stale && u < 0.5 && from < now - HOUR) key.expires_at = from + Math.floor(r.next() * (now - HOUR - from));
      else if (!stale && u < 0.25) key.expires_at = now + HOUR + Math.floor(r.next() * (14 * DAY - HOUR));
      else if (u < 0.55) key.expires_at = now + 15 * DAY + Math.floor(r.next() * 350 * DAY);
      else key.expires_at = null;
    }
  }
}

const NEW_RESIDENCIES = ['JP_STORAGE_PROCESSING', 'IN_STORAGE_PROCESSING', 'AU_STORAGE_PROCESSING'] as const;

/** Some GLOBAL projects use the residencies added in November; each appears once at least. */
export function assignNewResidencies(ctx: GenContext, projects: readonly ProjectRec[]): void {
  const r = ctx.area('residency-2026-11');
  const global = projects.filter((p) => !p.is_default && p.residency === 'GLOBAL');
  const chosen = r.sample(global, Math.min(global.length, Math.max(NEW_RESIDENCIES.length, Math.round(global.length * 0.12))));
  chosen.forEach((p, i) => (p.residency = NEW_RESIDENCIES[i % NEW_RESIDENCIES.length]!));
}

function serviceTiersFor(r: Rng): ServiceTierSettingsRec {
  const u = r.next();
  if (u < 0.6) return { default: 'standard', enabled_tiers: 'all' };
  if (u < 0.75) return { default: 'standard', enabled_tiers: ['flex'] };
  if (u < 0.85) return { default: 'standard', enabled_tiers: [] };
  if (u < 0.95) return { default: 'fast', enabled_tiers: ['flex', 'fast'] };
  return { default: 'scale', enabled_tiers: 'all' };
}

export function assignServiceTiers(ctx: GenContext, projects: readonly GeneratedProject[]): void {
  const r = ctx.area('service-tiers');
  for (const { data } of projects) data.serviceTiers = serviceTiersFor(r);
}

const digits = (r: Rng, n: number) => r.alnum(n, '0123456789');

/** A key record for each key projects refer to, plus a few unused ones (some for PSP decryption). */
export function generateExternalKeys(ctx: GenContext, projects: readonly ProjectRec[], workspaceId: string): ExternalKeyRec[] {
  const r = ctx.area('external-keys');
  const firstUse = new Map<string, number>();
  for (const p of projects) if (p.external_key_id) firstUse.set(p.external_key_id, Math.min(firstUse.get(p.external_key_id) ?? Infinity, p.created_at));
  const unused = r.int(2, 4);
  for (let i = 0; i < unused; i++) firstUse.set(`extkey_${r.alnum(16)}`, ctx.ago(r, 200 * DAY, 2 * DAY));
  const names = ['Primary EKM', 'EU customer data', 'Payments decryption', 'Backup EKM', 'Tenant key', 'Legacy vault'];
  let n = 0;
  const keys = [...firstUse].map(([id, usedFrom]): ExternalKeyRec => {
    const inUse = projects.some((p) => p.external_key_id === id);
    const purpose: S['ExternalKeyPurpose'] = !inUse && r.chance(0.4) ? 'psp_decryption' : 'ekm';
    const base = { id, name: ctx.text(r, `${names[n++ % names.length]}${n > names.length ? ` ${n}` : ''}`), created_at: usedFrom - r.int(1, 30) * DAY, workspace_id: workspaceId, purpose, reachable: keyIsReachable(id, ctx.opts.seed) };
    const account = digits(r, 12);
    switch (r.pick(['aws', 'aws', 'gcp', 'azure', 'oci'] as const)) {
      case 'aws':
        return { ...base, type: 'aws', kms_arn: `arn:aws:kms:us-east-1:${account}:key/${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`, role_arn: `arn:aws:iam::${account}:role/openai-ekm`, external_id: workspaceId };
      case 'gcp':
        return {
          ...base,
          type: 'gcp',
          audience: workspaceId,
          kms_project_id: 'acme-kms',
          kms_key_location: r.pick(['us-central1', 'europe-west4']),
          kms_key_ring_name: 'openai',
          kms_key_name: `ekm-${r.alnum(4).toLowerCase()}`,
          ...(purpose === 'psp_decryption' ? { kms_key_version: String(r.int(1, 9)) } : {}),
          workload_identity_pool_id: 'openai-pool',
          workload_identity_project_number: account,
          workload_identity_provider_id: 'openai',
        };
      case 'azure':
        return { ...base, type: 'azure', tenant_id: uuid(r), vault_uri: `https://acme-${r.alnum(6).toLowerCase()}.vault.azure.net/`, key_name: 'openai-ekm', ...(purpose === 'psp_decryption' ? { key_version: r.hex(32) } : {}) };
      case 'oci':
        return {
          ...base,
          type: 'oci',
          region: 'us-ashburn-1',
          vault_ocid: `ocid1.vault.oc1.iad.${r.alnum(24).toLowerCase()}`,
          key_ocid: `ocid1.key.oc1.iad.${r.alnum(24).toLowerCase()}`,
          ...(purpose === 'psp_decryption' ? { key_version_ocid: `ocid1.keyversion.oc1.iad.${r.alnum(24).toLowerCase()}` } : {}),
        };
    }
  });
  return keys.sort((a, b) => a.created_at - b.created_at);
}

function uuid(r: Rng): string {
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
}

/** External storage for some active projects, in every state a configuration can be in. */
export function generateExternalStorage(ctx: GenContext, projects: readonly ProjectRec[]): ExternalStorageRec[] {
  const r = ctx.area('external-storage');
  const active = projects.filter((p) => p.status === 'active');
  const chosen = r.sample(active, Math.min(active.length, Math.max(3, Math.round(active.length * 0.15))));
  return chosen
    .map((project): ExternalStorageRec => {
      const id = `extstorage_${r.alnum(24)}`;
      const bucket = `acme-openai-${r.alnum(6).toLowerCase()}`;
      const account = digits(r, 12);
      const created = Math.max(project.created_at, ctx.ago(r, 300 * DAY, DAY));
      const provider = fullProvider(
        r.pick([
          { type: 'aws' as const, bucket, role_arn: `arn:aws:iam::${account}:role/openai-storage` },
          { type: 'aws' as const, bucket, role_arn: `arn:aws:iam::${account}:role/openai-storage` },
          { type: 'gcp' as const, bucket, workload_identity_pool_id: 'openai-pool', workload_identity_project_number: account, workload_identity_provider_id: 'openai' },
          { type: 'azure' as const, tenant_id: uuid(r), subscription_id: uuid(r), resource_group: 'openai', account_name: bucket.replace(/-/g, '').slice(0, 24), container: 'data' },
          { type: 'oci' as const, bucket, region: r.pick(['us-ashburn-1', 'eu-frankfurt-1']), tenancy_ocid: `ocid1.tenancy.oc1..${r.alnum(24).toLowerCase()}` },
        ]),
        project,
        ctx.opts.seed,
      );
      const health = storageHealth(id, ctx.opts.seed);
      // A few were registered but never validated.
      const status = r.chance(0.2) ? 'pending' : health;
      return { id, project_id: project.id, provider, geography: geographyOfRegion(provider.region), status, created_at: created, health };
    })
    .sort((a, b) => a.created_at - b.created_at);
}

const PROVIDERS = [
  { name: 'GitHub Actions', issuer: 'https://token.actions.githubusercontent.com', audience: 'https://github.com/acme', matchers: () => ({ repository_owner: 'acme', ref: 'refs/heads/main' }), transform: { attribute: 'repo', expression: 'assertion.repository' } },
  { name: 'GitLab CI', issuer: 'https://gitlab.com', audience: 'https://gitlab.com/acme', matchers: () => ({ namespace_path: 'acme', ref_protected: true }), transform: null },
  { name: 'GKE prod cluster', issuer: 'https://container.googleapis.com/v1/projects/acme-prod/locations/us-central1/clusters/prod', audience: 'openai', matchers: () => ({ 'kubernetes.io/namespace': 'inference' }), transform: { attribute: 'sa', expression: "assertion['kubernetes.io'].serviceaccount.name" } },
  { name: 'Azure workload identity', issuer: 'https://login.microsoftonline.com/9f3c2a1e-0000-4000-8000-acme00000000/v2.0', audience: 'api://openai', matchers: () => ({ tid: '9f3c2a1e-0000-4000-8000-acme00000000' }), transform: null },
];

/** Two to four OIDC providers, each with federation rules onto existing service accounts. */
export function generateWorkloadIdentity(ctx: GenContext, projects: readonly GeneratedProject[]): { providers: WorkloadIdentityProviderRec[]; rules: Map<string, FederationRuleRec[]> } {
  const r = ctx.area('workload-identity');
  const targets = projects.filter(({ project, data }) => project.status === 'active' && data.serviceAccounts.size > 0);
  const providers = r.sample(PROVIDERS, r.int(2, 4)).map((p, i): WorkloadIdentityProviderRec => {
    const created = ctx.ago(r, 250 * DAY, 3 * DAY);
    const updated = r.chance(0.4) ? created + Math.floor(r.next() * (ctx.opts.anchor - created)) : created;
    return {
      id: `wip_${r.alnum(24)}`,
      name: ctx.text(r, p.name),
      description: r.chance(0.5) ? ctx.text(r, `Tokens from ${p.name} for CI and services`) : null,
      type: 'oidc',
      issuer: p.issuer,
      audience: p.audience,
      enabled: i === 0 || r.chance(0.8),
      attribute_transformations: p.transform ? [{ ...p.transform }] : [],
      // One provider uploads its keys instead of using discovery (an air-gapped issuer).
      verification: i === 1 ? { type: 'uploaded_jwks', jwks: { keys: [{ kty: 'RSA', use: 'sig', alg: 'RS256', kid: r.hex(16), n: r.alnum(86), e: 'AQAB' }] } } : { type: 'discovery', discovery_url: null },
      created_at: created,
      updated_at: updated,
    };
  });
  const rules = new Map<string, FederationRuleRec[]>();
  const spec = new Map(PROVIDERS.map((p) => [p.issuer, p]));
  for (const p of providers) {
    const count = targets.length ? r.int(1, 4) : 0;
    const list: FederationRuleRec[] = [];
    for (let i = 0; i < count; i++) {
      const { project, data } = r.pick(targets);
      const sa = r.pick(data.serviceAccounts.values());
      const created = Math.max(p.created_at, sa.created_at) + Math.floor(r.next() * DAY);
      const restricted = r.chance(0.35);
      list.push({
        id: `wifr_${r.alnum(24)}`,
        workload_identity_provider_id: p.id,
        project_id: project.id,
        service_account_id: sa.id,
        name: r.chance(0.8) ? ctx.text(r, `${sa.name} deploys`) : null,
        description: r.chance(0.3) ? 'Maps CI tokens to the service account' : null,
        enabled: r.chance(0.9),
        attribute_matchers: spec.get(p.issuer)!.matchers(),
        permissions: restricted ? { type: 'restricted', scopes: r.sample(['api.model.request', 'api.files.write', 'api.responses.write', 'api.batch.write'], r.int(1, 2)) } : { type: 'service_account_default' },
        created_at: Math.min(created, ctx.opts.anchor),
        updated_at: Math.min(created, ctx.opts.anchor),
      });
    }
    rules.set(p.id, list.sort((a, b) => a.created_at - b.created_at));
  }
  return { providers: providers.sort((a, b) => a.created_at - b.created_at), rules };
}
