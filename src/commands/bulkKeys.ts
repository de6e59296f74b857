// Deleting several project API keys selected together in the explorer: one plan (src/ui/plan.ts)
// naming every key and its call, one confirmation, a result per key, Run Again for what is left.
import * as vscode from 'vscode';
import { deleteKeyStep, type Plan } from '../model/plan';
import { listRef } from '../model/store';
import type { TreeNode } from '../tree/treeNode';
import { showPlanAndRun } from '../ui/plan';
import type { CommandContext } from './context';
import { isKind, type ProjectRef } from './targets';

/** The project API keys among selected rows, once each (a key is listed under its service account too). */
export function selectedKeys(nodes: readonly TreeNode[]): { project: ProjectRef; keyId: string }[] {
  const seen = new Map<string, { project: ProjectRef; keyId: string }>();
  for (const node of nodes) {
    const projectId = node.lookup('projectId');
    if (!isKind(node, 'projectApiKey') || !projectId) continue;
    const project = { id: projectId, name: node.lookup('projectName') ?? projectId, archived: node.lookup('projectStatus') === 'archived' };
    seen.set(`${projectId}/${node.spec.key}`, { project, keyId: node.spec.key });
  }
  return [...seen.values()];
}

/**
 * The plan reads each key from the store (the selection only names them): the first build reads the
 * projects' key lists afresh, so a key deleted meanwhile is not in the plan; Run Again uses the store
 * as the run's effects left it, so it holds only the keys still there.
 */
export async function deleteSelectedKeys(ctx: CommandContext, keys: readonly { project: ProjectRef; keyId: string }[]): Promise<void> {
  const projects = new Map(keys.map((k) => [k.project.id, k.project]));
  let fresh = true;
  await showPlanAndRun(ctx, async (): Promise<Plan> => {
    if (fresh) for (const id of projects.keys()) ctx.store.invalidate('projectApiKeys', [id]);
    fresh = false;
    const lists = new Map(await Promise.all([...projects.keys()].map(async (id) => [id, await ctx.store.loadAll(listRef('projectApiKeys', id))] as const)));
    const steps = keys.flatMap(({ project, keyId }) => {
      const key = lists.get(project.id)?.find((k) => k.id === keyId);
      return key ? [deleteKeyStep(project, key)] : [];
    });
    return { title: steps.length === 1 ? vscode.l10n.t('Delete 1 API key') : vscode.l10n.t('Delete {0} API keys', steps.length), steps };
  });
}
