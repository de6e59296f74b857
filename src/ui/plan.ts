// The VS Code side of the plan engine (src/model/plan): the plan as a read-only document, one modal
// confirmation, the run with progress and Cancel, the results document and a summary with Run Again.
// Every bulk change (Key Hygiene, bulk key deletion from the tree, offboarding) goes through here.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import { describeError } from '../model/describeError';
import { oneLine, outcomeSummary, renderPlan, renderResults, runPlan, totalsPhrase, type Plan, type StepOutcome } from '../model/plan';
import type { OrgStore } from '../model/store';
import { askModal, notify, runWithProgress } from '../notify';
import { openPlanDocument } from './planDocuments';

export interface PlanContext {
  session: Session;
  store: OrgStore;
  log: Logger;
}

/** Deletions named in the modal; the rest are counted (the plan document lists every one). */
const MODAL_DELETIONS = 12;

/** The modal's detail: totals, then every deletion by name (up to a dozen), then where the rest are. */
export function confirmationDetail(plan: Plan): string {
  const deletions = plan.steps.filter((s) => s.change === 'delete');
  const lines = [plan.steps.length === 1
    ? vscode.l10n.t('1 change: {0}.', totalsPhrase(plan))
    : vscode.l10n.t('{0} changes: {1}.', plan.steps.length, totalsPhrase(plan))];
  for (const warning of plan.warnings ?? []) lines.push('', oneLine(warning));
  if (deletions.length) {
    lines.push('', vscode.l10n.t('Deleted, which cannot be undone:'));
    for (const step of deletions.slice(0, MODAL_DELETIONS)) lines.push(`• ${oneLine(step.title)}`);
    if (deletions.length > MODAL_DELETIONS) lines.push(vscode.l10n.t('• …and {0} more', deletions.length - MODAL_DELETIONS));
  }
  const others = plan.steps.length - deletions.length;
  if (others) lines.push('', others === 1 ? vscode.l10n.t('1 other change: see the plan.') : vscode.l10n.t('{0} other changes: see the plan.', others));
  lines.push('', vscode.l10n.t('The plan document lists every object and the call it gets. Each change gets its own result; one failure does not stop the others.'));
  return lines.join('\n');
}

/**
 * Opens the plan as a read-only document, asks one modal (totals; deletions listed separately), runs
 * it with progress and Cancel, shows the results document and a summary ("12 done, 1 failed — Run
 * Again"). Run Again calls `build()` again, which reads the store afresh, so it does only what is left.
 * Resolves with the outcomes once the run ends (undefined when there was nothing to do or the admin
 * cancelled at the modal, in which case nothing was sent).
 */
export async function showPlanAndRun(ctx: PlanContext, build: () => Promise<Plan | undefined>): Promise<Map<string, StepOutcome> | undefined> {
  const plan = await build();
  if (!plan) return undefined;
  if (!plan.steps.length) {
    void notify('info', vscode.l10n.t('{0}: nothing to do.', plan.title));
    return undefined;
  }
  await openPlanDocument(vscode.l10n.t('Plan — {0}', plan.title), renderPlan(plan));
  const button = plan.steps.length === 1 ? vscode.l10n.t('Run 1 Change') : vscode.l10n.t('Run {0} Changes', plan.steps.length);
  const choice = await askModal('warning', vscode.l10n.t('{0}?', plan.title), confirmationDetail(plan), button);
  if (choice !== button) return undefined;

  const client = await ctx.session.getClient();
  ctx.log.info(`Plan “${plan.title}”: running ${plan.steps.length} step(s).`);
  let finished = 0;
  const outcomes = await runWithProgress(
    { location: vscode.ProgressLocation.Notification, title: plan.title, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return runPlan(plan, client, {
        store: ctx.store,
        signal: controller.signal,
        onStep: (step, outcome) => {
          finished++;
          progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', finished, plan.steps.length, oneLine(step.title)), increment: 100 / plan.steps.length });
          const line = `Plan step ${step.id}: ${step.call} → ${outcome.status}${outcome.status === 'failed' ? ` (${describeError(outcome.error)})` : outcome.status === 'skipped' ? ` (${outcome.reason})` : ''}`;
          if (outcome.status === 'failed') ctx.log.error(line);
          else ctx.log.info(line);
        },
      });
    },
  );

  await openPlanDocument(vscode.l10n.t('Results — {0}', plan.title), renderResults(plan, outcomes));
  const summary = vscode.l10n.t('{0}: {1}.', plan.title, outcomeSummary(outcomes));
  ctx.log.info(`${plan.title}: ${outcomeSummary(outcomes)}.`);
  const incomplete = [...outcomes.values()].some((o) => o.status === 'failed' || o.status === 'skipped');
  // Not awaited: the summary stays until dismissed; Run Again rebuilds the plan from the store.
  if (incomplete) {
    const runAgain = vscode.l10n.t('Run Again');
    void notify('warning', summary, runAgain).then((chosen) => (chosen === runAgain ? showPlanAndRun(ctx, build) : undefined));
  } else {
    void notify('info', summary);
  }
  return outcomes;
}
