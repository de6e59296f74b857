// Custom roles of the organization and of one project: create, edit permissions, delete. The two
// scopes have the same shape and differ only in endpoints, so each scope carries its own calls
// (as spend.ts does for limits and alerts). Predefined roles cannot be changed through the API.
import * as vscode from 'vscode';
import type { AdminClient, Role } from '../api';
import { roleEffects } from '../model/writeEffects';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { fetchFor, pickOne, pickProject } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { isKind, itemOf, type ProjectRef } from './targets';

type RoleBody = { role_name: string; permissions: string[]; description?: string | null };

interface RoleScope {
  /** "the organization" / "project “X”", for sentences. */
  name: string;
  /** The project whose roles these are; none for the organization's. */
  projectId?: string;
  list(c: AdminClient): Promise<Role[]>;
  create(c: AdminClient, body: RoleBody): Promise<Role>;
  update(c: AdminClient, roleId: string, body: { permissions: string[] }): Promise<Role>;
  remove(c: AdminClient, roleId: string): Promise<unknown>;
}

const organizationScope: RoleScope = {
  name: 'the organization',
  list: (c) => c.roles.all(),
  create: (c, body) => c.roles.create(body),
  update: (c, id, body) => c.roles.update(id, body),
  remove: (c, id) => c.roles.delete(id),
};

function projectScope(p: ProjectRef): RoleScope {
  return {
    name: `project ${q(p.name)}`,
    projectId: p.id,
    list: (c) => c.projectRoles.all(p.id),
    create: (c, body) => c.projectRoles.create(p.id, body),
    update: (c, id, body) => c.projectRoles.update(p.id, id, body),
    remove: (c, id) => c.projectRoles.delete(p.id, id),
  };
}

/** A node inside a project means that project's roles; any other node the organization's; no node asks. */
async function scopeOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<RoleScope | undefined> {
  const projectId = node?.lookup('projectId');
  if (projectId) {
    return projectScope({ id: projectId, name: node?.lookup('projectName') ?? projectId, archived: node?.lookup('projectStatus') === 'archived' });
  }
  if (node) return organizationScope;
  const where = await pickOne(title, [
    { label: '$(organization) Organization', value: 'org' as const, detail: 'A role for organization members and groups' },
    { label: '$(project) Project…', value: 'project' as const, detail: 'A role inside one project: search for it' },
  ], { placeholder: 'Organization role or project role?' });
  if (!where) return undefined;
  if (where === 'org') return organizationScope;
  const p = await pickProject(ctx, title);
  return p && projectScope({ id: p.id, name: p.name || p.id, archived: false });
}

/** Permission ids look like `api.organization.projects.read`. */
export function checkPermissionIds(text: string): string | undefined {
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) return 'Type at least one permission.';
  const bad = ids.find((id) => !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(id));
  return bad ? `“${bad}” is not a permission id (like api.organization.projects.read).` : undefined;
}

type PermissionItem = vscode.QuickPickItem & { permission?: string };

/**
 * The API has no list of permissions, so the ones offered are those the scope's roles already use
 * (the predefined roles hold them all), plus any typed under "Other permission…". Current ones are ticked.
 */
