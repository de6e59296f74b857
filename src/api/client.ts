/**
 * AdminClient: the Admin API grouped the way the API reference groups it,
 * one object per resource. Verbs are the same everywhere: listPage / iterate
 * / all, retrieve, create, update, delete; plus the API's own verbs where it
 * has them (archive, activate, deactivate, add/remove members,
 * assign/unassign roles). Ids come first, in path order:
 * `client.projectUsers.retrieve(projectId, userId)`.
 */
import { COSTS_MAX_BUCKETS, USAGE_MAX_BUCKETS } from './limits';
import { methodBuilders, type LimitRule } from './methods';
import { Transport, type TransportOptions } from './transport';
import type { BucketWidth } from './types';

/** Style A lists (`after`/`last_id`) accept up to 100 items per page. */
const A_MAX = 100;
/** Style B RBAC lists (roles, role assignments, groups, group users) accept up to 1000. */
const B_MAX = 1000;
/** Project groups are the one style B list capped at 100. */
const PROJECT_GROUPS_MAX = 100;
const usageMaxBuckets: LimitRule = (query) => USAGE_MAX_BUCKETS[(query.bucket_width as BucketWidth | undefined) ?? '1d'] ?? 31;

function resources(transport: Transport) {
  const { plain, withQuery, withBody, paged } = methodBuilders(transport);
  const usage = <K extends Parameters<typeof paged>[0]>(op: K) => paged(op, 'nextPage', usageMaxBuckets);

  return {
    adminApiKeys: {
      ...paged('admin-api-keys-list', 'lastId', A_MAX),
      create: withBody('admin-api-keys-create'),
      retrieve: plain('admin-api-keys-get'),
      delete: plain('admin-api-keys-delete'),
    },
    auditLogs: paged('list-audit-logs', 'lastId', A_MAX),
    certificates: {
      ...paged('listOrganizationCertificates', 'lastId', A_MAX),
      /** Uploads a certificate; it is not active until `activate` is called. */
      create: withBody('uploadCertificate'),
      retrieve: withQuery('getCertificate'),
      update: withBody('modifyCertificate'),
      delete: plain('deleteCertificate'),
      activate: withBody('activateOrganizationCertificates'),
      deactivate: withBody('deactivateOrganizationCertificates'),
    },
    costs: paged('usage-costs', 'nextPage', COSTS_MAX_BUCKETS),
    dataRetention: {
      retrieve: plain('retrieve-organization-data-retention'),
      update: withBody('update-organization-data-retention'),
    },
    externalKeys: {
      ...paged('list-external-keys', 'lastId', A_MAX),
      create: withBody('create-external-key'),
      retrieve: plain('retrieve-external-key'),
      delete: plain('delete-external-key'),
      /** Asks the API to check that it can use the key; answers with the result, changes nothing. */
      validate: plain('validate-external-key'),
    },
    externalStorage: {
      ...paged('list-external-storage', 'lastId', A_MAX),
      create: withBody('create-external-storage'),
      retrieve: plain('retrieve-external-storage'),
      delete: plain('delete-external-storage'),
      /** Re-checks access and answers with the configuration and its new status. */
      validate: plain('validate-external-storage'),
    },
    groups: {
      ...paged('list-groups', 'next', B_MAX),
      create: withBody('create-group'),
      retrieve: plain('retrieve-group'),
      update: withBody('update-group'),
      delete: plain('delete-group'),
      users: {
        ...paged('list-group-users', 'next', B_MAX),
        add: withBody('add-group-user'),
        retrieve: plain('retrieve-group-user'),
        remove: plain('remove-group-user'),
      },
      roles: {
        ...paged('list-group-role-assignments', 'next', B_MAX),
        assign: withBody('assign-group-role'),
        retrieve: plain('retrieve-group-role'),
        unassign: plain('unassign-group-role'),
      },
    },
    invites: {
      ...paged('list-invites', 'lastId', A_MAX),
      create: withBody('inviteUser'),
      retrieve: plain('retrieve-invite'),
      delete: plain('delete-invite'),
    },
    projects: {
      ...paged('list-projects', 'lastId', A_MAX),
      create: withBody('create-project'),
      retrieve: plain('retrieve-project'),
      update: withBody('modify-project'),
      /** Projects cannot be deleted, only archived. */
      archive: plain('archive-project'),
    },
    roles: {
      ...paged('list-roles', 'next', B_MAX),
      create: withBody('create-role'),
      retrieve: plain('retrieve-role'),
      update: withBody('update-role'),
      delete: plain('delete-role'),
    },
    spendAlerts: {
      ...paged('list-organization-spend-alerts', 'lastId', A_MAX),
      create: withBody('create-organization-spend-alert'),
      retrieve: plain('retrieve-organization-spend-alert'),
      update: withBody('update-organization-spend-alert'),
      delete: plain('delete-organization-spend-alert'),
    },
    spendLimit: {
      retrieve: plain('Getorganizationspendlimit'),
      /** Creates or replaces the limit. */
      update: withBody('Updateorganizationspendlimit'),
      delete: plain('Deleteorganizationspendlimit'),
    },
    usage: {
      completions: usage('usage-completions'),
      embeddings: usage('usage-embeddings'),
      moderations: usage('usage-moderations'),
      images: usage('usage-images'),
      audioSpeeches: usage('usage-audio-speeches'),
      audioTranscriptions: usage('usage-audio-transcriptions'),
      vectorStores: usage('usage-vector-stores'),
      codeInterpreterSessions: usage('usage-code-interpreter-sessions'),
      fileSearchCalls: usage('usage-file-search-calls'),
      webSearchCalls: usage('usage-web-search-calls'),
      decisions: usage('usage-decisions'),
    },
    users: {
      ...paged('list-users', 'lastId', A_MAX),
      retrieve: plain('retrieve-user'),
      update: withBody('modify-user'),
      delete: plain('delete-user'),
      roles: {
        ...paged('list-user-role-assignments', 'next', B_MAX),
        assign: withBody('assign-user-role'),
        retrieve: plain('retrieve-user-role'),
        unassign: plain('unassign-user-role'),
      },
    },
    projectUsers: {
      ...paged('list-project-users', 'lastId', A_MAX),
      /** Adds an existing organization member to the project. */
      create: withBody('create-project-user'),
      retrieve: plain('retrieve-project-user'),
      update: withBody('modify-project-user'),
      delete: plain('delete-project-user'),
      roles: {
        ...paged('list-project-user-role-assignments', 'next', B_MAX),
        assign: withBody('assign-project-user-role'),
        retrieve: plain('retrieve-project-user-role'),
        unassign: plain('unassign-project-user-role'),
      },
    },
    projectGroups: {
      ...paged('list-project-groups', 'next', PROJECT_GROUPS_MAX),
      add: withBody('add-project-group'),
      retrieve: withQuery('retrieve-project-group'),
      remove: plain('remove-project-group'),
      roles: {
        ...paged('list-project-group-role-assignments', 'next', B_MAX),
        assign: withBody('assign-project-group-role'),
        retrieve: plain('retrieve-project-group-role'),
        unassign: plain('unassign-project-group-role'),
      },
    },
    projectRoles: {
      ...paged('list-project-roles', 'next', B_MAX),
      create: withBody('create-project-role'),
      retrieve: plain('retrieve-project-role'),
      update: withBody('update-project-role'),
      delete: plain('delete-project-role'),
    },
    serviceAccounts: {
      ...paged('list-project-service-accounts', 'lastId', A_MAX),
      create: withBody('create-project-service-account'),
      retrieve: plain('retrieve-project-service-account'),
      update: withBody('update-project-service-account'),
      delete: plain('delete-project-service-account'),
      apiKeys: {
        create: withBody('CreateanAPIkeyforaserviceaccount'),
      },
    },
    projectApiKeys: {
      ...paged('list-project-api-keys', 'lastId', A_MAX),
      retrieve: plain('retrieve-project-api-key'),
      delete: plain('delete-project-api-key'),
      /** Changes a key's scopes or expiry. */
      update: withBody('update-project-api-key'),
    },
    rateLimits: {
      ...paged('list-project-rate-limits', 'lastId', A_MAX),
      update: withBody('update-project-rate-limits'),
    },
    modelPermissions: {
      retrieve: plain('retrieve-project-model-permissions'),
      update: withBody('update-project-model-permissions'),
      delete: plain('delete-project-model-permissions'),
    },
    hostedToolPermissions: {
      retrieve: plain('retrieve-project-hosted-tool-permissions'),
      update: withBody('update-project-hosted-tool-permissions'),
    },
    projectCertificates: {
      ...paged('listProjectCertificates', 'lastId', A_MAX),
      activate: withBody('activateProjectCertificates'),
      deactivate: withBody('deactivateProjectCertificates'),
    },
    projectDataRetention: {
      retrieve: plain('retrieve-project-data-retention'),
      update: withBody('update-project-data-retention'),
    },
    projectSpendAlerts: {
      ...paged('list-project-spend-alerts', 'lastId', A_MAX),
      create: withBody('create-project-spend-alert'),
      retrieve: plain('retrieve-project-spend-alert'),
      update: withBody('update-project-spend-alert'),
      delete: plain('delete-project-spend-alert'),
    },
    projectSpendLimit: {
      retrieve: plain('Getprojectspendlimit'),
      /** Creates or replaces the limit. */
      update: withBody('Updateprojectspendlimit'),
      delete: plain('Deleteprojectspendlimit'),
    },
    serviceTierSettings: {
      retrieve: plain('retrieve-project-service-tier-settings'),
      update: withBody('update-project-service-tier-settings'),
    },
    workloadIdentityProviders: {
      ...paged('list-workload-identity-providers', 'lastId', A_MAX),
      create: withBody('create-workload-identity-provider'),
      retrieve: plain('retrieve-workload-identity-provider'),
      update: withBody('update-workload-identity-provider'),
      delete: plain('delete-workload-identity-provider'),
      federationRules: {
        ...paged('list-workload-identity-federation-rules', 'lastId', A_MAX),
        create: withBody('create-workload-identity-federation-rule'),
        retrieve: plain('retrieve-workload-identity-federation-rule'),
        update: withBody('update-workload-identity-federation-rule'),
        delete: plain('delete-workload-identity-federation-rule'),
      },
    },
  };
}

export type AdminResources = ReturnType<typeof resources>;

export interface AdminClient extends AdminResources {
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The proxy in use (credentials removed), or undefined for direct connections. */
  readonly proxy?: string;
  /** Requests allowed in flight now: `concurrency`, lowered for a while after 429s; undefined without a limit. */
  readonly concurrencyLimit?: number;
}

export type AdminClientOptions = TransportOptions;

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const transport = new Transport(options);
  return {
    baseUrl: transport.baseUrl,
    proxy: transport.proxy,
    get concurrencyLimit() {
      return transport.concurrencyLimit;
    },
    ...resources(transport),
  };
}
