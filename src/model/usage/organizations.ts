// Which organization Usage & Costs shows: one of the connected organizations or all of them
// together. Pure and import-free apart from types, so the webview (media/usage) applies the same
// rules to its controls as the host does to the loads it answers.
import * as l10n from '@vscode/l10n';
import type { Selection } from './types';

/** The selection's `organization` for "All organizations". */
export const ALL_ORGANIZATIONS = 'all';

/** An organization as the panel lists it. */
export interface OrganizationChoice {
  id: string;
  name: string;
}

/** Group and filter fields whose values are ids inside one organization: they mean nothing across several. */
export const ORG_SCOPED_FIELDS: readonly string[] = ['project_id', 'user_id', 'api_key_id'];

/** The group field the combined view adds in front of the selection's own (its names are the organizations' names). */
export const ORGANIZATION_FIELD = 'organization_id';
// Functions, not constants: the host looks a string up when it shows it, after activation has
// configured @vscode/l10n (CONTRIBUTING.md, Localization).
export const organizationLabel = (): string => l10n.t('Organization');
export const allOrganizationsLabel = (): string => l10n.t('All organizations');

const MAX_ID_LENGTH = 200;

/**
 * The organization a raw value names: one of `ids`, or 'all' when there are several; anything else
 * (an id that is gone, a value from an old state, a hostile message) is the first organization.
 * Undefined only when there is no organization at all.
 */
export function resolveOrganization(raw: unknown, ids: readonly string[]): string | undefined {
  if (raw === ALL_ORGANIZATIONS && ids.length > 1) return ALL_ORGANIZATIONS;
  if (typeof raw === 'string' && ids.includes(raw)) return raw;
  return ids[0];
}

/** A raw `organization` as normalizeWith keeps it before the list is known: a short string, or nothing. */
export function organizationValue(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw !== '' && raw.length <= MAX_ID_LENGTH ? raw : undefined;
}

/**
 * `patch` applied to `current`. A patch that moves to another organization and brings no filters of
 * its own drops the filters on ids (projects, users, keys): those were the other organization's.
 */
export function patchSelection(current: Selection, patch: Partial<Selection>): Selection {
  const next = { ...current, ...patch };
  if (patch.organization !== undefined && patch.organization !== current.organization && patch.filters === undefined) {
    next.filters = withoutOrgScoped(current.filters);
  }
  return next;
}

/** Filters keyed by parameter, without those on org-scoped ids. */
export function withoutOrgScoped(filters: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(filters).filter(([param]) => !isOrgScopedParam(param)));
}

export function isOrgScopedParam(param: string): boolean {
  return param === 'project_ids' || param === 'user_ids' || param === 'api_key_ids';
}

/** The panel's tab title: plain with one organization, naming the one shown (or "All organizations") with several. */
export function usageTitle(organizations: readonly OrganizationChoice[], selected: string | undefined): string {
  if (organizations.length < 2) return l10n.t('Usage & Costs');
  if (selected === ALL_ORGANIZATIONS) return l10n.t('Usage & Costs — All organizations');
  const org = organizations.find((o) => o.id === selected) ?? organizations[0]!;
  return l10n.t('Usage & Costs — {0}', org.name);
}
