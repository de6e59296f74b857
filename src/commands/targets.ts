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
export function isKind(node: TreeNode | undefined, kind: string): node is TreeNode {
  return node?.spec.contextValue?.split(' ')[0] === kind;
}

/** The row the command was invoked on, else one picked by search in the folder with that tree id. */
export async function rowOf<T>(
  ctx: CommandContext, node: TreeNode | undefined, kind: string,
  folderId: string, title: string, placeholder: string,
): Promise<Row<T> | undefined> {
  if (isKind(node, kind)) return { id: node.id, spec: node.spec, data: node.spec.data as T };
  const spec = await pickInFolder(ctx, folderId, title, placeholder);
  return spec && { id: `${folderId}/${spec.key}`, spec, data: spec.data as T };
}

export type { ProjectRef };

export async function projectRefOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<ProjectRef | undefined> {
  const p = await projectOf(ctx, node, title);
  return p && { ...p, archived: node?.lookup('projectStatus') === 'archived' };
}

export function folderIn(project: ProjectRef, folder: string): string {
  return projectFolderId(project.id, folder, project.archived);
}

/** A row inside one project's folder: from the node, else project then row picked by search. */
export async function projectRowOf<T>(
  ctx: CommandContext, node: TreeNode | undefined, kind: string, folder: string, title: string, placeholder: string,
): Promise<(Row<T> & { project: ProjectRef }) | undefined> {
  const project = await projectRefOf(ctx, node, title);
  if (!project) return undefined;
  const row = await rowOf<T>(ctx, node, kind, folderIn(project, folder), title, placeholder);
  return row && { ...row, project };
}
