/** Service tier names as the dashboard shows them, and the tiers a project's settings can name. No `vscode` here. */
import type { ProjectOptionalServiceTier, ProjectServiceTierSettings } from '../api/types';

export type DefaultServiceTier = ProjectServiceTierSettings['default'];

/** The tiers `default` may be (UpdateProjectServiceTierSettingsBody.default). */
export const DEFAULT_TIERS: readonly DefaultServiceTier[] = ['standard', 'fast', 'scale'];
/** The tiers a project may enable besides Standard (ProjectOptionalServiceTier). */
export const OPTIONAL_TIERS: readonly ProjectOptionalServiceTier[] = ['flex', 'fast', 'ultrafast'];

const NAMES: Record<string, string> = { standard: 'Standard', fast: 'Fast', scale: 'Scale', flex: 'Flex', ultrafast: 'Ultrafast' };

export function tierName(tier: string): string {
  return NAMES[tier] ?? tier;
}

/** The optional tiers a setting allows; `all` also covers tiers added later. */
export function enabledTiers(t: Pick<ProjectServiceTierSettings, 'enabled_tiers'>): Set<string> {
  const tiers = t.enabled_tiers;
  return new Set<string>(tiers === 'all' ? OPTIONAL_TIERS : tiers);
}

/** "all (tiers added later too)", "Flex, Fast", "none: Standard only". */
export function describeEnabledTiers(t: Pick<ProjectServiceTierSettings, 'enabled_tiers'>): string {
  const tiers = t.enabled_tiers;
  if (tiers === 'all') return 'all (tiers added later too)';
  return tiers.length ? tiers.map(tierName).join(', ') : 'none: Standard only';
}
