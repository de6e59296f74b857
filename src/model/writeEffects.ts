// What each write does to the org store, in one place, so the commands, the Project panel and the
// plan engine report the same effects for the same call, and plain-Node tests can check them
// against the fake (test/unit/model/writeEffects.test.ts: after the effects, the store equals a
// fresh read). The rules:
//   - the API returns the changed object: it replaces (or joins) its list (`upsert`);
//   - a delete: the item leaves its list (`remove`);
//   - a list the write changed whose new content the result does not give (another list that
//     embeds the object's name or role, a membership role mirrored into role assignments) is read
//     again (`invalidate`), and only that list.
// One-time secrets in a create response (admin keys, service-account keys) never reach the store.
import type {
  AdminApiKey, ExternalKey, ExternalStorage, FederationRule, Group, Invite, Project, ProjectApiKey, ProjectGroup, ProjectRateLimit,

  ProjectServiceAccount, ProjectServiceAccountCreateResponse, ProjectUser, Role, User, WorkloadIdentityProvider,

} from '../api';
import { invalidate, listRef, remove, upsert, type ListRef, type StoreEffect } from './store';

/** A one-object setting was removed: its list is empty (not set). Settings items have no id, so '' matches it. */
export function unset(ref: ListRef): StoreEffect {
  return remove(ref, '');
}

// Projects. A project is in `projects` (active) or `archivedProjects`, and is its own one-item `project` list.
export const projectEffects = {
  created: (p: Project): StoreEffect[] => [upsert(listRef('projects'), p), upsert(listRef('project', p.id), p)],
  renamed: (p: Project): StoreEffect[] => [
    upsert(listRef(p.status === 'archived' ? 'archivedProjects' : 'projects'), p), upsert(listRef('project', p.id), p),
  ],
  /** It moves from the active list to the archived one. */
  archived: (p: Project): StoreEffect[] => [
    remove(listRef('projects'), p.id), upsert(listRef('archivedProjects'), p), upsert(listRef('project', p.id), p),
  ],
};

// A project's members. A key lists its owner's project role, and the default key list hides keys
// whose owner left the project (owner_project_access), so a membership change changes the key list too.
// The membership role is mirrored in the member's role assignments (the predefined owner/member role).
export const projectUserEffects = {
  added: (projectId: string, u: ProjectUser): StoreEffect[] => [
    upsert(listRef('projectUsers', projectId), u), invalidate('projectApiKeys', projectId),
  ],
  roleChanged: (projectId: string, u: ProjectUser): StoreEffect[] => [
    upsert(listRef('projectUsers', projectId), u), invalidate('projectUserRoles', projectId, u.id), invalidate('projectApiKeys', projectId),
  ],
  /** Their keys stay enabled but move from the default key list to the list of keys whose owner left. */
  removed: (projectId: string, userId: string): StoreEffect[] => [
    remove(listRef('projectUsers', projectId), userId), invalidate('projectUserRoles', projectId, userId), invalidate('projectApiKeys', projectId),
    invalidate('projectInactiveApiKeys', projectId),
  ],
  /** The assign call answers with the role, not the assignment as listed. */
  roleAssigned: (projectId: string, userId: string): StoreEffect[] => [invalidate('projectUserRoles', projectId, userId)],
  roleUnassigned: (projectId: string, userId: string, roleId: string): StoreEffect[] => [remove(listRef('projectUserRoles', projectId, userId), roleId)],
};

// Service accounts and project API keys. A service account's keys are in the project's key list,
// which names each key's owner (name and role).
export const serviceAccountEffects = {
  /**
   * The account as listed, with its role after any promotion; the create response's one-time key
   * is left out. Its key joins the project's key list, which the response does not show as listed.
   */
  created: (projectId: string, created: ProjectServiceAccountCreateResponse, role: ProjectServiceAccount['role'] = created.role): StoreEffect[] => [
    upsert(listRef('projectServiceAccounts', projectId), {
      object: 'organization.project.service_account', id: created.id, name: created.name, role, created_at: created.created_at,
    }),
    invalidate('projectApiKeys', projectId),
  ],
  /** Renamed or its role changed: its keys name it. */
  updated: (projectId: string, account: ProjectServiceAccount): StoreEffect[] => [
    upsert(listRef('projectServiceAccounts', projectId), account), invalidate('projectApiKeys', projectId),
  ],
  /** Its keys go with it, and so do the federation rules that mapped tokens to it. */
  deleted: (projectId: string, accountId: string): StoreEffect[] => [
    remove(listRef('projectServiceAccounts', projectId), accountId), invalidate('projectApiKeys', projectId), invalidate('federationRules'),
  ],
  /** The create answers with the one-time key, not the key as listed. */
  keyCreated: (projectId: string): StoreEffect[] => [invalidate('projectApiKeys', projectId)],
};

export const apiKeyEffects = {
  updated: (projectId: string, k: ProjectApiKey): StoreEffect[] => [upsert(listRef('projectApiKeys', projectId), k)],
  /** The key may be in either of the project's key lists (its owner may have left the project). */
  deleted: (projectId: string, keyId: string): StoreEffect[] => [
    remove(listRef('projectApiKeys', projectId), keyId), remove(listRef('projectInactiveApiKeys', projectId), keyId),
  ],
};

