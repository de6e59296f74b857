// Project API keys (list/retrieve/update/delete; keys are created in the dashboard or through a
// service account).
import { listA, orderedSubset } from '../pagination';
import { opt, parseBody, requireSome, v } from '../validate';
import { deleted, must, requireActiveProject, requireProject } from './common';
import { KEY_LIFETIME } from './service-accounts';
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
    method: 'POST',
    path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
    operationId: 'update-project-api-key',
    handler: ({ state, params, body }) => {
      const projectId = params.project_id!;
      const { data } = requireActiveProject(state, projectId);
      const key = must(data.apiKeys, params.api_key_id!, 'API key', 'api_key_id');
      // minProperties: 1, and neither field accepts null.
      requireSome(body, ['scopes', 'expires_in_seconds']);
      const b = parseBody(body, { scopes: opt(v.array(v.string({ minLength: 1 }))), expires_in_seconds: opt(v.int(KEY_LIFETIME)) });
      if (b.scopes !== undefined) key.scopes = [...new Set(b.scopes)];
      if (b.expires_in_seconds !== undefined) key.expires_at = state.now() + b.expires_in_seconds;
      state.audit('api_key.updated', { id: key.id, changes_requested: { ...(b.scopes ? { scopes: key.scopes } : {}), ...(b.expires_in_seconds !== undefined ? { expires_in_seconds: b.expires_in_seconds } : {}) } }, { project: projectId, resource: key.id });
      return apiKeyView(state, projectId, key);
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
    operationId: 'delete-project-api-key',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const key = must(data.apiKeys, params.api_key_id!, 'API key', 'api_key_id');
      // Since the November 2026 spec a service account's key can go on its own; the account and
      // its other keys stay. The 400 left is the archived project's.
      data.apiKeys.delete(key.id);
      state.revokeKey(key.id);
      state.audit('api_key.deleted', { id: key.id }, { project: params.project_id, resource: key.id });
      return deleted('organization.project.api_key.deleted', key.id);
    },
  },
];
