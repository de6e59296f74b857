import * as l10n from '@vscode/l10n';
import type {
  AdminApiKey, AdminClient, AssignedRole, AuditLog, Certificate, ExternalKey, ExternalStorage, FederationRule, Group,
  GroupUser, Invite, OrganizationDataRetention, OrganizationSpendAlert, OrganizationSpendLimit, Page, Project,
  ProjectApiKey, ProjectCertificate, ProjectDataRetention, ProjectGroup, ProjectHostedToolPermissions,
  ProjectModelPermissions, ProjectRateLimit, ProjectServiceAccount, ProjectServiceTierSettings, ProjectSpendAlert,
  ProjectSpendLimit, ProjectUser, Role, User, WorkloadIdentityProvider,
} from '../../api';
import { orNotSet } from '../notSet';

/**
 * Every list the org store can hold, as a table from resource name to how one page of it is read.
 * A list is a resource plus the ids of its parents in path order (a project's users: the project
 * id; a project user's role assignments: project id, user id). Settings that are one object (a
 * project's model permissions, the spend limit) are lists of zero or one item, so the store, the
 * tree and the crawl treat them like any other list; zero items means "not set" (the API's 404).
 */
export interface ResourceDef<T> {
  /** Parent ids this resource's lists take, in path order. */
  parents: number;
  /** Plural noun for messages: "Couldn't load users". */
  what: string;
  load(client: AdminClient, ids: readonly string[], cursor: string | undefined, signal: AbortSignal): Promise<Page<T>>;
  /** Identity of an item within its list; undefined for one-object settings (the list has one item). */
  idOf?: (item: T) => string;
}

type Load<T> = ResourceDef<T>['load'];

// `what` is a getter: the translation is looked up when a message needs it, after activation configured l10n, not at load.
function list<T extends { id: string }>(what: () => string, parents: number, load: Load<T>): ResourceDef<T> {
  return { get what() { return what(); }, parents, load, idOf: (item) => item.id };
}

/** A one-object setting; `read` resolving to null (or undefined) means not set, and the list is empty. */
function setting<T>(what: () => string, parents: number, read: (client: AdminClient, ids: readonly string[], signal: AbortSignal) => Promise<T | null | undefined>): ResourceDef<T> {
  return {
    get what() { return what(); },
    parents,
    load: async (client, ids, _cursor, signal) => {
      const value = await read(client, ids, signal);
      return { data: value == null ? [] : [value], hasMore: false, nextCursor: null };
    },
  };
}

