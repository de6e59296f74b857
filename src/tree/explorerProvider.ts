import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import { listKey, RESOURCES, type ListRef, type OrgStore, type ResourceDef, type StoreChange, type StoredList } from '../model/store';
import { childId as idChild, contextValue, pathOf } from './ids';
import { listRows } from './listRows';
import { tooltipFor } from './markdown';
import type { ListChildren, NodeSpec, Section, StoreItem } from './nodeSpec';
import { childId, TreeNode } from './treeNode';

export const VIEW_ID = 'openaiAdmin.explorer';
const MAX_LABEL = 200;

/** A list folder's rows as a paged list (what the Project panel's member search reads until it reads the store). */
export interface FolderRows {
  readonly items: readonly NodeSpec[];
  readonly hasMore: boolean;
  readonly error: unknown;
  loadUntil(enough: (items: readonly NodeSpec[]) => boolean, signal?: AbortSignal): Promise<void>;
}

/**
 * The one mechanism behind every folder in the explorer: lazy children, pages with "Load more…",
 * merged concurrent loads, error rows with Retry, stable ids, and refresh of just the changed node.
 *
 * The data lives in the org store, not here: a folder names the store lists it shows, and rows are
 * made from what those lists hold when the folder is drawn. A change of a list (a page, a write's
 * effect, an invalidation) redraws exactly the folders showing it, without a request.
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
  /** Folder node id → the store lists it shows. */
  private readonly shown = new Map<string, readonly ListRef[]>();
  /** Store list key → folder node ids showing it, so a change redraws exactly those. */
  private readonly watchers = new Map<string, Set<string>>();
  /**
   * Folder node id → the rows made for each item, so an unchanged item keeps its spec, hence its
   * TreeNode (reveal and selection hold on to the object), and rows are not rebuilt on each draw.
   */
  private readonly rowCache = new Map<string, WeakMap<object, NodeSpec[]>>();
  /** Folders whose own load is in progress: they draw when it ends, so its 'loaded' event is not needed. */
  private readonly drawing = new Map<string, number>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly session: Pick<Session, 'keyState'>,
    private readonly store: OrgStore,
    private readonly roots: () => NodeSpec[],
    /**
     * The organization's folder when several organizations share the view: the top-level folders
     * go under it, so every id starts with its id. Ids given to this provider without that prefix
     * (commands build them with ./ids) are taken as relative to it.
     */
    readonly top?: TreeNode,
  ) {
    this.subscription = store.onDidChange((change) => this.storeChanged(change));
  }

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
    if (!node || node === this.top) return this.session.keyState === 'ok' ? this.place(this.top, this.roots()) : [];
    const children = node.spec.children;
    if (!children) return [];
    if (children.type === 'static') return this.place(node, children.nodes());

    const lists = this.listsOf(node, children);
    // Only lists never read (or dropped): a failed list keeps its error row until Retry.
    const unread = lists.filter((list) => !list.isLoaded);
    if (unread.length) await this.whileDrawing(node, () => Promise.all(unread.map((list) => list.ensureLoaded())));
    const fixed = children.fixed?.() ?? [];
    // Cancelled (collapsed) before anything arrived: show nothing rather than a misleading "No users".
    if (!lists.every((list) => list.isLoaded)) return this.place(node, fixed);
    const rows = listRows(children, lists, (section, item) => this.rowsFor(node.id, section, item));
    const placed = this.place(node, [...fixed, ...rows]);
    const failed = lists.find((list) => list.error !== undefined);
    if (failed) {
      placed.push(this.special(node, 'error', {
        label: vscode.l10n.t("Couldn't load {0} — {1}", children.what, describeError(failed.error)),
        description: vscode.l10n.t('Retry'),
        icon: ['error', 'list.errorForeground'],
        contextValue: contextValue('error'),
        command: { command: 'openaiAdmin.retryNode', title: vscode.l10n.t('Retry'), arguments: [node.id] },
      }));
    } else if (lists.some((list) => list.hasMore)) {
      placed.push(this.special(node, 'loadMore', {
        label: vscode.l10n.t('Load more…'),
        description: vscode.l10n.t('{0} loaded', rows.length),
        icon: 'ellipsis',
        contextValue: contextValue('loadMore'),
        command: { command: 'openaiAdmin.loadMore', title: vscode.l10n.t('Load more'), arguments: [node.id] },
      }));
    } else if (!rows.length) {
      placed.push(this.special(node, 'empty', { label: children.empty ?? vscode.l10n.t('No {0}', children.what), contextValue: contextValue('empty') }));
    }
    return placed;
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(this.absolute(id));
  }

  /** The id as the view knows it: under the organization's folder when there is one. */
  absolute(id: string): string {
    const top = this.top?.id;
    return top === undefined || id === top || id.startsWith(`${top}/`) ? id : `${top}/${id}`;
  }

  /** A top-level folder (Projects, Members, …), whether or not the view has shown it yet. */
  root(key: string): TreeNode {
    const id = this.absolute(key);
    const node = this.nodes.get(id) ?? this.place(this.top, this.roots()).find((n) => n.id === id);
    if (!node) throw new Error(`No root folder ${key}`);
    return node;
  }

  /** Finds a node by id, loading the folders on its path as the view would when expanding them. */
  async resolve(id: string): Promise<TreeNode | undefined> {
    let node: TreeNode | undefined = this.top;
    for (const prefix of pathOf(this.absolute(id))) {
      if (prefix === this.top?.id) continue;
      const children = await this.getChildren(node);
      node = children.find((n) => n.id === prefix);
      if (!node) return undefined;
    }
    return node;
  }

  /**
   * What a quick pick over a list folder searches: the list that pages (for the spend folder, the
   * alerts), and the row the tree shows for an item (undefined for an item the folder leaves out).
   */
  pickSource(node: TreeNode): { ref: ListRef; rowOf: (item: unknown) => NodeSpec | undefined } {
    const children = node.spec.children;
    if (children?.type !== 'list') throw new Error(`${node.id} is not a list folder`);
    const section = children.sections[children.sections.length - 1]!;
    return { ref: section.source, rowOf: (item) => this.rowsFor(node.id, section, item)[0] };
  }

  /**
   * A list folder's rows as one paged list, read from the store.
   * @deprecated Read the store (`OrgStore.list`) instead; kept for the Project panel's member search.
   */
  collectionFor(node: TreeNode): FolderRows {
    const children = node.spec.children;
    if (children?.type !== 'list') throw new Error(`${node.id} is not a list folder`);
    const lists = () => this.listsOf(node, children);
    const rows = () => listRows(children, lists(), (section, item) => this.rowsFor(node.id, section, item));
    return {
      get items() { return rows(); },
      get hasMore() { return lists().some((l) => l.hasMore); },
      get error() { return lists().find((l) => l.error !== undefined)?.error; },
      loadUntil: async (enough, signal) => {
        const all = lists();
        await Promise.all(all.slice(0, -1).map((l) => l.ensureLoaded()));
        await all[all.length - 1]!.loadUntil(() => enough(rows()), signal);
      },
    };
  }

  /** Collapsing a folder cancels its loads (and those below it): nobody is waiting for them any more. */
  cancelLoads(node: TreeNode): void {
    let cancelled = false;
    for (const ref of this.refsAtAndUnder(node.id)) cancelled = (this.store.peek(ref)?.cancel() ?? false) || cancelled;
    // The view may keep the partial answer it got for a collapsed folder; make it ask again on expand.
    if (cancelled) this.changed.fire(node);
  }

  async loadMore(id: string): Promise<void> {
    const node = this.nodes.get(this.absolute(id));
    const children = node?.spec.children;
    if (!node || children?.type !== 'list') return;
    const lists = this.listsOf(node, children).filter((list) => list.hasMore);
    await this.whileDrawing(node, () => Promise.all(lists.map((list) => list.loadMore())));
    this.changed.fire(node);
  }

  /**
   * Reloads one node (and everything under it): the store drops the lists shown there, and each
   * folder showing them (here or elsewhere) redraws. With no id, the whole tree and the store.
   */
  refresh(relative?: string): void {
    if (!relative) {
      this.store.clear();
      this.nodes.clear();
      this.rowCache.clear();
      this.changed.fire(undefined);
      this.refreshed.fire(undefined);
      return;
    }
    const id = this.absolute(relative);
    const refs = this.refsAtAndUnder(id);
    this.store.apply(refs.map((ref) => ({ kind: 'invalidate' as const, resource: ref.resource, ids: ref.ids })));
    const node = this.nodes.get(id);
    this.changed.fire(node);
    this.refreshed.fire(id);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const ref of this.refsAtAndUnder(undefined)) this.store.peek(ref)?.cancel();
    this.changed.dispose();
    this.refreshed.dispose();
  }

  /** The folder's lists from the store, remembering that this folder shows them. */
  private listsOf(node: TreeNode, children: ListChildren): StoredList<unknown>[] {
    const refs = children.sections.map((s) => s.source);
    const before = this.shown.get(node.id);
    if (before) for (const ref of before) this.watchers.get(listKey(ref))?.delete(node.id);
    this.shown.set(node.id, refs);
    for (const ref of refs) {
      const key = listKey(ref);
      let ids = this.watchers.get(key);
      if (!ids) this.watchers.set(key, ids = new Set());
      ids.add(node.id);
    }
    return refs.map((ref) => this.store.list(ref) as StoredList<unknown>);
  }

  /** The lists shown at a node and below it (undefined: everywhere), including a folder not drawn yet. */
  private refsAtAndUnder(id: string | undefined): ListRef[] {
    const refs = new Map<string, ListRef>();
    for (const [folderId, shown] of this.shown) {
      if (id === undefined || folderId === id || folderId.startsWith(`${id}/`)) for (const ref of shown) refs.set(listKey(ref), ref);
    }
    // A write may name a top-level folder the view never drew, whose list a quick pick has read.
    const spec = id === undefined ? undefined : this.nodes.get(id)?.spec ?? this.roots().find((root) => idChild(this.top?.id, root.key) === id);
    const children = spec?.children;
    if (children?.type === 'list') for (const { source } of children.sections) refs.set(listKey(source), source);
    return [...refs.values()];
  }

  private rowsFor(folderId: string, section: Section, item: unknown): NodeSpec[] {
    if (typeof item !== 'object' || item === null) return section.toNodes(item);
    let cache = this.rowCache.get(folderId);
    if (!cache) this.rowCache.set(folderId, cache = new WeakMap());
    let rows = cache.get(item);
    if (!rows) cache.set(item, rows = section.toNodes(item).map((spec) => this.standingFor(spec, section.source, item)));
    return rows;
  }

  /** Marks a row as standing for a store item: commands look the item up in the store, the row holds no copy. */
  private standingFor(spec: NodeSpec, ref: ListRef, item: unknown): NodeSpec {
    const idOf = (RESOURCES[ref.resource] as ResourceDef<unknown>).idOf;
    return Object.defineProperty(spec, 'item', { value: { ref, id: idOf ? idOf(item) : '' } satisfies StoreItem, enumerable: true });
  }

  private async whileDrawing<R>(node: TreeNode, load: () => Promise<R>): Promise<R> {
    this.drawing.set(node.id, (this.drawing.get(node.id) ?? 0) + 1);
    try {
      return await runWithProgress({ location: { viewId: VIEW_ID } }, load);
    } finally {
      const n = (this.drawing.get(node.id) ?? 1) - 1;
      if (n) this.drawing.set(node.id, n);
      else this.drawing.delete(node.id);
    }
  }

  private storeChanged(change: StoreChange): void {
    for (const id of this.watchers.get(change.key) ?? []) {
      if (change.reason === 'loaded' && this.drawing.has(id)) continue;
      const node = this.nodes.get(id);
      if (node) this.changed.fire(node);
    }
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
