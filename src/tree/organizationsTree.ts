// The Organization view's data provider. With one connection it is that organization's explorer,
// unchanged. With several, each organization is a top-level folder whose rows come from its own
// explorer (its own store and key): this provider only places them and forwards their changes.
import * as vscode from 'vscode';
import type { KeyState } from '../auth/session';
import type { ExplorerProvider } from './explorerProvider';
import { contextValue, organizationOfId } from './ids';
import type { TreeNode } from './treeNode';

/** What the view needs of one connected organization. */
export interface TreeOrganization {
  readonly id: string;
  readonly name: string;
  readonly keyState: KeyState;
  readonly explorer: ExplorerProvider;
}

/** What is wrong with an organization's key, shown beside its name (undefined: nothing). */
function keyProblem(state: KeyState): string | undefined {
  switch (state) {
    case 'missing': return vscode.l10n.t('no admin key');
    case 'invalid': return vscode.l10n.t('key rejected (401)');
    case 'notAdmin': return vscode.l10n.t('not an admin key (403)');
    case 'badBaseUrl': return vscode.l10n.t('API base URL refused');
    default: return undefined;
  }
}

export class OrganizationsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding: vscode.Disposable[] = [];

  constructor(private readonly organizations: () => readonly TreeOrganization[]) {
    this.rewire();
  }

  /** The set of organizations (or their names, keys or explorers) changed: everything redraws. */
  reset(): void {
    this.rewire();
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const org = this.ownerOf(node);
    if (org && node === org.explorer.top) {
      const item = new vscode.TreeItem(org.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.description = keyProblem(org.keyState);
      item.contextValue = contextValue('connection');
      item.tooltip = org.keyState === 'ok' ? org.name : `${org.name}: ${keyProblem(org.keyState)}`;
      return item;
    }
    return (org ?? this.single()!).explorer.getTreeItem(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const org = this.ownerOf(node) ?? this.single();
    return org && node !== org.explorer.top ? org.explorer.resolveTreeItem(item, node) : item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const single = this.single();
    if (single) return single.explorer.getChildren(node);
    if (!node) return this.organizations().flatMap((o) => (o.explorer.top ? [o.explorer.top] : []));
    const org = this.ownerOf(node);
    return org ? org.explorer.getChildren(node) : [];
  }

  dispose(): void {
    for (const d of this.forwarding) d.dispose();
    this.changed.dispose();
  }

  /** The only organization, when there is one (its explorer has no folder of its own). */
  private single(): TreeOrganization | undefined {
    const all = this.organizations();
    return all.length === 1 ? all[0] : undefined;
  }

  private ownerOf(node: TreeNode): TreeOrganization | undefined {
    const id = organizationOfId(node.id);
    return id === undefined ? undefined : this.organizations().find((o) => o.id === id);
  }

  private rewire(): void {
    for (const d of this.forwarding) d.dispose();
    this.forwarding = this.organizations().map((org) => org.explorer.onDidChangeTreeData((node) => {
      // A whole-tree change of one organization redraws only its folder.
      this.changed.fire(node ?? org.explorer.top);
    }));
  }
}
