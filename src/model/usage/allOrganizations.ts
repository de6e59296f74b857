// "All organizations" in Usage & Costs: the same selection loaded from each organization with its
// own dashboard (its own client, cache and store), names applied per organization before the loads
// are combined (an id is only known to its own organization's store), then combined
// (src/model/usage/combine.ts). One organization failing leaves the others on screen.
import * as l10n from '@vscode/l10n';
import { describeError } from '../describeError';
import { combineOrganizations, type OrganizationPart } from './combine';
import type { UsageDashboard } from './dashboard';
import { isCancellation } from './fetch';
import { TOP_N } from './dashboard';
import { withNames } from './labels';
import type { DashboardData, Selection } from './types';

export interface OrganizationDashboard {
  id: string;
  name: string;
  dashboard: UsageDashboard;
}

export interface CombinedLoadOptions {
  fresh?: boolean;
  sensitivity?: number;
  /** Unix seconds: every organization resolves the range at the same instant, so their buckets line up. */
  now: number;
}

/** `selection` must be normalized with organization 'all'. Rejects only when no organization could be read (or on cancellation). */
export async function loadAllOrganizations(orgs: readonly OrganizationDashboard[], selection: Selection, signal: AbortSignal, options: CombinedLoadOptions): Promise<DashboardData> {
  const parts = await Promise.all(orgs.map((org) => loadPart(org, selection, signal, options)));
  if (!parts.some((p) => p.data)) throw new Error(parts.map((p) => l10n.t('{0}: {1}', p.name, p.error ?? '')).join('; '));
  return combineOrganizations(selection, parts, TOP_N);
}

async function loadPart({ id, name, dashboard }: OrganizationDashboard, selection: Selection, signal: AbortSignal, options: CombinedLoadOptions): Promise<OrganizationPart> {
  let data: DashboardData;
  try {
    // Every project and model ranked: the combined top five may include one outside this organization's top five.
    data = await dashboard.load(selection, signal, { ...options, topN: Number.POSITIVE_INFINITY });
  } catch (err) {
    if (signal.aborted || isCancellation(err)) throw err;
    return { id, name, error: describeError(err) };
  }
  try {
    const { names, warnings } = await dashboard.resolveNames(data, signal);
    return { id, name, data: withNames({ ...data, warnings: [...data.warnings, ...warnings] }, names) };
  } catch (err) {
    if (signal.aborted || isCancellation(err)) throw err;
    return { id, name, data: { ...data, warnings: [...data.warnings, l10n.t("Couldn't name the ids: {0}", describeError(err))] } };
  }
}
