import * as vscode from 'vscode';
import type { Project } from '../api';
import { isProjectFolder, projectFolderId as treeProjectFolderId, projectNodeId } from '../tree/ids';
import type { TreeNode } from '../tree/treeNode';
import { reveal, type CommandContext } from './context';
import { pickProject } from './pickers';
import { projectEffects } from '../model/writeEffects';
import { archiveProject } from '../ui/projectWrites';
import { ask, q, requiredName, runWrite } from '../ui/run';

/** The project behind a tree node, or one the user picks when run from the palette. */
export async function projectOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<{ id: string; name: string } | undefined> {
  const id = node?.lookup('projectId');
  if (id) return { id, name: node?.lookup('projectName') ?? id };
  const p = await pickProject(ctx, title);
  return p && { id: p.id, name: p.name || p.id };
}

/** Tree id of a project's folder (`users`, `rateLimits`, …) under the active or archived list. */
export function projectFolderId(projectId: string, folder: string, archived = false): string {
  if (!isProjectFolder(folder)) throw new RangeError(`${folder} is not a project folder`);
  return treeProjectFolderId(projectId, folder, archived);
}


export function registerProjectCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.project.create', async () => {
      const name = await ask(vscode.l10n.t('Create Project'), vscode.l10n.t('Name of the new project'), { validateInput: requiredName });
      if (!name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Creating project {0}…', q(name)),
        call: (c) => c.projects.create({ name }),
        effects: (created) => projectEffects.created(created),
        done: (p) => vscode.l10n.t('Created project {0}', q(p.name)),
      });
    }),

    ctx.register('openaiAdmin.project.rename', async (node?: TreeNode) => {
      const p = await projectOf(ctx, node, vscode.l10n.t('Rename Project'));
      if (!p) return undefined;
      const name = await ask(vscode.l10n.t('Rename Project'), vscode.l10n.t('New name for {0}', q(p.name)), { value: p.name, validateInput: requiredName });
      if (!name || name === p.name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Renaming project {0}…', q(p.name)),
        call: (c) => c.projects.update(p.id, { name }),
        effects: (r) => projectEffects.renamed(r),

        done: (r: Project) => vscode.l10n.t('Renamed project to {0}', q(r.name)),
      });
    }),

    ctx.register('openaiAdmin.project.archive', async (node?: TreeNode) => {
      const p = await projectOf(ctx, node, vscode.l10n.t('Archive Project'));
      if (!p) return undefined;
      return runWrite(ctx, archiveProject(p));
    }),

    ctx.register('openaiAdmin.goToProject', async () => {
      const p = await pickProject(ctx, vscode.l10n.t('Go to Project'));
      if (!p) return undefined;
      return reveal(ctx, projectNodeId(p.id, p.status === 'archived'));
    }),
  ];
}
