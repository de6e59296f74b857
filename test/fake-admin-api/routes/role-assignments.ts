// Role assignments for four kinds of principal: org users, org groups, project users and
// project groups. One definition, four instances.
//
// The predefined role that mirrors a membership role (org owner/reader, project owner/member)
// is listed as assigned without being stored: it follows the membership. It cannot be
// unassigned here (400); change the membership role instead.
import type { components } from '../../../src/api/schema';
import { badRequest, conflict, notFound } from '../errors';
import { listB, type Ordered } from '../pagination';
import type { AssignmentRec, FakeState, RoleRec } from '../state';
import { parseBody, req, v } from '../validate';
import { assignedRoleView, groupRefView, roleView, userView } from '../views';
import { must, requireActiveProject, requireProject } from './common';
import { findProjectRole } from './roles';
import type { Ctx, RouteDef } from './types';

type S = components['schemas'];

interface Principal {
  scope: string; // 'org' or a project id
  type: 'user' | 'group';
  id: string;
  /** The role implied by the principal's membership, if any. */
  implied: RoleRec | null;
}

interface AssignmentScope {
  base: string;
  ids: { list: string; assign: string; get: string; unassign: string };
  /** Resolves (and validates) the principal; `write` refuses archived projects. */
  principal(ctx: Ctx, write: boolean): Principal;
  role(ctx: Ctx, roleId: string): RoleRec | undefined;
  assignResponse(ctx: Ctx, p: Principal, role: RoleRec): unknown;
}

interface Assigned {
  role: RoleRec;
  assignment: AssignmentRec | null;
}

function assignedList(state: FakeState, p: Principal, role: (id: string) => RoleRec | undefined): Ordered<Assigned> {
  const table = state.assignmentsOf(p.scope, p.type, p.id);
  const items: Assigned[] = [];
  if (p.implied) items.push({ role: p.implied, assignment: null });
  for (const a of table.values()) {
    const r = role(a.id);
    if (r && r.id !== p.implied?.id) items.push({ role: r, assignment: a });
  }
  // The implied role sorts first (position 0); stored ones by assignment order.
  const posOfId = (id: string) => (id === p.implied?.id ? 0 : table.seq(id));
  return { items, pos: (x) => posOfId(x.role.id)!, id: (x) => x.role.id, posOfId };
}

function assignmentRoutes(scope: AssignmentScope): RouteDef[] {
  const source = (p: Principal) => ({ principal_id: p.id, principal_type: p.type });
  const roleOf = (ctx: Ctx) => (id: string) => scope.role(ctx, id);
  const deletedObject = (p: Principal) => `${p.type}.role.deleted`;
  return [
    {
      method: 'GET',
      path: `${scope.base}/roles`,
      operationId: scope.ids.list,
      handler: (ctx) => {
        const p = scope.principal(ctx, false);
        return listB(ctx.query, assignedList(ctx.state, p, roleOf(ctx)), (x) => assignedRoleView(ctx.state, x.role, x.assignment, source(p)), {
          defaultLimit: 100,
          maxLimit: 1000,
          defaultOrder: 'asc',
          cursor: 'opaque',
        });
      },
    },
    {
      method: 'POST',
      path: `${scope.base}/roles`,
      operationId: scope.ids.assign,
      handler: (ctx) => {
        const p = scope.principal(ctx, true);
        const { role_id } = parseBody(ctx.body, { role_id: req(v.string({ minLength: 1 })) });
        const role = scope.role(ctx, role_id);
        if (!role) throw notFound('role', role_id, 'role_id');
        const table = ctx.state.assignmentsOf(p.scope, p.type, p.id);
        if (p.implied?.id === role.id || table.has(role.id)) throw conflict(`Role '${role.id}' is already assigned to ${p.type} '${p.id}'.`, 'role_id');
        table.insert({ id: role.id, created_at: ctx.state.now(), created_by: null });
        ctx.state.audit('role.assignment.created', { id: role.id, principal_id: p.id, principal_type: p.type, resource_id: p.scope === 'org' ? ctx.state.org.id : p.scope, resource_type: role.resource_type });
        return scope.assignResponse(ctx, p, role);
      },
    },
    {
      method: 'GET',
      path: `${scope.base}/roles/{role_id}`,
      operationId: scope.ids.get,
      handler: (ctx) => {
        const p = scope.principal(ctx, false);
        const found = assignedList(ctx.state, p, roleOf(ctx)).items.find((x) => x.role.id === ctx.params.role_id);
        if (!found) throw notFound('role assignment', ctx.params.role_id!, 'role_id');
        return assignedRoleView(ctx.state, found.role, found.assignment, source(p));
      },
    },
    {
      method: 'DELETE',
      path: `${scope.base}/roles/{role_id}`,
      operationId: scope.ids.unassign,
      handler: (ctx) => {
        const p = scope.principal(ctx, true);
        const roleId = ctx.params.role_id!;
        if (p.implied?.id === roleId) {
          throw badRequest(`Role '${roleId}' comes from the ${p.type}'s membership role and cannot be unassigned; change the membership role instead.`, 'role_id', 'implied_role');
        }
        const table = ctx.state.assignmentsOf(p.scope, p.type, p.id);
        if (!table.delete(roleId)) throw notFound('role assignment', roleId, 'role_id');
        ctx.state.audit('role.assignment.deleted', { id: roleId, principal_id: p.id, principal_type: p.type, resource_id: p.scope === 'org' ? ctx.state.org.id : p.scope });
        return { object: deletedObject(p), deleted: true } satisfies S['DeletedRoleAssignmentResource'];
      },
    },
  ];
}

