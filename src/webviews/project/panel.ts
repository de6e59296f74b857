// The Project panel, host side: one editor per project. It reads its sections from the org store
// (src/model/project/load.ts: lists the tree has read are not read again), writes through
// projectWrites (the commands' own runWrite path), and follows the store: whenever a list of this
// project that a section is made from changes — a write's effect, made here or by a tree command, or
// a Refresh — just those sections are made again and sent to the webview. Closing the panel aborts
// whatever it was still reading or writing.
import * as vscode from 'vscode';
import { loadSnapshot } from '../../model/project/load';
import { asPanelDraft, hasEdits, savedAtLabel } from '../../model/project/storedDraft';
import { askModal } from '../../notify';
import { PANEL_RESOURCES, sectionsForResource } from '../../model/project/sections';
import { inScope } from '../../model/store';
import type { ProjectRef, UiContext } from '../../ui/context';
import { isSectionId, type SectionData, type SectionId, type Snapshot } from '../../model/project/types';
import { Panel, toRpcError } from '../panel';
import type { ParamsOf, ResultOf } from '../protocol';
import type { ProjectDrafts } from './drafts';
import type { ProjectHostEvents, ProjectMethods, ProjectReport, ProjectState, WriteResult } from './protocol';
import { PROJECT_PANEL } from './spec';
import { apiKeyWrites } from './apiKeyWrites';
import { serviceTierWrites } from './serviceTierWrites';
import { projectWrites, type WriteContext } from './writes';

export interface ProjectServices {
  ctx: UiContext;
  extensionUri: vscode.Uri;
  /** The openaiAdmin.unusedKeyDays setting. */
  unusedKeyDays(): number;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
  /** Unsaved edits of closed panels (workspace state). */
  drafts: ProjectDrafts;
}

/** Several list changes in a row (a write's effects, a page per list) become one redraw. */
const RELOAD_SETTLE_MS = 60;
const MAX_TITLE = 40;

export class ProjectPanel {
  private readonly base: Panel<ProjectMethods, ProjectHostEvents>;
  private readonly methods: ProjectMethods;
  private readonly lifetime = new AbortController();
  private readonly renderedEmitter = new vscode.EventEmitter<ProjectReport>();
  /** Fires after the webview has drawn (tests and diagnostics). */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly loaded: Partial<SectionData> = {};
  private report?: ProjectReport;
  private dirty = 0;
  private pending = new Set<SectionId>();
  private reloadTimer?: ReturnType<typeof setTimeout>;
  /** A kept draft is on offer: the new page's empty draft must not replace it before the admin chose. */
  private keepStored = false;

