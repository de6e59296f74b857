export { buildOffboardPlan, planFor, type OffboardOptions } from './plan';
export { readHoldings, HoldingsReadError, ownedBy, type MemberHoldings, type ProjectHolding, type GroupHolding } from './holdings';
