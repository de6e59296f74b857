// Org groups and their members. Group names are unique (a duplicate is a 409).
import type { components } from '../../../src/api/schema';
import { conflict } from '../errors';
import { listB, ordered } from '../pagination';
import { assignmentKey, type FakeState, type GroupRec } from '../state';
import { parseBody, req, v } from '../validate';
import { groupView } from '../views';
import { deleted, must } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const nameBody = { name: req(v.string({ minLength: 1, maxLength: 255 })) };

function assertUniqueName(state: FakeState, name: string, except?: string): void {
  const clash = state.groups.find((g) => g.id !== except && g.name.toLowerCase() === name.toLowerCase());
  if (clash) throw conflict(`A group named '${name}' already exists.`, 'name');
}

const requireGroup = (state: FakeState, id: string): GroupRec => must(state.groups, id, 'group', 'group_id');

export const groupRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/groups',
    operationId: 'list-groups',
    handler: ({ state, query }) => listB(query, ordered(state.groups), groupView, { defaultLimit: 100, maxLimit: 1000, defaultOrder: 'asc', cursor: 'id' }),
  },
  {
    method: 'POST',
    path: '/organization/groups',
    operationId: 'create-group',
    handler: ({ state, body }) => {
      const { name } = parseBody(body, nameBody);
      assertUniqueName(state, name);
      const group: GroupRec = { id: state.newUlid('group_'), name, created_at: state.now(), is_scim_managed: false, group_type: 'group' };
      state.groups.insert(group);
      state.audit('group.created', { id: group.id, data: { group_name: name } }, { resource: group.id });
      return groupView(group);
    },
  },
  {
    method: 'GET',
    path: '/organization/groups/{group_id}',
    operationId: 'retrieve-group',
    handler: ({ state, params }) => groupView(requireGroup(state, params.group_id!)),
  },
  {
    method: 'POST',
    path: '/organization/groups/{group_id}',
    operationId: 'update-group',
    handler: ({ state, params, body }) => {
      const group = requireGroup(state, params.group_id!);
      const { name } = parseBody(body, nameBody);
      assertUniqueName(state, name, group.id);
      group.name = name;
      state.audit('group.updated', { id: group.id, changes_requested: { group_name: name } }, { resource: group.id });
      return { id: group.id, name: group.name, created_at: group.created_at, is_scim_managed: group.is_scim_managed } satisfies S['GroupResourceWithSuccess'];
    },
  },
  {
    method: 'DELETE',
    path: '/organization/groups/{group_id}',
    operationId: 'delete-group',
    handler: ({ state, params }) => {
      const group = requireGroup(state, params.group_id!);
      state.groups.delete(group.id);
      state.groupMembers.delete(group.id);
      state.assignments.delete(assignmentKey('org', 'group', group.id));
      for (const [projectId, data] of state.projectData) {
        data.groups.delete(group.id);
        state.assignments.delete(assignmentKey(projectId, 'group', group.id));
      }
      state.audit('group.deleted', { id: group.id }, { resource: group.id });
      return deleted('group.deleted', group.id);
    },
  },
  {
    method: 'GET',
    path: '/organization/groups/{group_id}/users',
    operationId: 'list-group-users',
    handler: ({ state, params, query }) => {
      const group = requireGroup(state, params.group_id!);
      const members = state.groupMembersOf(group.id);
      const view = (m: { id: string }): S['GroupUser'] => {
        const u = state.users.get(m.id);
        return { id: m.id, name: u?.name ?? '', email: u?.email ?? null };
      };
      return listB(query, ordered(members), view, { defaultLimit: 100, maxLimit: 1000, defaultOrder: 'desc', cursor: 'id' });
    },
  },
  {
    method: 'POST',
    path: '/organization/groups/{group_id}/users',
    operationId: 'add-group-user',
    handler: ({ state, params, body }) => {
      const group = requireGroup(state, params.group_id!);
      const { user_id } = parseBody(body, { user_id: req(v.string({ minLength: 1 })) });
      must(state.users, user_id, 'user', 'user_id');
      const members = state.groupMembersOf(group.id);
      if (members.has(user_id)) throw conflict(`User '${user_id}' is already a member of group '${group.id}'.`, 'user_id');
      members.insert({ id: user_id, added_at: state.now() });
      return { object: 'group.user', user_id, group_id: group.id } satisfies S['GroupUserAssignment'];
    },
  },
  {
    method: 'GET',
    path: '/organization/groups/{group_id}/users/{user_id}',
    operationId: 'retrieve-group-user',
    handler: ({ state, params }) => {
      const group = requireGroup(state, params.group_id!);
      const member = must(state.groupMembersOf(group.id), params.user_id!, 'group user', 'user_id');
      const u = state.users.get(member.id);
      return { id: member.id, name: u?.name ?? '', email: u?.email ?? null, picture: u?.picture ?? null, is_service_account: false, user_type: 'user' } satisfies S['GroupMemberUser'];
    },
  },
  {
    method: 'DELETE',
    path: '/organization/groups/{group_id}/users/{user_id}',
    operationId: 'remove-group-user',
    handler: ({ state, params }) => {
      const group = requireGroup(state, params.group_id!);
      const members = state.groupMembersOf(group.id);
      members.delete(must(members, params.user_id!, 'group user', 'user_id').id);
      return { object: 'group.user.deleted', deleted: true } satisfies S['GroupUserDeletedResource'];
    },
  },
];
