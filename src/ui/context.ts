// What the VS Code glue shares, whether it is a command or a webview: the connection, the org
// store every view reads and every write reports to, and the log. Commands add the tree
// (src/commands/context.ts); webviews get only this, so they cannot reach into the tree.
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { OrgStore } from '../model/store';

export interface UiContext {
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
