// Org users: list (optionally by email), retrieve, change role/metadata, remove from the org.
import { badRequest } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import { assignmentKey, type FakeState, type OrgUserRec } from '../state';
import { opt, parseBody, v } from '../validate';
import { cachedView } from '../viewCache';
import { userView } from '../views';
import { deleted, must } from './common';
import type { RouteDef } from './types';

function ownerCount(state: FakeState): number {
  return state.users.values().filter((u) => u.role === 'owner').length;
}

/** Removes every trace of a user from projects, groups and role assignments. */
function removeUser(state: FakeState, user: OrgUserRec): void {
  state.users.delete(user.id);
  for (const [projectId, data] of state.projectData) {
    data.members.delete(user.id);
    state.assignments.delete(assignmentKey(projectId, 'user', user.id));
  }
  for (const members of state.groupMembers.values()) members.delete(user.id);
  state.assignments.delete(assignmentKey('org', 'user', user.id));
}

export const userRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/users',
    operationId: 'list-users',
    handler: ({ state, query }) => {
      const emails = query.array('emails')?.map((e) => e.toLowerCase());
      const list = emails
        ? orderedSubset(state.users, state.users.values().filter((u) => emails.includes(u.email.toLowerCase())))
        : ordered(state.users);
      return listA(query, list, cachedView(state, 'user', (u: OrgUserRec) => userView(state, u)), { defaultLimit: 20 });
    },
  },
  {
    method: 'GET',
    path: '/organization/users/{user_id}',
    operationId: 'retrieve-user',
    handler: ({ state, params }) => userView(state, must(state.users, params.user_id!, 'user', 'user_id')),
  },
  {
    method: 'POST',
    path: '/organization/users/{user_id}',
    operationId: 'modify-user',
    handler: ({ state, params, body }) => {
      const user = must(state.users, params.user_id!, 'user', 'user_id');
      const b = parseBody(body, {
        role: opt(v.nullable(v.enum(['owner', 'reader'] as const))),
        role_id: opt(v.nullable(v.string())),
        technical_level: opt(v.nullable(v.string())),
        developer_persona: opt(v.nullable(v.string())),
      });
      let role = b.role ?? undefined;
      if (b.role_id) {
        // A role id given here must be one of the predefined org roles that mirror owner/reader.
        const mirrored = must(state.orgRoles, b.role_id, 'role', 'role_id').mirrors;
        if (mirrored !== 'owner' && mirrored !== 'reader') throw badRequest(`Role '${b.role_id}' cannot be used as a user's organization role.`, 'role_id', 'invalid_value');
        role = mirrored;
      }
      if (role === 'reader' && user.role === 'owner' && ownerCount(state) === 1) {
        throw badRequest('The organization must keep at least one owner.', 'role', 'last_owner');
      }
      if (role) user.role = role;
      if (b.technical_level !== undefined) user.technical_level = b.technical_level;
      if (b.developer_persona !== undefined) user.developer_persona = b.developer_persona;
      state.audit('user.updated', { id: user.id, changes_requested: { role: user.role } }, { resource: user.id });
      return userView(state, user);
    },
  },
  {
    method: 'DELETE',
    path: '/organization/users/{user_id}',
    operationId: 'delete-user',
    handler: ({ state, params }) => {
      const user = must(state.users, params.user_id!, 'user', 'user_id');
      if (user.role === 'owner' && ownerCount(state) === 1) throw badRequest('The last owner of the organization cannot be removed.', 'user_id', 'last_owner');
      removeUser(state, user);
      state.audit('user.deleted', { id: user.id }, { resource: user.id });
      return deleted('organization.user.deleted', user.id);
    },
  },
];
