/** Reading, planning and applying org files against the fake, for the org-as-code tests. */
import assert from 'node:assert/strict';
import type { AdminClient } from '../../../../src/api';
import { exportOrgFile, planOrgFile, readLiveState, stringifyOrgFile, type LiveState, type OrgFile, type OrgPlan, type OrgPlanOptions } from '../../../../src/model/orgCode';
import { describeError } from '../../../../src/model/describeError';
import { runPlan, type StepOutcome } from '../../../../src/model/plan';
import { OrgStore } from '../../../../src/model/store';

/** A fresh read of the organization (a new store, so nothing cached hides a difference). */
export async function readLive(client: AdminClient): Promise<LiveState> {
  const store = new OrgStore(async () => client);
  try {
    return await readLiveState(store);
  } finally {
    store.dispose();
  }
}

export async function exportText(client: AdminClient): Promise<string> {
  return stringifyOrgFile(exportOrgFile(await readLive(client)));
}

export async function planFor(client: AdminClient, file: OrgFile, options: OrgPlanOptions = {}): Promise<OrgPlan> {
  return planOrgFile(file, await readLive(client), options);
}

/** Runs a plan; the outcomes. */
export async function apply(plan: OrgPlan, client: AdminClient, concurrency = 8): Promise<Map<string, StepOutcome>> {
  return runPlan(plan, client, { concurrency });
}

/** Fails with the steps that did not succeed, each with its error. */
export function assertAllDone(plan: OrgPlan, outcomes: Map<string, StepOutcome>): void {
  const bad = plan.steps.flatMap((s) => {
    const o = outcomes.get(s.id)!;
    if (o.status === 'done' || o.status === 'alreadyDone') return [];
    return [`${s.title} [${s.call}]: ${o.status === 'failed' ? describeError(o.error) : o.reason}`];
  });
  assert.deepEqual(bad, [], 'every step succeeds');
}

export const titles = (plan: OrgPlan) => plan.steps.map((s) => s.title);
