// One connected organization: its key (a session of its own), its org store and its explorer.
// Nothing here is shared with another organization, so a request for one never carries another's
// key and nothing read with one key is shown under another.
import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../auth/connections';
import { Session, type KeyState } from '../auth/session';
import type { CommandContext } from '../commands/context';
import type { Logger } from '../log';
import type { Connection } from '../model/connections';
import { OrgStore } from '../model/store/orgStore';
import { ExplorerProvider } from '../tree/explorerProvider';
import { organizationFolderId } from '../tree/ids';
import { organizationRoots } from '../tree/kinds/organization';
import type { TreeOrganization } from '../tree/organizationsTree';
import { TreeNode } from '../tree/treeNode';

/** What an organization asks of the set it belongs to. */
export interface OrganizationHost {
  /** Whether more than one organization is connected (folders in the tree, names in titles). */
  several(): boolean;
  view(): vscode.TreeView<TreeNode>;
  publish(state: KeyState): Thenable<unknown>;
}

export class Organization implements CommandContext, TreeOrganization, vscode.Disposable {
  readonly session: Session;
  readonly store: OrgStore;
  private explorerNow: ExplorerProvider;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly id: string,
    private readonly registry: ConnectionRegistry,
    private readonly host: OrganizationHost,
    readonly log: Logger,
  ) {
    const connection = this.connection;
    this.session = new Session(registry.keysOf(id), log, {
      baseUrl: connection.baseUrl,
      label: () => this.label,
      publish: (state) => host.publish(state),
    });
    this.store = new OrgStore(() => this.session.getClient());
    this.explorerNow = this.makeExplorer();
    this.disposables.push(
      this.session,
      // Another key may be another organization: nothing read with the old one may be shown.
      this.session.onDidChangeState(() => { this.store.clear(); this.explorerNow.refresh(); }),
    );
  }

  private get connection(): Connection {
    return this.registry.get(this.id) ?? { id: this.id, name: this.id };
  }

  get name(): string { return this.connection.name; }
  get label(): string | undefined { return this.host.several() ? this.name : undefined; }
  get org(): Organization { return this; }
  get keyState(): KeyState { return this.session.keyState; }
  get explorer(): ExplorerProvider { return this.explorerNow; }
  get view(): vscode.TreeView<TreeNode> { return this.host.view(); }

  register(id: string, handler: (...args: any[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, handler);
  }

  /**
   * A new explorer when the tree gains or loses its organization folders (ids change with them);
   * the store keeps what it read, so the rows come back without a request.
   */
  rebuildExplorer(): void {
    this.explorerNow.dispose();
    this.explorerNow = this.makeExplorer();
  }

  /** Forgets everything read with this organization's key and stops its loads. */
  dispose(): void {
    this.explorerNow.dispose();
    this.store.clear();
    this.store.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private makeExplorer(): ExplorerProvider {
    const top = this.host.several()
      ? new TreeNode(organizationFolderId(this.id), {
        key: organizationFolderId(this.id),
        label: this.name,
        children: { type: 'static', nodes: () => [] },
        // What a row's commands and panels look up (`node.lookup('organization')`) to act on this organization.
        context: { organization: this.id },
      }, undefined)
      : undefined;
    return new ExplorerProvider(this.session, this.store, organizationRoots, top);
  }
}
