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
  /** "The organization" / "Project “X”": the same at the start of a sentence. */
  subject: string;
  /** The project whose roles these are; none for the organization's. */
  projectId?: string;
  list(c: AdminClient): Promise<Role[]>;
  create(c: AdminClient, body: RoleBody): Promise<Role>;
  update(c: AdminClient, roleId: string, body: { permissions: string[] }): Promise<Role>;
  remove(c: AdminClient, roleId: string): Promise<unknown>;
}

const organizationScope: RoleScope = {
  get name() { return vscode.l10n.t('the organization'); },
  get subject() { return vscode.l10n.t('The organization'); },
  list: (c) => c.roles.all(),
  create: (c, body) => c.roles.create(body),
  update: (c, id, body) => c.roles.update(id, body),
  remove: (c, id) => c.roles.delete(id),
};

function projectScope(p: ProjectRef): RoleScope {
  return {
    name: vscode.l10n.t('project {0}', q(p.name)),
    subject: vscode.l10n.t('Project {0}', q(p.name)),
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
    { label: `$(organization) ${vscode.l10n.t('Organization')}`, value: 'org' as const, detail: vscode.l10n.t('A role for organization members and groups') },
    { label: `$(project) ${vscode.l10n.t('Project…')}`, value: 'project' as const, detail: vscode.l10n.t('A role inside one project: search for it') },
  ], { placeholder: vscode.l10n.t('Organization role or project role?') });
  if (!where) return undefined;
  if (where === 'org') return organizationScope;
  const p = await pickProject(ctx, title);
  return p && projectScope({ id: p.id, name: p.name || p.id, archived: false });
}

/** Permission ids look like `api.organization.projects.read`. */
export function checkPermissionIds(text: string): string | undefined {
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) return vscode.l10n.t('Type at least one permission.');
  const bad = ids.find((id) => !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(id));
  return bad ? vscode.l10n.t('“{0}” is not a permission id (like api.organization.projects.read).', bad) : undefined;
}

type PermissionItem = vscode.QuickPickItem & { permission?: string };

/**
 * The API has no list of permissions, so the ones offered are those the scope's roles already use
 * (the predefined roles hold them all), plus any typed under "Other permission…". Current ones are ticked.
 */
