import type * as vscode from 'vscode';
import type { ItemOfResource, ListRef, ResourceName } from '../model/store';

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
  /**
   * The store item the row stands for (set by the provider on rows made from a list's items):
   * commands look it up in the store (`store.find(ref, id)`), so they act on what the store holds
   * now, and the tree holds no API objects.
   */
  item?: StoreItem;
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

/** Where a row's object lives: its list in the org store, and its id there ('' for one-object settings). */
export interface StoreItem {
  readonly ref: ListRef;
  readonly id: string;
}

export type ChildrenSpec = { type: 'static'; nodes: () => NodeSpec[] } | ListChildren;

/** One org-store list a folder shows, and the rows each of its items becomes. */
export interface Section<T = unknown> {
  source: ListRef;
  /** Rows for one item (a one-object setting may show as several rows; a filter shows none). */
  toNodes: (item: T) => NodeSpec[];
  /** Rows when the list is read and empty: a one-object setting that is not set. */
  none?: () => NodeSpec[];
}

/**
 * A folder whose children are org-store lists, read through the store (which owns loading, merged
 * requests and read times) and turned into rows when shown. The last section pages ("Load more…");
 * the ones before it are settings of zero or one item, read whole.
 */
export interface ListChildren {
  type: 'list';
  /** Plural noun for messages: "Couldn't load users". */
  what: string;
  sections: readonly Section[];
  empty?: string;
  /** Rows shown above the loaded items (e.g. the "Archived" folder under Projects). */
  fixed?: () => NodeSpec[];
}

/** A section typed by its resource; the provider only sees `unknown` items. */
export function section<R extends ResourceName>(source: ListRef<R>, toNodes: (item: ItemOfResource<R>) => NodeSpec[], none?: () => NodeSpec[]): Section {
  return { source, toNodes: toNodes as (item: unknown) => NodeSpec[], none };
}
