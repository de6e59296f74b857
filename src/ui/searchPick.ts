import * as vscode from 'vscode';
import type { PagedCollection } from '../model/pagedCollection';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';

/** How one item shows in the pick: API text, shown as plain text. */
export interface PickText {
  label: string;
  description?: string;
  /** Shown under the label; usually the id, so an id can be searched too. */
  detail?: string;
}

/** The part of a store list a search needs (every org-store list is one). */
export type SearchableList<T> = Pick<PagedCollection<T>, 'items' | 'hasMore' | 'error' | 'loadUntil'>;

export interface SearchPickOptions<T> {
  title: string;
  placeholder: string;
  /** The item's text; undefined leaves it out (a folder showing part of a list). */
  describe: (item: T) => PickText | undefined;
  /** How many matches to look for before we stop fetching pages for the current filter. */
  wanted?: number;
  canPickMany?: boolean;
}

interface PickRow<T> extends vscode.QuickPickItem {
  item: T;
}

function matches(text: PickText, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return [text.label, text.description, text.detail].some((s) => s?.toLowerCase().includes(f));
}

/**
 * A quick pick over a paged store list that searches what is loaded and fetches further pages
 * while the filter finds too little, so "Find member…" works in organizations of thousands
 * without loading everyone up front. Pages it loads stay in the store: the tree and every other
 * view of the list see them, and nobody reads them twice.
 */
export async function searchPick<T>(list: SearchableList<T>, opts: SearchPickOptions<T>): Promise<T[] | undefined> {
  const qp = vscode.window.createQuickPick<PickRow<T>>();
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.canSelectMany = opts.canPickMany ?? false;
  qp.ignoreFocusOut = true;
  const wanted = opts.wanted ?? 20;
  let disposed = false;
  let searching = 0;
  // One row object per item, so ticked rows stay ticked when a new page redraws the list.
  const rows = new Map<T, PickRow<T> | null>();
  const rowOf = (item: T): PickRow<T> | undefined => {
    let row = rows.get(item);
    if (row === undefined) {
      const text = opts.describe(item);
      // Labels are shown as text; `$(…)` icons are only honoured in our own strings.
      row = text ? { label: plainText(text.label), description: text.description === undefined ? undefined : plainText(text.description),
        detail: text.detail === undefined ? undefined : plainText(text.detail), item } : null;
      rows.set(item, row);
    }
    return row ?? undefined;
  };
  const shown = () => list.items.flatMap((item) => rowOf(item) ?? []);

  const render = () => {
    const ticked = new Set(qp.selectedItems);
    const items = shown();
    qp.items = items;
    if (qp.canSelectMany) qp.selectedItems = items.filter((row) => ticked.has(row));
  };

  const search = async () => {
    const run = ++searching;
    qp.busy = true;
    try {
      await list.loadUntil(() => disposed || run !== searching
        || shown().filter((row) => matches(row, qp.value)).length >= wanted);
      if (list.error !== undefined) {
        qp.placeholder = vscode.l10n.t('Couldn\'t load more: {0}', describeError(list.error));
      }
    } finally {
      if (run === searching && !disposed) {
        qp.busy = false;
        render();
      }
    }
  };

  return new Promise((resolve) => {
    let result: T[] | undefined;
    qp.onDidChangeValue(() => void search());
    qp.onDidAccept(() => {
      const picked = qp.canSelectMany ? [...qp.selectedItems] : qp.selectedItems.slice(0, 1);
      if (!picked.length && !qp.canSelectMany) return;
      result = picked.map((row) => row.item);
      qp.hide();
    });
    qp.onDidHide(() => {
      disposed = true;
      qp.dispose();
      resolve(result);
    });
    render();
    qp.show();
    void search();
  });
}
