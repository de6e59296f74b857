// Organization as code in the editor: Export, Compare, Plan, Apply and Copy Project Settings. Registered
// with the other organization commands (dist/commands.js, src/commands/lazy.ts); each loads its code
// (./commands, dist/orgCode.js with the parser and the engine) when it first runs.
import * as vscode from 'vscode';
import type { TreeNode } from '../../tree/treeNode';
import type { CommandContext } from '../context';

const load = () => import('./commands');

export function registerOrgCodeCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.orgCode.export', async () => (await load()).exportOrganization(ctx)),
    ctx.register('openaiAdmin.orgCode.compare', async (uri?: unknown) => (await load()).compareWithOrganization(ctx, uri)),
    ctx.register('openaiAdmin.orgCode.plan', async (uri?: unknown) => (await load()).planFile(ctx, uri)),
    ctx.register('openaiAdmin.orgCode.apply', async (uri?: unknown) => (await load()).applyFile(ctx, uri)),
    ctx.register('openaiAdmin.orgCode.copyProjectSettings', async (node?: TreeNode) => (await load()).copyProjectSettings(ctx, node)),
  ];
}
