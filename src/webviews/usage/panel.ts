// The Usage & Costs panel, host side: answers the webview's requests from the usage model and
// writes exports. One panel at a time; opening it again reveals it (and applies a project filter).
import * as vscode from 'vscode';
import type { Session } from '../../auth/session';
import type { Logger } from '../../log';
import { catalogue } from '../../model/usage/catalogue';
import { UsageDashboard } from '../../model/usage/dashboard';
import { toCsv, toJson } from '../../model/usage/export';
import { formatDay } from '../../model/usage/range';
import { webviewData } from '../../model/usage/webviewData';
import { isCancellation, Latest } from '../../model/usage/fetch';
import { mergeNames, withNames, type NameTable } from '../../model/usage/labels';
import type { OrgStore } from '../../model/store';
import type { DashboardData, Selection } from '../../model/usage/types';

import { notify } from '../../notify';
import { readAnomalySensitivity } from '../../config';
import { Panel } from '../panel';
import { USAGE_PANEL } from './spec';
import type { ParamsOf, ResultOf } from '../protocol';
import type { ExportFormat, RenderedReport, UsageHostEvents, UsageMethods, UsageState } from './protocol';

export interface UsageServices {
  session: Session;
  log: Logger;
  extensionUri: vscode.Uri;
  /** Where names for the ids come from (shared with the tree and the other views). */
  store: OrgStore;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
}

export class UsagePanel {
  private readonly dashboard: UsageDashboard;
  private readonly loads = new Latest();
  private readonly optionLoads = new Latest();
  private readonly nameLoads = new Latest();
  /** Every name resolved so far (ids are unique across the organization), applied to each new load at once. */
  private names: NameTable = {};
  private nameTimer?: ReturnType<typeof setTimeout>;
  private readonly base: Panel<UsageMethods, UsageHostEvents>;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedReport>();
  /** Fires after the webview has drawn a result (or an error). */
  readonly onDidRender = this.renderedEmitter.event;
  private data?: DashboardData;
  private report?: RenderedReport;
  private readonly methods: UsageMethods;

