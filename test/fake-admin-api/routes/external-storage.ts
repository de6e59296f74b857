// Customer-managed storage buckets, one per project. A new configuration is `pending` until
// validated; validate then reports the bucket's health, which is decided once from the
// configuration id (external.ts), so runs are reproducible.
import type { components } from '../../../src/api/schema';
import { conflict } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import { fullProvider, geographyOfRegion, storageHealth } from '../external';
import type { ExternalStorageRec, FakeState, ProjectRec } from '../state';
import { parseBody, req, v } from '../validate';
import { externalStorageView } from '../views';
import { deleted, must, requireActiveProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const text = req(v.string({ minLength: 1 }));

const createProvider = v.union({
  aws: v.object({ type: req(v.enum(['aws'] as const)), bucket: text, role_arn: req(v.string({ pattern: /^arn:aws:iam::\d{12}:role\/.+$/ })) }),
  azure: v.object({ type: req(v.enum(['azure'] as const)), tenant_id: text, subscription_id: text, resource_group: text, account_name: text, container: text }),
  gcp: v.object({ type: req(v.enum(['gcp'] as const)), bucket: text, workload_identity_pool_id: text, workload_identity_project_number: req(v.string({ pattern: /^[0-9]{1,19}$/ })), workload_identity_provider_id: text }),
  oci: v.object({ type: req(v.enum(['oci'] as const)), bucket: text, region: text, tenancy_ocid: text }),
});
type CreateStorageProvider = ReturnType<typeof createProvider>;

function registerStorage(state: FakeState, project: ProjectRec, p: CreateStorageProvider): ExternalStorageRec {
  const provider = fullProvider(p, project, state.seed);
  const id = state.newId('extstorage_', 24);
  return { id, project_id: project.id, provider, geography: geographyOfRegion(provider.region), status: 'pending', created_at: state.now(), health: storageHealth(id, state.seed) };
}

export const externalStorageRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/external_storage',
    operationId: 'list-external-storage',
    handler: ({ state, query }) => {
      const projectId = query.string('project_id');
      const list = projectId ? orderedSubset(state.externalStorage, state.externalStorage.values().filter((c) => c.project_id === projectId)) : ordered(state.externalStorage);
      return listA(query, list, externalStorageView, { defaultLimit: 20, order: { param: true, default: 'asc' } });
    },
  },
  {
    method: 'POST',
    path: '/organization/external_storage',
    operationId: 'create-external-storage',
    handler: ({ state, body }) => {
      const b = parseBody(body, { project_id: req(v.string({ minLength: 1 })), provider: req(createProvider) });
      const { project } = requireActiveProject(state, b.project_id);
      const existing = state.externalStorage.find((c) => c.project_id === project.id);
      if (existing) throw conflict(`Project '${project.id}' already has external storage ('${existing.id}'); delete it before registering another.`, 'project_id');
      const config = state.externalStorage.insert(registerStorage(state, project, b.provider));
      state.audit('external_storage.registered', { id: config.id, data: { geography: config.geography, provider: config.provider } }, { project: project.id, resource: config.id });
      return externalStorageView(config);
    },
  },
  {
    method: 'GET',
    path: '/organization/external_storage/{external_storage_id}',
    operationId: 'retrieve-external-storage',
    handler: ({ state, params }) => externalStorageView(must(state.externalStorage, params.external_storage_id!, 'external storage configuration', 'external_storage_id')),
  },
  {
    method: 'DELETE',
    path: '/organization/external_storage/{external_storage_id}',
    operationId: 'delete-external-storage',
    handler: ({ state, params }) => {
      const config = must(state.externalStorage, params.external_storage_id!, 'external storage configuration', 'external_storage_id');
      state.externalStorage.delete(config.id);
      state.audit('external_storage.removed', { id: config.id }, { project: config.project_id, resource: config.id });
      return deleted('organization.external_storage.deleted', config.id) satisfies S['ExternalStorageDeletedResource'];
    },
  },
  {
    method: 'POST',
    path: '/organization/external_storage/{external_storage_id}/validate',
    operationId: 'validate-external-storage',
    handler: ({ state, params }) => {
      const config = must(state.externalStorage, params.external_storage_id!, 'external storage configuration', 'external_storage_id');
      config.status = config.health;
      return externalStorageView(config);
    },
  },
];