export const RESOURCES = {
  // Organization level.
  projects: list<Project>(() => l10n.t('projects'), 0, (c, _ids, after, signal) => c.projects.listPage({ after }, { signal })),
  archivedProjects: list<Project>(() => l10n.t('archived projects'), 0, async (c, _ids, after, signal) => {
    const page = await c.projects.listPage({ after, include_archived: true }, { signal });
    return { ...page, data: page.data.filter((p) => p.status === 'archived') };
  }),
  members: list<User>(() => l10n.t('members'), 0, (c, _ids, after, signal) => c.users.listPage({ after }, { signal })),
  memberRoles: list<AssignedRole>(() => l10n.t('role assignments'), 1, (c, [userId], after, signal) => c.users.roles.listPage(userId, { after }, { signal })),
  invites: list<Invite>(() => l10n.t('invites'), 0, (c, _ids, after, signal) => c.invites.listPage({ after }, { signal })),
  groups: list<Group>(() => l10n.t('groups'), 0, (c, _ids, after, signal) => c.groups.listPage({ after }, { signal })),
  groupUsers: list<GroupUser>(() => l10n.t('group members'), 1, (c, [groupId], after, signal) => c.groups.users.listPage(groupId, { after }, { signal })),
  groupRoles: list<AssignedRole>(() => l10n.t('role assignments'), 1, (c, [groupId], after, signal) => c.groups.roles.listPage(groupId, { after }, { signal })),
  roles: list<Role>(() => l10n.t('roles'), 0, (c, _ids, after, signal) => c.roles.listPage({ after }, { signal })),
  adminKeys: list<AdminApiKey>(() => l10n.t('admin API keys'), 0, (c, _ids, after, signal) => c.adminApiKeys.listPage({ after }, { signal })),
  certificates: list<Certificate>(() => l10n.t('certificates'), 0, (c, _ids, after, signal) => c.certificates.listPage({ after }, { signal })),
  workloadIdentityProviders: list<WorkloadIdentityProvider>(() => l10n.t('workload identity providers'), 0, (c, _ids, after, signal) => c.workloadIdentityProviders.listPage({ after }, { signal })),
  federationRules: list<FederationRule>(() => l10n.t('federation rules'), 1, (c, [providerId], after, signal) => c.workloadIdentityProviders.federationRules.listPage(providerId, { after }, { signal })),
  externalKeys: list<ExternalKey>(() => l10n.t('external keys'), 0, (c, _ids, after, signal) => c.externalKeys.listPage({ after }, { signal })),
  externalStorage: list<ExternalStorage>(() => l10n.t('external storage'), 0, (c, _ids, after, signal) => c.externalStorage.listPage({ after }, { signal })),
  auditLog: list<AuditLog>(() => l10n.t('audit log events'), 0, (c, _ids, after, signal) => c.auditLogs.listPage({ after }, { signal })),
  spendLimit: setting<OrganizationSpendLimit>(() => l10n.t('spend limit'), 0, (c, _ids, signal) => orNotSet(c.spendLimit.retrieve({ signal }))),
  spendAlerts: list<OrganizationSpendAlert>(() => l10n.t('spend alerts'), 0, (c, _ids, after, signal) => c.spendAlerts.listPage({ after }, { signal })),
  dataRetention: setting<OrganizationDataRetention>(() => l10n.t('data retention'), 0, (c, _ids, signal) => c.dataRetention.retrieve({ signal })),

  // Per project (the first id is the project's).
  /** One project as its own one-item list, for views of one project (the Project panel's overview), archived or not. */
  project: setting<Project>(() => l10n.t('project'), 1, (c, [projectId], signal) => c.projects.retrieve(projectId, { signal })),
  projectUsers: list<ProjectUser>(() => l10n.t('users'), 1, (c, [projectId], after, signal) => c.projectUsers.listPage(projectId, { after }, { signal })),
  projectUserRoles: list<AssignedRole>(() => l10n.t('role assignments'), 2, (c, [projectId, userId], after, signal) => c.projectUsers.roles.listPage(projectId, userId, { after }, { signal })),
  projectServiceAccounts: list<ProjectServiceAccount>(() => l10n.t('service accounts'), 1, (c, [projectId], after, signal) => c.serviceAccounts.listPage(projectId, { after }, { signal })),
  projectApiKeys: list<ProjectApiKey>(() => l10n.t('API keys'), 1, (c, [projectId], after, signal) => c.projectApiKeys.listPage(projectId, { after }, { signal })),
  /** Keys whose owner no longer has access to the project: the default key list hides them (`owner_project_access`). */
  projectInactiveApiKeys: list<ProjectApiKey>(() => l10n.t('API keys of former members'), 1, (c, [projectId], after, signal) => c.projectApiKeys.listPage(projectId, { after, owner_project_access: 'inactive' }, { signal })),
  projectRateLimits: list<ProjectRateLimit>(() => l10n.t('rate limits'), 1, (c, [projectId], after, signal) => c.rateLimits.listPage(projectId, { after }, { signal })),
  projectGroups: list<ProjectGroup & { id: string }>(() => l10n.t('groups'), 1, async (c, [projectId], after, signal) => {
    const page = await c.projectGroups.listPage(projectId, { after }, { signal });
    return { ...page, data: page.data.map((g) => ({ ...g, id: g.group_id })) };
  }),
  /** A group's role assignments in one project (project id, group id): the role it was granted access with, and custom ones. */
  projectGroupRoles: list<AssignedRole>(() => l10n.t('role assignments'), 2, (c, [projectId, groupId], after, signal) => c.projectGroups.roles.listPage(projectId, groupId, { after }, { signal })),
  projectRoles: list<Role>(() => l10n.t('roles'), 1, (c, [projectId], after, signal) => c.projectRoles.listPage(projectId, { after }, { signal })),
  projectCertificates: list<ProjectCertificate>(() => l10n.t('certificates'), 1, (c, [projectId], after, signal) => c.projectCertificates.listPage(projectId, { after }, { signal })),
  projectSpendAlerts: list<ProjectSpendAlert>(() => l10n.t('spend alerts'), 1, (c, [projectId], after, signal) => c.projectSpendAlerts.listPage(projectId, { after }, { signal })),
  projectSpendLimit: setting<ProjectSpendLimit>(() => l10n.t('spend limit'), 1, (c, [projectId], signal) => orNotSet(c.projectSpendLimit.retrieve(projectId, { signal }))),
  modelPermissions: setting<ProjectModelPermissions>(() => l10n.t('model permissions'), 1, (c, [projectId], signal) => orNotSet(c.modelPermissions.retrieve(projectId, { signal }))),
  hostedToolPermissions: setting<ProjectHostedToolPermissions>(() => l10n.t('hosted tool permissions'), 1, (c, [projectId], signal) => c.hostedToolPermissions.retrieve(projectId, { signal })),
  serviceTier: setting<ProjectServiceTierSettings>(() => l10n.t('service tier settings'), 1, (c, [projectId], signal) => c.serviceTierSettings.retrieve(projectId, { signal })),
  projectDataRetention: setting<ProjectDataRetention>(() => l10n.t('data retention'), 1, (c, [projectId], signal) => c.projectDataRetention.retrieve(projectId, { signal })),
} satisfies Record<string, ResourceDef<any>>; // any: each entry keeps its own item type, which ItemOfResource reads back

export type ResourceName = keyof typeof RESOURCES;
/** The item type a resource's lists hold. */
export type ItemOfResource<R extends ResourceName> = (typeof RESOURCES)[R] extends ResourceDef<infer T> ? T : never;
