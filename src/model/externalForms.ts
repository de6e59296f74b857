/**
 * The guided forms for registering external KMS keys and storage buckets. The API takes one body
 * shape per cloud provider (a oneOf on `type`); each form asks exactly the fields the API requires
 * for the chosen provider (test/unit/model/externalForms.test.ts checks them against the spec).
 * No `vscode` here.
 */
import type { ExternalKeyCreateRequest, ExternalStorageCreateRequest } from '../api/types';
import { EXTERNAL_KEY_PROVIDERS, EXTERNAL_STORAGE_PROVIDERS, type CloudProvider } from './externalProviders';

export interface FormField {
  /** The request body's field. */
  key: string;
  /** Short name for prompts and summaries: "KMS key ARN". */
  label: string;
  /** What to type, in a sentence. */
  prompt: string;
  placeholder?: string;
  /** A check beyond "required, no spaces" (the spec's patterns). */
  check?: (text: string) => string | undefined;
}

export interface ProviderForm {
  type: CloudProvider;
  /** "AWS KMS" */
  label: string;
  detail: string;
  fields: FormField[];
}

// The two patterns the spec gives (CreateAwsExternalKeyBody.role_arn, CreateGcpExternalKeyBody.workload_identity_project_number).
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/.+$/;
const PROJECT_NUMBER = /^[0-9]{1,19}$/;

export function checkRoleArn(text: string): string | undefined {
  return ROLE_ARN.test(text.trim()) ? undefined : 'Enter an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>.';
}

export function checkHttpsUri(text: string): string | undefined {
  return /^https:\/\/[^/\s]+/.test(text.trim()) ? undefined : 'Enter an https:// URI, e.g. https://acme.vault.azure.net/.';
}

export function checkProjectNumber(text: string): string | undefined {
  return PROJECT_NUMBER.test(text.trim()) ? undefined : 'Enter the numeric project number (up to 19 digits), not the project id.';
}

/** Every field is required and is an identifier, name or URL: empty or containing spaces is a typo. */
export function checkField(field: FormField, text: string): string | undefined {
  const t = text.trim();
  if (!t) return `${field.label} is required.`;
  if (/\s/.test(t)) return `${field.label} cannot contain spaces.`;
  return field.check?.(t);
}

const f = (key: string, label: string, prompt: string, placeholder?: string, check?: FormField['check']): FormField =>
  ({ key, label, prompt, placeholder, check });

const GCP_IDENTITY = [
  f('workload_identity_project_number', 'Workload identity project number', 'Number of the GCP project where OpenAI\'s workload identity pool is registered', '123456789012', checkProjectNumber),
  f('workload_identity_pool_id', 'Workload identity pool', 'ID of the workload identity pool', 'openai-pool'),
  f('workload_identity_provider_id', 'Workload identity provider', 'ID of the workload identity provider registered for OpenAI', 'openai-provider'),
];

export const EXTERNAL_KEY_FORMS: ProviderForm[] = [
  {
    type: 'aws', label: EXTERNAL_KEY_PROVIDERS.aws, detail: 'A KMS key OpenAI reaches by assuming an IAM role',
    fields: [
      f('kms_arn', 'KMS key ARN', 'ARN of the customer-managed KMS key', 'arn:aws:kms:us-east-1:123456789012:key/…'),
      f('role_arn', 'IAM role ARN', 'ARN of the IAM role OpenAI assumes to call KMS', 'arn:aws:iam::123456789012:role/openai-kms', checkRoleArn),
      f('external_id', 'External ID', 'ExternalId for the AssumeRole call: the organization ID or one of its project IDs', 'org-… or proj_…'),
    ],
  },
  {
    type: 'gcp', label: EXTERNAL_KEY_PROVIDERS.gcp, detail: 'A Cloud KMS key OpenAI reaches through workload identity federation',
    fields: [
      f('audience', 'Audience', 'Audience of the token OpenAI sends to GCP STS: the organization ID or one of its project IDs', 'org-… or proj_…'),
      f('kms_project_id', 'KMS project', 'ID of the GCP project that holds the key', 'acme-kms'),
      f('kms_key_location', 'Key location', 'Location (region) of the key', 'us-central1'),
      f('kms_key_ring_name', 'Key ring', 'Name of the key ring', 'openai'),
      f('kms_key_name', 'Key name', 'Name of the key', 'openai-ekm'),
      ...GCP_IDENTITY,
    ],
  },
  {
    type: 'azure', label: EXTERNAL_KEY_PROVIDERS.azure, detail: 'A key in an Azure Key Vault',
    fields: [
      f('tenant_id', 'Tenant ID', 'Azure tenant ID (a UUID)', '00000000-0000-0000-0000-000000000000'),
      f('vault_uri', 'Vault URI', 'URI of the Key Vault that holds the key', 'https://acme.vault.azure.net/', checkHttpsUri),
      f('key_name', 'Key name', 'Name of the key', 'openai-ekm'),
    ],
  },
  {
    type: 'oci', label: EXTERNAL_KEY_PROVIDERS.oci, detail: 'A key in an OCI Vault',
    fields: [
      f('region', 'Region', 'OCI region of the vault', 'us-ashburn-1'),
      f('vault_ocid', 'Vault OCID', 'OCID of the vault', 'ocid1.vault.oc1…'),
      f('key_ocid', 'Key OCID', 'OCID of the key', 'ocid1.key.oc1…'),
    ],
  },
];

