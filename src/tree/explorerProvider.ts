import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { PagedCollection } from '../model/pagedCollection';
import { runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import { tooltipFor } from './markdown';
import type { NodeSpec } from './nodeSpec';
import { childId, TreeNode } from './treeNode';

export const VIEW_ID = 'openaiAdmin.explorer';
const MAX_LABEL = 200;

/**
 * The one mechanism behind every folder in the explorer: lazy children, pages with "Load more…",
 * merged concurrent loads, error rows with Retry, stable ids, and refresh of just the changed node.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<string | undefined>();
  /**
   * The node id `refresh` reloaded (undefined: the whole tree). Every write reloads the nodes it
   * changed through `refresh`, so editors showing the same data (the Project panel) follow it here.
   */
  readonly onDidRefresh = this.refreshed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly collections = new Map<string, PagedCollection<NodeSpec>>();

  constructor(private readonly session: Session, private readonly roots: () => NodeSpec[]) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const { spec } = node;
    const label = spec.label.length > MAX_LABEL ? `${spec.label.slice(0, MAX_LABEL)}…` : spec.label;
    const state = !spec.children ? vscode.TreeItemCollapsibleState.None
      : spec.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(label, state);
    item.id = node.id;
    item.description = spec.description && spec.description.length > MAX_LABEL ? `${spec.description.slice(0, MAX_LABEL)}…` : spec.description;
    item.contextValue = spec.contextValue;
    item.command = spec.command;
    if (spec.icon) {
      item.iconPath = typeof spec.icon === 'string' ? new vscode.ThemeIcon(spec.icon)
        : new vscode.ThemeIcon(spec.icon[0], new vscode.ThemeColor(spec.icon[1]));
    }
    return item;
  }

  /**
   * Tooltips are built when the pointer rests on a row, not for every row shown: a folder of 2,000
   * projects would otherwise send 2,000 Markdown tooltips to the workbench that nobody reads.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip ??= tooltipFor(node.spec);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.session.keyState === 'ok' ? this.place(undefined, this.roots()) : [];
    const children = node.spec.children;
    if (!children) return [];
    if (children.type === 'static') return this.place(node, children.nodes());

    const collection = this.collectionFor(node);
    if (!collection.isLoaded) {
      await runWithProgress({ location: { viewId: VIEW_ID } }, () => collection.ensureLoaded());
    }
    // Cancelled (collapsed) before anything arrived: show nothing rather than a misleading "No users".
    if (!collection.isLoaded) return this.place(node, children.fixed?.() ?? []);
    const placed = this.place(node, [...(children.fixed?.() ?? []), ...collection.items]);
    const fixedCount = placed.length - collection.items.length;
    if (collection.error !== undefined) {
      placed.push(this.special(node, 'error', {
        label: `Couldn't load ${children.what} — ${describeError(collection.error)}`,
        description: 'Retry',
        icon: ['error', 'list.errorForeground'],
        contextValue: 'error',
        command: { command: 'openaiAdmin.retryNode', title: 'Retry', arguments: [node.id] },
      }));
    } else if (collection.hasMore) {
      placed.push(this.special(node, 'loadMore', {
        label: 'Load more…',
        description: `${collection.items.length} loaded`,
        icon: 'ellipsis',
        contextValue: 'loadMore',
        command: { command: 'openaiAdmin.loadMore', title: 'Load more', arguments: [node.id] },
      }));
    } else if (placed.length === fixedCount) {
      placed.push(this.special(node, 'empty', { label: children.empty ?? `No ${children.what}`, contextValue: 'empty' }));
    }
    return placed;
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** A top-level folder (Projects, Members, …), whether or not the view has shown it yet. */
  root(key: string): TreeNode {
    const node = this.nodes.get(key) ?? this.place(undefined, this.roots()).find((n) => n.id === key);
    if (!node) throw new Error(`No root folder ${key}`);
    return node;
  }

  /** Finds a node by id, loading the folders on its path as the view would when expanding them. */
  async resolve(id: string): Promise<TreeNode | undefined> {
    const parts = id.split('/');
    let node: TreeNode | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const children = await this.getChildren(node);
      node = children.find((n) => n.id === prefix);
      if (!node) return undefined;
    }
    return node;
  }

  /** The loaded list behind a folder (quick picks search it and page it further). */
  collectionFor(node: TreeNode): PagedCollection<NodeSpec> {
    let collection = this.collections.get(node.id);
    if (!collection) {
      const children = node.spec.children;
      if (children?.type !== 'paged') throw new Error(`${node.id} is not a paged folder`);
      collection = new PagedCollection(async (cursor, signal) =>
        children.load(await this.session.getClient(), cursor, signal));
      this.collections.set(node.id, collection);
    }
    return collection;
  }

  /** Collapsing a folder cancels its loads (and those below it): nobody is waiting for them any more. */
  cancelLoads(node: TreeNode): void {
    let cancelled = false;
    for (const [key, collection] of this.collections) {
      if (key === node.id || key.startsWith(`${node.id}/`)) cancelled = collection.cancel() || cancelled;
    }
    // The view may keep the partial answer it got for a collapsed folder; make it ask again on expand.
    if (cancelled) this.changed.fire(node);
  }

  async loadMore(id: string): Promise<void> {
    const node = this.nodes.get(id);
    if (!node) return;
    await runWithProgress({ location: { viewId: VIEW_ID } }, () => this.collectionFor(node).loadMore());
    this.changed.fire(node);
  }

  /** Reloads one node (and everything under it); with no id, the whole tree. */
  refresh(id?: string): void {
    if (!id) {
      for (const c of this.collections.values()) c.reset();
      this.collections.clear();
      this.nodes.clear();
      this.changed.fire(undefined);
      this.refreshed.fire(undefined);
      return;
    }
    for (const [key, collection] of this.collections) {
      if (key === id || key.startsWith(`${id}/`)) { collection.reset(); this.collections.delete(key); }
    }
    const node = this.nodes.get(id);
    this.changed.fire(node);
    this.refreshed.fire(id);
  }

  dispose(): void {
    for (const c of this.collections.values()) c.reset();
    this.changed.dispose();
    this.refreshed.dispose();
  }

  private place(parent: TreeNode | undefined, specs: NodeSpec[]): TreeNode[] {
    return specs.map((spec) => {
      const id = childId(parent, spec.key);
      const existing = this.nodes.get(id);
      // Reuse the node object when nothing structural changed, so reveal() and selection keep working.
      const node = existing && existing.spec === spec ? existing : new TreeNode(id, spec, parent);
      this.nodes.set(id, node);
      return node;
    });
  }

  private special(parent: TreeNode, key: string, spec: Omit<NodeSpec, 'key'>): TreeNode {
    return this.place(parent, [{ key: `~${key}`, ...spec }])[0];
  }
}
