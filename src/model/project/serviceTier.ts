// The Project panel's service tier section: the default tier and the optional tiers a project may
// use. What an edit would send, whether it is consistent, and whether the server moved underneath
// it are decided here (no `vscode`, no API calls), so the webview, the host and the unit tests
// apply the same rules.
import * as l10n from '@vscode/l10n';
import {
  isDefaultTier, isOptionalTier, normalTiers, sameEnabledTiers, serviceTierProblem, tierName, type DefaultTier, type OptionalTier,
} from '../serviceTier';
import type { ServiceTierData } from './types';

export interface ServiceTierDraft {
  default: DefaultTier;
  enabled: 'all' | OptionalTier[];
  /** The settings when editing started. */
  before: ServiceTierData;
}

/** The API's update body: only the fields that change. */
export interface ServiceTierBody {
  default?: DefaultTier;
  enabled_tiers?: 'all' | OptionalTier[];
}

export type ServiceTierEdit =
  | { kind: 'unchanged' }
  | { kind: 'set'; body: ServiceTierBody }
  | { kind: 'invalid'; problem: string };

export type ServiceTierField = 'default' | 'enabled';

/** The API's object as the panel keeps it; an unknown default or tier is kept out rather than shown wrongly. */
export function toServiceTierData(s: { default: string; enabled_tiers: 'all' | readonly string[] }): ServiceTierData {
  return {
    default: isDefaultTier(s.default) ? s.default : 'standard',
    enabled: s.enabled_tiers === 'all' ? 'all' : normalTiers(s.enabled_tiers.filter(isOptionalTier)),
  };
}

export function describeEnabled(enabled: 'all' | readonly OptionalTier[]): string {
  if (enabled === 'all') return l10n.t('all tiers, including ones added later');
  const list = normalTiers(enabled) as OptionalTier[];
  return list.length ? l10n.t('Standard, {0}', list.map(tierName).join(', ')) : l10n.t('Standard only');
}

/** A combination the panel refuses (the same rule as the Edit Service Tier command): a default tier the project may not use. */
export function checkServiceTier(s: ServiceTierData): string | undefined {
  return serviceTierProblem(s.default, s.enabled);
}

/** The fields that differ between two settings. */
export function changedFields(from: ServiceTierData, to: Pick<ServiceTierData, 'default' | 'enabled'>): ServiceTierField[] {
  const out: ServiceTierField[] = [];
  if (from.default !== to.default) out.push('default');
  if (!sameEnabledTiers(from.enabled, to.enabled)) out.push('enabled');
  return out;
}

/**
 * What saving `wanted` over `current` sends: only the changed fields; invalid when the result would
 * be inconsistent. `edited` limits it to the fields the admin changed (the rest keep the server's).
 */
export function serviceTierEdit(current: ServiceTierData, wanted: Pick<ServiceTierData, 'default' | 'enabled'>, edited: readonly ServiceTierField[] = ['default', 'enabled']): ServiceTierEdit {
  const result: ServiceTierData = {
    default: edited.includes('default') ? wanted.default : current.default,
    enabled: normalTiers(edited.includes('enabled') ? wanted.enabled : current.enabled),
  };
  const fields = changedFields(current, result);
  if (!fields.length) return { kind: 'unchanged' };
  const problem = checkServiceTier(result);
  if (problem) return { kind: 'invalid', problem };
  return {
    kind: 'set',
    body: { ...(fields.includes('default') ? { default: result.default } : {}), ...(fields.includes('enabled') ? { enabled_tiers: result.enabled } : {}) },
  };
}

/**
 * The draft's edit against what the panel has loaded now: only the fields the admin moved away from
 * where they started, so a stale `before` never undoes someone else's change to the other field.
 */
export function draftServiceTierEdit(loaded: ServiceTierData | undefined, draft: ServiceTierDraft | undefined): ServiceTierEdit {
  if (!loaded || !draft) return { kind: 'unchanged' };
  return serviceTierEdit(loaded, draft, changedFields(draft.before, draft));
}

/** The fields the admin edited that the server changed since they started (saving would overwrite them). */
export function serviceTierConflicts(before: ServiceTierData, server: ServiceTierData, wanted: Pick<ServiceTierData, 'default' | 'enabled'>): ServiceTierField[] {
  const moved = changedFields(before, server);
  return changedFields(before, wanted).filter((f) => moved.includes(f));
}

/** One line per changed field, "Default tier: Standard → Fast". */
export function describeServiceTierBody(current: ServiceTierData, body: ServiceTierBody): string[] {
  const out: string[] = [];
  if (body.default !== undefined) out.push(l10n.t('Default tier: {0} → {1}', tierName(current.default), tierName(body.default)));
  if (body.enabled_tiers !== undefined) out.push(l10n.t('Enabled tiers: {0} → {1}', describeEnabled(current.enabled), describeEnabled(body.enabled_tiers)));
  return out;
}
