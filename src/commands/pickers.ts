import * as vscode from 'vscode';
import type { NodeSpec } from '../tree/nodeSpec';
import { notify } from '../notify';
import { searchPick } from '../ui/searchPick';
import type { CommandContext } from './context';

// The shared pickers live in src/ui (panels use them too); re-exported for the command files that import them from here.
export { fetchFor, pickMember, pickOne, pickProject, pickProjects, projectRoles, type Choice } from '../ui/pickers';

/**
 * A row under a tree folder, picked by search over the store list the folder shows (the tree's own
 * row for each item, so the row and its id are the ones the tree shows); undefined when cancelled.
 */
export async function pickInFolder(ctx: CommandContext, folderId: string, title: string, placeholder: string): Promise<NodeSpec | undefined> {
  const folder = await ctx.explorer.resolve(folderId);
  if (!folder) {
    void notify('error', vscode.l10n.t('{0}: couldn\'t open {1}.', title, folderId));
    return undefined;
  }
  const source = ctx.explorer.pickSource(folder);
  const picked = await searchPick(ctx.store.list(source.ref), {
    title, placeholder,
    describe: (item) => {
      const row = source.rowOf(item);
      return row && { label: row.label, description: row.description, detail: row.key };
    },
  });
  return picked?.length ? source.rowOf(picked[0]) : undefined;
}