export const EXTERNAL_STORAGE_FORMS: ProviderForm[] = [
  {
    type: 'aws', label: EXTERNAL_STORAGE_PROVIDERS.aws, detail: 'An S3 bucket OpenAI reaches by assuming an IAM role',
    fields: [
      f('bucket', 'Bucket', 'Name of the S3 bucket', 'acme-openai-data'),
      f('role_arn', 'IAM role ARN', 'ARN of the IAM role OpenAI assumes to reach the bucket', 'arn:aws:iam::123456789012:role/openai-storage'),
    ],
  },
  {
    type: 'gcp', label: EXTERNAL_STORAGE_PROVIDERS.gcp, detail: 'A bucket OpenAI reaches through workload identity federation',
    fields: [
      f('bucket', 'Bucket', 'Name of the Cloud Storage bucket', 'acme-openai-data'),
      ...GCP_IDENTITY.map((field) => ({ ...field, check: undefined })),
    ],
  },
  {
    type: 'azure', label: EXTERNAL_STORAGE_PROVIDERS.azure, detail: 'A blob container in an Azure storage account',
    fields: [
      f('tenant_id', 'Tenant ID', 'Azure tenant ID', '00000000-0000-0000-0000-000000000000'),
      f('subscription_id', 'Subscription ID', 'Azure subscription ID', '00000000-0000-0000-0000-000000000000'),
      f('resource_group', 'Resource group', 'Resource group of the storage account', 'openai-storage'),
      f('account_name', 'Storage account', 'Name of the storage account', 'acmeopenai'),
      f('container', 'Container', 'Name of the blob container', 'openai-data'),
    ],
  },
  {
    type: 'oci', label: EXTERNAL_STORAGE_PROVIDERS.oci, detail: 'An Object Storage bucket in Oracle Cloud',
    fields: [
      f('bucket', 'Bucket', 'Name of the Object Storage bucket', 'acme-openai-data'),
      f('region', 'Region', 'OCI region of the bucket', 'us-ashburn-1'),
      f('tenancy_ocid', 'Tenancy OCID', 'OCID of the tenancy that owns the bucket', 'ocid1.tenancy.oc1…'),
    ],
  },
];

export function formFor(forms: ProviderForm[], type: string): ProviderForm | undefined {
  return forms.find((form) => form.type === type);
}

/** Trimmed answers, keyed by field; throws when one fails its check (the input boxes refuse those first). */
function answers(form: ProviderForm, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of form.fields) {
    const text = values[field.key] ?? '';
    const problem = checkField(field, text);
    if (problem) throw new RangeError(problem);
    out[field.key] = text.trim();
  }
  return out;
}

export function externalKeyBody(type: CloudProvider, name: string, values: Record<string, string>): ExternalKeyCreateRequest {
  const form = formFor(EXTERNAL_KEY_FORMS, type);
  if (!form) throw new RangeError(`No external key form for ${type}`);
  if (!name.trim()) throw new RangeError('A name is required.');
  return { type, name: name.trim(), ...answers(form, values) } as ExternalKeyCreateRequest;
}

export function externalStorageBody(type: CloudProvider, projectId: string, values: Record<string, string>): ExternalStorageCreateRequest {
  const form = formFor(EXTERNAL_STORAGE_FORMS, type);
  if (!form) throw new RangeError(`No external storage form for ${type}`);
  return { project_id: projectId, provider: { type, ...answers(form, values) } } as ExternalStorageCreateRequest;
}