// Organization members and invites.
export const memberEffects = {
  /** The organization role is mirrored in the member's role assignments. */
  roleChanged: (u: User): StoreEffect[] => [upsert(listRef('members'), u), invalidate('memberRoles', u.id)],
  /**
   * Every trace goes: project memberships (and with them the keys' access), group memberships and
   * role assignments. Which groups and projects held them the result does not say.
   */
  removed: (userId: string): StoreEffect[] => [
    remove(listRef('members'), userId), invalidate('memberRoles', userId), invalidate('projectUsers'), invalidate('projectUserRoles'),
    invalidate('projectApiKeys'), invalidate('projectInactiveApiKeys'), invalidate('groupUsers'),
  ],
  invited: (i: Invite): StoreEffect[] => [upsert(listRef('invites'), i)],
  inviteDeleted: (inviteId: string): StoreEffect[] => [remove(listRef('invites'), inviteId)],
};

// Groups. A project's group list names each group.
export const groupEffects = {
  created: (g: Group): StoreEffect[] => [upsert(listRef('groups'), g)],
  renamed: (g: Group): StoreEffect[] => [upsert(listRef('groups'), g), invalidate('projectGroups')],
  /** It leaves every project it had access to, with its role assignments there. */
  deleted: (groupId: string): StoreEffect[] => [
    remove(listRef('groups'), groupId), invalidate('groupUsers', groupId), invalidate('groupRoles', groupId), invalidate('projectGroups'),
  ],
  /** The add answers with ids only, and the member list is newest first. */
  userAdded: (groupId: string): StoreEffect[] => [invalidate('groupUsers', groupId)],
  userRemoved: (groupId: string, userId: string): StoreEffect[] => [remove(listRef('groupUsers', groupId), userId)],
  projectGroupAdded: (projectId: string, pg: ProjectGroup): StoreEffect[] => [upsert(listRef('projectGroups', projectId), { ...pg, id: pg.group_id })],
  projectGroupRemoved: (projectId: string, groupId: string): StoreEffect[] => [remove(listRef('projectGroups', projectId), groupId)],
};

/** Role assignments of a member or a group (organization roles): the assign call answers with the role, not the assignment. */
export function roleAssignmentEffects(resource: 'memberRoles' | 'groupRoles', principalId: string, change: { assigned: string } | { unassigned: string }): StoreEffect[] {
  return 'unassigned' in change ? [remove(listRef(resource, principalId), change.unassigned)] : [invalidate(resource, principalId)];
}


// Custom roles. A role's permissions are copied into every assignment of it.
export const roleEffects = {
  created: (projectId: string | undefined, r: Role): StoreEffect[] => [upsert(projectId ? listRef('projectRoles', projectId) : listRef('roles'), r)],
  updated: (projectId: string | undefined, r: Role): StoreEffect[] => [
    upsert(projectId ? listRef('projectRoles', projectId) : listRef('roles'), r), ...assignmentsOf(projectId),
  ],
  deleted: (projectId: string | undefined, roleId: string): StoreEffect[] => [
    remove(projectId ? listRef('projectRoles', projectId) : listRef('roles'), roleId), ...assignmentsOf(projectId),
  ],
};

function assignmentsOf(projectId: string | undefined): StoreEffect[] {
  return projectId ? [invalidate('projectUserRoles', projectId)] : [invalidate('memberRoles'), invalidate('groupRoles')];
}

// Certificates: every project's certificate list lists all of the organization's, each with its activation there.
export const certificateEffects = {
  uploaded: (): StoreEffect[] => [invalidate('certificates'), invalidate('projectCertificates')],
  renamed: (): StoreEffect[] => [invalidate('certificates'), invalidate('projectCertificates')],
  deleted: (id: string): StoreEffect[] => [remove(listRef('certificates'), id), invalidate('projectCertificates')],
  toggled: (projectId: string | undefined): StoreEffect[] => [projectId ? invalidate('projectCertificates', projectId) : invalidate('certificates')],
};

// Admin keys: the create response's secret is never stored.
export const adminKeyEffects = {
  created: (k: AdminApiKey & { value?: string }): StoreEffect[] => {
    const { value: _secret, ...key } = k;
    return [upsert(listRef('adminKeys'), key)];
  },
  deleted: (id: string): StoreEffect[] => [remove(listRef('adminKeys'), id)],
};

// External keys list the projects that use them; storage registrations belong to a project.
export const externalEffects = {
  keyCreated: (k: ExternalKey): StoreEffect[] => [upsert(listRef('externalKeys'), k)],
  /** Validation answers with a status only; the key's listed state may change with it. */
  keyValidated: (): StoreEffect[] => [invalidate('externalKeys')],
  keyDeleted: (id: string): StoreEffect[] => [remove(listRef('externalKeys'), id)],
  storageCreated: (s: ExternalStorage): StoreEffect[] => [upsert(listRef('externalStorage'), s)],
  storageValidated: (s: ExternalStorage): StoreEffect[] => [upsert(listRef('externalStorage'), s)],
  storageDeleted: (id: string): StoreEffect[] => [remove(listRef('externalStorage'), id)],
};

// Workload identity: a provider's rules are its own list.
export const workloadIdentityEffects = {
  providerSaved: (p: WorkloadIdentityProvider): StoreEffect[] => [upsert(listRef('workloadIdentityProviders'), p)],
  providerDeleted: (id: string): StoreEffect[] => [remove(listRef('workloadIdentityProviders'), id), invalidate('federationRules', id)],
  ruleSaved: (r: FederationRule): StoreEffect[] => [upsert(listRef('federationRules', r.workload_identity_provider_id), r)],
  ruleDeleted: (providerId: string, id: string): StoreEffect[] => [remove(listRef('federationRules', providerId), id)],
};

export const rateLimitEffects = {
  updated: (projectId: string, r: ProjectRateLimit): StoreEffect[] => [upsert(listRef('projectRateLimits', projectId), r)],
};
