// Data retention of the organization or of one project. A project can also follow the
// organization's setting ("Organization default") or keep none of the extra controls.
import * as vscode from 'vscode';
import type { AdminClient, OrganizationDataRetention, ProjectDataRetention } from '../api';
import { listRef, upsert, type StoreEffect } from '../model/store';

import { RETENTION_TYPES, type RetentionType } from '../model/project/types';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { fetchFor, pickOne, pickProject, type Choice } from './pickers';
import { q, runWrite } from '../ui/run';
import { type ProjectRef } from './targets';

type OrgRetention = Exclude<RetentionType, 'organization_default' | 'none'>;

interface Scope {
  name: string;
  choices: Choice<RetentionType>[];
  current(c: AdminClient): Promise<string>;
  update(c: AdminClient, type: RetentionType): Promise<{ type: string }>;
  /** The setting as the update answers it replaces the store's (a one-object list). */
  saved(setting: { type: string }): StoreEffect[];
}

const choices = (types: readonly (readonly [RetentionType, string])[]) => types.map(([value, label]) => ({ label, value, description: value }));
const label = (type: string) => RETENTION_TYPES.find(([t]) => t === type)?.[1] ?? type;
const isOrgType = (t: RetentionType): t is OrgRetention => t !== 'organization_default' && t !== 'none';

const organizationScope: Scope = {
  get name() { return vscode.l10n.t('the organization'); },
  // A project may follow the organization or have none; the organization itself always has one of the four.
  choices: choices(RETENTION_TYPES.filter(([t]) => isOrgType(t))),
  current: async (c) => (await c.dataRetention.retrieve()).type,
  update: (c, type) => {
    if (!isOrgType(type)) throw new TypeError(`${type} is not an organization retention type.`);
    return c.dataRetention.update({ retention_type: type });
  },
  saved: (setting) => [upsert(listRef('dataRetention'), setting as OrganizationDataRetention)],
};

function projectScope(p: ProjectRef): Scope {
  return {
    name: vscode.l10n.t('project {0}', q(p.name)),
    choices: choices(RETENTION_TYPES),
    current: async (c) => (await c.projectDataRetention.retrieve(p.id)).type,
    update: (c, type) => c.projectDataRetention.update(p.id, { retention_type: type }),
    saved: (setting) => [upsert(listRef('projectDataRetention', p.id), setting as ProjectDataRetention)],
  };
}

async function scopeOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Scope | undefined> {
  const projectId = node?.lookup('projectId');
  if (projectId) {
    return projectScope({ id: projectId, name: node?.lookup('projectName') ?? projectId, archived: node?.lookup('projectStatus') === 'archived' });
  }
  if (node) return organizationScope;
  const where = await pickOne(title, [
    { label: `$(organization) ${vscode.l10n.t('Organization')}`, value: 'org' as const, detail: vscode.l10n.t('The organization’s data retention') },
    { label: `$(project) ${vscode.l10n.t('Project…')}`, value: 'project' as const, detail: vscode.l10n.t('One project’s data retention: search for it') },
  ], { placeholder: vscode.l10n.t('Organization or a project?') });
  if (!where) return undefined;
  if (where === 'org') return organizationScope;
  const p = await pickProject(ctx, title);
  return p && projectScope({ id: p.id, name: p.name || p.id, archived: false });
}

export function registerDataRetentionCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.dataRetention.edit', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Edit Data Retention');
      const scope = await scopeOf(ctx, node, title);
      if (!scope) return undefined;
      // Read fresh: the row may be stale, and the current value is marked in the pick.
      const current = await fetchFor(ctx, vscode.l10n.t('data retention'), (c) => scope.current(c));
      if (current === undefined) return undefined;
      const type = await pickOne(vscode.l10n.t('{0}: {1}', title, scope.name), scope.choices, { current: current as RetentionType, placeholder: vscode.l10n.t('Now: {0}', label(current)) });
      if (!type || type === current) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Setting the data retention of {0} to {1}…', scope.name, label(type)),
        call: (c) => scope.update(c, type),
        effects: (r) => scope.saved(r),
        done: (r) => vscode.l10n.t('Data retention of {0}: {1}', scope.name, label(r.type)),
      });
    }),
  ];
}
