/**
 * Service tiers, shared by the tree, the Edit Service Tier command and the Project panel: the tier
 * names as the dashboard shows them, the tiers a project's settings can name, and the one rule that
 * makes a combination invalid, so the command and the panel refuse the same things. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import type { ProjectOptionalServiceTier, ProjectServiceTierSettings } from '../api/types';

/** The tiers `default` may be (UpdateProjectServiceTierSettingsBody.default): the tier a request uses when it names none. */
export const DEFAULT_TIERS = ['standard', 'fast', 'scale'] as const satisfies readonly ProjectServiceTierSettings['default'][];
export type DefaultTier = (typeof DEFAULT_TIERS)[number];
/** The tiers a project may enable besides Standard (ProjectOptionalServiceTier), in the order they are listed. */
export const OPTIONAL_TIERS = ['flex', 'fast', 'ultrafast'] as const satisfies readonly ProjectOptionalServiceTier[];
export type OptionalTier = (typeof OPTIONAL_TIERS)[number];
/** `enabled_tiers`: 'all' also covers tiers added later; [] allows Standard only. */
export type EnabledTiers = 'all' | readonly OptionalTier[];

const NAMES: Record<string, string> = { standard: 'Standard', fast: 'Fast', scale: 'Scale', flex: 'Flex', ultrafast: 'Ultrafast' };

export function tierName(tier: string): string {
  return NAMES[tier] ?? tier;
}

export const isDefaultTier = (v: unknown): v is DefaultTier => DEFAULT_TIERS.some((k) => k === v);
export const isOptionalTier = (v: unknown): v is OptionalTier => OPTIONAL_TIERS.some((k) => k === v);

/** One order and no repeats, so two lists with the same tiers compare equal. */
export function normalTiers(enabled: EnabledTiers): 'all' | OptionalTier[] {
  if (enabled === 'all') return 'all';
  return OPTIONAL_TIERS.filter((k) => enabled.includes(k));
}

export function sameEnabledTiers(a: EnabledTiers, b: EnabledTiers): boolean {
  const x = normalTiers(a);
  const y = normalTiers(b);
  return x === 'all' || y === 'all' ? x === y : x.length === y.length && x.every((t, i) => t === y[i]);
}

/** Why a default tier and enabled tiers cannot be saved together, if they cannot. */
export function serviceTierProblem(defaultTier: string, enabled: 'all' | readonly string[]): string | undefined {
  if (!isDefaultTier(defaultTier)) return l10n.t('Unknown default tier.');
  if (enabled !== 'all' && enabled.some((t) => !isOptionalTier(t))) return l10n.t('Unknown service tier.');
  // Fast is both a default and an optional tier: defaulting to a tier the project cannot use would refuse every request that names none.
  if (defaultTier === 'fast' && enabled !== 'all' && !enabled.includes('fast')) return l10n.t('The default tier Fast must also be enabled: tick Fast, or choose another default.');
  return undefined;
}

/** The optional tiers a setting allows; `all` also covers tiers added later. */
export function enabledTiers(t: Pick<ProjectServiceTierSettings, 'enabled_tiers'>): Set<string> {
  const tiers = t.enabled_tiers;
  return new Set<string>(tiers === 'all' ? OPTIONAL_TIERS : tiers);
}

/** "all (tiers added later too)", "Flex, Fast", "none: Standard only". */
export function describeEnabledTiers(t: Pick<ProjectServiceTierSettings, 'enabled_tiers'>): string {
  const tiers = t.enabled_tiers;
  if (tiers === 'all') return l10n.t('all (tiers added later too)');
  return tiers.length ? tiers.map(tierName).join(', ') : l10n.t('none: Standard only');
}
