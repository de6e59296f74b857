import * as vscode from 'vscode';
import type { ProjectHostedToolPermissions, ProjectModelPermissions } from '../api';
import { HOSTED_TOOLS } from '../model/format';
import { checkModelIds, splitList } from '../model/inputs';
import { hostedToolChanges, modelChoices, samePolicy, type ModelPolicyMode } from '../model/permissionEdits';
import { listRef, upsert } from '../model/store';
import { unset } from '../model/writeEffects';
import { notify } from '../notify';

import { orNotSet } from '../model/notSet';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { fetchFor, pickOne } from './pickers';
import { ask, q, runWrite } from '../ui/run';
import { isKind, projectRefOf, storeItemOf, type ProjectRef } from './targets';

const MODES = [
  { label: 'Allow list', value: 'allow_list' as const, detail: 'Only the chosen models may be used in the project.' },
  { label: 'Deny list', value: 'deny_list' as const, detail: 'Every model except the chosen ones may be used.' },
];
const modeName = (mode: ModelPolicyMode) => (mode === 'allow_list' ? 'allow list' : 'deny list');

type ModelItem = vscode.QuickPickItem & { model?: string };

/** Models from the project's rate limits (what it can call) plus the policy's own, current ones ticked. */
async function pickModels(project: ProjectRef, mode: ModelPolicyMode, offered: string[], ticked: ReadonlySet<string>): Promise<string[] | undefined> {
  const other: ModelItem = { label: '$(edit) Other model…', detail: 'Type model ids that are not listed (comma-separated)', alwaysShow: true };
  const items: ModelItem[] = [
    ...offered.map((m): ModelItem => ({ label: m, model: m, picked: ticked.has(m) })),
    other,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${mode === 'allow_list' ? 'Allowed' : 'Denied'} models in ${project.name}`,
    placeHolder: `Tick the models for the ${modeName(mode)}`,
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const models = picked.flatMap((i) => (i.model ? [i.model] : []));
  if (picked.includes(other)) {
    const typed = await ask(`Other models for the ${modeName(mode)}`, 'Model ids, separated by commas', { validateInput: checkModelIds });
    if (typed === undefined) return undefined;
    models.push(...splitList(typed));
  }
  return [...new Set(models)];
}

async function editModelPermissions(ctx: CommandContext, node: TreeNode | undefined): Promise<ProjectModelPermissions | undefined> {
  const title = 'Edit Model Permissions';
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  const loaded = await fetchFor(ctx, 'model permissions', (c) => Promise.all([
    orNotSet(c.modelPermissions.retrieve(project.id)),
    c.rateLimits.all(project.id),
  ]));
  if (!loaded) return undefined;
  const [current, limits] = loaded;

  const mode = await pickOne(`${title}: ${project.name}`, MODES, { current: current?.mode, placeholder: current ? undefined : 'No policy yet: every model is allowed' });
  if (!mode) return undefined;
  const offered = modelChoices(limits.map((l) => l.model), current?.model_ids ?? []);
  const models = await pickModels(project, mode, offered, new Set(current?.model_ids ?? []));
  if (!models) return undefined;
  if (!models.length) {
    void notify('warning', `No models were chosen, so the ${modeName(mode)} of ${q(project.name)} was not changed. To remove the policy, use “Remove Model Permissions Policy”.`);
    return undefined;
  }
  if (samePolicy(current, mode, models)) {
    void vscode.window.setStatusBarMessage(`Model permissions of ${q(project.name)} unchanged`, 3000);
    return undefined;
  }
  return runWrite(ctx, {
    progress: `Updating model permissions of ${q(project.name)}…`,
    call: (c) => c.modelPermissions.update(project.id, { mode, model_ids: models }),
    effects: (p) => [upsert(listRef('modelPermissions', project.id), p)],
    done: (p) => `${q(project.name)}: ${modeName(p.mode)} of ${p.model_ids.length} model${p.model_ids.length === 1 ? '' : 's'}`,
  });
}

async function editHostedTools(ctx: CommandContext, node: TreeNode | undefined) {
  const title = 'Edit Hosted Tool Permissions';
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  // Read fresh: the tree may be stale, and the diff below must be against what the API has now.
  const current = await fetchFor(ctx, 'hosted tool permissions', (c) => c.hostedToolPermissions.retrieve(project.id));
  if (!current) return undefined;
  const state = current as Partial<ProjectHostedToolPermissions>;
  const picked = await vscode.window.showQuickPick(
    HOSTED_TOOLS.map(([tool, name]) => ({ label: name, description: state[tool]?.enabled ? 'on' : 'off', tool, picked: state[tool]?.enabled === true })),
    { title: `${title}: ${project.name}`, placeHolder: 'Ticked tools are enabled for the project', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const changes = hostedToolChanges(state, new Set(picked.map((p) => p.tool)));
  const changed = Object.keys(changes);
  if (!changed.length) {
    void vscode.window.setStatusBarMessage(`Hosted tool permissions of ${q(project.name)} unchanged`, 3000);
    return undefined;
  }
  return runWrite(ctx, {
    progress: `Updating hosted tool permissions of ${q(project.name)}…`,
    call: (c) => c.hostedToolPermissions.update(project.id, changes),
    effects: (t) => [upsert(listRef('hostedToolPermissions', project.id), t)],
    done: () => `${q(project.name)}: ${HOSTED_TOOLS.filter(([t]) => t in changes).map(([t, n]) => `${n} ${changes[t]!.enabled ? 'on' : 'off'}`).join(', ')}`,
  });
}

export function registerPermissionCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.modelPermissions.edit', (node?: TreeNode) => editModelPermissions(ctx, node)),

    ctx.register('openaiAdmin.modelPermissions.remove', async (node?: TreeNode) => {
      const project = await projectRefOf(ctx, node, 'Remove Model Permissions Policy');
      if (!project) return undefined;
      const policy = isKind(node, 'modelPermissions') ? await storeItemOf<ProjectModelPermissions>(ctx.store, node.spec) : undefined;
      const what = policy?.mode ? `the model ${modeName(policy.mode)}` : 'the model permissions policy';
      return runWrite(ctx, {
        progress: `Removing ${what} of ${q(project.name)}…`,
        confirm: {
          message: `Remove ${what} of project ${q(project.name)}?`,
          detail: `${policy ? `It names ${policy.model_ids.join(', ') || 'no models'}.\n\n` : ''}Without a policy, every model is allowed in the project.`,
          button: 'Remove Policy',
        },
        call: (c) => c.modelPermissions.delete(project.id),
        effects: () => [unset(listRef('modelPermissions', project.id))],
        done: () => `Removed the model permissions policy of ${q(project.name)}`,
      });
    }),

    ctx.register('openaiAdmin.hostedTools.edit', (node?: TreeNode) => editHostedTools(ctx, node)),
  ];
}
