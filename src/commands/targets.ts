import { childId, kindOf, type Kind } from '../tree/ids';
import type { NodeSpec } from '../tree/nodeSpec';
import type { TreeNode } from '../tree/treeNode';
import type { ProjectRef } from '../ui/context';
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
 * The object a row stands for, as the store holds it now (the tree keeps only where it is); when a
 * write dropped its list and nothing read it again yet, as the row last showed it.
 */
export function itemOf<T>(ctx: CommandContext, spec: NodeSpec): T {
  return ((spec.item ? ctx.store.find(spec.item.ref, spec.item.id) : undefined) ?? spec.data) as T;
}

/** The row the command was invoked on, else one picked by search in the folder with that tree id. */
export async function rowOf<T>(
  ctx: CommandContext, node: TreeNode | undefined, kind: Kind,
  folderId: string, title: string, placeholder: string,
): Promise<Row<T> | undefined> {
  if (isKind(node, kind)) return { id: node.id, spec: node.spec, data: itemOf<T>(ctx, node.spec) };
  const spec = await pickInFolder(ctx, folderId, title, placeholder);
  return spec && { id: childId(folderId, spec.key), spec, data: itemOf<T>(ctx, spec) };
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
