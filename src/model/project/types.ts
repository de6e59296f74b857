// What the Project panel shows, as plain rows: only the fields the panel uses, strings and numbers,
// so the webview never receives more of an API object than it displays. Imported by the host, the
// protocol and the webview bundle: types only, no imports with side effects.
import * as l10n from '@vscode/l10n';
import type { HostedTool, RateLimitField } from '../format';
import type { DefaultTier, OptionalTier } from '../serviceTier';

export type SectionId =
  | 'overview' | 'members' | 'serviceAccounts' | 'apiKeys' | 'rateLimits'
  | 'modelPermissions' | 'hostedTools' | 'serviceTier' | 'spend' | 'dataRetention';

export const SECTION_IDS: readonly SectionId[] = [
  'overview', 'members', 'serviceAccounts', 'apiKeys', 'rateLimits', 'modelPermissions', 'hostedTools', 'serviceTier', 'spend', 'dataRetention',
];

/** A section id from a message: only the panel's own sections (a bare `in` check would also pass `constructor`). */
export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

/** One section's load: its rows, or the API's error as text (one failing section never blanks the others). */
export type Section<T> = { ok: true; data: T } | { ok: false; error: string };

export interface OverviewData {
  id: string;
  name: string;
  status: 'active' | 'archived';
  createdAt: number;
  archivedAt: number | null;
  residency: string | null;
}

export type ProjectRole = 'owner' | 'member';

export interface AssignedRoleRow {
  id: string;
  name: string;
  predefined: boolean;
}

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
  addedAt: number | null;
  roles: AssignedRoleRow[];
  /** Listing this member's role assignments failed (the member row is still shown). */
  rolesError?: string;
}

export interface RoleChoice {
  id: string;
  name: string;
  predefined: boolean;
  description: string;
}

export interface MembersData {
  members: MemberRow[];
  /** The project's roles, for "assign role"; empty when they could not be listed. */
  roles: RoleChoice[];
  rolesError?: string;
}

export interface ServiceAccountRow {
  id: string;
  name: string;
  role: string;
  createdAt: number;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  redacted: string;
  ownerType: 'user' | 'service_account' | 'unknown';
  ownerName: string;
  serviceAccountId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** Unix seconds; null: the key never expires. */
  expiresAt: number | null;
}

export type RateLimitValues = Partial<Record<RateLimitField, number>>;

export interface RateLimitRow {
  id: string;
  model: string;
  /** Only the limits the model has (the API refuses the others). */
  limits: RateLimitValues;
}

export type PolicyMode = 'allow_list' | 'deny_list';

export interface ModelPolicy {
  mode: PolicyMode;
  modelIds: string[];
}

export type HostedToolsData = Record<HostedTool, boolean>;

export interface ServiceTierData {
  default: DefaultTier;
  /** 'all' also covers tiers added later; [] allows Standard only. Listed in OPTIONAL_TIERS order (model/serviceTier.ts). */
  enabled: 'all' | OptionalTier[];
}

export interface SpendAlertRow {
  id: string;
  amount: number;
  currency: string;
  interval: string;
  recipients: string[];
}

export interface SpendData {
  limit: { amount: number; currency: string; interval: string } | null;
  alerts: SpendAlertRow[];
}

export const RETENTION_TYPES = [
  ['organization_default', 'Organization default'],
  ['none', 'None'],
  ['zero_data_retention', 'Zero data retention'],
  ['modified_abuse_monitoring', 'Modified abuse monitoring'],
  ['enhanced_zero_data_retention', 'Enhanced zero data retention'],
  ['enhanced_modified_abuse_monitoring', 'Enhanced modified abuse monitoring'],
] as const;

export type RetentionType = (typeof RETENTION_TYPES)[number][0];

/** A retention type's name in the display language (RETENTION_TYPES holds the English one); the API's own type for one this version does not know. */
export function retentionLabel(type: string): string {
  switch (type) {
    case 'organization_default': return l10n.t('Organization default');
    case 'none': return l10n.t('None');
    case 'zero_data_retention': return l10n.t('Zero data retention');
    case 'modified_abuse_monitoring': return l10n.t('Modified abuse monitoring');
    case 'enhanced_zero_data_retention': return l10n.t('Enhanced zero data retention');
    case 'enhanced_modified_abuse_monitoring': return l10n.t('Enhanced modified abuse monitoring');
    default: return type;
  }
}

export interface SectionData {
  overview: OverviewData;
  members: MembersData;
  serviceAccounts: ServiceAccountRow[];
  apiKeys: ApiKeyRow[];
  rateLimits: RateLimitRow[];
  /** null: no policy (every model is allowed). */
  modelPermissions: ModelPolicy | null;
  hostedTools: HostedToolsData;
  serviceTier: ServiceTierData;
  spend: SpendData;
  dataRetention: { type: RetentionType };
}

export type Snapshot = { [K in SectionId]?: Section<SectionData[K]> };
