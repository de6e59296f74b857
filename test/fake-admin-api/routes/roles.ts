// Roles: org roles (predefined + custom) and project roles (the shared predefined project roles
// + the project's custom roles). Both scopes share one definition.
import type { components } from '../../../src/api/schema';
import { badRequest, conflict, notFound } from '../errors';
import { listB, type Ordered } from '../pagination';
import type { FakeState, RoleRec } from '../state';
import type { Table } from '../table';
import { opt, parseBody, req, v } from '../validate';
import { roleView } from '../views';
import { requireActiveProject, requireProject } from './common';
import type { Ctx, RouteDef } from './types';

type S = components['schemas'];

/** Custom project roles sort after the predefined ones. */
const CUSTOM_OFFSET = 1_000_000;

export function findProjectRole(state: FakeState, projectId: string, roleId: string): RoleRec | undefined {
  return state.projectPredefinedRoles.get(roleId) ?? state.project(projectId)?.roles.get(roleId);
}

function projectRoleList(state: FakeState, projectId: string): Ordered<RoleRec> {
  const custom = state.project(projectId)!.roles;
  const pos = (id: string) => {
    const p = state.projectPredefinedRoles.seq(id);
    if (p !== undefined) return p;
    const c = custom.seq(id);
    return c === undefined ? undefined : CUSTOM_OFFSET + c;
  };
  return { items: [...state.projectPredefinedRoles.values(), ...custom.values()], pos: (r) => pos(r.id)!, id: (r) => r.id, posOfId: pos };
}

interface RoleScope {
  base: string;
  ids: { list: string; create: string; get: string; update: string; delete: string };
  resourceType: RoleRec['resource_type'];
  list(ctx: Ctx): Ordered<RoleRec>;
  find(ctx: Ctx, roleId: string): RoleRec | undefined;
  /** Where custom roles of this scope are stored; `write` refuses archived projects. */
  customTable(ctx: Ctx, write: boolean): Table<RoleRec>;
  projectId(ctx: Ctx): string | null;
}

function roleRoutes(scope: RoleScope): RouteDef[] {
  const mustRole = (ctx: Ctx) => {
    const role = scope.find(ctx, ctx.params.role_id!);
    if (!role) throw notFound('role', ctx.params.role_id!, 'role_id');
    return role;
  };
  const mustCustom = (ctx: Ctx) => {
    const role = mustRole(ctx);
    if (role.predefined_role) throw badRequest(`Role '${role.id}' is predefined and cannot be modified or deleted.`, 'role_id', 'predefined_role');
    return role;
  };
  const assertUniqueName = (ctx: Ctx, name: string, except?: string) => {
    if (scope.list(ctx).items.some((r) => r.id !== except && r.name.toLowerCase() === name.toLowerCase())) throw conflict(`A role named '${name}' already exists.`, 'role_name');
  };
  return [
    {
      method: 'GET',
      path: `${scope.base}/roles`,
      operationId: scope.ids.list,
      handler: (ctx) => listB(ctx.query, scope.list(ctx), roleView, { defaultLimit: 1000, maxLimit: 1000, defaultOrder: 'asc', cursor: 'opaque' }),
    },
    {
      method: 'POST',
      path: `${scope.base}/roles`,
      operationId: scope.ids.create,
      handler: (ctx) => {
        const table = scope.customTable(ctx, true);
        const b = parseBody(ctx.body, { role_name: req(v.string({ minLength: 1 })), permissions: req(v.array(v.string({ minLength: 1 }))), description: opt(v.nullable(v.string())) });
        assertUniqueName(ctx, b.role_name);
        const now = ctx.state.now();
        const role: RoleRec = {
          id: ctx.state.newUlid('role_'),
          name: b.role_name,
          description: b.description ?? null,
          permissions: [...new Set(b.permissions)],
          resource_type: scope.resourceType,
          predefined_role: false,
          created_at: now,
          updated_at: now,
          created_by: null,
          metadata: {},
          project_id: scope.projectId(ctx),
          mirrors: null,
        };
        table.insert(role);
        ctx.state.audit('role.created', { id: role.id, role_name: role.name, permissions: role.permissions, resource_type: role.resource_type, resource_id: role.project_id ?? ctx.state.org.id });
        return roleView(role);
      },
    },
    {
      method: 'GET',
      path: `${scope.base}/roles/{role_id}`,
      operationId: scope.ids.get,
      handler: (ctx) => roleView(mustRole(ctx)),
    },
    {
      method: 'POST',
      path: `${scope.base}/roles/{role_id}`,
      operationId: scope.ids.update,
      handler: (ctx) => {
        scope.customTable(ctx, true);
        const role = mustCustom(ctx);
        const b = parseBody(ctx.body, { permissions: opt(v.nullable(v.array(v.string({ minLength: 1 })))), description: opt(v.nullable(v.string())), role_name: opt(v.nullable(v.string({ minLength: 1 }))) });
        if (b.role_name) {
          assertUniqueName(ctx, b.role_name, role.id);
          role.name = b.role_name;
        }
        if (b.permissions) role.permissions = [...new Set(b.permissions)];
        if (b.description !== undefined) role.description = b.description;
        role.updated_at = ctx.state.now();
        ctx.state.audit('role.updated', { id: role.id, changes_requested: { role_name: role.name } });
        return roleView(role);
      },
    },
    {
      method: 'DELETE',
      path: `${scope.base}/roles/{role_id}`,
      operationId: scope.ids.delete,
      handler: (ctx) => {
        const table = scope.customTable(ctx, true);
        const role = mustCustom(ctx);
        table.delete(role.id);
        for (const assignments of ctx.state.assignments.values()) assignments.delete(role.id);
        ctx.state.audit('role.deleted', { id: role.id });
        return { object: 'role.deleted', id: role.id, deleted: true } satisfies S['RoleDeletedResource'];
      },
    },
  ];
}

export const roleRoutesAll: RouteDef[] = [
  ...roleRoutes({
    base: '/organization',
    ids: { list: 'list-roles', create: 'create-role', get: 'retrieve-role', update: 'update-role', delete: 'delete-role' },
    resourceType: 'api.organization',
    list: ({ state }) => ({ items: state.orgRoles.values(), pos: (r) => state.orgRoles.seq(r.id)!, id: (r) => r.id, posOfId: (id) => state.orgRoles.seq(id) }),
    find: ({ state }, id) => state.orgRoles.get(id),
    customTable: ({ state }) => state.orgRoles,
    projectId: () => null,
  }),
  ...roleRoutes({
    base: '/projects/{project_id}',
    ids: { list: 'list-project-roles', create: 'create-project-role', get: 'retrieve-project-role', update: 'update-project-role', delete: 'delete-project-role' },
    resourceType: 'api.project',
    list: ({ state, params }) => {
      requireProject(state, params.project_id!);
      return projectRoleList(state, params.project_id!);
    },
    find: ({ state, params }, id) => {
      requireProject(state, params.project_id!);
      return findProjectRole(state, params.project_id!, id);
    },
    customTable: ({ state, params }, write) => (write ? requireActiveProject : requireProject)(state, params.project_id!).data.roles,
    projectId: ({ params }) => params.project_id!,
  }),
];
