// Project API keys (list/retrieve/delete; keys are created in the dashboard or through a
// service account).
import { badRequest } from '../errors';
import { listA, orderedSubset } from '../pagination';
import { deleted, must, requireActiveProject, requireProject } from './common';
import { apiKeyView, ownerHasAccess } from '../views';
import type { RouteDef } from './types';

export const apiKeyRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/api_keys',
    operationId: 'list-project-api-keys',
    handler: ({ state, params, query }) => {
      const projectId = params.project_id!;
      const { data } = requireProject(state, projectId);
      // Without the filter the endpoint applies membership-based visibility: keys whose owner
      // left the project are hidden (they are listed with `any` or `inactive`).
      const access = query.oneOf('owner_project_access', ['active', 'inactive', 'any'] as const);
      const keys = data.apiKeys.values().filter((k) => {
        if (access === 'any') return true;
        const active = ownerHasAccess(state, projectId, k);
        return access === 'inactive' ? !active : active;
      });
      return listA(query, orderedSubset(data.apiKeys, keys), (k) => apiKeyView(state, projectId, k), { defaultLimit: 20 });
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
    operationId: 'retrieve-project-api-key',
    handler: ({ state, params }) => {
      const { data } = requireProject(state, params.project_id!);
      return apiKeyView(state, params.project_id!, must(data.apiKeys, params.api_key_id!, 'API key', 'api_key_id'));
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
    operationId: 'delete-project-api-key',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const key = must(data.apiKeys, params.api_key_id!, 'API key', 'api_key_id');
      if (key.owner.type === 'service_account') {
        throw badRequest('API keys that belong to a service account cannot be deleted directly; delete the service account instead.', 'api_key_id', 'service_account_key');
      }
      data.apiKeys.delete(key.id);
      state.revokeKey(key.id);
      state.audit('api_key.deleted', { id: key.id }, { project: params.project_id, resource: key.id });
      return deleted('organization.project.api_key.deleted', key.id);
    },
  },
];