const orgMirror = (state: FakeState, mirrors: string) => state.orgRoles.values().find((r) => r.predefined_role && r.mirrors === mirrors) ?? null;
const projectMirror = (state: FakeState, mirrors: string) => state.projectPredefinedRoles.values().find((r) => r.mirrors === mirrors) ?? null;

function projectScope(ctx: Ctx, write: boolean) {
  return (write ? requireActiveProject : requireProject)(ctx.state, ctx.params.project_id!);
}

export const roleAssignmentRoutes: RouteDef[] = [
  ...assignmentRoutes({
    base: '/organization/users/{user_id}',
    ids: { list: 'list-user-role-assignments', assign: 'assign-user-role', get: 'retrieve-user-role', unassign: 'unassign-user-role' },
    principal: ({ state, params }) => {
      const user = must(state.users, params.user_id!, 'user', 'user_id');
      return { scope: 'org', type: 'user', id: user.id, implied: orgMirror(state, user.role) };
    },
    role: ({ state }, id) => state.orgRoles.get(id),
    assignResponse: ({ state }, p, role): S['UserRoleAssignment'] => ({ object: 'user.role', user: userView(state, state.users.get(p.id)!), role: roleView(role) }),
  }),
  ...assignmentRoutes({
    base: '/organization/groups/{group_id}',
    ids: { list: 'list-group-role-assignments', assign: 'assign-group-role', get: 'retrieve-group-role', unassign: 'unassign-group-role' },
    principal: ({ state, params }) => ({ scope: 'org', type: 'group', id: must(state.groups, params.group_id!, 'group', 'group_id').id, implied: null }),
    role: ({ state }, id) => state.orgRoles.get(id),
    assignResponse: ({ state }, p, role): S['GroupRoleAssignment'] => ({ object: 'group.role', group: groupRefView(state.groups.get(p.id)!), role: roleView(role) }),
  }),
  ...assignmentRoutes({
    base: '/projects/{project_id}/users/{user_id}',
    ids: { list: 'list-project-user-role-assignments', assign: 'assign-project-user-role', get: 'retrieve-project-user-role', unassign: 'unassign-project-user-role' },
    principal: (ctx, write) => {
      const { project, data } = projectScope(ctx, write);
      const member = must(data.members, ctx.params.user_id!, 'project user', 'user_id');
      return { scope: project.id, type: 'user', id: member.id, implied: projectMirror(ctx.state, member.role) };
    },
    role: ({ state, params }, id) => findProjectRole(state, params.project_id!, id),
    assignResponse: ({ state }, p, role): S['UserRoleAssignment'] => ({ object: 'user.role', user: userView(state, state.users.get(p.id)!), role: roleView(role) }),
  }),
  ...assignmentRoutes({
    base: '/projects/{project_id}/groups/{group_id}',
    ids: { list: 'list-project-group-role-assignments', assign: 'assign-project-group-role', get: 'retrieve-project-group-role', unassign: 'unassign-project-group-role' },
    principal: (ctx, write) => {
      const { project, data } = projectScope(ctx, write);
      const pg = must(data.groups, ctx.params.group_id!, 'project group', 'group_id');
      return { scope: project.id, type: 'group', id: pg.id, implied: null };
    },
    role: ({ state, params }, id) => findProjectRole(state, params.project_id!, id),
    assignResponse: ({ state }, p, role): S['GroupRoleAssignment'] => ({ object: 'group.role', group: groupRefView(state.groups.get(p.id)!), role: roleView(role) }),
  }),
];
