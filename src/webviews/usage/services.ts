// What the Usage & Costs panel needs from the extension's wiring (src/extension.ts): the connected
// organizations, each with its own client and store, and word when they change. Types only.
import type * as vscode from 'vscode';
import type { AdminClient } from '../../api';
import type { Logger } from '../../log';
import type { OrgStore } from '../../model/store';

/** One connected organization, as the panel needs it. */
export interface UsageOrganization {
  /** Stable connection id ('default' for the first). */
  readonly id: string;
  /** The user's name for it (the tab title and the Organization control show it). */
  readonly name: string;
  /** That organization's client (its own key). */
  getClient(): Promise<AdminClient>;
  /** That organization's store (names of projects, keys and users). */
  readonly store: OrgStore;
}

export interface UsageServices {
  log: Logger;
  extensionUri: vscode.Uri;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
  /** The connected organizations, in tree order; one when there is one connection. */
  organizations(): readonly UsageOrganization[];
  /** Fires when one is added, removed, renamed, or its key changes: everything cached is dropped. */
  readonly onDidChangeOrganizations: vscode.Event<void>;
}
