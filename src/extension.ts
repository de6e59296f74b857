import * as vscode from 'vscode';
const moduleLoadedAt = performance.now();

import { ConnectionRegistry } from './auth/connections';
import { registerConnectionCommands } from './connections/commands';
import type { Organization } from './connections/organization';
import { Organizations } from './connections/organizations';
import { organizationFor } from './ui/context';
import { OrganizationsTree } from './tree/organizationsTree';
import { Logger } from './log';
import { registerLazyCommands } from './commands/lazy';
import { VIEW_ID } from './tree/explorerProvider';
import type { TreeNode } from './tree/treeNode';
import { setUpL10n } from './l10n';
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
  /** An organization's spend status bar item (the first's when no id is given): undefined until the first use of its API started it. */
  spendStatus: { snapshot(organization?: string): SpendStatusSnapshot | undefined; refresh(organization?: string): Promise<void> };
  /** The connected organizations (src/connections/). */
  organizations: {
    list(): { id: string; name: string; keyState: string }[];
    /** Whether the organization's secret is in secret storage. */
    secretsOf(id: string): Promise<boolean>;
  };
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
  setUpL10n();
  const testHooks = hasTestHooks(context.extensionMode);
  const log = new Logger(vscode.window.createOutputChannel('OpenAI Admin', { log: true }));
  // Each organization has its own key, session, org store and explorer (src/connections/).
  const registry = new ConnectionRegistry(context.globalState, context.secrets);
  const orgs = new Organizations(registry, log);
  const first = () => orgs.all()[0]!;
  const tree = new OrganizationsTree(() => orgs.all());
  // Several rows at once: bulk actions (deleting selected API keys) take the whole selection.
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  orgs.view = view;
  const hygiene = new HygieneProvider(first(), log);
  const hygieneView = vscode.window.createTreeView(HYGIENE_VIEW_ID, { treeDataProvider: hygiene, showCollapseAll: true, canSelectMany: true });
  hygiene.view = hygieneView;

  // Usage & Costs reads each organization with its own client and store, or all of them together.
  const usage = registerUsagePanel({
    log, extensionUri: context.extensionUri, renderReports: testHooks,
    organizations: () => orgs.all().map((o) => ({ id: o.id, name: o.name, getClient: () => o.session.getClient(), store: o.store })),
    onDidChangeOrganizations: orgs.onDidChange,
  });
  const project = registerProjectPanel(orgs, context.extensionUri, context.workspaceState, testHooks);
  const accessReview = registerAccessReview({ organizations: orgs, extensionUri: context.extensionUri, renderReports: testHooks });

  /** The organization a command's argument names, or the one the user picks. */
  const chosen = (arg: unknown, title: string) => organizationFor(orgs, [arg], title);
  const runHygiene = async (refresh: boolean) => {
    const org = await chosen(undefined, vscode.l10n.t('Key Hygiene'));
    if (!org) return;
    hygiene.use(org);
    await hygiene.runFromView(refresh);
  };

  context.subscriptions.push(
    log, registry, orgs, tree, view, hygiene, hygieneView,
    registerLazyCommands(orgs),
    registerPlanDocuments(),
    registerOrgFileDiagnostics(),
    ...registerConnectionCommands(orgs, registry, log, testHooks),
    ...usage.disposables,
    ...project.disposables,
    ...accessReview.disposables,
    // Refresh forgets everything read (the next look or Load Organization reads afresh), not just the tree.
    vscode.commands.registerCommand('openaiAdmin.refresh', () => { for (const org of orgs.all()) org.explorer.refresh(); }),
    vscode.commands.registerCommand('openaiAdmin.showLog', () => log.show()),
    // Load more and Retry rows pass their folder's id, which names its organization.
    vscode.commands.registerCommand('openaiAdmin.loadMore', (id: string) => orgs.of([id])?.explorer.loadMore(id)),
    vscode.commands.registerCommand('openaiAdmin.retryNode', (id: string) => orgs.of([id])?.explorer.refresh(id)),
    // Panels show a row in the tree by its id (the Access Review's members and invites).
    // A tree id, or a target named by kind and id (the Access Review, which cannot import tree ids).
    vscode.commands.registerCommand('openaiAdmin.revealInExplorer', async (target: unknown) => {
      const org = await chosen(target, vscode.l10n.t('Reveal in Explorer'));
      const id = typeof target === 'string' ? target : isRevealTarget(target) ? revealTargetId(target) : undefined;
      return !!org && id !== undefined && reveal(org, id);
    }),
    vscode.commands.registerCommand('openaiAdmin.getStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false)),
    // The Organization view's title shows the Key Hygiene view (collapsed under it by default).
    vscode.commands.registerCommand('openaiAdmin.showKeyHygiene', () => vscode.commands.executeCommand(`${HYGIENE_VIEW_ID}.focus`)),
    vscode.commands.registerCommand('openaiAdmin.hygiene.run', () => runHygiene(false)),
    vscode.commands.registerCommand('openaiAdmin.hygiene.refresh', () => runHygiene(true)),
    // An organization added, removed or renamed, or a key changed: folders, names and states redraw.
    orgs.onDidChange(() => {
      tree.reset();
      if (!orgs.get(hygiene.organization)) hygiene.use(first());
    }),
    view.onDidCollapseElement((e) => orgs.of([e.element])?.explorer.cancelLoads(e.element)),
  );

  // The spend item's code loads when something first uses an organization's API (a tree folder, a
  // panel, a command), never at activation, which makes no request (BENCHMARKS.md fig. 3). Each
  // organization gets its own item.
  const spendBars = new Map<Organization, Promise<SpendStatusBar>>();
  const spendShown = new Map<Organization, SpendStatusBar>();
  const startSpend = (org: Organization) => {
    let bar = spendBars.get(org);
    if (!bar) {
      bar = import('./status/spendStatus').then(({ SpendStatusBar }) => {
        const made = new SpendStatusBar(org, org.session, org.store, log);
        if (spendBars.has(org)) spendShown.set(org, made);
        else made.dispose();
        return made;
      });
      spendBars.set(org, bar);
    }
    return bar;
  };
  const followSpend = () => {
    for (const bar of spendShown.values()) bar.relabel();
    for (const [org, bar] of [...spendBars]) {
      if (orgs.get(org.id) === org) continue;
      spendBars.delete(org);
      spendShown.delete(org);
      void bar.then((b) => b.dispose());
    }
    for (const org of orgs.all()) {
      if (org.session.hasBeenUsed) void startSpend(org);
      else if (!watched.has(org)) {
        watched.add(org);
        context.subscriptions.push(org.session.onDidFirstUse(() => void startSpend(org)));
      }
    }
  };
  const watched = new WeakSet<Organization>();
  followSpend();
  context.subscriptions.push(orgs.onDidChange(followSpend), { dispose: () => { for (const bar of spendBars.values()) void bar.then((b) => b.dispose()); } });

  const now = performance.now();
  log.info(`Activated in ${(now - activateStart).toFixed(1)} ms (module load to ready ${(now - moduleLoadedAt).toFixed(1)} ms).`);

  if (!testHooks) return undefined;
  const rowOf = (n: TreeNode): TreeRow => {
    const item = tree.resolveTreeItem(tree.getTreeItem(n), n);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    return { id: n.id, label: String(item.label), description: item.description === undefined ? undefined : String(item.description),
      contextValue: item.contextValue, tooltip, collapsible: item.collapsibleState !== vscode.TreeItemCollapsibleState.None, command: item.command?.command };
  };
  const orgOf = (id?: string) => {
    const org = id === undefined ? first() : orgs.get(id);
    if (!org) throw new Error(`No organization ${id}`);
    return org;
  };
  return {
    hasKey: async () => Boolean(await first().session.keys.get()),
    baseUrl: () => {
      const s = first().session.settings();
      return s.ok ? s.settings.baseUrl : '';
    },
    keyState: () => first().session.keyState,
    logLines: () => log.lines(),
    treeNode: (id) => orgs.of([id])?.explorer.resolve(id) ?? Promise.resolve(undefined),
    usagePanel: usage.testHook,
    projectPanel: project.testHook,
    accessReview: accessReview.testHook,
    spendStatus: {
      snapshot: (id) => spendShown.get(orgOf(id))?.snapshot(),
      refresh: async (id) => (await startSpend(orgOf(id))).refreshNow(),
    },
    organizations: {
      list: () => orgs.all().map((o) => ({ id: o.id, name: o.name, keyState: o.keyState })),
      secretsOf: async (id) => Boolean(await registry.keysOf(id).get()),
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
      const parent = id === undefined ? undefined : await orgs.of([id])?.explorer.resolve(id);
      if (id !== undefined && !parent) throw new Error(`No tree node ${id}`);
      return (await tree.getChildren(parent)).map(rowOf);
    },
  };
}

export function deactivate(): void {}

function isRevealTarget(value: unknown): value is RevealTarget {
  const t = value as Partial<RevealTarget> | null;
  return !!t && typeof t === 'object' && (t.kind === 'member' || t.kind === 'invite') && typeof t.id === 'string' && t.id.length > 0;
}
