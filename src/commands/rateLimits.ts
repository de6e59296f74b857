import * as vscode from 'vscode';
import type { ProjectRateLimit } from '../api';
import type { RateLimitField } from '../model/format';
import { checkWholeNumber, editableFields, rateLimitChanges } from '../model/rateLimitEdits';
import { rateLimitEffects } from '../model/writeEffects';
import type { TreeNode } from '../tree/treeNode';

import type { CommandContext } from './context';
import { ask, q, runWrite } from '../ui/run';
import { projectRowOf } from './targets';

export function registerRateLimitCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.rateLimit.edit', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Edit Rate Limit');
      const row = await projectRowOf<ProjectRateLimit>(ctx, node, 'rateLimit', 'rateLimits', title, vscode.l10n.t('Type to search models'));
      if (!row) return undefined;
      const limit = row.data;
      const fields = editableFields(limit);

      // One box per limit the model has, pre-filled; Escape at any box abandons the whole edit.
      const entered: Partial<Record<RateLimitField, string>> = {};
      for (const [i, f] of fields.entries()) {
        const value = await ask(vscode.l10n.t('{0}: {1} ({2}/{3})', title, limit.model, i + 1, fields.length), vscode.l10n.t('{0} ({1}) for {2} in {3}', f.name, f.abbr, limit.model, row.project.name), {
          value: String(f.current),
          validateInput: checkWholeNumber,
        });
        if (value === undefined) return undefined;
        entered[f.field] = value;
      }

      const changes = rateLimitChanges(limit, entered);
      if (!Object.keys(changes).length) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Rate limit for {0} unchanged', q(limit.model)), 3000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: vscode.l10n.t('Updating the {0} rate limit of {1}…', q(limit.model), q(row.project.name)),
        call: (c) => c.rateLimits.update(row.project.id, limit.id, changes),
        effects: (r) => rateLimitEffects.updated(row.project.id, r),
        done: () => vscode.l10n.t('Updated the {0} rate limit', q(limit.model)),
      });
    }),
  ];
}
