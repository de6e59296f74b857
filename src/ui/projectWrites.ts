// Writes of a whole project that the tree's commands and the Project panel both offer.
import * as vscode from 'vscode';
import type { Project } from '../api';
import { projectEffects } from '../model/writeEffects';
import { q, type WriteAction } from './run';

/** Archiving, confirmed: the project moves from the active list to the archived one. */
export function archiveProject(p: { id: string; name: string }): WriteAction<Project> {
  return {
    progress: vscode.l10n.t('Archiving project {0}…', q(p.name)),
    confirm: {
      message: vscode.l10n.t('Archive project {0}?', q(p.name)),
      detail: vscode.l10n.t('{0}\n\nArchived projects cannot be used or updated, and projects cannot be unarchived through the API. Its API keys stop working.', p.id),
      button: vscode.l10n.t('Archive Project'),
    },
    call: (c) => c.projects.archive(p.id),
    effects: (r) => projectEffects.archived(r),
    done: () => vscode.l10n.t('Archived project {0}', q(p.name)),
  };
}