  constructor(panel: vscode.WebviewPanel, private readonly services: ProjectServices, readonly projectId: string, initialName?: string) {
    const { ctx } = services;
    const context: WriteContext = {
      ctx,
      project: () => this.ref(),
      data: () => this.loaded,
      reload: (sections) => this.reloadNow(sections),
      signal: this.lifetime.signal,
    };
    this.methods = {
      init: (params) => {
        void this.offerRestore(params?.state);
        return { projectId, organization: ctx.org.id, unusedKeyDays: services.unusedKeyDays(), now: Math.floor(Date.now() / 1000) };
      },
      load: (params) => this.load(requestedSections(params?.sections)),
      ...projectWrites(context),
      ...apiKeyWrites(context),
      ...serviceTierWrites(context),
      revert: () => this.revert(),
    };
    this.base = new Panel(panel, services.extensionUri, PROJECT_PANEL, this.methods, {
      log: ctx.log,
      renderReports: services.renderReports,
      onEvent: (name, data) => this.onWebviewEvent(name, data),
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    if (initialName || ctx.org.label) this.setTitle(initialName ?? projectId);

    // An edit or a dropped list is news; a page arriving is this panel's own read (or the tree's
    // read of a list this panel shows already), which the load that asked for it draws.
    const follow = PANEL_RESOURCES.map((resource) => ctx.store.onDidChangeIn({ resource, ids: [projectId] }, (change) => {
      if (change.reason !== 'loaded') this.scheduleReload(sectionsForResource(change.ref.resource));
    }));
    this.base.onDidDispose(() => {
      this.lifetime.abort(new DOMException('The Project panel was closed', 'AbortError'));
      clearTimeout(this.reloadTimer);
      for (const sub of follow) sub.dispose();
      this.cancelReads();
      this.renderedEmitter.dispose();
    });
  }

  get onDidDispose(): vscode.Event<void> {
    return this.base.onDidDispose;
  }

  get disposed(): boolean {
    return this.base.disposed;
  }

  get webviewPanel(): vscode.WebviewPanel {
    return this.base.panel;
  }

  get lastReport(): ProjectReport | undefined {
    return this.report;
  }

  /** The sections as last read. */
  get data(): Partial<SectionData> {
    return this.loaded;
  }

  reveal(): void {
    this.base.reveal();
  }

  /** The panel is the active editor (the Save and Revert commands act on it). */
  get active(): boolean {
    return !this.disposed && this.base.panel.active;
  }

  /** Ctrl/Cmd+S: the page saves every section with unsaved edits, each through its own Save. */
  async save(): Promise<boolean> {
    return this.base.notify('save', {});
  }

  /** Drops the unsaved edits, after a modal naming the project when there are any. Nothing is sent to the API. */
  async revert(): Promise<WriteResult> {
    if (this.dirty > 0) {
      const n = this.dirty;
      const discard = vscode.l10n.t('Discard Changes');
      const choice = await askModal('warning', n === 1
        ? vscode.l10n.t('Discard 1 unsaved change to project “{0}”?', this.ref().name)
        : vscode.l10n.t('Discard {0} unsaved changes to project “{1}”?', n, this.ref().name),
      vscode.l10n.t('The edits are dropped and the panel shows the project as it is. Nothing is sent.'), discard);
      if (choice !== discard || this.disposed) return { done: false };
    }
    await this.base.notify('revert', {});
    return { done: true };
  }

  dispose(): void {
    this.base.dispose();
  }

  /** Runs one of the webview's requests (tests use it to act as the webview would). */
  async call<K extends keyof ProjectMethods & string>(method: K, params: ParamsOf<ProjectMethods, K>): Promise<ResultOf<ProjectMethods, K>> {
    try {
      return await (this.methods[method] as (p: ParamsOf<ProjectMethods, K>) => ResultOf<ProjectMethods, K>)(params);
    } catch (err) {
      // The same text the webview would get.
      throw Object.assign(new Error(toRpcError(err).message), { status: toRpcError(err).status });
    }
  }

  private ref(): ProjectRef {
    const o = this.loaded.overview;
    return { id: this.projectId, name: o?.name ?? this.projectId, archived: o?.status === 'archived' };
  }

  private async load(sections?: SectionId[]): Promise<Snapshot> {
    const snapshot = await loadSnapshot(this.services.ctx.store, this.projectId, this.lifetime.signal, sections);
    for (const [id, s] of Object.entries(snapshot) as [SectionId, NonNullable<Snapshot[SectionId]>][]) {
      if (s.ok) (this.loaded as Record<string, unknown>)[id] = s.data;
    }
    if (snapshot.overview?.ok) this.setTitle(snapshot.overview.data.name);
    return snapshot;
  }

  /** Reads sections at once and sends them to the webview too, so host and page agree on what is shown. */
  private async reloadNow(sections: SectionId[]): Promise<void> {
    const snapshot = await this.load(sections);
    if (!this.disposed) await this.base.notify('sections', snapshot);
  }

  private scheduleReload(sections: readonly SectionId[]): void {
    for (const s of sections) this.pending.add(s);
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_SETTLE_MS);
  }

  /** Reads the stale sections and sends them; a hidden webview reads everything itself when it starts again. */
  private async reload(): Promise<void> {
    const sections = [...this.pending];
    this.pending.clear();
    if (!sections.length || this.disposed) return;
    try {
      const snapshot = await this.load(sections);
      if (!this.disposed) await this.base.notify('sections', snapshot);
    } catch (err) {
      if (!this.lifetime.signal.aborted) this.services.ctx.log.error(`Project panel: reloading ${sections.join(', ')} failed: ${toRpcError(err).message}`);
    }
  }

  /**
   * The store's reads of this project's lists that are still running when the panel closes are cut:
   * nobody is waiting for them here, and a list that is needed again is read when next shown.
   */
  private cancelReads(): void {
    const { store } = this.services.ctx;
    for (const resource of PANEL_RESOURCES) {
      for (const [ref, list] of store.listsOf(resource)) {
        if (inScope(ref, { resource, ids: [this.projectId] }) && list.isLoading) list.cancel();
      }
    }
  }

  /**
   * Reopening a project whose panel was closed with unsaved edits offers them back. A page that
   * brought its own edits (a window reload restores them from the webview's state) is not asked.
   */
  private async offerRestore(pageState: unknown): Promise<void> {
    const stored = this.services.drafts.get(this.projectId);
    if (!stored) return;
    const own = pageState as Partial<ProjectState> | undefined;
    if (own?.projectId === this.projectId && hasEdits(asPanelDraft(own.draft))) return;
    this.keepStored = true;
    // The project's name for the question (usually in the store already).
    await this.load(['overview']).catch(() => undefined);
    if (this.disposed) return;
    const [restore, discard] = [vscode.l10n.t('Restore'), vscode.l10n.t('Discard')];
    const choice = await askModal('info', vscode.l10n.t('Restore unsaved changes from {0}?', savedAtLabel(stored.savedAt)),
      vscode.l10n.t('Project “{0}” was closed with edits that were not saved. Restore shows them as unsaved changes; Discard forgets them.', this.ref().name),
      restore, discard);
    if (this.disposed || !this.keepStored) return;
    if (choice === restore) {
      this.keepStored = false;
      await this.base.notify('restoreDraft', { draft: stored.draft });
    } else if (choice === discard) {
      this.keepStored = false;
      await this.services.drafts.forget(this.projectId);
    }
  }

  /** The page's draft after each change: kept while it holds edits, forgotten once saved or reverted. */
  private keepDraft(data: unknown): void {
    const draft = asPanelDraft((data as { draft?: unknown } | null)?.draft);
    if (!draft) return;
    if (this.keepStored && !hasEdits(draft)) return;
    this.keepStored = false;
    this.services.drafts.put(this.projectId, draft).then(undefined, (err: unknown) => this.services.ctx.log.error(`Project panel: keeping unsaved edits failed: ${toRpcError(err).message}`));
  }

  private onWebviewEvent(name: string, data: unknown): void {
    if (name === 'draft') {
      this.keepDraft(data);
    } else if (name === 'rendered') {
      this.report = data as ProjectReport;
      this.renderedEmitter.fire(this.report);
    } else if (name === 'dirty') {
      const count = (data as { count?: unknown } | null)?.count;
      this.dirty = typeof count === 'number' && count > 0 ? count : 0;
      this.setTitle(this.loaded.overview?.name ?? this.projectId);
    }
  }

  private setTitle(name: string): void {
    const short = name.length > MAX_TITLE ? `${name.slice(0, MAX_TITLE)}…` : name;
    // A dot, as editors mark unsaved changes in their tabs.
    const org = this.services.ctx.org.label;
    this.base.panel.title = `${this.dirty ? '● ' : ''}${org ? vscode.l10n.t('Project: {0} — {1}', short, org) : vscode.l10n.t('Project: {0}', short)}`;
  }
}

/** The sections a load request names: none means all; anything but the panel's own section ids is refused. */
function requestedSections(value: unknown): SectionId[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 50 || !value.every(isSectionId)) throw new TypeError('Unknown section requested.');
  return value;
}
