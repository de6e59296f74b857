import type * as vscode from 'vscode';
import type { AdminClient } from '../api';
import type { Page } from '../model/pagedCollection';

/**
 * Plain data describing one tree row. Node kinds are functions from API objects to NodeSpecs; the
 * provider turns specs into TreeItems and owns loading, paging, errors and refresh for all of them.
 */
export interface NodeSpec {
  /** Stable within its parent (usually the API id); the full id is `<parent id>/<key>`. */
  key: string;
  label: string;
  description?: string;
  /** Codicon id, optionally with a theme colour id: ['warning', 'list.warningForeground']. */
  icon?: string | [string, string];
  /** Plain text lines, or pairs shown as "**name:** value"; always escaped, never trusted. */
  tooltip?: Array<string | [string, string | number | null | undefined]>;
  /** Space-separated words matched by `viewItem =~ /\bword\b/` in menus. */
  contextValue?: string;
  /** The API object the row stands for, handed to commands. */
  data?: unknown;
  /** Where commands find the project (and other parents) this row belongs to. */
  context?: Record<string, string>;
  children?: ChildrenSpec;
  expanded?: boolean;
  command?: vscode.Command;
  /** Text the "Copy" commands offer (id, email, …). */
  copy?: Array<[label: string, value: string]>;
  /** Path on platform.openai.com for "Open in OpenAI Platform". */
  platformPath?: string;
}

export type ChildrenSpec = { type: 'static'; nodes: () => NodeSpec[] } | PagedChildren;

export interface PagedChildren {
      type: 'paged';
      /** Plural noun for messages: "Couldn't load users". */
      what: string;
      load: (client: AdminClient, cursor: string | undefined, signal: AbortSignal) => Promise<Page<NodeSpec>>;
      empty?: string;
      /** Rows shown above the loaded items (e.g. the "Archived" folder under Projects). */
      fixed?: () => NodeSpec[];
}
