// Groups granted access to a project. Granting requires a project role, stored as the group's
// role assignment in that project.
import type { components } from '../../../src/api/schema';
import { conflict, notFound } from '../errors';
import { listB, ordered } from '../pagination';
import { assignmentKey, type FakeState } from '../state';
import { parseBody, req, v } from '../validate';
import { must, requireActiveProject, requireProject } from './common';
import { findProjectRole } from './roles';
import type { RouteDef } from './types';

type S = components['schemas'];

function projectGroupView(state: FakeState, projectId: string, pg: { id: string; created_at: number }): S['ProjectGroup'] {
  const group = state.groups.get(pg.id);
  return {
    object: 'project.group',
    project_id: projectId,
    group_id: pg.id,
    group_name: group?.name ?? '',
    group_type: group?.group_type ?? 'group',
    created_at: pg.created_at,
  };
}

export const projectGroupRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/groups',
    operationId: 'list-project-groups',
    handler: ({ state, params, query }) => {
      const { data } = requireProject(state, params.project_id!);
      return listB(query, ordered(data.groups), (pg) => projectGroupView(state, params.project_id!, pg), { defaultLimit: 20, maxLimit: 100, defaultOrder: 'asc', cursor: 'id' });
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/groups',
    operationId: 'add-project-group',
    handler: ({ state, params, body }) => {
      const projectId = params.project_id!;
      const { data } = requireActiveProject(state, projectId);
      const b = parseBody(body, { group_id: req(v.string({ minLength: 1 })), role: req(v.string({ minLength: 1 })) });
      must(state.groups, b.group_id, 'group', 'group_id');
      const role = findProjectRole(state, projectId, b.role);
      if (!role) throw notFound('project role', b.role, 'role');
      if (data.groups.has(b.group_id)) throw conflict(`Group '${b.group_id}' already has access to project '${projectId}'.`, 'group_id');
      const pg = data.groups.insert({ id: b.group_id, created_at: state.now() });
      state.assignmentsOf(projectId, 'group', b.group_id).insert({ id: role.id, created_at: pg.created_at, created_by: null });
      return projectGroupView(state, projectId, pg);
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/groups/{group_id}',
    operationId: 'retrieve-project-group',
    handler: ({ state, params, query }) => {
      const { data } = requireProject(state, params.project_id!);
      const groupType = query.oneOf('group_type', ['group', 'tenant_group'] as const, 'group');
      const pg = must(data.groups, params.group_id!, 'project group', 'group_id');
      const view = projectGroupView(state, params.project_id!, pg);
      if (view.group_type !== groupType) throw notFound('project group', params.group_id!, 'group_id');
      return view;
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/groups/{group_id}',
    operationId: 'remove-project-group',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      data.groups.delete(must(data.groups, params.group_id!, 'project group', 'group_id').id);
      state.assignments.delete(assignmentKey(params.project_id!, 'group', params.group_id!));
      return { object: 'project.group.deleted', deleted: true } satisfies S['ProjectGroupDeletedResource'];
    },
  },
];
