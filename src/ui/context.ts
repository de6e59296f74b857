// What the VS Code glue shares, whether it is a command or a webview: the connection, the org
// store every view reads and every write reports to, and the log. Commands add the tree
// (src/commands/context.ts); webviews get only this, so they cannot reach into the tree.
import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { OrgStore } from '../model/store';

/** The organization a context acts on. */
export interface OrgInfo {
  /** The connection's id: what a command's `{ organization }` argument names. */
  readonly id: string;
  readonly name: string;
  /** Its name when several organizations are connected (tab titles, the status bar); undefined with one. */
  readonly label: string | undefined;
}

export interface UiContext {
  /** The organization this context's session, store and views belong to. */
  org: OrgInfo;
  session: Session;
  /** What has been read of the organization; every view reads from it and every write reports to it. */
  store: OrgStore;
  log: Logger;
}

/** A project as a write names it: its id, and its name for messages. */
export interface ProjectRef {
  id: string;
  name: string;
  /** Whether it is archived (its tree folders live under Archived). */
  archived?: boolean;
}

/** The connected organizations, each with its own context (its key, store and views). */
export interface UiOrganizations<C extends UiContext = UiContext> {
  /** In the order the tree shows them. */
  all(): readonly C[];
  /**
   * The organization a command's arguments name: a tree row under its folder, an object with
   * `organization: <id>`; the only one when there is one. Undefined: ask (`pick`).
   */
  of(args: readonly unknown[]): C | undefined;
  /** Asks which organization when there are several; undefined when the user cancels. */
  pick(title: string): Promise<C | undefined>;
  /** One was added, removed or renamed, or a key changed. */
  readonly onDidChange: vscode.Event<void>;
}

/** `of(args)`, else the question: what a palette command runs before it does anything. */
export async function organizationFor<C extends UiContext>(orgs: UiOrganizations<C>, args: readonly unknown[], title: string): Promise<C | undefined> {
  return orgs.of(args) ?? orgs.pick(title);
}
