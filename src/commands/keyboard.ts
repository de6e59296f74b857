// F2 and Delete in the explorer (package.json `keybindings`). A key gives its command no row, so
// these act on the tree's selection: the selected row's kind names the command its context menu runs
// (./keyboardTargets.ts), which keeps its own confirmation — a destructive one still asks in a modal.
import * as vscode from 'vscode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { keyTarget, type KeyAction } from './keyboardTargets';

async function runFor(ctx: CommandContext, action: KeyAction): Promise<unknown> {
  const selection = ctx.view.selection;
  const row = selection[0];
  const command = keyTarget(action, row?.spec.contextValue);
  if (!row || !command) {
    // A row without that action (a folder, a predefined role): say so where the key was pressed, no dialog.
    void vscode.window.setStatusBarMessage(`$(info) ${action === 'rename' ? vscode.l10n.t('This row cannot be renamed') : vscode.l10n.t('This row cannot be deleted')}`, 3000);
    return undefined;
  }
  // Several rows of the same kind go together, as the context menu passes them (bulk API key deletion).
  const same: TreeNode[] = selection.filter((n) => keyTarget(action, n.spec.contextValue) === command);
  return vscode.commands.executeCommand(command, row, same.length === selection.length ? same : [row]);
}

export function registerKeyboardCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.renameFocused', () => runFor(ctx, 'rename')),
    ctx.register('openaiAdmin.deleteFocused', () => runFor(ctx, 'delete')),
  ];
}
