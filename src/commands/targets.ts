import * as vscode from 'vscode';
import { describeError } from '../model/describeError';
import type { OrgStore } from '../model/store';
import { notify } from '../notify';
import { childId, kindOf, type Kind } from '../tree/ids';
import type { NodeSpec } from '../tree/nodeSpec';
import type { TreeNode } from '../tree/treeNode';
import type { ProjectRef } from '../ui/context';
import { q } from '../ui/run';
import type { CommandContext } from './context';
import { pickInFolder } from './pickers';
import { projectFolderId, projectOf } from './projects';

// What a command acts on: the tree row it was invoked on, or (from the palette) one found by search.

/** A tree row a command acts on, with its full tree id (for targeted refresh). */
export interface Row<T> {
  id: string;
  spec: NodeSpec;
  data: T;
}

/** True when the node is a row of this kind (first word of its contextValue). */
export function isKind(node: TreeNode | undefined, kind: Kind): node is TreeNode {
  return kindOf(node?.spec.contextValue) === kind;
}

/**
 * The object a row stands for, as the store holds it now (the tree keeps only where it is). A list
 * a write dropped is read again, as far as the item, rather than trusting what the row last showed;
 * undefined when the list no longer holds it (or the row stands for no item).
 */
export async function storeItemOf<T>(store: OrgStore, spec: NodeSpec): Promise<T | undefined> {
  const at = spec.item;
  if (!at) return undefined;
  const list = store.list(at.ref);
  if (!list.isLoaded) await list.loadUntil(() => store.find(at.ref, at.id) !== undefined);
  return store.find(at.ref, at.id) as T | undefined;
}

/** `storeItemOf`, telling the user when the object is gone (or its list could not be read) instead of acting on it. */
export async function itemOf<T>(ctx: CommandContext, spec: NodeSpec): Promise<T | undefined> {
  const item = await storeItemOf<T>(ctx.store, spec);
  if (item !== undefined || !spec.item) return item;
  const error = ctx.store.peek(spec.item.ref)?.error;
  void notify(error === undefined ? 'warning' : 'error', error === undefined
    ? vscode.l10n.t('{0} is no longer there: it was changed or deleted. Refresh the view to see what is there now.', q(spec.label))
    : vscode.l10n.t('Couldn\'t read {0} again: {1}', q(spec.label), describeError(error)));
  return undefined;
}

/** The row the command was invoked on, else one picked by search in the folder with that tree id. */
export async function rowOf<T>(
  ctx: CommandContext, node: TreeNode | undefined, kind: Kind,
  folderId: string, title: string, placeholder: string,
): Promise<Row<T> | undefined> {
  const spec = isKind(node, kind) ? node.spec : await pickInFolder(ctx, folderId, title, placeholder);
  if (!spec) return undefined;
  const data = await itemOf<T>(ctx, spec);
  return data === undefined ? undefined : { id: isKind(node, kind) ? node.id : childId(folderId, spec.key), spec, data };
}

export type { ProjectRef };

export async function projectRefOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<ProjectRef | undefined> {
  const p = await projectOf(ctx, node, title);
  return p && { ...p, archived: node?.lookup('projectStatus') === 'archived' };
}

/** Tree id of one of the project's folders (`users`, `rateLimits`, …), under the active or archived list. */
export function folderIn(project: ProjectRef, folder: string): string {
  return projectFolderId(project.id, folder, project.archived);
}

/** A row inside one project's folder: from the node, else project then row picked by search. */
export async function projectRowOf<T>(
  ctx: CommandContext, node: TreeNode | undefined, kind: Kind, folder: string, title: string, placeholder: string,
): Promise<(Row<T> & { project: ProjectRef }) | undefined> {
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  const row = await rowOf<T>(ctx, node, kind, folderIn(project, folder), title, placeholder);
  return row && { ...row, project };
}
