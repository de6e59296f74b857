// Organization as code in the editor: Export, Compare, Plan, Apply and Copy Project Settings. Part of
// dist/commands.js, loaded when the first organization command runs (src/commands/lazy.ts).
import * as vscode from 'vscode';
import type { TreeNode } from '../../tree/treeNode';
import type { CommandContext } from '../context';
import { compareWithOrganization } from './compare';
import { copyProjectSettings } from './copySettings';
import { exportOrganization } from './export';
import { applyFile, planFile } from './planApply';

export function registerOrgCodeCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openaiAdmin.orgCode.export', () => exportOrganization(ctx)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.compare', (uri?: unknown) => compareWithOrganization(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.plan', (uri?: unknown) => planFile(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.apply', (uri?: unknown) => applyFile(ctx, uri)),
    vscode.commands.registerCommand('openaiAdmin.orgCode.copyProjectSettings', (node?: TreeNode) => copyProjectSettings(ctx, node)),
  ];
}
