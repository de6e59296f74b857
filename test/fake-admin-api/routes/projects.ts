// Projects: list/create/retrieve/modify/archive. Projects are never deleted.
import { rateLimitsFor } from '../gen/projects';
import { badRequest } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import { ProjectData, type ProjectRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { projectView } from '../views';
import { requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

const RESIDENCIES = [
  'GLOBAL', 'US_STORAGE_PROCESSING', 'EU_STORAGE_PROCESSING', 'JP_STORAGE', 'KR_STORAGE', 'CA_STORAGE',
  'SG_STORAGE', 'IN_STORAGE', 'AU_STORAGE', 'GB_STORAGE', 'AE_STORAGE', 'AE_STORAGE_PROCESSING',
] as const;

export const projectRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects',
    operationId: 'list-projects',
    handler: ({ state, query }) => {
      const all = query.bool('include_archived') ?? false;
      const list = all ? ordered(state.projects) : orderedSubset(state.projects, state.projects.values().filter((p) => p.status === 'active'));
      return listA(query, list, projectView, { defaultLimit: 20 });
    },
  },
  {
    method: 'POST',
    path: '/organization/projects',
    operationId: 'create-project',
    handler: ({ state, body }) => {
      const b = parseBody(body, {
        name: req(v.string({ minLength: 1 })),
        residency: opt(v.nullable(v.enum(RESIDENCIES))),
        external_key_id: opt(v.nullable(v.string())),
      });
      const project: ProjectRec = {
        id: state.newId('proj_'),
        name: b.name,
        created_at: state.now(),
        archived_at: null,
        status: 'active',
        external_key_id: b.external_key_id ?? null,
        residency: b.residency ?? 'GLOBAL',
        is_default: false,
      };
      state.projects.insert(project);
      state.projectData.set(project.id, new ProjectData(() => rateLimitsFor(state.seed, project.id)));
      state.audit('project.created', { id: project.id, data: { name: project.name, title: project.name } }, { project: project.id, resource: project.id });
      return projectView(project);
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}',
    operationId: 'retrieve-project',
    handler: ({ state, params }) => projectView(requireProject(state, params.project_id!).project),
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}',
    operationId: 'modify-project',
    handler: ({ state, params, body }) => {
      const { project } = requireActiveProject(state, params.project_id!);
      const b = parseBody(body, { name: opt(v.nullable(v.string({ minLength: 1 }))), external_key_id: opt(v.nullable(v.string())) });
      if (project.is_default && b.name != null && b.name !== project.name) throw badRequest('The default project cannot be renamed.', 'name', 'default_project');
      if (b.name != null) project.name = b.name;
      if (b.external_key_id !== undefined) project.external_key_id = b.external_key_id;
      state.audit('project.updated', { id: project.id, changes_requested: { title: project.name } }, { project: project.id, resource: project.id });
      return projectView(project);
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/archive',
    operationId: 'archive-project',
    handler: ({ state, params }) => {
      const { project } = requireProject(state, params.project_id!);
      if (project.is_default) throw badRequest('The default project cannot be archived.', 'project_id', 'default_project');
      // Archiving is idempotent: a retried archive returns the archived project.
      if (project.status !== 'archived') {
        project.status = 'archived';
        project.archived_at = state.now();
        state.audit('project.archived', { id: project.id }, { project: project.id, resource: project.id });
      }
      return projectView(project);
    },
  },
];
