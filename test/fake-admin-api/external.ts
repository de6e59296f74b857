// What the service works out for external keys and storage, shared by the routes and the
// generator: a bucket registered for a project lands in a region of the project's residency, a
// configuration's `geography` follows from its region (as the spec describes), and whether a key
// or bucket is reachable is decided once from its id, so validate is deterministic.
import type { components } from '../../src/api/schema';
import { hashString } from './rng';
import type { ExternalStorageRec, ProjectRec } from './state';

type Provider = components['schemas']['ExternalStorageConfiguration']['provider'];
type CreateProvider = components['schemas']['CreateExternalStorageBody']['provider'];

export type Cloud = 'aws' | 'gcp' | 'azure' | 'oci';

const REGIONS: Record<string, Record<Cloud, string>> = {
  US: { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus', oci: 'us-ashburn-1' },
  EU: { aws: 'eu-central-1', gcp: 'europe-west4', azure: 'westeurope', oci: 'eu-frankfurt-1' },
  JP: { aws: 'ap-northeast-1', gcp: 'asia-northeast1', azure: 'japaneast', oci: 'ap-tokyo-1' },
  IN: { aws: 'ap-south-1', gcp: 'asia-south1', azure: 'centralindia', oci: 'ap-mumbai-1' },
  AU: { aws: 'ap-southeast-2', gcp: 'australia-southeast1', azure: 'australiaeast', oci: 'ap-sydney-1' },
  KR: { aws: 'ap-northeast-2', gcp: 'asia-northeast3', azure: 'koreacentral', oci: 'ap-seoul-1' },
  CA: { aws: 'ca-central-1', gcp: 'northamerica-northeast1', azure: 'canadacentral', oci: 'ca-toronto-1' },
  SG: { aws: 'ap-southeast-1', gcp: 'asia-southeast1', azure: 'southeastasia', oci: 'ap-singapore-1' },
  GB: { aws: 'eu-west-2', gcp: 'europe-west2', azure: 'uksouth', oci: 'uk-london-1' },
  AE: { aws: 'me-central-1', gcp: 'me-central2', azure: 'uaenorth', oci: 'me-dubai-1' },
};

/**
 * The region a new bucket of a project is in: one of the project's geography (`EU_STORAGE_…` →
 * EU), or for a GLOBAL project US or EU, chosen by a hash of the bucket name.
 */
export function regionFor(cloud: Cloud, residency: string, bucket: string, seed: number): string {
  const geo = residency === 'GLOBAL' ? (hashString(bucket, seed) % 3 === 0 ? 'EU' : 'US') : residency.slice(0, 2);
  return (REGIONS[geo] ?? REGIONS.US!)[cloud];
}

/** The OpenAI geography of a cloud region (`eu-frankfurt-1` → EU); unknown regions count as US. */
export function geographyOfRegion(region: string): string {
  for (const [geo, byCloud] of Object.entries(REGIONS)) if (Object.values(byCloud).includes(region)) return geo;
  const prefix = region.slice(0, 2).toLowerCase();
  return ({ eu: 'EU', uk: 'GB', ca: 'CA', me: 'AE' } as Record<string, string>)[prefix] ?? 'US';
}

/** About one registered key in five cannot be reached (wrong role, missing grant…). */
export function keyIsReachable(id: string, seed: number): boolean {
  return hashString(id, seed) % 5 !== 0;
}

/** Health the next validate reports: 7 in 10 validated, 1 degraded, 2 unhealthy. */
export function storageHealth(id: string, seed: number): ExternalStorageRec['health'] {
  const h = hashString(id, seed) % 10;
  return h < 7 ? 'validated' : h === 7 ? 'degraded' : 'unhealthy';
}

/** The provider as the API reports it: what was sent plus region, account and audience. */
export function fullProvider(p: CreateProvider, project: ProjectRec, seed: number): Provider {
  switch (p.type) {
    case 'aws':
      return {
        type: 'aws',
        account_id: /^arn:aws:iam::(\d{12}):/.exec(p.role_arn)?.[1] ?? '000000000000',
        region: regionFor('aws', project.residency, p.bucket, seed),
        bucket: p.bucket,
        role_arn: p.role_arn,
        external_id: project.id,
      };
    case 'azure':
      return { ...p, region: regionFor('azure', project.residency, `${p.account_name}/${p.container}`, seed) };
    case 'gcp':
      return {
        ...p,
        region: regionFor('gcp', project.residency, p.bucket, seed),
        audience: `//iam.googleapis.com/projects/${p.workload_identity_project_number}/locations/global/workloadIdentityPools/${p.workload_identity_pool_id}/providers/${p.workload_identity_provider_id}`,
      };
    case 'oci':
      return { ...p };
  }
}
