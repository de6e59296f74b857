// Writes of a whole project that the tree's commands and the Project panel both offer.
import type { Project } from '../api';
import { projectEffects } from '../model/writeEffects';
import { q, type WriteAction } from './run';

/** Archiving, confirmed: the project moves from the active list to the archived one. */
export function archiveProject(p: { id: string; name: string }): WriteAction<Project> {
  return {
    progress: `Archiving project ${q(p.name)}…`,
    confirm: {
      message: `Archive project ${q(p.name)}?`,
      detail: `${p.id}\n\nArchived projects cannot be used or updated, and projects cannot be unarchived through the API. Its API keys stop working.`,
      button: 'Archive Project',
    },
    call: (c) => c.projects.archive(p.id),
    effects: (r) => projectEffects.archived(r),
    done: () => `Archived project ${q(p.name)}`,
  };
}
