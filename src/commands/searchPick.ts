import * as vscode from 'vscode';
import type { FolderRows } from '../tree/explorerProvider';
import type { NodeSpec } from '../tree/nodeSpec';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';

export interface SearchPickOptions {
  title: string;
  placeholder: string;
  /** How many matches to look for before we stop fetching pages for the current filter. */
  wanted?: number;
  canPickMany?: boolean;
  /** Rows already chosen (multi-select). */
  selectedKeys?: ReadonlySet<string>;
}

export interface PickedNode extends vscode.QuickPickItem {
  spec: NodeSpec;
}

function toItem(spec: NodeSpec): PickedNode {
  // Labels are shown as text; `$(…)` icons are only honoured in our own strings.
  return { label: plainText(spec.label), description: spec.description === undefined ? undefined : plainText(spec.description), detail: spec.key, spec };
}

function matches(spec: NodeSpec, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return [spec.label, spec.description, spec.key].some((s) => s?.toLowerCase().includes(f));
}

/**
 * A quick pick over a paged list that searches what is loaded and fetches further pages while the
 * filter finds too little, so "Find member…" works in organizations of thousands without loading
 * everyone up front. Loaded pages stay in the shared collection (the tree sees them too).
 */
export async function searchPick(collection: FolderRows, opts: SearchPickOptions): Promise<PickedNode[] | undefined> {
  const qp = vscode.window.createQuickPick<PickedNode>();
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.canSelectMany = opts.canPickMany ?? false;
  qp.ignoreFocusOut = true;
  const wanted = opts.wanted ?? 20;
  let disposed = false;
  let searching = 0;

  const render = () => {
    const items = collection.items.filter((s) => !s.key.startsWith('~')).map(toItem);
    qp.items = items;
    if (opts.selectedKeys) qp.selectedItems = items.filter((i) => opts.selectedKeys!.has(i.spec.key));
  };

  const search = async () => {
    const run = ++searching;
    qp.busy = true;
    try {
      await collection.loadUntil((items) => disposed || run !== searching
        || items.filter((s) => matches(s, qp.value)).length >= wanted);
      if (collection.error !== undefined) {
        qp.placeholder = `Couldn't load more: ${describeError(collection.error)}`;
      }
    } finally {
      if (run === searching && !disposed) {
        qp.busy = false;
        render();
      }
    }
  };

  return new Promise((resolve) => {
    let result: PickedNode[] | undefined;
    qp.onDidChangeValue(() => void search());
    qp.onDidAccept(() => {
      result = qp.canSelectMany ? [...qp.selectedItems] : qp.selectedItems.slice(0, 1);
      if (result.length || qp.canSelectMany) qp.hide();
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
