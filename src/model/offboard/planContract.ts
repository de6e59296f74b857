// TEMPORARY copy of the plan engine's types (/work/plan-contract.md) until branch `hygiene` commits
// src/model/plan; removed at that merge.
import type { AdminClient } from '../../api';
import type { StoreEffect } from '../store';
export type ChangeKind = 'create' | 'update' | 'delete';
export interface PlanStep {
  id: string;
  group: string;
  change: ChangeKind;
  title: string;
  call: string;
  after?: string[];
  run(client: AdminClient, signal: AbortSignal): Promise<StoreEffect[]>;
}
export type StepOutcome =
  | { status: 'done' } | { status: 'alreadyDone' }
  | { status: 'failed'; error: unknown } | { status: 'skipped'; reason: string };
export interface Plan { title: string; steps: PlanStep[] }
