/**
 * The guided forms for registering external KMS keys and storage buckets. The API takes one body
 * shape per cloud provider (a oneOf on `type`); each form asks exactly the fields the API requires
 * for the chosen provider (test/unit/model/externalForms.test.ts checks them against the spec).
 * No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
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
  return ROLE_ARN.test(text.trim()) ? undefined : l10n.t('Enter an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>.');
}

export function checkHttpsUri(text: string): string | undefined {
  return /^https:\/\/[^/\s]+/.test(text.trim()) ? undefined : l10n.t('Enter an https:// URI, e.g. https://acme.vault.azure.net/.');
}

export function checkProjectNumber(text: string): string | undefined {
  return PROJECT_NUMBER.test(text.trim()) ? undefined : l10n.t('Enter the numeric project number (up to 19 digits), not the project id.');
}

/** Every field is required and is an identifier, name or URL: empty or containing spaces is a typo. */
export function checkField(field: FormField, text: string): string | undefined {
  const t = text.trim();
  if (!t) return l10n.t('{0} is required.', field.label);
  if (/\s/.test(t)) return l10n.t('{0} cannot contain spaces.', field.label);
  return field.check?.(t);
}

// Label, prompt and placeholder are getters: the translation is looked up when a prompt shows them, after
// activation configured l10n, not when this module loads.
const f = (key: string, label: () => string, prompt: () => string, placeholder?: string | (() => string), check?: FormField['check']): FormField => ({
  key,
  get label() { return label(); },
  get prompt() { return prompt(); },
  get placeholder() { return typeof placeholder === 'function' ? placeholder() : placeholder; },
  check,
});

// A function, not a shared list: a copy made with `{ ...field }` would freeze the getters' English at load.
const gcpIdentity = (checkNumber: boolean) => [
  f('workload_identity_project_number', () => l10n.t('Workload identity project number'), () => l10n.t("Number of the GCP project where OpenAI's workload identity pool is registered"), '123456789012', checkNumber ? checkProjectNumber : undefined),
  f('workload_identity_pool_id', () => l10n.t('Workload identity pool'), () => l10n.t('ID of the workload identity pool'), 'openai-pool'),
  f('workload_identity_provider_id', () => l10n.t('Workload identity provider'), () => l10n.t('ID of the workload identity provider registered for OpenAI'), 'openai-provider'),
];

export const EXTERNAL_KEY_FORMS: ProviderForm[] = [
  {
    type: 'aws', label: EXTERNAL_KEY_PROVIDERS.aws, get detail() { return l10n.t('A KMS key OpenAI reaches by assuming an IAM role'); },
    fields: [
      f('kms_arn', () => l10n.t('KMS key ARN'), () => l10n.t('ARN of the customer-managed KMS key'), 'arn:aws:kms:us-east-1:123456789012:key/…'),
      f('role_arn', () => l10n.t('IAM role ARN'), () => l10n.t('ARN of the IAM role OpenAI assumes to call KMS'), 'arn:aws:iam::123456789012:role/openai-kms', checkRoleArn),
      f('external_id', () => l10n.t('External ID'), () => l10n.t('ExternalId for the AssumeRole call: the organization ID or one of its project IDs'), () => l10n.t('org-… or proj_…')),
    ],
  },
  {
    type: 'gcp', label: EXTERNAL_KEY_PROVIDERS.gcp, get detail() { return l10n.t('A Cloud KMS key OpenAI reaches through workload identity federation'); },
    fields: [
      f('audience', () => l10n.t('Audience'), () => l10n.t('Audience of the token OpenAI sends to GCP STS: the organization ID or one of its project IDs'), () => l10n.t('org-… or proj_…')),
      f('kms_project_id', () => l10n.t('KMS project'), () => l10n.t('ID of the GCP project that holds the key'), 'acme-kms'),
      f('kms_key_location', () => l10n.t('Key location'), () => l10n.t('Location (region) of the key'), 'us-central1'),
      f('kms_key_ring_name', () => l10n.t('Key ring'), () => l10n.t('Name of the key ring'), 'openai'),
      f('kms_key_name', () => l10n.t('Key name'), () => l10n.t('Name of the key'), 'openai-ekm'),
      ...gcpIdentity(true),
    ],
  },
  {
    type: 'azure', label: EXTERNAL_KEY_PROVIDERS.azure, get detail() { return l10n.t('A key in an Azure Key Vault'); },
    fields: [
      f('tenant_id', () => l10n.t('Tenant ID'), () => l10n.t('Azure tenant ID (a UUID)'), '00000000-0000-0000-0000-000000000000'),
      f('vault_uri', () => l10n.t('Vault URI'), () => l10n.t('URI of the Key Vault that holds the key'), 'https://acme.vault.azure.net/', checkHttpsUri),
      f('key_name', () => l10n.t('Key name'), () => l10n.t('Name of the key'), 'openai-ekm'),
    ],
  },
  {
    type: 'oci', label: EXTERNAL_KEY_PROVIDERS.oci, get detail() { return l10n.t('A key in an OCI Vault'); },
    fields: [
      f('region', () => l10n.t('Region'), () => l10n.t('OCI region of the vault'), 'us-ashburn-1'),
      f('vault_ocid', () => l10n.t('Vault OCID'), () => l10n.t('OCID of the vault'), 'ocid1.vault.oc1…'),
      f('key_ocid', () => l10n.t('Key OCID'), () => l10n.t('OCID of the key'), 'ocid1.key.oc1…'),
    ],
  },
];

