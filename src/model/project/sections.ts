// Which org store lists each Project panel section is made from, both ways: the panel reads a
// section from its lists, and a change of one of those lists (a write's effect, a Refresh) redraws
// the sections made from it. One table, so the two directions cannot drift apart.
import type { ResourceName } from '../store';
import { SECTION_IDS, type SectionId } from './types';

/** Section → the per-project store resources it is made from (each a list under the project's id). */
export const SECTION_RESOURCES: Record<SectionId, readonly ResourceName[]> = {
  overview: ['project'],
  // Each member with their project role assignments, and the project's roles to assign.
  members: ['projectUsers', 'projectUserRoles', 'projectRoles'],
  serviceAccounts: ['projectServiceAccounts'],
  apiKeys: ['projectApiKeys'],
  rateLimits: ['projectRateLimits'],
  modelPermissions: ['modelPermissions'],
  hostedTools: ['hostedToolPermissions'],
  serviceTier: ['serviceTier'],
  spend: ['projectSpendLimit', 'projectSpendAlerts'],
  dataRetention: ['projectDataRetention'],
};

/** Every resource some section is made from (the panel listens to these under its project's id). */
export const PANEL_RESOURCES: readonly ResourceName[] = [...new Set(Object.values(SECTION_RESOURCES).flat())];

/** The sections a change of `resource`'s list makes stale. */
export function sectionsForResource(resource: ResourceName): SectionId[] {
  return SECTION_IDS.filter((s) => SECTION_RESOURCES[s].includes(resource));
}
