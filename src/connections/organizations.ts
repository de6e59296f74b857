// The connected organizations, kept in step with the connection list: an organization is built when
// its connection appears and disposed (its store dropped, its loads stopped) when it goes. Commands,
// panels and views ask this set which organization an invocation is for.
import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../auth/connections';
import type { KeyState } from '../auth/session';
import type { Logger } from '../log';
import { organizationOfId } from '../tree/ids';
import { TreeNode } from '../tree/treeNode';
import type { UiOrganizations } from '../ui/context';
import { Organization } from './organization';

export class Organizations implements UiOrganizations<Organization>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly byId = new Map<string, Organization>();
  private treeView?: vscode.TreeView<TreeNode>;
  private wasSeveral: boolean;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: ConnectionRegistry, private readonly log: Logger) {
    this.wasSeveral = registry.list().length > 1;
    this.sync();
    this.subscription = registry.onDidChange(() => this.sync());
  }

  /** The view, once created (it needs this set's tree first). */
  set view(view: vscode.TreeView<TreeNode>) { this.treeView = view; }

  all(): readonly Organization[] {
    return this.registry.list().map((c) => this.byId.get(c.id)).filter((o): o is Organization => !!o);
  }

  get(id: string): Organization | undefined {
    return this.byId.get(id);
  }

  of(args: readonly unknown[]): Organization | undefined {
    const all = this.all();
    if (all.length === 1) return all[0];
    const arg = args[0];
    const named = typeof arg === 'string' ? organizationOfId(arg)
      : arg instanceof TreeNode ? organizationOfId(arg.id)
      : arg && typeof arg === 'object' && typeof (arg as { organization?: unknown }).organization === 'string'
        ? (arg as { organization: string }).organization : undefined;
    return named === undefined ? undefined : this.byId.get(named);
  }

  async pick(title: string): Promise<Organization | undefined> {
    const all = this.all();
    if (all.length <= 1) return all[0];
    const chosen = await vscode.window.showQuickPick(
      all.map((org) => ({ label: org.name, description: org.keyState === 'ok' ? undefined : vscode.l10n.t('no working admin key'), org })),
      { title, placeHolder: vscode.l10n.t('Which organization?') },
    );
    return chosen?.org;
  }

  /** Every organization's key state, for context keys: welcome views show while none has a key. */
  publish(): Thenable<unknown> {
    const states = this.all().map((o) => o.keyState);
    const state: KeyState = states.length === 1 ? states[0]! : states.includes('ok') ? 'ok' : states.find((s) => s !== 'missing') ?? 'missing';
    return Promise.all([
      vscode.commands.executeCommand('setContext', 'openaiAdmin.hasKey', states.some((s) => s !== 'missing')),
      vscode.commands.executeCommand('setContext', 'openaiAdmin.keyState', state),
      vscode.commands.executeCommand('setContext', 'openaiAdmin.severalOrganizations', states.length > 1),
    ]);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const org of this.byId.values()) org.dispose();
    this.byId.clear();
    this.changed.dispose();
  }

  private sync(): void {
    const wanted = this.registry.list();
    for (const [id, org] of [...this.byId]) {
      if (wanted.some((c) => c.id === id)) continue;
      this.byId.delete(id);
      this.log.info(`Removed the connection to ${org.name}: its data is dropped from memory.`);
      org.dispose();
    }
    const several = wanted.length > 1;
    const host = {
      several: () => this.registry.list().length > 1,
      view: () => {
        if (!this.treeView) throw new Error('The Organization view is not created yet.');
        return this.treeView;
      },
      publish: () => this.publish(),
    };
    for (const c of wanted) {
      if (this.byId.has(c.id)) continue;
      const org = new Organization(c.id, this.registry, host, this.log);
      this.byId.set(c.id, org);
      org.session.onDidChangeState(() => this.changed.fire());
      void org.session.refreshState();
    }
    if (several !== this.wasSeveral) for (const org of this.byId.values()) org.rebuildExplorer();
    this.wasSeveral = several;
    void this.publish();
    this.changed.fire();
  }
}
