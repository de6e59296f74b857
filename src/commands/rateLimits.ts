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
      const title = 'Edit Rate Limit';
      const row = await projectRowOf<ProjectRateLimit>(ctx, node, 'rateLimit', 'rateLimits', title, 'Type to search models');
      if (!row) return undefined;
      const limit = row.data;
      const fields = editableFields(limit);

      // One box per limit the model has, pre-filled; Escape at any box abandons the whole edit.
      const entered: Partial<Record<RateLimitField, string>> = {};
      for (const [i, f] of fields.entries()) {
        const value = await ask(`${title}: ${limit.model} (${i + 1}/${fields.length})`, `${f.name} (${f.abbr}) for ${limit.model} in ${row.project.name}`, {
          value: String(f.current),
          validateInput: checkWholeNumber,
        });
        if (value === undefined) return undefined;
        entered[f.field] = value;
      }

      const changes = rateLimitChanges(limit, entered);
      if (!Object.keys(changes).length) {
        void vscode.window.setStatusBarMessage(`Rate limit for ${q(limit.model)} unchanged`, 3000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: `Updating the ${q(limit.model)} rate limit of ${q(row.project.name)}…`,
        call: (c) => c.rateLimits.update(row.project.id, limit.id, changes),
        effects: (r) => rateLimitEffects.updated(row.project.id, r),
        done: () => `Updated the ${q(limit.model)} rate limit`,
      });
    }),
  ];
}
