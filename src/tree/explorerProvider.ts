import * as vscode from 'vscode';
import type { Session } from '../auth/session';

/** Temporary root until the organization tree lands: empty (welcome view) unless connected. */
export class ExplorerProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly session: Session) {}

  refresh(): void { this.changed.fire(undefined); }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem { return item; }

  getChildren(): vscode.TreeItem[] {
    if (this.session.keyState !== 'ok') return [];
    return [new vscode.TreeItem('Connected', vscode.TreeItemCollapsibleState.None)];
  }

  dispose(): void { this.changed.dispose(); }
}
