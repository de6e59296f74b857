import * as l10n from '@vscode/l10n';
import { describeError } from '../describeError';
import type { ChangeKind, Plan, PlanStep, StepOutcome } from './types';

const SIGN: Record<ChangeKind, string> = { create: '+', update: '~', delete: '−' };

export function planTotals(plan: Plan): { create: number; update: number; delete: number } {
  const totals = { create: 0, update: 0, delete: 0 };
  for (const step of plan.steps) totals[step.change]++;
  return totals;
}

/** "3 to create, 1 to update, 5 to delete" (only the kinds present); "nothing to change" for none. */
export function totalsPhrase(plan: Plan): string {
  const t = planTotals(plan);
  const parts = [t.create && l10n.t('{0} to create', t.create), t.update && l10n.t('{0} to update', t.update), t.delete && l10n.t('{0} to delete', t.delete)].filter(Boolean);
  return parts.length ? parts.join(', ') : l10n.t('nothing to change');
}

/**
 * The plan as a read-only document: steps under their object's heading, each with its sign, title,
 * the exact call, and what it waits for; a totals line at the top. API text is made one line, so a
 * name with a line break cannot pose as another step.
 */
export function renderPlan(plan: Plan): string {
  const headline = plan.steps.length === 1 ? l10n.t('1 change: {0}', totalsPhrase(plan)) : l10n.t('{0} changes: {1}', plan.steps.length, totalsPhrase(plan));
  return render(plan, headline, () => []);
}

/** The same document with each step's result under it, and a results line at the top. */
export function renderResults(plan: Plan, outcomes: Map<string, StepOutcome>): string {
  return render(plan, outcomeSummary(outcomes), (step) => {
    const outcome = outcomes.get(step.id);
    return [`    ${l10n.t('result: {0}', outcome ? outcomeText(outcome) : l10n.t('not run'))}`];
  });
}

/** "12 done, 1 already done, 1 failed, 2 skipped" (only the kinds present). */
export function outcomeSummary(outcomes: Map<string, StepOutcome>): string {
  const n = { done: 0, alreadyDone: 0, failed: 0, skipped: 0 };
  for (const o of outcomes.values()) n[o.status]++;
  const parts = [
    n.done && l10n.t('{0} done', n.done),
    n.alreadyDone && l10n.t('{0} already done', n.alreadyDone),
    n.failed && l10n.t('{0} failed', n.failed),
    n.skipped && l10n.t('{0} skipped', n.skipped),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : l10n.t('nothing run');
}

export function outcomeText(outcome: StepOutcome): string {
  switch (outcome.status) {
    case 'done': return l10n.t('done');
    case 'alreadyDone': return l10n.t('already done (the object was already gone)');
    case 'failed': return l10n.t('FAILED: {0}', oneLine(describeError(outcome.error)));
    case 'skipped': return l10n.t('skipped: {0}', oneLine(outcome.reason));
  }
}

function render(plan: Plan, headline: string, extra: (step: PlanStep) => string[]): string {
  const groups = new Map<string, PlanStep[]>();
  for (const step of plan.steps) {
    const list = groups.get(step.group) ?? [];
    list.push(step);
    groups.set(step.group, list);
  }
  const titles = new Map(plan.steps.map((s) => [s.id, s.title]));
  const lines = [oneLine(plan.title), headline, ''];
  for (const warning of plan.warnings ?? []) lines.push(l10n.t('Warning: {0}', oneLine(warning)), '');
  for (const [group, steps] of groups) {
    lines.push(oneLine(group));
    for (const step of steps) {
      lines.push(`  ${SIGN[step.change]} ${oneLine(step.title)}`, `    ${oneLine(step.call)}`);
      const waits = (step.after ?? []).filter((id) => titles.has(id));
      if (waits.length) lines.push(`    ${l10n.t('after: {0}', waits.map((id) => oneLine(titles.get(id)!)).join('; '))}`);
      lines.push(...extra(step));
    }
    lines.push('');
  }
  lines.push(l10n.t('Signs: + create, ~ update, − delete.'));
  return lines.join('\n') + '\n';
}

/** Line breaks and other control characters become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}