async function pickPermissions(title: string, roles: readonly Role[], ticked: readonly string[]): Promise<string[] | undefined> {
  const offered = [...new Set([...roles.flatMap((r) => r.permissions), ...ticked])].sort();
  const other: PermissionItem = { label: `$(edit) ${vscode.l10n.t('Other permission…')}`, detail: vscode.l10n.t('Type permission ids that are not listed (comma-separated)'), alwaysShow: true };
  const picked = await vscode.window.showQuickPick<PermissionItem>([
    ...offered.map((p): PermissionItem => ({ label: plainText(p), permission: p, picked: ticked.includes(p) })),
    other,
  ], { title, placeHolder: vscode.l10n.t('Tick the permissions the role grants'), canPickMany: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  const permissions = picked.flatMap((i) => (i.permission ? [i.permission] : []));
  if (picked.includes(other)) {
    const typed = await ask(title, vscode.l10n.t('Permission ids, separated by commas'), { placeHolder: 'api.organization.projects.read', validateInput: checkPermissionIds });
    if (typed === undefined) return undefined;
    permissions.push(...typed.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return [...new Set(permissions)];
}

function noPermissions(): undefined {
  void notify('warning', vscode.l10n.t('No permissions were ticked, so nothing was sent. A role needs at least one permission.'));
  return undefined;
}

/** The custom role an edit or delete acts on: its row, else one picked from the scope's custom roles. */
async function customRoleOf(ctx: CommandContext, node: TreeNode | undefined, scope: RoleScope, roles: readonly Role[] | undefined, title: string): Promise<Role | undefined> {
  if (isKind(node, 'role')) {
    const role = await itemOf<Role>(ctx, node.spec);
    if (role?.predefined_role) {
      void notify('info', vscode.l10n.t('{0} is a predefined role: it cannot be changed or deleted.', q(role.name)));
      return undefined;
    }
    return role;
  }
  const list = roles ?? await fetchFor(ctx, vscode.l10n.t('roles'), (c) => scope.list(c));
  if (!list) return undefined;
  const custom = list.filter((r) => !r.predefined_role);
  if (!custom.length) {
    void notify('info', vscode.l10n.t('{0} has no custom roles.', scope.subject));
    return undefined;
  }
  return pickOne(vscode.l10n.t('{0}: {1}', title, scope.name), custom.map((r) => ({
    label: plainText(r.name), value: r, description: permissionCount(r.permissions.length), detail: r.description ? plainText(r.description) : undefined,
  })), { placeholder: vscode.l10n.t('Custom role') });
}

/** "1 permission" / "3 permissions". */
const permissionCount = (n: number) => (n === 1 ? vscode.l10n.t('1 permission') : vscode.l10n.t('{0} permissions', n));

export function registerRoleCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.role.create', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Create Role');
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const name = await ask(title, vscode.l10n.t('Name of the new role in {0}', scope.name), { validateInput: requiredName });
      if (!name) return undefined;
      const description = await ask(title, vscode.l10n.t('Description of {0} (optional)', q(name)), { placeHolder: vscode.l10n.t('What the role is for') });
      if (description === undefined) return undefined;
      const roles = await fetchFor(ctx, vscode.l10n.t('roles'), (c) => scope.list(c));
      if (!roles) return undefined;
      const permissions = await pickPermissions(vscode.l10n.t('Permissions of {0}', q(name)), roles, []);
      if (!permissions) return undefined;
      if (!permissions.length) return noPermissions();
      return runWrite(ctx, {
        progress: vscode.l10n.t('Creating role {0} in {1}…', q(name), scope.name),
        call: (c) => scope.create(c, { role_name: name, permissions, ...(description ? { description } : {}) }),
        effects: (r) => roleEffects.created(scope.projectId, r),
        done: (r) => (r.permissions.length === 1
          ? vscode.l10n.t('Created role {0} with 1 permission', q(r.name))
          : vscode.l10n.t('Created role {0} with {1} permissions', q(r.name), r.permissions.length)),
      });
    }),

    ctx.register('openaiAdmin.role.editPermissions', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Edit Role Permissions');
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const roles = await fetchFor(ctx, vscode.l10n.t('roles'), (c) => scope.list(c));
      if (!roles) return undefined;
      const picked = await customRoleOf(ctx, node, scope, roles, title);
      if (!picked) return undefined;
      // The row may be stale: start from what the API has now.
      const role = roles.find((r) => r.id === picked.id) ?? picked;
      const permissions = await pickPermissions(vscode.l10n.t('Permissions of {0} in {1}', q(role.name), scope.name), roles, role.permissions);
      if (!permissions) return undefined;
      if (!permissions.length) return noPermissions();
      const before = new Set(role.permissions);
      if (permissions.length === before.size && permissions.every((p) => before.has(p))) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Permissions of {0} unchanged', q(role.name)), 3000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: vscode.l10n.t('Updating the permissions of role {0}…', q(role.name)),
        call: (c) => scope.update(c, role.id, { permissions }),
        effects: (r) => roleEffects.updated(scope.projectId, r),
        done: (r) => vscode.l10n.t('Role {0}: {1}', q(r.name), permissionCount(r.permissions.length)),
      });
    }),

    ctx.register('openaiAdmin.role.delete', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Delete Role');
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      const role = await customRoleOf(ctx, node, scope, undefined, title);
      if (!role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting role {0}…', q(role.name)),
        confirm: {
          message: vscode.l10n.t('Delete role {0} of {1}?', q(role.name), scope.name),
          detail: vscode.l10n.t('{0}\n\nEveryone it is assigned to (members, groups) loses the permissions it grants: {1}. This cannot be undone.', role.id, role.permissions.join(', ') || vscode.l10n.t('none')),
          button: vscode.l10n.t('Delete Role'),
        },
        call: (c) => scope.remove(c, role.id),
        effects: () => roleEffects.deleted(scope.projectId, role.id),
        done: () => vscode.l10n.t('Deleted role {0}', q(role.name)),
      });
    }),
  ];
}
