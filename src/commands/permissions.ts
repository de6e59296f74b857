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

// A function, so the text is looked up in the l10n bundle when the pick shows.
const modes = () => [
  { label: vscode.l10n.t('Allow list'), value: 'allow_list' as const, detail: vscode.l10n.t('Only the chosen models may be used in the project.') },
  { label: vscode.l10n.t('Deny list'), value: 'deny_list' as const, detail: vscode.l10n.t('Every model except the chosen ones may be used.') },
];
const modeName = (mode: ModelPolicyMode) => (mode === 'allow_list' ? vscode.l10n.t('allow list') : vscode.l10n.t('deny list'));

type ModelItem = vscode.QuickPickItem & { model?: string };

/** Models from the project's rate limits (what it can call) plus the policy's own, current ones ticked. */
async function pickModels(project: ProjectRef, mode: ModelPolicyMode, offered: string[], ticked: ReadonlySet<string>): Promise<string[] | undefined> {
  const other: ModelItem = { label: `$(edit) ${vscode.l10n.t('Other model…')}`, detail: vscode.l10n.t('Type model ids that are not listed (comma-separated)'), alwaysShow: true };
  const items: ModelItem[] = [
    ...offered.map((m): ModelItem => ({ label: m, model: m, picked: ticked.has(m) })),
    other,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: mode === 'allow_list' ? vscode.l10n.t('Allowed models in {0}', project.name) : vscode.l10n.t('Denied models in {0}', project.name),
    placeHolder: vscode.l10n.t('Tick the models for the {0}', modeName(mode)),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const models = picked.flatMap((i) => (i.model ? [i.model] : []));
  if (picked.includes(other)) {
    const typed = await ask(vscode.l10n.t('Other models for the {0}', modeName(mode)), vscode.l10n.t('Model ids, separated by commas'), { validateInput: checkModelIds });
    if (typed === undefined) return undefined;
    models.push(...splitList(typed));
  }
  return [...new Set(models)];
}

async function editModelPermissions(ctx: CommandContext, node: TreeNode | undefined): Promise<ProjectModelPermissions | undefined> {
  const title = vscode.l10n.t('Edit Model Permissions');
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  const loaded = await fetchFor(ctx, vscode.l10n.t('model permissions'), (c) => Promise.all([
    orNotSet(c.modelPermissions.retrieve(project.id)),
    c.rateLimits.all(project.id),
  ]));
  if (!loaded) return undefined;
  const [current, limits] = loaded;

  const mode = await pickOne(vscode.l10n.t('{0}: {1}', title, project.name), modes(), { current: current?.mode, placeholder: current ? undefined : vscode.l10n.t('No policy yet: every model is allowed') });
  if (!mode) return undefined;
  const offered = modelChoices(limits.map((l) => l.model), current?.model_ids ?? []);
  const models = await pickModels(project, mode, offered, new Set(current?.model_ids ?? []));
  if (!models) return undefined;
  if (!models.length) {
    void notify('warning', vscode.l10n.t('No models were chosen, so the {0} of {1} was not changed. To remove the policy, use “Remove Model Permissions Policy”.', modeName(mode), q(project.name)));
    return undefined;
  }
  if (samePolicy(current, mode, models)) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Model permissions of {0} unchanged', q(project.name)), 3000);
    return undefined;
  }
  return runWrite(ctx, {
    progress: vscode.l10n.t('Updating model permissions of {0}…', q(project.name)),
    call: (c) => c.modelPermissions.update(project.id, { mode, model_ids: models }),
    effects: (p) => [upsert(listRef('modelPermissions', project.id), p)],
    done: (p) => (p.model_ids.length === 1
      ? vscode.l10n.t('{0}: {1} of 1 model', q(project.name), modeName(p.mode))
      : vscode.l10n.t('{0}: {1} of {2} models', q(project.name), modeName(p.mode), p.model_ids.length)),
  });
}

async function editHostedTools(ctx: CommandContext, node: TreeNode | undefined) {
  const title = vscode.l10n.t('Edit Hosted Tool Permissions');
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  // Read fresh: the tree may be stale, and the diff below must be against what the API has now.
  const current = await fetchFor(ctx, vscode.l10n.t('hosted tool permissions'), (c) => c.hostedToolPermissions.retrieve(project.id));
  if (!current) return undefined;
  const state = current as Partial<ProjectHostedToolPermissions>;
  const picked = await vscode.window.showQuickPick(
    HOSTED_TOOLS.map(([tool, name]) => ({ label: name, description: state[tool]?.enabled ? vscode.l10n.t('on') : vscode.l10n.t('off'), tool, picked: state[tool]?.enabled === true })),
    { title: vscode.l10n.t('{0}: {1}', title, project.name), placeHolder: vscode.l10n.t('Ticked tools are enabled for the project'), canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const changes = hostedToolChanges(state, new Set(picked.map((p) => p.tool)));
  const changed = Object.keys(changes);
  if (!changed.length) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Hosted tool permissions of {0} unchanged', q(project.name)), 3000);
    return undefined;
  }
  return runWrite(ctx, {
    progress: vscode.l10n.t('Updating hosted tool permissions of {0}…', q(project.name)),
    call: (c) => c.hostedToolPermissions.update(project.id, changes),
    effects: (t) => [upsert(listRef('hostedToolPermissions', project.id), t)],
    done: () => vscode.l10n.t('{0}: {1}', q(project.name), HOSTED_TOOLS.filter(([t]) => t in changes)
      .map(([t, n]) => (changes[t]!.enabled ? vscode.l10n.t('{0} on', n) : vscode.l10n.t('{0} off', n))).join(', ')),
  });
}

export function registerPermissionCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.modelPermissions.edit', (node?: TreeNode) => editModelPermissions(ctx, node)),

    ctx.register('openaiAdmin.modelPermissions.remove', async (node?: TreeNode) => {
      const project = await projectRefOf(ctx, node, vscode.l10n.t('Remove Model Permissions Policy'));
      if (!project) return undefined;
      const policy = isKind(node, 'modelPermissions') ? await storeItemOf<ProjectModelPermissions>(ctx.store, node.spec) : undefined;
      const what = policy?.mode ? vscode.l10n.t('the model {0}', modeName(policy.mode)) : vscode.l10n.t('the model permissions policy');
      const without = vscode.l10n.t('Without a policy, every model is allowed in the project.');
      return runWrite(ctx, {
        progress: vscode.l10n.t('Removing {0} of {1}…', what, q(project.name)),
        confirm: {
          message: vscode.l10n.t('Remove {0} of project {1}?', what, q(project.name)),
          detail: policy ? `${vscode.l10n.t('It names {0}.', policy.model_ids.join(', ') || vscode.l10n.t('no models'))}\n\n${without}` : without,
          button: vscode.l10n.t('Remove Policy'),
        },
        call: (c) => c.modelPermissions.delete(project.id),
        effects: () => [unset(listRef('modelPermissions', project.id))],
        done: () => vscode.l10n.t('Removed the model permissions policy of {0}', q(project.name)),
      });
    }),

    ctx.register('openaiAdmin.hostedTools.edit', (node?: TreeNode) => editHostedTools(ctx, node)),
  ];
}
