import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { OrgStore } from '../model/store';
import type * as vscode from 'vscode';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { TreeNode } from '../tree/treeNode';

/** What every command family needs; built once in extension.ts. */
export interface CommandContext {
  session: Session;
  /** What has been read of the organization; every view reads from it and every write reports to it. */
  store: OrgStore;
  explorer: ExplorerProvider;
  log: Logger;
  view: vscode.TreeView<TreeNode>;
}

/** Selects and shows a node by id, expanding its ancestors. */
export async function reveal(ctx: CommandContext, id: string): Promise<boolean> {
  const node = await ctx.explorer.resolve(id);
  if (!node) return false;
  await ctx.view.reveal(node, { select: true, focus: true, expand: true });
  return true;
}
