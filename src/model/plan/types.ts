import type { AdminClient } from '../../api';
import type { StoreEffect } from '../store';

/** What a step does to its object; shown as + ~ − in the plan. */
export type ChangeKind = 'create' | 'update' | 'delete';

/**
 * One API call of a plan, named with real ids before anything is sent, so the admin confirms exactly
 * what will happen. Steps are independent unless `after` says otherwise.
 */
export interface PlanStep {
  /** Stable within the plan, e.g. `delete-key:${projectId}:${keyId}`. */
  id: string;
  /** Heading of the object it belongs to, e.g. 'Project “Alpha” (proj_abc)'. */
  group: string;
  change: ChangeKind;
  /** 'Delete API key “ci” (sk-…abcd), owned by Ada' */
  title: string;
  /** The API call with real ids: 'DELETE /organization/projects/proj_abc/api_keys/key_1' */
  call: string;
  /**
   * Ids of steps that must succeed (or be already done) first; if one fails or is skipped, this
   * step is skipped with a reason. Ids not in the plan count as done: a rebuilt plan leaves out
   * the steps an earlier run completed.
   */
  after?: string[];
  /** Sends the call; resolves to what it did to the store. A 404 on a delete means already done. */
  run(client: AdminClient, signal: AbortSignal): Promise<StoreEffect[]>;
  /**
   * What the store should forget when a delete finds its object already gone (404), usually the same
   * `remove` the step's success would report; without it the store keeps the stale item until read again.
   */
  goneEffects?: StoreEffect[];
}

export type StepOutcome =
  | { status: 'done' }
  | { status: 'alreadyDone' }
  | { status: 'failed'; error: unknown }
  | { status: 'skipped'; reason: string };

export interface Plan {
  title: string;
  steps: PlanStep[];
  /** What the admin should know before confirming; shown in the plan document and the modal. */
  warnings?: string[];
}
