// The Access Review, host side: builds the review from the org store (src/model/review), answers
// the webview's window requests, and follows the store: any change to a list the review reads
// rebuilds the rows (at most every REBUILD_MS while lists arrive) and tells the webview, which asks
// again for just the rows it shows. Refresh runs Load Organization; CSV export writes what the
// current query keeps through the save dialog.
import * as vscode from 'vscode';
import type { Logger } from '../../log';
import { formatAsOf } from '../../model/asOf';
import { describeError } from '../../model/describeError';
import { buildReview, isReviewId, parseReviewQuery, REVIEW_RESOURCES, ReviewIndex, reviewCsv, type Review, type ReviewQuery } from '../../model/review';
import { listKey, listRef, type ListRef, type OrgStore } from '../../model/store';
import type { OrgInfo } from '../../ui/context';
import { Panel, toRpcError } from '../panel';
import type { ParamsOf, ResultOf } from '../protocol';
import { MAX_WINDOW, type AccessReviewHostEvents, type AccessReviewMethods, type AccessReviewReport, type ReviewStatus } from './protocol';
import { ACCESS_REVIEW_PANEL } from './spec';

export const LOAD_ORGANIZATION_COMMAND = 'openaiAdmin.loadOrganization';
export const REVEAL_IN_EXPLORER_COMMAND = 'openaiAdmin.revealInExplorer';
export const OPEN_PROJECT_COMMAND = 'openaiAdmin.openProject';

export interface AccessReviewServices {
  /** The organization reviewed: commands the panel runs name it. */
  org: OrgInfo;
  store: OrgStore;
  log: Logger;
  extensionUri: vscode.Uri;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
}

/**
 * While lists arrive (a Load Organization of 2,000 projects sends thousands of changes), rebuild at
 * most this often: the first rows show at once and the counts move, without rebuilding per page.
 */
const REBUILD_MS = 250;
const REVIEWED = new Set<string>(REVIEW_RESOURCES);
/** Lists re-read at once after writes dropped them; more waits for Refresh. */
const MAX_REREADS = 50;

export class AccessReviewPanel {
  private readonly base: Panel<AccessReviewMethods, AccessReviewHostEvents>;
  private readonly methods: AccessReviewMethods;
  private readonly renderedEmitter = new vscode.EventEmitter<AccessReviewReport>();
  readonly onDidRender = this.renderedEmitter.event;
  private review!: Review;
  private index!: ReviewIndex;
  private version = 0;
  private report?: AccessReviewReport;
  private stale = false;
  private timer?: ReturnType<typeof setTimeout>;
  private loadRunning = false;
  private loadError?: string;
  private readonly rereading = new Set<string>();
  private reloadQueued = false;
  private reloadAfter = false;

