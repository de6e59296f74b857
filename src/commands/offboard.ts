// Offboard Member…: one plan that takes a person out of the organization (src/model/offboard),
// shown as a document, confirmed once and run step by step by the plan engine (src/ui/plan.ts).
// Run Again rebuilds the plan from the store, which the steps that succeeded have already updated,
// so it holds only what is left.
import * as vscode from 'vscode';
import type { User } from '../api';
import { describeError } from '../model/describeError';
import { buildOffboardPlan } from '../model/offboard';
import type { Plan } from '../model/plan';
import { notify, runWithProgress } from '../notify';
import type { TreeNode } from '../tree/treeNode';
import { showPlanAndRun } from '../ui/plan';
import type { CommandContext } from './context';
import { pickMember, pickOne, type Choice } from './pickers';
import { q } from '../ui/run';
import { isKind, itemOf } from './targets';

// A function, so the text is looked up in the l10n bundle when the pick shows.
const keyChoices = (): Choice<boolean>[] => [
  {
    label: vscode.l10n.t('Delete their API keys'), value: true,
    detail: vscode.l10n.t('Every project API key they own, in every active project, also keys left behind in projects they already left. Service account keys stay.'),
  },
  {
    label: vscode.l10n.t('Keep their API keys'), value: false,
    detail: vscode.l10n.t('The API does not delete them: they stay enabled, marked as owned by someone without access, and the usual key list hides them.'),
  },
];

export function registerOffboardCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.offboardMember', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Offboard Member');
      const member = isKind(node, 'member') ? await itemOf<User>(ctx, node.spec) : await pickMember(ctx, title);
      if (!member) return undefined;
      const name = member.name || member.email || member.id;
      const deleteKeys = await pickOne(vscode.l10n.t('{0}: {1}', title, q(name)), keyChoices(), { placeholder: vscode.l10n.t('Delete the API keys they own?') });
      if (deleteKeys === undefined) return undefined;
      // The first plan reads every list afresh; Run Again trusts the store the run kept up to date.
      let builds = 0;
      return showPlanAndRun(ctx, () => planWithProgress(ctx, member.id, name, { deleteKeys, fresh: builds++ === 0 }));
    }),
  ];
}

/**
 * Reads what the member holds (lists the store has are not read again) with a cancellable progress;
 * a list that cannot be read for the whole organization stops here with its error, before anything
 * is shown or sent.
 */
async function planWithProgress(ctx: CommandContext, userId: string, name: string, options: { deleteKeys: boolean; fresh: boolean }): Promise<Plan | undefined> {
  let cancelled = false;
  try {
    const plan = await runWithProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading what {0} holds in the organization…', q(name)), cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => { cancelled = true; controller.abort(); });
        return buildOffboardPlan(ctx.store, userId, { ...options, signal: controller.signal });
      },
    );
    return plan;
  } catch (err) {
    if (cancelled) return undefined;
    const message = vscode.l10n.t('Couldn\'t plan the offboarding of {0}: {1}', q(name), describeError(err));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
}
