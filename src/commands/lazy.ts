// The organization commands' ids are registered at activation with stand-ins. The first one run
// loads their code (./index, built as dist/commands.js), replaces every stand-in with the real
// command in one step, and runs it with the same arguments (tree rows pass through as they are:
// executeCommand within the extension host does not copy them).
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { LAZY_COMMANDS } from './lazyIds';

export function registerLazyCommands(ctx: CommandContext): vscode.Disposable {
  let standIns: vscode.Disposable[] = [];
  let real: vscode.Disposable[] = [];
  let loading: Promise<void> | undefined;
  const load = () => (loading ??= import('./index').then(({ registerAllCommands }) => {
    for (const d of standIns) d.dispose();
    standIns = [];
    real = registerAllCommands(ctx);
  }));
  standIns = LAZY_COMMANDS.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    await load();
    return vscode.commands.executeCommand(id, ...args);
  }));
  return { dispose: () => { for (const d of [...standIns, ...real]) d.dispose(); } };
}