export const EXTERNAL_STORAGE_FORMS: ProviderForm[] = [
  {
    type: 'aws', label: EXTERNAL_STORAGE_PROVIDERS.aws, get detail() { return l10n.t('An S3 bucket OpenAI reaches by assuming an IAM role'); },
    fields: [
      f('bucket', () => l10n.t('Bucket'), () => l10n.t('Name of the S3 bucket'), 'acme-openai-data'),
      f('role_arn', () => l10n.t('IAM role ARN'), () => l10n.t('ARN of the IAM role OpenAI assumes to reach the bucket'), 'arn:aws:iam::123456789012:role/openai-storage'),
    ],
  },
  {
    type: 'gcp', label: EXTERNAL_STORAGE_PROVIDERS.gcp, get detail() { return l10n.t('A bucket OpenAI reaches through workload identity federation'); },
    fields: [
      f('bucket', () => l10n.t('Bucket'), () => l10n.t('Name of the Cloud Storage bucket'), 'acme-openai-data'),
      ...gcpIdentity(false),
    ],
  },
  {
    type: 'azure', label: EXTERNAL_STORAGE_PROVIDERS.azure, get detail() { return l10n.t('A blob container in an Azure storage account'); },
    fields: [
      f('tenant_id', () => l10n.t('Tenant ID'), () => l10n.t('Azure tenant ID'), '00000000-0000-0000-0000-000000000000'),
      f('subscription_id', () => l10n.t('Subscription ID'), () => l10n.t('Azure subscription ID'), '00000000-0000-0000-0000-000000000000'),
      f('resource_group', () => l10n.t('Resource group'), () => l10n.t('Resource group of the storage account'), 'openai-storage'),
      f('account_name', () => l10n.t('Storage account'), () => l10n.t('Name of the storage account'), 'acmeopenai'),
      f('container', () => l10n.t('Container'), () => l10n.t('Name of the blob container'), 'openai-data'),
    ],
  },
  {
    type: 'oci', label: EXTERNAL_STORAGE_PROVIDERS.oci, get detail() { return l10n.t('An Object Storage bucket in Oracle Cloud'); },
    fields: [
      f('bucket', () => l10n.t('Bucket'), () => l10n.t('Name of the Object Storage bucket'), 'acme-openai-data'),
      f('region', () => l10n.t('Region'), () => l10n.t('OCI region of the bucket'), 'us-ashburn-1'),
      f('tenancy_ocid', () => l10n.t('Tenancy OCID'), () => l10n.t('OCID of the tenancy that owns the bucket'), 'ocid1.tenancy.oc1…'),
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
