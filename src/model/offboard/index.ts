export { buildOffboardPlan, planFor, type OffboardOptions, type OffboardPlan, type OffboardStep, type OffboardTarget } from './plan';
export { readHoldings, HoldingsReadError, ownedBy, type MemberHoldings, type ProjectHolding, type GroupHolding } from './holdings';
