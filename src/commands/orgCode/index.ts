// Organization as code in the editor: Export, Compare, Plan, Apply and Copy Project Settings. Registered
// with the other organization commands (dist/commands.js, src/commands/lazy.ts); each loads its code
// (./commands, dist/orgCode.js with the parser and the engine) when it first runs.
import * as vscode from 'vscode';
import type { TreeNode } from '../../tree/treeNode';
import type { CommandContext } from '../context';

const load = () => import('./commands');

export function registerOrgCodeCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openaiAdmin.orgCode.export', async () => (await load()).exportOrganization(ctx)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.compare', async (uri?: unknown) => (await load()).compareWithOrganization(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.plan', async (uri?: unknown) => (await load()).planFile(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.apply', async (uri?: unknown) => (await load()).applyFile(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.copyProjectSettings', async (node?: TreeNode) => (await load()).copyProjectSettings(ctx, node)),
  ];
}
