// What every section of the Project panel shares: the data as last loaded, the unsaved draft (kept
// with setState so it survives a reload), the RPC client, and re-rendering when data arrives. The
// rules about the draft (dirty, valid, what changed) come from src/model/project/draft.ts, the same
// code the host and the unit tests use.
import * as l10n from '@vscode/l10n';
import { emptyDraft, pendingChanges, type PanelDraft } from '../../src/model/project/draft';
import { SECTION_IDS, type SectionData, type SectionId, type Snapshot } from '../../src/model/project/types';
import type { ProjectHostEvents, ProjectInit, ProjectMethods, ProjectState, ProjectWebviewEvents } from '../../src/webviews/project/protocol';
import { RpcCallError, type RpcClient } from '../shared/rpc';
import { saveState } from '../shared/vscode';
import type { SectionFrame } from './ui';

export type Rpc = RpcClient<ProjectMethods, ProjectHostEvents, ProjectWebviewEvents>;
export type Status = 'loading' | 'data' | 'error';

export interface SectionView {
  /** The section whose data this view shows; it is re-rendered when any of `uses` arrives. */
  readonly id: SectionId;
  readonly uses: readonly SectionId[];
  readonly frame: SectionFrame;
  render(): void;
  /** The rows on screen, as text (the report tests read). */
  rows(): string[][];
  /** Saves this section's unsaved edits, as its own Save button does (Ctrl/Cmd+S runs every section's). */
  save?(): Promise<void>;
  /** Drops this section's unsaved edits and results, as its own Discard button does. */
  discard?(): void;
}

export class App {
  loaded: Partial<SectionData> = {};
  readonly status = Object.fromEntries(SECTION_IDS.map((s) => [s, 'loading'])) as Record<SectionId, Status>;
  readonly errors: Partial<Record<SectionId, string>> = {};
  private readonly views: SectionView[] = [];
  private readonly draftListeners: Array<() => void> = [];
  /** The host's clock minus ours: expiry and idle days count on the host's time. */
  private readonly clockSkew: number;

  constructor(readonly init: ProjectInit, readonly rpc: Rpc, public draft: PanelDraft, private readonly onChange: () => void) {
    this.clockSkew = init.now - Date.now() / 1000;
  }

  /** Now on the host's clock, unix seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000 + this.clockSkew);
  }

  add(view: SectionView): void {
    this.views.push(view);
  }

  onDraftChange(fn: () => void): void {
    this.draftListeners.push(fn);
  }

  get readOnly(): boolean {
    return this.loaded.overview?.status === 'archived';
  }

  updateDraft(fn: (d: PanelDraft) => PanelDraft): void {
    this.draft = fn(this.draft);
    saveState<ProjectState>({ projectId: this.init.projectId, organization: this.init.organization, draft: this.draft });
    for (const l of this.draftListeners) l();
    this.onChange();
  }

  pending() {
    return pendingChanges(this.loaded, this.draft, this.now());
  }

  /** Ctrl/Cmd+S: each section with unsaved edits saves through its own Save, one after another (a save may ask in a modal). */
  async saveAll(): Promise<void> {
    const sections = new Set(this.pending().map((p) => p.section));
    for (const v of this.views) if (sections.has(v.id) && v.save) await v.save();
  }

  /** Revert (the host confirmed): every section drops its edits, and the page shows the project as loaded. */
  revertAll(): void {
    for (const v of this.views) v.discard?.();
    this.replaceDraft(emptyDraft());
  }

  /** A whole new draft (restored or reverted): every section with data draws it. */
  replaceDraft(draft: PanelDraft): void {
    this.updateDraft(() => draft);
    for (const v of this.views) if (this.loaded[v.id] !== undefined) v.render();
    this.onChange();
  }

  /** Reads sections from the host (all by default), one request each, so quick sections show while slow ones load. */
  async load(sections: readonly SectionId[] = SECTION_IDS): Promise<void> {
    for (const s of sections) {
      this.status[s] = 'loading';
      this.viewsFor([s]).forEach((v) => v.id === s && v.frame.loading());
    }
    this.onChange();
    await Promise.all(sections.map(async (s) => {
      try {
        this.apply(await this.rpc.call('load', { sections: [s] }));
      } catch (err) {
        // The panel is closing: nobody will see it.
        if (err instanceof RpcCallError && err.cancelled) return;
        this.apply({ [s]: { ok: false, error: (err as Error).message } });
      }
    }));
  }

  /** New data for some sections (an answer to load, or the host after a write here or in the tree). */
  apply(snapshot: Snapshot): void {
    const changed: SectionId[] = [];
    for (const id of SECTION_IDS) {
      const s = snapshot[id];
      if (!s) continue;
      changed.push(id);
      if (s.ok) {
        (this.loaded as Record<string, unknown>)[id] = s.data;
        this.status[id] = 'data';
        delete this.errors[id];
      } else {
        this.status[id] = 'error';
        this.errors[id] = s.error;
      }
    }
    for (const v of this.viewsFor(changed)) {
      const status = this.status[v.id];
      if (status === 'error') v.frame.failed(this.errors[v.id] ?? l10n.t('unknown error'));
      else if (status === 'data') v.frame.loaded();
      if (this.loaded[v.id] !== undefined) v.render();
    }
    for (const l of this.draftListeners) l();
    this.onChange();
  }

  private viewsFor(sections: readonly SectionId[]): SectionView[] {
    return this.views.filter((v) => v.uses.some((u) => sections.includes(u)));
  }

  allViews(): readonly SectionView[] {
    return this.views;
  }
}

/** The draft saved before a reload, if it belongs to this project. */
export function restoredDraft(state: Partial<ProjectState> | undefined, projectId: string): PanelDraft {
  const d = state?.projectId === projectId ? state.draft : undefined;
  return d && typeof d === 'object' && d.rateLimits && typeof d.rateLimits === 'object' ? d : emptyDraft();
}
