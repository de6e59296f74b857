export * from './format';
export { parseOrgFile, MAX_ORG_FILE_BYTES } from './parse';
export { problemsText } from './problems';
export { readLiveState, type LiveState, type LiveIndex, type LiveProject, type ReadLiveOptions } from './live';
export { exportOrgFile, stringifyOrgFile, liveForComparison } from './export';
export { planOrgFile, copyProjectSettingsPlan, type OrgPlanOptions, type OrgPlan } from './plan';
