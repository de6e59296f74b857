import type { AdminApiKey, ProjectApiKey, ProjectServiceAccount, User } from '../../api';
import type { ProjectName } from '../plan';

/** Every rule, in the order the Key Hygiene view lists them. */
export const RULE_IDS = [
  'expired-key', 'expiring-key', 'orphaned-key', 'unused-key', 'never-used-key', 'no-expiry-key',
  'unused-admin-key', 'keyless-service-account', 'member-without-project',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** What a finding is about. */
export type HygieneObject =
  | { kind: 'projectKey'; project: ProjectName; key: ProjectApiKey }
  | { kind: 'serviceAccount'; project: ProjectName; account: ProjectServiceAccount }
  | { kind: 'adminKey'; key: AdminApiKey }
  | { kind: 'member'; user: User };

/** The bulk actions a finding can take part in; `setExpiry` applies to project keys that have not expired. */
export type HygieneAction = 'delete' | 'setExpiry';

export interface Finding {
  /** `${rule}/${objectKey}`: stable while the object and the rule's verdict stay. */
  id: string;
  rule: RuleId;
  object: HygieneObject;
  /** The object as one short line: '“ci” (sk-proj…abcd)'. */
  label: string;
  /** Why the rule flagged it, with the figures: 'last used 120 days ago (limit 90 days)'. */
  explanation: string;
  /** What to do about it, as a sentence, and the bulk action that does it. */
  suggestion: string;
  action: HygieneAction;
}

/** The organization as the rules read it: active projects and, per project id, their lists. */
export interface HygieneInputs {
  projects: readonly ProjectName[];
  /** Every key of the project: the default list and the keys whose owner left. */
  keys: ReadonlyMap<string, readonly ProjectApiKey[]>;
  serviceAccounts: ReadonlyMap<string, readonly ProjectServiceAccount[]>;
  /** Project ids each member belongs to are derived from these. */
  projectUsers: ReadonlyMap<string, readonly { id: string }[]>;
  adminKeys: readonly AdminApiKey[];
  members: readonly User[];
}

export interface HygieneSettings {
  /** The clock, in milliseconds (injectable for tests). */
  nowMs: number;
  /** openaiAdmin.unusedKeyDays: keys and admin keys idle longer are flagged; 0 turns those rules off. */
  unusedKeyDays: number;
}
