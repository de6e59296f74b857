import * as l10n from '@vscode/l10n';
import { deleteAdminKeyStep, deleteKeyStep, deleteServiceAccountStep, removeMemberStep, setKeyExpiryStep, type Plan, type PlanStep } from '../plan';
import { objectKey } from './rules';
import type { Finding, HygieneAction, HygieneObject } from './types';

const DAY = 86_400;

/** The objects of these findings, once each (one object can be flagged by several rules), in finding order. */
export function objectsOf(findings: readonly Finding[]): HygieneObject[] {
  const seen = new Map<string, HygieneObject>();
  for (const f of findings) if (!seen.has(objectKey(f.object))) seen.set(objectKey(f.object), f.object);
  return [...seen.values()];
}

/** Whether an object can take this action: only project keys have an expiry to set, and not once expired. */
export function canTake(object: HygieneObject, action: HygieneAction, nowMs = Date.now()): boolean {
  if (action === 'delete') return true;
  return object.kind === 'projectKey' && !(object.key.expires_at != null && object.key.expires_at * 1000 <= nowMs);
}

/**
 * The plan for a bulk action on these objects: a delete (or removal, for members) per object, or an
 * expiry `days` from now per project key. Objects the action does not apply to are left out (the
 * caller says so). A key whose expiry is already within a day of the target is left out as well,
 * so running the plan again after a partial run sets only what is left.
 */
export function hygienePlan(objects: readonly HygieneObject[], action: HygieneAction, options: { days?: number; nowMs?: number } = {}): Plan {
  const nowMs = options.nowMs ?? Date.now();
  const steps: PlanStep[] = [];
  if (action === 'delete') {
    const adminKeys: PlanStep[] = [];
    for (const o of objects) {
      if (o.kind === 'projectKey') steps.push(deleteKeyStep(o.project, o.key, nowMs));
      else if (o.kind === 'serviceAccount') steps.push(deleteServiceAccountStep(o.project, o.account));
      else if (o.kind === 'adminKey') adminKeys.push(deleteAdminKeyStep(o.key, nowMs));
      else steps.push(removeMemberStep(o.user));
    }
    // Admin keys go last: if one is the key the run itself uses, the steps after it would fail.
    steps.push(...adminKeys);
    return {
      title: steps.length === 1 ? l10n.t('Delete 1 object (Key Hygiene)') : l10n.t('Delete {0} objects (Key Hygiene)', steps.length),
      steps,
      warnings: adminKeys.length ? [adminKeyInUse()] : undefined,
    };
  }
  const days = options.days;
  if (!days || !Number.isInteger(days) || days < 1 || days > 365) throw new RangeError(`an expiry of ${days} days is outside 1–365`);
  const target = nowMs / 1000 + days * DAY;
  for (const o of objects) {
    if (o.kind !== 'projectKey' || !canTake(o, 'setExpiry', nowMs)) continue;
    if (o.key.expires_at != null && Math.abs(o.key.expires_at - target) < DAY) continue;
    steps.push(setKeyExpiryStep(o.project, o.key, days));
  }
  const keys = steps.length === 1 ? l10n.t('1 API key') : l10n.t('{0} API keys', steps.length);
  const title = days === 1 ? l10n.t('Set {0} to expire in 1 day (Key Hygiene)', keys) : l10n.t('Set {0} to expire in {1} days (Key Hygiene)', keys, days);
  return { title, steps };
}

/**
 * The explorer cannot tell which admin key it holds (the API lists them only in redacted form), so a
 * plan deleting admin keys says what happens if one is that key, as the single delete's modal does.
 */
export function adminKeyInUse(): string {
  return l10n.t('One of the admin API keys to delete may be the key this extension uses. If it is, the explorer loses access when it is deleted and asks for a new admin key. Admin keys are deleted last.');
}