  constructor(panel: vscode.WebviewPanel, private readonly services: UsageServices, private initial?: Partial<Selection>) {
    this.dashboard = new UsageDashboard(() => services.session.getClient(), services.store);
    const methods: UsageMethods = this.methods = {
      init: ({ state }) => this.init(state),
      load: async ({ selection, fresh }) => {
        const data = withNames(await this.loads.run((signal) => this.dashboard.load(selection, signal, { fresh, sensitivity: readAnomalySensitivity() })), this.names);
        this.data = data;
        // The chart goes out now; the names it lacks follow as a 'names' event.
        void this.resolveNames(data);
        return webviewData(data);
      },
      filterOptions: ({ selection }) => this.optionLoads.run((signal) => this.dashboard.filterOptions(selection, signal)),
      // The format names the file in the save dialog: only the two the panel offers.
      export: async (params) => ({ saved: await this.exportWithDialog(exportFormat(params?.format)) }),
    };
    this.base = new Panel(panel, services.extensionUri, USAGE_PANEL, methods, {
      log: services.log,
      renderReports: services.renderReports,
      onEvent: (name, data) => {
        if (name !== 'rendered') return;
        this.report = data as RenderedReport;
        this.renderedEmitter.fire(this.report);
      },
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    // A key renamed or deleted elsewhere (the tree, the project panel) changes the names on screen;
    // only the labels are sent again, the numbers stay.
    const watch = this.dashboard.names.onDidChange(() => {
      clearTimeout(this.nameTimer);
      this.nameTimer = setTimeout(() => { if (this.data) void this.resolveNames(this.data); }, 50);
    });
    this.base.onDidDispose(() => {
      // Closing the panel stops whatever it was still reading.
      watch.dispose();
      clearTimeout(this.nameTimer);
      this.loads.cancel();
      this.optionLoads.cancel();
      this.nameLoads.cancel();
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

  /** The data behind what the panel shows now. */
  get lastData(): DashboardData | undefined {
    return this.data;
  }

  get lastReport(): RenderedReport | undefined {
    return this.report;
  }

  reveal(): void {
    this.base.reveal();
  }

  /**
   * Changes the selection as if the user had (the webview applies it and loads). A hidden panel's
   * webview is not running: the change waits for its next start (init).
   */
  select(selection: Partial<Selection>): void {
    this.initial = { ...this.initial, ...selection };
    void this.base.notify('select', selection).then((delivered) => {
      if (delivered) this.initial = undefined;
    });
  }

  /** Drops cached data and names and reloads (the key or the API settings changed). */
  refresh(): void {
    this.dashboard.fetcher.clear();
    this.nameLoads.cancel();
    // Names (and the ids they were for) belonged to the old key's organization: none is looked up again.
    this.names = {};
    this.data = undefined;
    void this.base.notify('refresh', null);
  }

  dispose(): void {
    this.base.dispose();
  }

  /** Runs one of the webview's requests (tests use it to act as the webview would). */
  async call<K extends keyof UsageMethods & string>(method: K, params: ParamsOf<UsageMethods, K>): Promise<ResultOf<UsageMethods, K>> {
    return await (this.methods[method] as (p: ParamsOf<UsageMethods, K>) => ResultOf<UsageMethods, K>)(params);
  }

  /** Writes the current view; `target` skips the save dialog. Returns false when there is nothing to export or the user cancelled. */
  async export(format: ExportFormat, target?: vscode.Uri): Promise<boolean> {
    const data = this.data;
    if (!data) {
      void notify('info', 'Nothing to export yet: the Usage & Costs panel has not loaded any data.');
      return false;
    }
    const uri = target ?? (await vscode.window.showSaveDialog({
      title: `Export ${format.toUpperCase()}`,
      defaultUri: defaultExportUri(data, format),
      filters: format === 'csv' ? { 'CSV files': ['csv'] } : { 'JSON files': ['json'] },
      saveLabel: 'Export',
    }));
    if (!uri) return false;
    const text = format === 'csv' ? toCsv(data.view) : toJson(data.view);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.services.log.info(`Exported usage (${data.view.selection.kind}, ${format.toUpperCase()}) to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    return true;
  }

  /** Reads the names `data` lacks through the store and sends them to the webview (labels only). */
  private async resolveNames(data: DashboardData): Promise<void> {
    try {
      const { names, warnings } = await this.nameLoads.run((signal) => this.dashboard.resolveNames(data, signal));
      mergeNames(this.names, names);
      if (this.data) this.data = withNames(this.data, this.names);
      await this.base.notify('names', { names, warnings });
    } catch (err) {
      if (!isCancellation(err)) this.services.log.warn(`Couldn't name the ids in Usage & Costs: ${(err as Error).message}`);
    }
  }

  private async exportWithDialog(format: ExportFormat): Promise<boolean> {
    const saved = await this.export(format);
    if (saved) void vscode.window.setStatusBarMessage(`Usage exported as ${format.toUpperCase()}`, 4000);
    return saved;
  }

  private init(state: unknown) {
    const restored = (state as Partial<UsageState> | undefined)?.selection;
    const initial = this.initial;
    this.initial = undefined;
    const base = restored ?? { kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'] };
    return {
      catalogue: catalogue(),
      selection: this.dashboard.normalize(initial ? { ...base, ...initial } : base),
      now: this.dashboard.nowSeconds(),
    };
  }
}

function exportFormat(value: unknown): ExportFormat {
  if (value !== 'csv' && value !== 'json') throw new TypeError('Unknown export format: only CSV and JSON are offered.');
  return value;
}

function defaultExportUri(data: DashboardData, format: ExportFormat): vscode.Uri {
  const v = data.view;
  const name = `openai-${v.selection.kind.replace(/_/g, '-')}-${formatDay(v.start)}-to-${formatDay(v.end - 1)}.${format}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
}

/** A selection showing one project's usage and costs. */
