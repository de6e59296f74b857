export { RULE_IDS, type RuleId, type Finding, type HygieneObject, type HygieneAction, type HygieneInputs, type HygieneSettings } from './types';
export { findHygieneIssues, RULES, objectKey, NEVER_USED_DAYS, EXPIRING_DAYS, type RuleInfo } from './rules';
export { loadHygieneInputs, hygieneSnapshot, hygieneRefs, HYGIENE_RESOURCES, type HygieneLoad } from './inputs';
export { hygienePlan, objectsOf, canTake, adminKeyInUse } from './actions';
