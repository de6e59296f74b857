import * as vscode from 'vscode';
import { memberId } from '../tree/ids';
import type { TreeNode } from '../tree/treeNode';
import { reveal, type CommandContext } from './context';
import { pickMember } from './pickers';

const PLATFORM = 'https://platform.openai.com';

/** Commands that work on any row: copy its ids, open its dashboard page, find members. */
export function registerNodeCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.copy', async (node?: TreeNode) => {
      const entries = node?.spec.copy ?? [];
      if (!entries.length) return undefined;
      const chosen = entries.length === 1 ? entries[0]
        : (await vscode.window.showQuickPick(entries.map((entry) => ({ label: entry[0], description: entry[1], entry })),
          { title: vscode.l10n.t('Copy') }))?.entry;
      if (!chosen) return undefined;
      const [label, value] = chosen;
      await vscode.env.clipboard.writeText(value);
      void vscode.window.setStatusBarMessage(`$(clippy) ${vscode.l10n.t('Copied {0}', label)}`, 3000);
      return value;
    }),

    ctx.register('openaiAdmin.openInPlatform', async (node?: TreeNode) => {
      const path = node?.spec.platformPath ?? '/settings/organization/general';
      return vscode.env.openExternal(vscode.Uri.parse(`${PLATFORM}${path}`));
    }),

    // A folder's Refresh reloads just that folder (and what is under it), not the whole tree.
    ctx.register('openaiAdmin.refreshNode', (node?: TreeNode) => ctx.explorer.refresh(node?.id)),

    ctx.register('openaiAdmin.findMember', async () => {
      const user = await pickMember(ctx, vscode.l10n.t('Find Member'));
      return user ? reveal(ctx, memberId(user.id)) : false;
    }),
  ];
}
