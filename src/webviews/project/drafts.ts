// Where the Project panel's unsaved edits wait after the panel closes: the workspace's state (not
// settings, not a file), one entry per project. The rules about what may be kept are in
// src/model/project/storedDraft.ts.
import type * as vscode from 'vscode';
import { asPanelDraft, asStoredDraft, hasEdits, type StoredDraft } from '../../model/project/storedDraft';

const PREFIX = 'openaiAdmin.projectDraft/';

export class ProjectDrafts {
  private readonly prefix: string;

  /** `organization`: the connection's id, so two organizations' projects never share a draft (none for the first). */
  constructor(private readonly state: vscode.Memento, organization?: string) {
    this.prefix = organization === undefined ? PREFIX : `${PREFIX}@${organization}/`;
  }

  get(projectId: string): StoredDraft | undefined {
    return asStoredDraft(this.state.get(this.prefix + projectId));
  }

  /** Keeps the draft when it holds edits; forgets the project's entry when it holds none (saved or reverted). */
  async put(projectId: string, value: unknown, now = Date.now()): Promise<void> {
    const draft = asPanelDraft(value);
    if (draft && hasEdits(draft)) await this.state.update(this.prefix + projectId, { savedAt: now, draft } satisfies StoredDraft);
    else await this.forget(projectId);
  }

  async forget(projectId: string): Promise<void> {
    if (this.state.get(this.prefix + projectId) !== undefined) await this.state.update(this.prefix + projectId, undefined);
  }
}
