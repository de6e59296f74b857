import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import type { OrgStore } from '../store';
import type { Plan, PlanStep, StepOutcome } from './types';

export interface RunPlanOptions {
  /** Effects of each successful step are applied here at once, so views show progress as it happens. */
  store?: OrgStore;
  /** Cancel: nothing new starts; steps not started are skipped ('cancelled'). */
  signal?: AbortSignal;
  /** Steps in flight at once (default 4); steps with `after` wait for their prerequisites. */
  concurrency?: number;
  /** A step is about to be sent. */
  onStart?: (step: PlanStep) => void;
  /** A step has its outcome (every step gets exactly one, including skipped ones). */
  onStep?: (step: PlanStep, outcome: StepOutcome) => void;
}

export const DEFAULT_PLAN_CONCURRENCY = 4;

/**
 * Runs every step of a plan and returns one outcome per step, in plan order. One failure never stops
 * the others: only the steps that depend on it (`after`) are skipped, with a reason naming it. A
 * delete that answers 404 is already done, so a plan rebuilt after a partial run, or a step the
 * client retried after a lost answer, never counts as a failure and never deletes twice.
 */
export async function runPlan(plan: Plan, client: AdminClient, options: RunPlanOptions = {}): Promise<Map<string, StepOutcome>> {
  const { store, signal, onStart, onStep } = options;
  const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_PLAN_CONCURRENCY));
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const outcomes = new Map<string, StepOutcome>();
  const pending = [...plan.steps];
  let running = 0;

  const settle = (step: PlanStep, outcome: StepOutcome) => {
    outcomes.set(step.id, outcome);
    onStep?.(step, outcome);
  };

  /** 'ready', 'waiting', or why the step can no longer run. */
  const readiness = (step: PlanStep): 'ready' | 'waiting' | { reason: string } => {
    for (const id of step.after ?? []) {
      if (!byId.has(id) || id === step.id) continue;
      const before = outcomes.get(id);
      if (!before) return 'waiting';
      if (before.status === 'failed') return { reason: l10n.t({ message: '{0} failed', args: [byId.get(id)!.title], comment: ['{0} is the title of the plan step this one waited for'] }) };
      if (before.status === 'skipped') return { reason: l10n.t('{0} was skipped', byId.get(id)!.title) };
    }
    return 'ready';
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      if (signal?.aborted) {
        for (const step of pending.splice(0)) settle(step, { status: 'skipped', reason: l10n.t('cancelled') });
      }
      // Settle what can no longer run (its prerequisite failed) until nothing changes: a skip can skip more.
      for (let changed = true; changed;) {
        changed = false;
        for (let i = 0; i < pending.length; i++) {
          const state = readiness(pending[i]);
          if (typeof state === 'object') {
            const [step] = pending.splice(i--, 1);
            settle(step, { status: 'skipped', reason: state.reason });
            changed = true;
          }
        }
      }
      for (let i = 0; i < pending.length && running < limit; i++) {
        if (readiness(pending[i]) !== 'ready') continue;
        const [step] = pending.splice(i--, 1);
        running++;
        void send(step).then((outcome) => {
          running--;
          settle(step, outcome);
          pump();
        });
      }
      if (running === 0) {
        // Whatever still waits, waits on a step that waits on it.
        for (const step of pending.splice(0)) settle(step, { status: 'skipped', reason: l10n.t('its prerequisites wait for each other') });
        resolve();
      }
    };
    signal?.addEventListener('abort', () => pump(), { once: true });
    pump();
  });

  async function send(step: PlanStep): Promise<StepOutcome> {
    onStart?.(step);
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const effects = await step.run(client, controller.signal);
      store?.apply(effects);
      return { status: 'done' };
    } catch (error) {
      if (step.change === 'delete' && statusOf(error) === 404) {
        if (step.goneEffects) store?.apply(step.goneEffects);
        return { status: 'alreadyDone' };
      }
      if (controller.signal.aborted) return { status: 'skipped', reason: l10n.t('cancelled while it was being sent (Run Again checks whether it happened)') };
      return { status: 'failed', error };
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  // One outcome per step, in plan order.
  return new Map(plan.steps.map((s) => [s.id, outcomes.get(s.id)!]));
}

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status;
}
