// The Access Review's rows: who can reach what in the organization, one row per member, pending
// invite and project service account, built from the org store's lists (./build.ts). Plain data,
// JSON-able: the host sends windows of these rows to the webview as they are.

export type ReviewKind = 'member' | 'invite' | 'serviceAccount';

/** One project a row can reach, with the role there and (when read) the project role assignments. */
export interface ProjectAccess {
  projectId: string;
  projectName: string;
  /** owner / member (users, invites), owner / member / none (service accounts). */
  role: string;
  /** Names of the project roles assigned to the user there; undefined when that list was not read. */
  roles?: string[];
}

/** An API key the row owns, in one project. Never the secret: only the redacted value the API lists. */
export interface OwnedKey {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  redactedValue: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Unix seconds; null: never expires. */
  expiresAt: number | null;
}

export interface ReviewRow {
  /** Unique within the review: `member:<id>`, `invite:<id>`, `serviceAccount:<projectId>/<id>`. */
  key: string;
  kind: ReviewKind;
  id: string;
  name: string;
  email: string;
  /** The organization role (owner / reader); empty for service accounts, which belong to one project. */
  orgRole: string;
  /** Organization role assignments by name; undefined when that list was not read. */
  orgRoles?: string[];
  projects: ProjectAccess[];
  groups: Array<{ id: string; name: string }>;
  keys: OwnedKey[];
  /** The latest use of any key the row owns; null when none was ever used. */
  lastKeyUse: number | null;
  /** The earliest expiry among the row's keys; null when none expires. */
  nextKeyExpiry: number | null;
  /** Invites only. */
  invite?: { status: string; createdAt: number; expiresAt: number | null };
}

/** How much of the organization the rows were built from (the store may still be loading). */
export interface ReviewCoverage {
  members: boolean;
  invites: boolean;
  projects: boolean;
  /** Active projects in the projects list. */
  projectCount: number;
  /** Projects whose users, service accounts and API keys are all read. */
  projectsRead: number;
  groupCount: number;
  /** Groups whose members are read. */
  groupsRead: number;
  /** Whether any list the review reads is loading now. */
  loading: boolean;
}

export interface Review {
  rows: ReviewRow[];
  coverage: ReviewCoverage;
  /** The oldest read time among the lists used (ms since the epoch), for "as of 10:42". */
  readAt?: number;
}

export const SORT_COLUMNS = ['name', 'email', 'kind', 'orgRole', 'projects', 'groups', 'keys', 'lastKeyUse', 'nextKeyExpiry'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

export const REVIEW_KINDS: readonly ReviewKind[] = ['member', 'invite', 'serviceAccount'];

/** What the admin narrowed the review to. Every field is optional; none means every row. */
export interface ReviewQuery {
  /** Words that must each appear in the row's name, email, id, projects, groups or key names (any case). */
  search?: string;
  /** Rows with access to this project. */
  projectId?: string;
  /** The organization role; with `projectId`, the role in that project. */
  role?: string;
  ownsKeys?: boolean;
  /** Rows with access to no project. */
  noProject?: boolean;
  kinds?: ReviewKind[];
  sort?: { column: SortColumn; direction: SortDirection };
}