  constructor(panel: vscode.WebviewPanel, private readonly services: AccessReviewServices) {
    this.rebuild();
    this.methods = {
      init: () => ({ status: this.status(), now: Date.now() }),
      rows: (params) => this.window(parseReviewQuery(params?.query), params?.start, params?.count),
      options: () => ({
        version: this.version,
        projects: (services.store.peek(listRef('projects'))?.items ?? []).map((p) => ({ id: p.id, name: p.name ?? p.id })),
      }),
      refresh: async () => ({ started: await this.loadOrganization(true) }),
      exportCsv: async (params) => ({ saved: await this.exportCsv(parseReviewQuery(params?.query)) }),
      reveal: async (params) => ({ done: await this.reveal(params?.kind, params?.id) }),
      openProject: async (params) => ({ done: await this.openProject(params?.projectId) }),
    };
    this.base = new Panel(panel, services.extensionUri, ACCESS_REVIEW_PANEL, this.methods, {
      log: services.log,
      renderReports: services.renderReports,
      onEvent: (name, data) => {
        if (name !== 'rendered') return;
        this.report = data as AccessReviewReport;
        this.renderedEmitter.fire(this.report);
      },
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    if (services.org.label) panel.title = vscode.l10n.t('Access Review — {0}', services.org.label);
    const follow = services.store.onDidChange((change) => {
      if (!REVIEWED.has(change.ref.resource)) return;
      if (change.reason === 'invalidated' && change.ref.ids.length === 0) this.reloadSoon();
      else if (change.reason === 'invalidated') this.reread(change.ref);
      this.schedule();
    });
    // A hidden panel's webview is not running: rebuild when it shows again, not for every change.
    const shown = panel.onDidChangeViewState(() => { if (panel.visible && this.stale) this.schedule(); });
    this.base.onDidDispose(() => {
      clearTimeout(this.timer);
      follow.dispose();
      shown.dispose();
      this.renderedEmitter.dispose();
    });
    // Nothing read yet: read the organization, as the admin would otherwise have to ask first.
    if (!services.store.peek(listRef('members'))?.isLoaded) void this.loadOrganization();
  }

  get onDidDispose(): vscode.Event<void> { return this.base.onDidDispose; }
  get disposed(): boolean { return this.base.disposed; }
  get webviewPanel(): vscode.WebviewPanel { return this.base.panel; }
  get lastReport(): AccessReviewReport | undefined { return this.report; }
  /** The review as built last (tests compare it with the fake). */
  get current(): Review { return this.review; }

  show(): void { this.base.reveal(); }
  dispose(): void { this.base.dispose(); }

  /** Runs one of the webview's requests (tests use it to act as the webview would). */
  async call<K extends keyof AccessReviewMethods & string>(method: K, params: ParamsOf<AccessReviewMethods, K>): Promise<ResultOf<AccessReviewMethods, K>> {
    try {
      return await (this.methods[method] as (p: ParamsOf<AccessReviewMethods, K>) => ResultOf<AccessReviewMethods, K>)(params);
    } catch (err) {
      throw Object.assign(new Error(toRpcError(err).message), { status: toRpcError(err).status });
    }
  }

  /** Writes the query's rows; `target` skips the save dialog (tests). False when cancelled. */
  async exportCsv(query: ReviewQuery, target?: vscode.Uri): Promise<boolean> {
    const rows = this.index.select(query);
    const day = new Date().toISOString().slice(0, 10);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `openai-access-review-${day}.csv`;
    const uri = target ?? await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Access Review'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
      filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return false;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(reviewCsv(rows)));
    this.services.log.info(`Exported the Access Review (${rows.length} rows) to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    if (!target) void vscode.window.setStatusBarMessage(vscode.l10n.t('Access Review exported: {0} rows', rows.length), 4000);
    return true;
  }

  private status(): ReviewStatus {
    return {
      version: this.version,
      readAt: this.review.readAt,
      asOf: formatAsOf(this.review.readAt, { locale: vscode.env.language }),
      coverage: this.review.coverage,
      loading: this.loadRunning || this.review.coverage.loading,
      rowCount: this.review.rows.length,
      ...(this.loadError ? { error: this.loadError } : {}),
    };
  }

  private rebuild(): void {
    this.review = buildReview(this.services.store);
    const index = this.index = new ReviewIndex(this.review.rows);
    this.version++;
    this.stale = false;
    // The webview asks for its first rows on the next turns; searching is ready before anyone types.
    setTimeout(() => { if (this.index === index) index.warm(); }, 50);
  }

  /** Rebuilds at most every REBUILD_MS (the first change waits REBUILD_MS for more to come with it). */
  private schedule(): void {
    if (this.disposed) return;
    if (!this.base.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      this.rebuild();
      void this.base.notify('changed', this.status());
    }, REBUILD_MS);
  }

  /**
   * The organization's own lists were dropped (Refresh in the explorer, another key): read the
   * organization again, once, after the drop has finished (one turn later).
   */
  private reloadSoon(): void {
    // Dropped while a load runs (Refresh in the explorer mid-load): what that load read may be gone; read again after it.
    if (this.loadRunning) { this.reloadAfter = true; return; }
    if (this.reloadQueued) return;
    this.reloadQueued = true;
    setTimeout(() => {
      this.reloadQueued = false;
      if (!this.disposed) void this.loadOrganization();
    }, 0);
  }

  /**
   * A write dropped a list the review shows (a member left a project, so its key list changed):
   * read it again, so the review stays whole. Only lists under a project, group or member the
   * review still lists, and a few at a time; a wider drop (the projects or members list itself, a
   * new key) leaves the review partial until Refresh, rather than reading lists that may be gone.
   */
  private reread(ref: ListRef): void {
    if (ref.ids.length === 0 || this.rereading.size >= MAX_REREADS) return;
    const parent = ref.resource.startsWith('project') ? listRef('projects') : ref.resource === 'groupUsers' ? listRef('groups') : listRef('members');
    if (!this.services.store.find(parent, ref.ids[0]!)) return;
    const key = listKey(ref);
    if (this.rereading.has(key)) return;
    this.rereading.add(key);
    // After the write's other effects: a list removed and re-read in one turn would read stale data.
    setTimeout(() => {
      if (this.disposed) return void this.rereading.delete(key);
      this.services.store.loadAll(ref)
        .catch((err: unknown) => this.services.log.error(`Access Review: reading ${ref.resource} again failed: ${describeError(err)}`))
        .finally(() => this.rereading.delete(key));
    }, 0);
  }

  private window(query: ReviewQuery, start: unknown, count: unknown) {
    if (!Number.isInteger(start) || (start as number) < 0) throw new TypeError('start must be a whole number ≥ 0.');
    if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > MAX_WINDOW) throw new TypeError(`count must be 0 to ${MAX_WINDOW}.`);
    const positions = this.index.query(query);
    const from = Math.min(start as number, positions.length);
    const rows = positions.slice(from, from + (count as number)).map((i) => this.index.rows[i]!);
    return { version: this.version, total: positions.length, start: from, rows };
  }

  /**
   * Runs Load Organization; one at a time from this panel. `afresh` (Refresh) first forgets the
   * lists the review reads, since the load skips lists already read to their end.
   */
  private async loadOrganization(afresh = false): Promise<boolean> {
    if (this.loadRunning) return false;
    this.loadRunning = true;
    this.reloadAfter = false;
    if (afresh) for (const resource of REVIEW_RESOURCES) this.services.store.invalidate(resource);
    this.loadError = undefined;
    void this.base?.notify('changed', this.status());
    try {
      await vscode.commands.executeCommand(LOAD_ORGANIZATION_COMMAND, { organization: this.services.org.id });
    } catch (err) {
      this.loadError = describeError(err);
      this.services.log.error(`Access Review: Load Organization failed: ${this.loadError}`);
    } finally {
      this.loadRunning = false;
      // Whatever arrived last may still be waiting for the next rebuild: rebuild now.
      clearTimeout(this.timer);
      this.timer = undefined;
      if (!this.disposed) {
        this.rebuild();
        void this.base.notify('changed', this.status());
      }
    }
    if (this.reloadAfter && !this.disposed) {
      this.reloadAfter = false;
      void this.loadOrganization();
    }
    return true;
  }

  /** Members and invites are shown in the tree; service accounts in their project's panel. */
  private async reveal(kind: unknown, id: unknown): Promise<boolean> {
    if (!isReviewId(id)) throw new TypeError('Not a row of this review.');
    const row = this.review.rows.find((r) => r.kind === kind && r.id === id);
    if (!row) throw new TypeError('Not a row of this review.');
    if (row.kind === 'serviceAccount') return this.openProject(row.projects[0]!.projectId);
    return Boolean(await vscode.commands.executeCommand(REVEAL_IN_EXPLORER_COMMAND, { kind: row.kind, id: row.id, organization: this.services.org.id }));
  }

  private async openProject(projectId: unknown): Promise<boolean> {
    // Only projects this review lists: a message cannot make the host open anything else.
    if (!isReviewId(projectId) || !this.services.store.find(listRef('projects'), projectId)) throw new TypeError('Not a project of this review.');
    await vscode.commands.executeCommand(OPEN_PROJECT_COMMAND, { projectId, organization: this.services.org.id });
    return true;
  }
}
