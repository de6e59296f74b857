/**
 * The cloud providers of external keys and storage, by the API's `type`. Kept apart from the
 * registration forms (./externalForms.ts) because the tree's rows need only these names, and the
 * tree is loaded at activation while the forms are not (BENCHMARKS.md fig. 3).
 */
export type CloudProvider = 'aws' | 'gcp' | 'azure' | 'oci';

export const EXTERNAL_KEY_PROVIDERS: Record<CloudProvider, string> = {
  aws: 'AWS KMS',
  gcp: 'Google Cloud KMS',
  azure: 'Azure Key Vault',
  oci: 'Oracle Cloud Vault',
};

export const EXTERNAL_STORAGE_PROVIDERS: Record<CloudProvider, string> = {
  aws: 'Amazon S3',
  gcp: 'Google Cloud Storage',
  azure: 'Azure Blob Storage',
  oci: 'OCI Object Storage',
};

/** The provider's name, or the API's own `type` for one this version does not know. */
export function providerName(names: Record<CloudProvider, string>, type: string): string {
  return Object.hasOwn(names, type) ? names[type as CloudProvider] : type;
}
