// How the explorer's node ids map onto the Project panel's sections, both ways: a refresh of a tree
// node reloads the panel sections showing the same data, and a write made in the panel names the
// tree nodes to reload. One table, so the two directions cannot drift apart.
import { SECTION_IDS, type SectionId } from './types';

/** Tree folder under a project (src/tree/kinds/projectResources.ts) → the panel section showing it. */
const FOLDER_SECTIONS: Record<string, SectionId[]> = {
  users: ['members'],
  // A service account's keys are in the project's key list too.
  serviceAccounts: ['serviceAccounts', 'apiKeys'],
  apiKeys: ['apiKeys'],
  rateLimits: ['rateLimits'],
  modelPermissions: ['modelPermissions'],
  hostedTools: ['hostedTools'],
  serviceTier: ['serviceTier'],
  spend: ['spend'],
  dataRetention: ['dataRetention'],
  roles: ['members'],
};

/**
 * The tree folder a section's data lives in (the overview lives in the project list itself): the panel's
 * saves refresh it. projectDraft.test.ts checks each is a folder the tree really has.
 */
export const SECTION_FOLDER: Record<Exclude<SectionId, 'overview'>, string> = {
  members: 'users',
  serviceAccounts: 'serviceAccounts',
  apiKeys: 'apiKeys',
  rateLimits: 'rateLimits',
  modelPermissions: 'modelPermissions',
  hostedTools: 'hostedTools',
  serviceTier: 'serviceTier',
  spend: 'spend',
  dataRetention: 'dataRetention',
};

/**
 * The sections of `projectId`'s panel that a refresh of tree node `id` makes stale; undefined id is
 * the whole tree. Ids look like `projects`, `projects/<pid>/users/<uid>`, `projects/archived/<pid>/…`.
 */
export function sectionsForTreeId(id: string | undefined, projectId: string): SectionId[] {
  if (id === undefined) return [...SECTION_IDS];
  const parts = id.split('/');
  if (parts[0] !== 'projects') return [];
  const rest = parts[1] === 'archived' ? parts.slice(2) : parts.slice(1);
  // The project list itself (create, rename, archive reload it).
  if (rest.length === 0) return ['overview'];
  if (rest[0] !== projectId) return [];
  if (rest.length === 1) return [...SECTION_IDS];
  return FOLDER_SECTIONS[rest[1]!] ?? [];
}