async function pickPermissions(title: string, roles: readonly Role[], ticked: readonly string[]): Promise<string[] | undefined> {
  const offered = [...new Set([...roles.flatMap((r) => r.permissions), ...ticked])].sort();
  const other: PermissionItem = { label: '$(edit) Other permission…', detail: 'Type permission ids that are not listed (comma-separated)', alwaysShow: true };
  const picked = await vscode.window.showQuickPick<PermissionItem>([
    ...offered.map((p): PermissionItem => ({ label: plainText(p), permission: p, picked: ticked.includes(p) })),
    other,
  ], { title, placeHolder: 'Tick the permissions the role grants', canPickMany: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  const permissions = picked.flatMap((i) => (i.permission ? [i.permission] : []));
  if (picked.includes(other)) {
    const typed = await ask(title, 'Permission ids, separated by commas', { placeHolder: 'api.organization.projects.read', validateInput: checkPermissionIds });
    if (typed === undefined) return undefined;
    permissions.push(...typed.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return [...new Set(permissions)];
}

function noPermissions(): undefined {
  void notify('warning', 'No permissions were ticked, so nothing was sent. A role needs at least one permission.');
  return undefined;
}

/** The custom role an edit or delete acts on: its row, else one picked from the scope's custom roles. */
async function customRoleOf(ctx: CommandContext, node: TreeNode | undefined, scope: RoleScope, roles: readonly Role[] | undefined, title: string): Promise<Role | undefined> {
  if (isKind(node, 'role')) {
    const role = await itemOf<Role>(ctx, node.spec);
    if (role?.predefined_role) {
      void notify('info', `${q(role.name)} is a predefined role: it cannot be changed or deleted.`);
      return undefined;
    }
    return role;
  }
  const list = roles ?? await fetchFor(ctx, 'roles', (c) => scope.list(c));
  if (!list) return undefined;
  const custom = list.filter((r) => !r.predefined_role);
  if (!custom.length) {
    void notify('info', `${scope.name[0]!.toUpperCase()}${scope.name.slice(1)} has no custom roles.`);
    return undefined;
  }
  return pickOne(`${title}: ${scope.name}`, custom.map((r) => ({
    label: plainText(r.name), value: r, description: `${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`, detail: r.description ? plainText(r.description) : undefined,
  })), { placeholder: 'Custom role' });
}

export function registerRoleCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.role.create', async (node?: TreeNode) => {
      const title = 'Create Role';
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const name = await ask(title, `Name of the new role in ${scope.name}`, { validateInput: requiredName });
      if (!name) return undefined;
      const description = await ask(title, `Description of ${q(name)} (optional)`, { placeHolder: 'What the role is for' });
      if (description === undefined) return undefined;
      const roles = await fetchFor(ctx, 'roles', (c) => scope.list(c));
      if (!roles) return undefined;
      const permissions = await pickPermissions(`Permissions of ${q(name)}`, roles, []);
      if (!permissions) return undefined;
      if (!permissions.length) return noPermissions();
      return runWrite(ctx, {
        progress: `Creating role ${q(name)} in ${scope.name}…`,
        call: (c) => scope.create(c, { role_name: name, permissions, ...(description ? { description } : {}) }),
        effects: (r) => roleEffects.created(scope.projectId, r),
        done: (r) => `Created role ${q(r.name)} with ${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`,
      });
    }),

    ctx.register('openaiAdmin.role.editPermissions', async (node?: TreeNode) => {
      const title = 'Edit Role Permissions';
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const roles = await fetchFor(ctx, 'roles', (c) => scope.list(c));
      if (!roles) return undefined;
      const picked = await customRoleOf(ctx, node, scope, roles, title);
      if (!picked) return undefined;
      // The row may be stale: start from what the API has now.
      const role = roles.find((r) => r.id === picked.id) ?? picked;
      const permissions = await pickPermissions(`Permissions of ${q(role.name)} in ${scope.name}`, roles, role.permissions);
      if (!permissions) return undefined;
      if (!permissions.length) return noPermissions();
      const before = new Set(role.permissions);
      if (permissions.length === before.size && permissions.every((p) => before.has(p))) {
        void vscode.window.setStatusBarMessage(`Permissions of ${q(role.name)} unchanged`, 3000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: `Updating the permissions of role ${q(role.name)}…`,
        call: (c) => scope.update(c, role.id, { permissions }),
        effects: (r) => roleEffects.updated(scope.projectId, r),
        done: (r) => `Role ${q(r.name)}: ${r.permissions.length} permission${r.permissions.length === 1 ? '' : 's'}`,
      });
    }),

    ctx.register('openaiAdmin.role.delete', async (node?: TreeNode) => {
      const title = 'Delete Role';
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const role = await customRoleOf(ctx, node, scope, undefined, title);
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: `Deleting role ${q(role.name)}…`,
        confirm: {
          message: `Delete role ${q(role.name)} of ${scope.name}?`,
          detail: `${role.id}\n\nEveryone it is assigned to (members, groups) loses the permissions it grants: ${role.permissions.join(', ') || 'none'}. This cannot be undone.`,
          button: 'Delete Role',
        },
        call: (c) => scope.remove(c, role.id),
        effects: () => roleEffects.deleted(scope.projectId, role.id),
        done: () => `Deleted role ${q(role.name)}`,
      });
    }),
  ];
}
