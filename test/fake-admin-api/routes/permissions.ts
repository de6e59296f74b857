// Model permissions (allow/deny list, may be unset) and hosted tool permissions (always set).
import type { components } from '../../../src/api/schema';
import { ApiError } from '../errors';
import type { HostedToolsRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const TOOLS = ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'] as const;
const toolUpdate = opt(v.nullable(v.object({ enabled: req(v.bool()) })));

function noPolicy(projectId: string): ApiError {
  return new ApiError(404, `No model permissions are set for project '${projectId}'.`, 'invalid_request_error', 'project_id', 'not_found');
}

const toolsView = (t: HostedToolsRec): HostedToolsRec => Object.fromEntries(TOOLS.map((k) => [k, { enabled: t[k].enabled }])) as HostedToolsRec;

export const permissionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/model_permissions',
    operationId: 'retrieve-project-model-permissions',
    handler: ({ state, params }) => {
      const { data } = requireProject(state, params.project_id!);
      if (!data.modelPermissions) throw noPolicy(params.project_id!);
      return { object: 'project.model_permissions', mode: data.modelPermissions.mode, model_ids: [...data.modelPermissions.model_ids] } satisfies S['ProjectModelPermissions'];
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/model_permissions',
    operationId: 'update-project-model-permissions',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const b = parseBody(body, { mode: req(v.enum(['allow_list', 'deny_list'] as const)), model_ids: req(v.array(v.string({ minLength: 1 }))) });
      data.modelPermissions = { mode: b.mode, model_ids: [...new Set(b.model_ids)] };
      return { object: 'project.model_permissions', mode: b.mode, model_ids: [...data.modelPermissions.model_ids] } satisfies S['ProjectModelPermissions'];
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/model_permissions',
    operationId: 'delete-project-model-permissions',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      if (!data.modelPermissions) throw noPolicy(params.project_id!);
      data.modelPermissions = null;
      return { object: 'project.model_permissions.deleted', deleted: true } satisfies S['ProjectModelPermissionsDeleteResponse'];
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/hosted_tool_permissions',
    operationId: 'retrieve-project-hosted-tool-permissions',
    handler: ({ state, params }) => toolsView(requireProject(state, params.project_id!).data.hostedTools),
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/hosted_tool_permissions',
    operationId: 'update-project-hosted-tool-permissions',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const b = parseBody(body, Object.fromEntries(TOOLS.map((t) => [t, toolUpdate])) as Record<(typeof TOOLS)[number], typeof toolUpdate>);
      // Only the tools present in the body change; absent or null keys keep their state.
      for (const tool of TOOLS) {
        const update = b[tool];
        if (update) data.hostedTools[tool] = { enabled: update.enabled };
      }
      return toolsView(data.hostedTools);
    },
  },
];
