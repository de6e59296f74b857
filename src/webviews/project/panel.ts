// The Project panel, host side: one editor per project. It reads sections through the model
// (src/model/project/load.ts), writes through projectWrites (the commands' own runWrite path), and
// follows the explorer: whenever the tree reloads a node showing this project's data — after a write
// made here, by a tree command or by Refresh — the matching sections are read again and sent to the
// webview. Closing the panel aborts whatever it was still reading or writing.
import * as vscode from 'vscode';
import type { CommandContext } from '../../commands/context';
import type { ProjectRef } from '../../commands/targets';
import { loadSnapshot } from '../../model/project/load';
import { sectionsForTreeId } from '../../model/project/sections';
import { isSectionId, type SectionData, type SectionId, type Snapshot } from '../../model/project/types';
import { Panel, toRpcError } from '../panel';
import type { ParamsOf, ResultOf } from '../protocol';
import type { ProjectHostEvents, ProjectMethods, ProjectReport } from './protocol';
import { PROJECT_PANEL } from './spec';
import { apiKeyWrites } from './apiKeyWrites';
import { serviceTierWrites } from './serviceTierWrites';
import { projectWrites, type WriteContext } from './writes';

export interface ProjectServices {
  ctx: CommandContext;
  extensionUri: vscode.Uri;
  /** The openaiAdmin.unusedKeyDays setting. */
  unusedKeyDays(): number;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
}

/** Several tree refreshes in a row (a write reloads two folders) become one read. */
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
      init: () => ({ projectId, unusedKeyDays: services.unusedKeyDays(), now: Math.floor(Date.now() / 1000) }),
      load: (params) => this.load(requestedSections(params?.sections)),
      ...projectWrites(context),
      ...apiKeyWrites(context),
      ...serviceTierWrites(context),
    };
    this.base = new Panel(panel, services.extensionUri, PROJECT_PANEL, this.methods, {
      log: ctx.log,
      renderReports: services.renderReports,
      onEvent: (name, data) => this.onWebviewEvent(name, data),
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    if (initialName) this.setTitle(initialName);

    const follow = ctx.explorer.onDidRefresh((id) => {
      const sections = sectionsForTreeId(id, projectId);
      if (sections.length) this.scheduleReload(sections);
    });
    this.base.onDidDispose(() => {
      this.lifetime.abort(new DOMException('The Project panel was closed', 'AbortError'));
      clearTimeout(this.reloadTimer);
      follow.dispose();
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
    const snapshot = await loadSnapshot(await this.services.ctx.session.getClient(), this.projectId, this.lifetime.signal, sections);
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

  private onWebviewEvent(name: string, data: unknown): void {
    if (name === 'rendered') {
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
    this.base.panel.title = `${this.dirty ? '● ' : ''}Project: ${short}`;
  }
}

/** The sections a load request names: none means all; anything but the panel's own section ids is refused. */
function requestedSections(value: unknown): SectionId[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 50 || !value.every(isSectionId)) throw new TypeError('Unknown section requested.');
  return value;
}
