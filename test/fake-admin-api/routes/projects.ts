// Projects: list/create/retrieve/modify/archive. Projects are never deleted.
import { rateLimitsFor } from '../gen/projects';
import { badRequest } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import { checkEnum } from '../query';
import { ProjectData, type FakeState, type ProjectRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { projectView } from '../views';
import { must, requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

const RESIDENCIES = [
  'GLOBAL', 'US_STORAGE_PROCESSING', 'EU_STORAGE_PROCESSING', 'JP_STORAGE', 'JP_STORAGE_PROCESSING', 'KR_STORAGE', 'CA_STORAGE',
  'SG_STORAGE', 'IN_STORAGE', 'IN_STORAGE_PROCESSING', 'AU_STORAGE', 'AU_STORAGE_PROCESSING', 'GB_STORAGE', 'AE_STORAGE',
  'AE_STORAGE_PROCESSING',
] as const satisfies readonly ProjectRec['residency'][];

/**
 * The deprecated `geography` field: a region code standing for the residency that stores and
 * processes data there (where one exists), `GLOBAL` for no residency.
 */
const GEOGRAPHY_RESIDENCY: Record<string, ProjectRec['residency']> = {
  GLOBAL: 'GLOBAL', US: 'US_STORAGE_PROCESSING', EU: 'EU_STORAGE_PROCESSING', JP: 'JP_STORAGE_PROCESSING',
  IN: 'IN_STORAGE_PROCESSING', AU: 'AU_STORAGE_PROCESSING', AE: 'AE_STORAGE_PROCESSING', KR: 'KR_STORAGE',
  CA: 'CA_STORAGE', SG: 'SG_STORAGE', GB: 'GB_STORAGE',
};

/** The geography code of a residency (`EU_STORAGE_PROCESSING` → `EU`). */
export function geographyOf(residency: ProjectRec['residency']): string {
  return residency === 'GLOBAL' ? 'GLOBAL' : residency.slice(0, 2);
}

function residencyOfGeography(geography: string): ProjectRec['residency'] {
  const r = GEOGRAPHY_RESIDENCY[geography.toUpperCase()];
  if (!r) checkEnum('geography', geography, Object.keys(GEOGRAPHY_RESIDENCY));
  return r!;
}

/** A project's external key must be a registered EKM key. */
function checkExternalKey(state: FakeState, id: string | null | undefined): void {
  if (id == null) return;
  const key = must(state.externalKeys, id, 'external key', 'external_key_id');
  if (key.purpose === 'psp_decryption') throw badRequest(`External key '${id}' is registered for 'psp_decryption' and cannot encrypt project data.`, 'external_key_id', 'invalid_value');
}

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
        geography: opt(v.nullable(v.string())),
        external_key_id: opt(v.nullable(v.string())),
      });
      if (b.residency != null && b.geography != null) throw badRequest("Send either 'residency' or the deprecated 'geography', not both.", 'geography', 'invalid_value');
      const residency = b.residency ?? (b.geography != null ? residencyOfGeography(b.geography) : 'GLOBAL');
      checkExternalKey(state, b.external_key_id);
      const project: ProjectRec = {
        id: state.newId('proj_'),
        name: b.name,
        created_at: state.now(),
        archived_at: null,
        status: 'active',
        external_key_id: b.external_key_id ?? null,
        residency,
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
      const b = parseBody(body, { name: opt(v.nullable(v.string({ minLength: 1 }))), external_key_id: opt(v.nullable(v.string())), geography: opt(v.nullable(v.string())) });
      // `geography` is kept for old clients: repeating the project's own region is accepted,
      // asking for another is refused (residency is fixed when the project is created).
      if (b.geography != null && residencyOfGeography(b.geography) !== project.residency) {
        throw badRequest(`The data residency of a project cannot be changed (project '${project.id}' is in ${geographyOf(project.residency)}).`, 'geography', 'invalid_value');
      }
      checkExternalKey(state, b.external_key_id);
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
