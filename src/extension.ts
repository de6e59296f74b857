import * as vscode from 'vscode';
const moduleLoadedAt = performance.now();

import { KeyStore } from './auth/keyStore';
import { registerKeyCommands } from './auth/keyCommands';
import { Session } from './auth/session';
import { Logger } from './log';
import type { CommandContext } from './commands/context';
import { registerLazyCommands } from './commands/lazy';
import { ExplorerProvider, VIEW_ID } from './tree/explorerProvider';
import type { TreeNode } from './tree/treeNode';
import { organizationRoots } from './tree/kinds/organization';
import { readApiSettings } from './config';
import { OrgStore } from './model/store/orgStore';
import { registerPlanDocuments } from './ui/planDocuments';
import { registerOrgFileDiagnostics } from './commands/orgCode/diagnostics';
import { HYGIENE_VIEW_ID, HygieneProvider, type HygieneNode } from './tree/hygieneProvider';
import { registerUsagePanel, type UsagePanelTestHook } from './webviews/usage/register';
import { registerProjectPanel, type ProjectPanelTestHook } from './webviews/project/register';
import { registerAccessReview, type AccessReviewTestHook } from './webviews/accessReview/register';
import { reveal } from './commands/context';
import { revealTargetId, type RevealTarget } from './tree/ids';
import type { SpendStatusBar, SpendStatusSnapshot } from './status/spendStatus';

/**
 * What tests (integration tests, benchmarks) may ask of the running extension. Only in Test and
 * Development mode (`hasTestHooks`): these hooks write files without a save dialog and make writes
 * with no UI, so an installed extension (Production mode) gives other extensions nothing.
 */
export interface ExtensionTestApi {
  hasKey(): Promise<boolean>;
  baseUrl(): string;
  keyState(): string;
  logLines(): string[];
  /** The explorer's rows under a node id (root when omitted), as the view would render them. */
  treeChildren(id?: string): Promise<TreeRow[]>;
  /** The tree node with this id (loading folders on its path), as a menu would pass it to a command. */
  treeNode(id: string): Promise<TreeNode | undefined>;
  /** The Usage & Costs panel (open or not). */
  usagePanel: UsagePanelTestHook;
  /** The Project panels, one per open project. */
  projectPanel: ProjectPanelTestHook;
  /** The Access Review (open or not). */
  accessReview: AccessReviewTestHook;
  /** The spend status bar item: undefined until the first use of the API started it. */
  spendStatus: { snapshot(): SpendStatusSnapshot | undefined; refresh(): Promise<void> };
  /** The Key Hygiene view's rows (rule headings and, under each, its findings) and the nodes its commands take. */
  keyHygiene: { rows(): TreeRow[]; nodes(): HygieneNode[] };
}

export interface TreeRow { id: string; label: string; description?: string; contextValue?: string; tooltip?: string; collapsible: boolean; command?: string }

/** package.json `contributes.walkthroughs[0].id`. */
export const WALKTHROUGH_ID = 'openaiAdmin.gettingStarted';

/** Test mode (integration tests, benchmarks) and Development mode (F5) get the test hooks; an installed extension does not. */
export function hasTestHooks(mode: vscode.ExtensionMode): boolean {
  return mode === vscode.ExtensionMode.Test || mode === vscode.ExtensionMode.Development;
}

