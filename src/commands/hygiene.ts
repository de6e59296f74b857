// Bulk actions on Key Hygiene findings: Delete… and Set Expiry… on one or many selected rows (a
// rule's heading stands for all its findings). The selection becomes a plan through the one plan
// engine (src/ui/plan.ts): a read-only plan document, one modal, per-item results, Run Again.
import * as vscode from 'vscode';
import { readUnusedKeyDays } from '../config';
import { canTake, findHygieneIssues, hygienePlan, hygieneSnapshot, objectsOf, type Finding, type HygieneAction } from '../model/hygiene';
import { notify } from '../notify';
import type { HygieneNode } from '../tree/hygieneProvider';
import { showPlanAndRun } from '../ui/plan';
import type { CommandContext } from './context';
import { askExpiry } from './expiryPick';

/** The findings the store shows now, with the rules' settings and the real clock. */
function currentFindings(ctx: CommandContext): Finding[] {
  return findHygieneIssues(hygieneSnapshot(ctx.store).inputs, { nowMs: Date.now(), unusedKeyDays: readUnusedKeyDays() });
}

/**
 * The finding ids a selection stands for, fixed when the command starts: Run Again acts on these
 * (those still found), never on findings that appeared since.
 */
function selectedIds(ctx: CommandContext, node: HygieneNode | undefined, nodes: readonly HygieneNode[] | undefined): Set<string> {
  const chosen = nodes?.length ? nodes : node ? [node] : [];
  const rules = new Set(chosen.filter((n) => n.kind === 'rule').map((n) => n.rule));
  const ids = new Set(chosen.flatMap((n) => (n.kind === 'finding' ? [n.findingId] : [])));
  for (const f of currentFindings(ctx)) if (rules.has(f.rule)) ids.add(f.id);
  return ids;
}

async function bulk(ctx: CommandContext, action: HygieneAction, node: HygieneNode | undefined, nodes: readonly HygieneNode[] | undefined): Promise<void> {
  const ids = selectedIds(ctx, node, nodes);
  if (!ids.size) {
    void notify('info', vscode.l10n.t('Select one or more findings in the Key Hygiene view first.'));
    return;
  }
  const objects = objectsOf(currentFindings(ctx).filter((f) => ids.has(f.id)));
  if (!objects.length) {
    void notify('info', vscode.l10n.t('Nothing to do: the selected findings are no longer found (Refresh the view to check again).'));
    return;
  }
  const applicable = objects.filter((o) => canTake(o, action));
  if (!applicable.length) {
    void notify('info', vscode.l10n.t('None of the selected findings is an API key that can be given an expiry (expired keys cannot be renewed; delete them instead).'));
    return;
  }
  let days: number | undefined;
  if (action === 'setExpiry') {
    const choice = await askExpiry(applicable.length === 1 ? vscode.l10n.t('Set Expiry of 1 API Key') : vscode.l10n.t('Set Expiry of {0} API Keys', applicable.length), {});
    if (choice?.kind !== 'in') return;
    days = choice.days;
  }
  const left = objects.length - applicable.length;
  if (left) {
    void notify('info', left === 1
      ? vscode.l10n.t('1 of the selected objects is not an API key that can take an expiry; the plan leaves it out.')
      : vscode.l10n.t('{0} of the selected objects are not API keys that can take an expiry; the plan leaves them out.', left));
  }
  // Each build reads the store afresh: a second run holds only what is still found.
  await showPlanAndRun(ctx, async () => {
    const still = objectsOf(currentFindings(ctx).filter((f) => ids.has(f.id)));
    return hygienePlan(still, action, { days });
  });
}

export function registerHygieneCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.hygiene.delete', (node?: HygieneNode, nodes?: HygieneNode[]) => bulk(ctx, 'delete', node, nodes)),
    ctx.register('openaiAdmin.hygiene.setExpiry', (node?: HygieneNode, nodes?: HygieneNode[]) => bulk(ctx, 'setExpiry', node, nodes)),
  ];
}
