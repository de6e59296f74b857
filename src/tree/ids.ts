// The explorer's node ids and context values, built in one place. Commands, the Project panel and
// menus (package.json `viewItem`) all depend on these strings; building them here keeps them
// consistent, and test/unit/tree/ids.test.ts fails when a menu names a word the code never sets.

// ── Node ids ────────────────────────────────────────────────────────────────────────────────────
// An id is the path of keys from the top-level folder, joined with "/". A key that contains "/"
// (or "%") is escaped, so every id splits back into the keys it was built from.

/** The top-level folders, in the order the explorer shows them. */
export const ROOT_FOLDERS = [
  'projects', 'members', 'invites', 'groups', 'roles', 'adminKeys', 'certificates', 'workloadIdentity',
  'externalKeys', 'externalStorage', 'auditLog', 'spend', 'dataRetention',
] as const;
export type RootFolder = (typeof ROOT_FOLDERS)[number];

/** The folders under each project, in the order admins look for them. */
export const PROJECT_FOLDERS = [
  'users', 'serviceAccounts', 'apiKeys', 'rateLimits', 'modelPermissions', 'hostedTools', 'groups', 'roles',
  'spend', 'dataRetention', 'certificates', 'serviceTier',
] as const;
export type ProjectFolder = (typeof PROJECT_FOLDERS)[number];

export function isProjectFolder(key: string): key is ProjectFolder {
  return (PROJECT_FOLDERS as readonly string[]).includes(key);
}

/** The key of the "Archived" folder under Projects. */
export const ARCHIVED = 'archived';

