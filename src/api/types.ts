/**
 * Types derived from the generated schema.d.ts: per-operation request and
 * response types for the generic method builders, and short names for the
 * objects the extension works with. Nothing here is written by hand from the
 * docs, so regenerating schema.d.ts keeps every method's types current.
 */
import type { components, operations } from './schema';
import type { OperationId } from './operations';

type Schemas = components['schemas'];
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ResponseOf<K extends OperationId> = JsonContent<operations[K]['responses'][200]>;
export type QueryOf<K extends OperationId> = operations[K]['parameters'] extends { query?: infer Q } ? Exclude<Q, undefined> : never;
export type BodyOf<K extends OperationId> = operations[K] extends { requestBody?: infer R } ? JsonContent<R> : never;
/** Element type of a list response's `data`. */
export type ItemOf<K extends OperationId> = ResponseOf<K> extends { data: (infer I)[] } ? I : never;

/** One string argument per `{placeholder}` in a path template, in path order. */
export type PathIds<P extends string> = P extends `${string}{${string}}${infer Rest}` ? [string, ...PathIds<Rest>] : [];

// Organization
export type AdminApiKey = Schemas['AdminApiKey'];
export type AdminApiKeyCreateResponse = Schemas['AdminApiKeyCreateResponse'];
export type AuditLog = Schemas['AuditLog'];
export type AuditLogEventType = Schemas['AuditLogEventType'];
export type Certificate = Schemas['Certificate'];
export type OrganizationCertificate = Schemas['OrganizationCertificate'];
export type OrganizationDataRetention = Schemas['OrganizationDataRetention'];
export type Group = Schemas['GroupResponse'];
export type GroupUser = Schemas['GroupUser'];
export type GroupMemberUser = Schemas['GroupMemberUser'];
export type Invite = Schemas['Invite'];
export type InviteRequest = Schemas['InviteRequest'];
export type Role = Schemas['Role'];
export type AssignedRole = Schemas['AssignedRoleDetails'];
export type User = Schemas['User'];
export type OrganizationSpendAlert = Schemas['OrganizationSpendAlert'];
export type OrganizationSpendLimit = Schemas['OrganizationSpendLimitResource'];

// Projects
export type Project = Schemas['Project'];
export type ProjectCreateRequest = Schemas['ProjectCreateRequest'];
export type ProjectUpdateRequest = Schemas['ProjectUpdateRequest'];
export type ProjectResidency = Schemas['PublicProjectResidency'];
export type ProjectUser = Schemas['ProjectUser'];
export type ProjectGroup = Schemas['ProjectGroup'];
export type ProjectApiKey = Schemas['ProjectApiKey'];
export type ProjectServiceAccount = Schemas['ProjectServiceAccount'];
export type ProjectServiceAccountCreateResponse = Schemas['ProjectServiceAccountCreateResponse'];
export type ServiceAccountApiKey = Schemas['ServiceAccountApiKeyBody'];
export type ProjectRateLimit = Schemas['ProjectRateLimit'];
export type ProjectRateLimitUpdateRequest = Schemas['ProjectRateLimitUpdateRequest'];
export type ProjectModelPermissions = Schemas['ProjectModelPermissions'];
export type ProjectHostedToolPermissions = Schemas['ProjectHostedToolPermissions'];
export type ProjectCertificate = Schemas['OrganizationProjectCertificate'];
export type ProjectDataRetention = Schemas['ProjectDataRetention'];
export type ProjectSpendAlert = Schemas['ProjectSpendAlert'];
export type ProjectSpendLimit = Schemas['ProjectSpendLimitResource'];
export type SpendAlertCreateRequest = Schemas['CreateSpendAlertBody'];
export type ProjectApiKeyUpdateRequest = Schemas['UpdateProjectApiKeyBody'];
export type ProjectServiceTierSettings = Schemas['ProjectServiceTierSettings'];
export type ProjectServiceTierSettingsUpdate = Schemas['UpdateProjectServiceTierSettingsBody'];
export type ProjectOptionalServiceTier = Schemas['ProjectOptionalServiceTier'];

// External keys and storage, workload identity
export type ExternalKey = Schemas['ExternalKey'];
export type ExternalKeyPurpose = Schemas['ExternalKeyPurpose'];
export type ExternalKeyCreateRequest = Schemas['CreateExternalKeyBody'];
export type ExternalStorage = Schemas['ExternalStorageConfiguration'];
export type ExternalStorageCreateRequest = Schemas['CreateExternalStorageBody'];
export type WorkloadIdentityProvider = Schemas['WorkloadIdentityProvider'];
export type WorkloadIdentityProviderCreateRequest = Schemas['CreateWorkloadIdentityProviderBody'];
export type WorkloadIdentityProviderUpdateRequest = Schemas['UpdateWorkloadIdentityProviderBody'];
export type WorkloadIdentityVerification = Schemas['WorkloadIdentityProviderVerification'];
export type FederationRule = Schemas['WorkloadIdentityFederationRule'];
export type FederationRuleCreateRequest = Schemas['CreateWorkloadIdentityFederationRuleBody'];
export type FederationRuleUpdateRequest = Schemas['UpdateWorkloadIdentityFederationRuleBody'];
export type FederationRulePermissions = Schemas['WorkloadIdentityFederationRulePermissions'];
export type AttributeMatchers = Schemas['WorkloadIdentityFederationRuleAttributeMatchers'];

// Usage and costs
export type UsageBucket = Schemas['UsageTimeBucket'];
export type UsageResult = UsageBucket['results'][number];
export type UsageCompletionsResult = Schemas['UsageCompletionsResult'];
export type UsageEmbeddingsResult = Schemas['UsageEmbeddingsResult'];
export type UsageModerationsResult = Schemas['UsageModerationsResult'];
export type UsageImagesResult = Schemas['UsageImagesResult'];
export type UsageAudioSpeechesResult = Schemas['UsageAudioSpeechesResult'];
export type UsageAudioTranscriptionsResult = Schemas['UsageAudioTranscriptionsResult'];
export type UsageVectorStoresResult = Schemas['UsageVectorStoresResult'];
export type UsageCodeInterpreterSessionsResult = Schemas['UsageCodeInterpreterSessionsResult'];
export type UsageFileSearchCallsResult = Schemas['UsageFileSearchCallsResult'];
export type UsageWebSearchCallsResult = Schemas['UsageWebSearchCallsResult'];
export type CostsResult = Schemas['CostsResult'];
export type UsageQuery = QueryOf<'usage-completions'>;
export type CostsQuery = QueryOf<'usage-costs'>;
export type BucketWidth = NonNullable<UsageQuery['bucket_width']>;

/** The API's error body (`{"error": {...}}`). */
export type ApiErrorBody = Schemas['ErrorResponse'];
