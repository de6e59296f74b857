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
  const parts = [t.create && `${t.create} to create`, t.update && `${t.update} to update`, t.delete && `${t.delete} to delete`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing to change';
}

/**
 * The plan as a read-only document: steps under their object's heading, each with its sign, title,
 * the exact call, and what it waits for; a totals line at the top. API text is made one line, so a
 * name with a line break cannot pose as another step.
 */
export function renderPlan(plan: Plan): string {
  return render(plan, `${plan.steps.length} ${plan.steps.length === 1 ? 'change' : 'changes'}: ${totalsPhrase(plan)}`, () => []);
}

/** The same document with each step's result under it, and a results line at the top. */
export function renderResults(plan: Plan, outcomes: Map<string, StepOutcome>): string {
  return render(plan, outcomeSummary(outcomes), (step) => {
    const outcome = outcomes.get(step.id);
    return [`    result: ${outcome ? outcomeText(outcome) : 'not run'}`];
  });
}

/** "12 done, 1 already done, 1 failed, 2 skipped" (only the kinds present). */
export function outcomeSummary(outcomes: Map<string, StepOutcome>): string {
  const n = { done: 0, alreadyDone: 0, failed: 0, skipped: 0 };
  for (const o of outcomes.values()) n[o.status]++;
  const parts = [n.done && `${n.done} done`, n.alreadyDone && `${n.alreadyDone} already done`, n.failed && `${n.failed} failed`, n.skipped && `${n.skipped} skipped`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing run';
}

export function outcomeText(outcome: StepOutcome): string {
  switch (outcome.status) {
    case 'done': return 'done';
    case 'alreadyDone': return 'already done (the object was already gone)';
    case 'failed': return `FAILED: ${oneLine(describeError(outcome.error))}`;
    case 'skipped': return `skipped: ${oneLine(outcome.reason)}`;
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
  for (const warning of plan.warnings ?? []) lines.push(`Warning: ${oneLine(warning)}`, '');
  for (const [group, steps] of groups) {
    lines.push(oneLine(group));
    for (const step of steps) {
      lines.push(`  ${SIGN[step.change]} ${oneLine(step.title)}`, `    ${oneLine(step.call)}`);
      const waits = (step.after ?? []).filter((id) => titles.has(id));
      if (waits.length) lines.push(`    after: ${waits.map((id) => oneLine(titles.get(id)!)).join('; ')}`);
      lines.push(...extra(step));
    }
    lines.push('');
  }
  lines.push('Signs: + create, ~ update, − delete.');
  return lines.join('\n') + '\n';
}

/** Line breaks and other control characters become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}