/** One key as it appears in an id. */
export function escapeKey(key: string): string {
  return key.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function unescapeKey(part: string): string {
  return part.replace(/%2F/gi, '/').replace(/%25/g, '%');
}

/** The id of `key` under `parent` (a top-level row when there is no parent). */
export function childId(parent: string | undefined, key: string): string {
  return parent === undefined ? escapeKey(key) : `${parent}/${escapeKey(key)}`;
}

/** An id from its keys, top-level first. */
export function idOf(...keys: string[]): string {
  return keys.map(escapeKey).join('/');
}

/** The keys an id was built from, top-level first. */
export function keysOf(id: string): string[] {
  return id.split('/').map(unescapeKey);
}

/** Every prefix of an id, shortest first: the nodes on its path ("projects", "projects/p1", …). */
export function pathOf(id: string): string[] {
  const parts = id.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

// ── Several organizations ───────────────────────────────────────────────────────────────────────
// With several connections each organization is a top-level folder, and every id under it starts
// with that folder's key: "@<connection id>/projects/p1". No root folder's key starts with "@".

export function organizationFolderId(connectionId: string): string {
  return `@${escapeKey(connectionId)}`;
}

/** The connection whose folder an id lies under; undefined in a tree of one organization. */
export function organizationOfId(id: string): string | undefined {
  const first = id.split('/', 1)[0]!;
  return first.startsWith('@') ? unescapeKey(first.slice(1)) : undefined;
}

/** The id inside its organization's folder (as ./ids builds it for a tree of one organization). */
export function withinOrganization(id: string): string {
  return organizationOfId(id) === undefined ? id : id.split('/').slice(1).join('/');
}

export function rootId(folder: RootFolder): string {
  return folder;
}

/** A project's row, under Projects or under Projects › Archived. */
export function projectNodeId(projectId: string, archived = false): string {
  return archived ? idOf('projects', ARCHIVED, projectId) : idOf('projects', projectId);
}

/** One of a project's folders (`users`, `rateLimits`, …). */
export function projectFolderId(projectId: string, folder: ProjectFolder, archived = false): string {
  return childId(projectNodeId(projectId, archived), folder);
}

export function memberId(userId: string): string {
  return idOf('members', userId);
}

export function inviteId(inviteId: string): string {
  return idOf('invites', inviteId);
}

/** An organization object named without tree ids, for views that cannot import the tree (webviews). */
export type RevealTarget = { kind: 'member' | 'invite'; id: string };

export function revealTargetId(target: RevealTarget): string {
  return target.kind === 'member' ? memberId(target.id) : inviteId(target.id);
}

export function groupId(groupId: string): string {
  return idOf('groups', groupId);
}

/** A member row inside a group. */
export function groupUserId(groupId: string, userId: string): string {
  return idOf('groups', groupId, userId);
}

export function workloadIdentityProviderId(providerId: string): string {
  return idOf('workloadIdentity', providerId);
}

/** What an id under Projects names: the project, whether it is archived, and the folder and row keys below it. */
export interface ProjectPath {
  projectId: string;
  archived: boolean;
  folder?: string;
  /** Keys below the folder (a user, then a role assignment). */
  rest: string[];
}

/** The project an id is in (undefined for ids outside a project: other folders, Projects itself, Archived). */
export function parseProjectId(fullId: string): ProjectPath | undefined {
  const id = withinOrganization(fullId);
  const keys = keysOf(id);
  if (keys[0] !== 'projects') return undefined;
  const archived = id.split('/')[1] === ARCHIVED;
  const [projectId, folder, ...rest] = keys.slice(archived ? 2 : 1);
  if (projectId === undefined) return undefined;
  return { projectId, archived, folder, rest };
}

// ── Context values ──────────────────────────────────────────────────────────────────────────────
// A row's contextValue is its kind, then flags: "project archived", "folder users inProject".
// Menus match words (`viewItem =~ /^project\b.*\barchived\b/`), so every word is one of these.

/** The first word of a context value: what the row is. */
export const KINDS = [
  'folder', 'project', 'member', 'invite', 'group', 'groupUser', 'role', 'adminApiKey', 'certificate', 'auditLog',
  'projectUser', 'roleAssignment', 'serviceAccount', 'projectApiKey', 'rateLimit', 'modelPermissions', 'modelPermission',
  'hostedTool', 'serviceTier', 'projectGroup', 'spendLimit', 'spendAlert', 'dataRetention', 'externalKey', 'externalStorage',
  'workloadIdentityProvider', 'federationRule',
  // An organization's folder when several are connected.
  'connection',
  // The Key Hygiene view's rows: a rule heading, and a finding (flagged with its bulk action).
  'hygieneRule', 'hygieneFinding',
  // The provider's own rows.
  'error', 'loadMore', 'empty',
] as const;
export type Kind = (typeof KINDS)[number];

/** The words after the kind: a folder's key, a state, where the row is. */
export const FLAGS = [
  // Folder keys (a folder's context value is "folder <key>").
  ...ROOT_FOLDERS, ...PROJECT_FOLDERS, ARCHIVED,
  /** A folder under a project (the same key exists at the top level: groups, roles, certificates, spend). */
  'inProject',
  'active', 'owner', 'member', 'scim', 'predefined', 'custom', 'serviceAccountKey', 'userKey', 'expired', 'expiresSoon',
  'set', 'unset', 'on', 'off', 'enabled', 'disabled', 'default', 'inactive', 'organization', 'project',
  // Invite and external storage states, as the API names them.
  'pending', 'accepted', 'validated', 'degraded', 'unhealthy',
  // A hygiene finding's bulk action.
  'delete', 'setExpiry',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Every word a context value may hold. */
export const CONTEXT_WORDS: ReadonlySet<string> = new Set<string>([...KINDS, ...FLAGS]);

/** A context value: the kind, then the flags that apply (false and undefined are left out). */
export function contextValue(kind: Kind, ...flags: Array<Flag | false | undefined>): string {
  return [kind, ...flags.filter((f): f is Flag => typeof f === 'string')].join(' ');
}

/**
 * A word from the API (a status, a role) as a flag when it is one of `allowed`; any other value adds
 * nothing, so API text never reaches a menu's match.
 */
export function flagOf<F extends Flag>(word: string | null | undefined, allowed: readonly F[]): F | undefined {
  return (allowed as readonly string[]).includes(word ?? '') ? word as F : undefined;
}

/** The kind of a context value (its first word). */
export function kindOf(value: string | undefined): string | undefined {
  return value?.split(' ')[0];
}
