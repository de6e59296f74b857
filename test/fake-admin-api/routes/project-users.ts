// Project members. Users must already belong to the org; archived projects reject both the
// writes and the list (the spec documents a 400 "when project is archived" for the list).
import { badRequest, conflict, notFound } from '../errors';
import { listA, ordered } from '../pagination';
import { assignmentKey, type FakeState, type OrgUserRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { projectUserView } from '../views';
import { deleted, must, requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

const ROLES = ['owner', 'member'] as const;

function findOrgUser(state: FakeState, userId: string | null | undefined, email: string | null | undefined): OrgUserRec {
  if (userId) return must(state.users, userId, 'user', 'user_id');
  if (email) {
    const wanted = email.toLowerCase();
    const user = state.users.find((u) => u.email.toLowerCase() === wanted);
    if (!user) throw notFound('user with email', email, 'email');
    return user;
  }
  throw badRequest("Missing required parameter: either 'user_id' or 'email' must be provided.", 'user_id', 'missing_required_parameter');
}

export const projectUserRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/users',
    operationId: 'list-project-users',
    handler: ({ state, params, query }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      return listA(query, ordered(data.members), (m) => projectUserView(state, params.project_id!, m.id), { defaultLimit: 20 });
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/users',
    operationId: 'create-project-user',
    handler: ({ state, params, body }) => {
      const { project, data } = requireActiveProject(state, params.project_id!);
      const b = parseBody(body, { user_id: opt(v.nullable(v.string())), email: opt(v.nullable(v.string())), role: req(v.enum(ROLES)) });
      const user = findOrgUser(state, b.user_id, b.email);
      if (data.members.has(user.id)) throw conflict(`User '${user.id}' is already a member of project '${project.id}'.`, 'user_id');
      data.members.insert({ id: user.id, role: b.role, added_at: state.now() });
      state.audit('user.added', { id: user.id, data: { role: b.role } }, { project: project.id, resource: user.id });
      return projectUserView(state, project.id, user.id);
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/users/{user_id}',
    operationId: 'retrieve-project-user',
    handler: ({ state, params }) => {
      const { data } = requireProject(state, params.project_id!);
      must(data.members, params.user_id!, 'project user', 'user_id');
      return projectUserView(state, params.project_id!, params.user_id!);
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/users/{user_id}',
    operationId: 'modify-project-user',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const member = must(data.members, params.user_id!, 'project user', 'user_id');
      const b = parseBody(body, { role: opt(v.nullable(v.enum(ROLES))) });
      if (b.role) member.role = b.role;
      state.audit('user.updated', { id: member.id, changes_requested: { role: member.role } }, { project: params.project_id, resource: member.id });
      return projectUserView(state, params.project_id!, member.id);
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/users/{user_id}',
    operationId: 'delete-project-user',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const member = must(data.members, params.user_id!, 'project user', 'user_id');
      data.members.delete(member.id);
      // The user's keys stay but lose access (owner_project_access: inactive).
      state.assignments.delete(assignmentKey(params.project_id!, 'user', member.id));
      state.audit('user.deleted', { id: member.id }, { project: params.project_id, resource: member.id });
      return deleted('organization.project.user.deleted', member.id);
    },
  },
];
