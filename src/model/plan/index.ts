export type { ChangeKind, Plan, PlanStep, StepOutcome } from './types';
export { runPlan, DEFAULT_PLAN_CONCURRENCY, type RunPlanOptions } from './run';
export { renderPlan, renderResults, planTotals, totalsPhrase, outcomeSummary, outcomeText, oneLine } from './render';
export { deleteKeyStep, setKeyExpiryStep, keyOwner, projectGroup, quoted, type ProjectName } from './apiKeySteps';
export { deleteServiceAccountStep, deleteAdminKeyStep, removeMemberStep, adminKeysGroup, membersGroup } from './orgSteps';