/** Wiring only: no network here, the client is imported on the first request. */
export function activate(context: vscode.ExtensionContext): ExtensionTestApi | undefined {
  const activateStart = performance.now();
  const testHooks = hasTestHooks(context.extensionMode);
  const log = new Logger(vscode.window.createOutputChannel('OpenAI Admin', { log: true }));
  const session = new Session(new KeyStore(context.secrets), log);
  const store = new OrgStore(() => session.getClient());
  const explorer = new ExplorerProvider(session, store, organizationRoots);
  // Several rows at once: bulk actions (deleting selected API keys) take the whole selection.
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: explorer, showCollapseAll: true, canSelectMany: true });
  const hygiene = new HygieneProvider(store, session, log);
  const hygieneView = vscode.window.createTreeView(HYGIENE_VIEW_ID, { treeDataProvider: hygiene, showCollapseAll: true, canSelectMany: true });
  hygiene.view = hygieneView;

  const commands: CommandContext = { session, store, explorer, log, view, register: (id, handler) => vscode.commands.registerCommand(id, handler) };
  // One organization until the connections are wired: the session's client and the store.
  const usageOrg = { id: 'default', name: 'Organization', getClient: () => session.getClient(), store };
  const usage = registerUsagePanel({
    log, extensionUri: context.extensionUri, renderReports: testHooks,
    organizations: () => [usageOrg],
    onDidChangeOrganizations: (listener, thisArgs, disposables) => session.onDidChangeState(() => listener.call(thisArgs), undefined, disposables),
  });
  const project = registerProjectPanel(commands, context.extensionUri, context.workspaceState, testHooks);
  const accessReview = registerAccessReview({ store, log, extensionUri: context.extensionUri, renderReports: testHooks });

  context.subscriptions.push(
    log, session, explorer, view, hygiene, hygieneView,
    registerLazyCommands(commands),
    registerPlanDocuments(),
    registerOrgFileDiagnostics(),
    ...registerKeyCommands(session, log, testHooks),
    ...usage.disposables,
    ...project.disposables,
    ...accessReview.disposables,
    // Refresh forgets everything read (the next look or Load Organization reads afresh), not just the tree.
    vscode.commands.registerCommand('openaiAdmin.refresh', () => { store.clear(); explorer.refresh(); }),
    vscode.commands.registerCommand('openaiAdmin.showLog', () => log.show()),
    vscode.commands.registerCommand('openaiAdmin.loadMore', (id: string) => explorer.loadMore(id)),
    vscode.commands.registerCommand('openaiAdmin.retryNode', (id: string) => explorer.refresh(id)),
    // Panels show a row in the tree by its id (the Access Review's members and invites).
    // A tree id, or a target named by kind and id (the Access Review, which cannot import tree ids).
    vscode.commands.registerCommand('openaiAdmin.revealInExplorer', (target: unknown) => {
      const id = typeof target === 'string' ? target : isRevealTarget(target) ? revealTargetId(target) : undefined;
      return id !== undefined && reveal(commands, id);
    }),
    vscode.commands.registerCommand('openaiAdmin.getStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false)),
    // The Organization view's title shows the Key Hygiene view (collapsed under it by default).
    vscode.commands.registerCommand('openaiAdmin.showKeyHygiene', () => vscode.commands.executeCommand(`${HYGIENE_VIEW_ID}.focus`)),
    vscode.commands.registerCommand('openaiAdmin.hygiene.run', () => hygiene.runFromView(false)),
    vscode.commands.registerCommand('openaiAdmin.hygiene.refresh', () => hygiene.runFromView(true)),
    // Another key may be another organization: nothing read with the old one may be shown.
    session.onDidChangeState(() => { store.clear(); explorer.refresh(); }),
    { dispose: () => store.dispose() },
    view.onDidCollapseElement((e) => explorer.cancelLoads(e.element)),
  );
  void session.refreshState();

  // The spend item's code loads when something first uses the API (a tree folder, a panel, a
  // command), never at activation, which makes no request (BENCHMARKS.md fig. 3).
  let spend: Promise<SpendStatusBar> | undefined;
  let spendBar: SpendStatusBar | undefined;
  const startSpend = () => (spend ??= import('./status/spendStatus').then(({ SpendStatusBar }) => {
    const bar = new SpendStatusBar(session, store, log);
    context.subscriptions.push(bar);
    return (spendBar = bar);
  }));
  context.subscriptions.push(session.onDidFirstUse(() => void startSpend()));

  const now = performance.now();
  log.info(`Activated in ${(now - activateStart).toFixed(1)} ms (module load to ready ${(now - moduleLoadedAt).toFixed(1)} ms).`);

  if (!testHooks) return undefined;
  return {
    hasKey: async () => Boolean(await session.keys.get()),
    baseUrl: () => {
      const s = readApiSettings();
      return s.ok ? s.settings.baseUrl : '';
    },
    keyState: () => session.keyState,
    logLines: () => log.lines(),
    treeNode: (id) => explorer.resolve(id),
    usagePanel: usage.testHook,
    projectPanel: project.testHook,
    accessReview: accessReview.testHook,
    spendStatus: {
      snapshot: () => spendBar?.snapshot(),
      refresh: async () => (await startSpend()).refreshNow(),
    },
    keyHygiene: {
      nodes: () => hygiene.getChildren().flatMap((rule) => [rule, ...hygiene.getChildren(rule)]),
      rows: () => hygiene.getChildren().flatMap((rule) => [rule, ...hygiene.getChildren(rule)]).map((n) => {
        const item = hygiene.getTreeItem(n);
        return { id: item.id!, label: String(item.label), description: item.description === undefined ? undefined : String(item.description),
          contextValue: item.contextValue, tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined, collapsible: n.kind === 'rule' };
      }),
    },
    treeChildren: async (id) => {
      const parent = id === undefined ? undefined : await explorer.resolve(id);
      if (id !== undefined && !parent) throw new Error(`No tree node ${id}`);
      return (await explorer.getChildren(parent)).map((n) => {
        const item = explorer.resolveTreeItem(explorer.getTreeItem(n), n);
        const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
        return { id: n.id, label: String(item.label), description: item.description === undefined ? undefined : String(item.description),
          contextValue: item.contextValue, tooltip, collapsible: item.collapsibleState !== vscode.TreeItemCollapsibleState.None, command: item.command?.command };
      });
    },
  };
}

export function deactivate(): void {}

function isRevealTarget(value: unknown): value is RevealTarget {
  const t = value as Partial<RevealTarget> | null;
  return !!t && typeof t === 'object' && (t.kind === 'member' || t.kind === 'invite') && typeof t.id === 'string' && t.id.length > 0;
}
