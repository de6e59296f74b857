import type * as vscode from 'vscode';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { TreeNode } from '../tree/treeNode';
import type { UiContext } from '../ui/context';

/** What every command family needs (what webviews get, plus the tree); built once in extension.ts. */
export interface CommandContext extends UiContext {
  explorer: ExplorerProvider;
  view: vscode.TreeView<TreeNode>;
  /**
   * Registers this organization's handler for a command id. With several organizations each id has
   * one handler per organization, and ./lazy.ts runs the one of the organization the command was
   * invoked for (the tree row's, or the one the user picks).
   */
  register(id: string, handler: (...args: any[]) => unknown): vscode.Disposable;
}

/** Selects and shows a node by id, expanding its ancestors. */
export async function reveal(ctx: CommandContext, id: string): Promise<boolean> {
  const node = await ctx.explorer.resolve(id);
  if (!node) return false;
  await ctx.view.reveal(node, { select: true, focus: true, expand: true });
  return true;
}
