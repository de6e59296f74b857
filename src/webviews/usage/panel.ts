// The Usage & Costs panel, host side: answers the webview's requests from the usage model and
// writes exports. One panel at a time; opening it again reveals it (and applies a project filter or
// an organization). Each connected organization has its own dashboard (client, cache, store, names):
// nothing read for one is shown, cached or named for another; "All organizations" loads each and
// combines them (src/model/usage/allOrganizations.ts).
import * as vscode from 'vscode';
import { loadAllOrganizations } from '../../model/usage/allOrganizations';
import { catalogue } from '../../model/usage/catalogue';
import { UsageDashboard } from '../../model/usage/dashboard';
import { toCsv, toJson } from '../../model/usage/export';
import { formatDay } from '../../model/usage/range';
import { webviewData } from '../../model/usage/webviewData';
import { isCancellation, Latest } from '../../model/usage/fetch';
import { mergeNames, withNames, type NameTable } from '../../model/usage/labels';
import { ALL_ORGANIZATIONS, isOrgScopedParam, patchSelection, usageTitle, type OrganizationChoice } from '../../model/usage/organizations';
import { normalizeSelection } from '../../model/usage/selection';
import type { DashboardData, FilterOption, Selection } from '../../model/usage/types';
import { describeError } from '../../model/describeError';

import { notify } from '../../notify';
import { readAnomalySensitivity } from '../../config';
import { Panel } from '../panel';
import { USAGE_PANEL } from './spec';
import type { ParamsOf, ResultOf } from '../protocol';
import type { ExportFormat, RenderedReport, UsageHostEvents, UsageInit, UsageMethods, UsageState } from './protocol';
import type { UsageOrganization, UsageServices } from './services';

export type { UsageOrganization, UsageServices } from './services';

/** One organization's side of the panel: its dashboard (cache, names from its store) and the names resolved so far. */
interface OrgEntry {
  org: UsageOrganization;
  dashboard: UsageDashboard;
  /** Every name resolved so far (ids are unique within the organization), applied to each new load at once. */
  names: NameTable;
  watch: vscode.Disposable;
}

export class UsagePanel {
  private readonly loads = new Latest();
  private readonly optionLoads = new Latest();
  private readonly nameLoads = new Latest();
  private readonly entries = new Map<string, OrgEntry>();
  /** The organization (or 'all') of the selection the webview last loaded. */
  private shown?: string;
  private nameTimer?: ReturnType<typeof setTimeout>;
  private readonly base: Panel<UsageMethods, UsageHostEvents>;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedReport>();
  /** Fires after the webview has drawn a result (or an error). */
  readonly onDidRender = this.renderedEmitter.event;
  private data?: DashboardData;
  private report?: RenderedReport;
  private readonly methods: UsageMethods;

  constructor(panel: vscode.WebviewPanel, private readonly services: UsageServices, private initial?: Partial<Selection>) {
    const methods: UsageMethods = this.methods = {
      init: ({ state }) => this.init(state),
      load: ({ selection, fresh }) => this.load(selection, fresh === true),
      filterOptions: ({ selection }) => this.optionLoads.run((signal) => this.filterOptions(selection, signal)),
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
    this.base.onDidDispose(() => {
      // Closing the panel stops whatever it was still reading.
      this.dropEntries();
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

  /**
   * An organization was added, removed or renamed, or a key changed: every organization's cached
   * buckets and names are dropped (the event does not say which one changed), the tab title and the
   * Organization control follow, and the webview reloads.
   */
  organizationsChanged(): void {
    this.dropEntries();
    this.nameLoads.cancel();
    this.data = undefined;
    const choices = this.choices();
    this.base.panel.title = usageTitle(choices, this.shownOrganization(choices));
    void this.base.notify('organizations', choices);
  }

  /** The tab's title now. */
  get title(): string {
    return this.base.panel.title;
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
      void notify('info', vscode.l10n.t('Nothing to export yet: the Usage & Costs panel has not loaded any data.'));
      return false;
    }
    const uri = target ?? (await vscode.window.showSaveDialog({
      title: format === 'csv' ? vscode.l10n.t('Export CSV') : vscode.l10n.t('Export JSON'),
      defaultUri: defaultExportUri(data, format),
      filters: format === 'csv' ? { [vscode.l10n.t('CSV files')]: ['csv'] } : { [vscode.l10n.t('JSON files')]: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
    }));
    if (!uri) return false;
    const text = format === 'csv' ? toCsv(data.view) : toJson(data.view);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.services.log.info(`Exported usage (${data.view.selection.kind}, ${format.toUpperCase()}) to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    return true;
  }

  private async load(raw: Selection, fresh: boolean): Promise<DashboardData> {
    const selection = this.normalize(raw);
    const organization = selection.organization;
    this.show(organization);
    const options = { fresh, sensitivity: readAnomalySensitivity() };
    if (organization === ALL_ORGANIZATIONS) {
      // Names are applied per organization inside the combined load; none follow as events.
      this.nameLoads.cancel();
      const orgs = this.services.organizations().map((o) => ({ id: o.id, name: o.name, dashboard: this.entry(o).dashboard }));
      const now = Math.floor(Date.now() / 1000);
      const data = await this.loads.run((signal) => loadAllOrganizations(orgs, selection, signal, { ...options, now }));
      this.data = data;
      return webviewData(data);
    }
    const entry = this.entryFor(organization);
    const data = withNames(await this.loads.run((signal) => entry.dashboard.load(selection, signal, options)), entry.names);
    this.data = data;
    // The chart goes out now; the names it lacks follow as a 'names' event.
    void this.resolveNames(entry, data);
    return webviewData(data);
  }

  private async filterOptions(raw: Selection, signal: AbortSignal): Promise<{ options: Record<string, FilterOption[]>; warnings: string[] }> {
    const selection = this.normalize(raw);
    if (selection.organization !== ALL_ORGANIZATIONS) return this.entryFor(selection.organization).dashboard.filterOptions(selection, signal);
    // All organizations: the choices each offers for filters that are not on its own ids, together.
    const options: Record<string, FilterOption[]> = {};
    const warnings: string[] = [];
    await Promise.all(this.services.organizations().map(async (org) => {
      try {
        const part = await this.entry(org).dashboard.filterOptions(selection, signal, (param) => !isOrgScopedParam(param));
        for (const [param, list] of Object.entries(part.options)) {
          const merged = (options[param] ??= []);
          for (const o of list) if (!merged.some((m) => m.value === o.value)) merged.push(o);
        }
        warnings.push(...part.warnings.map((w) => `${org.name}: ${w}`));
      } catch (err) {
        if (signal.aborted || isCancellation(err)) throw err;
        warnings.push(`${org.name}: ${describeError(err)}`);
      }
    }));
    for (const list of Object.values(options)) list.sort((a, b) => a.label.localeCompare(b.label));
    return { options, warnings };
  }

  /** The selection made valid, its organization one of those connected now (or 'all' when there are several). */
  private normalize(raw: unknown): Selection {
    return normalizeSelection(raw, Math.floor(Date.now() / 1000), this.services.organizations().map((o) => o.id));
  }

  private choices(): OrganizationChoice[] {
    return this.services.organizations().map((o) => ({ id: o.id, name: o.name }));
  }

  /** The organization on screen, still connected (else the first). */
  private shownOrganization(choices: readonly OrganizationChoice[]): string | undefined {
    return this.shown === ALL_ORGANIZATIONS && choices.length > 1 ? ALL_ORGANIZATIONS : choices.find((c) => c.id === this.shown)?.id ?? choices[0]?.id;
  }

  /** Titles the tab for the organization the webview shows. */
  private show(organization: string | undefined): void {
    this.shown = organization;
    this.base.panel.title = usageTitle(this.choices(), organization);
  }

  private entryFor(id: string | undefined): OrgEntry {
    const orgs = this.services.organizations();
    const org = orgs.find((o) => o.id === id) ?? orgs[0];
    if (!org) throw new Error(vscode.l10n.t('No organization is connected: set an admin key first.'));
    return this.entry(org);
  }

  /** The organization's dashboard, made on first use; a different object under the same id (its key changed) gets a new one. */
  private entry(org: UsageOrganization): OrgEntry {
    const known = this.entries.get(org.id);
    if (known && known.org.store === org.store) return known;
    known?.watch.dispose();
    const entry: OrgEntry = { org, dashboard: new UsageDashboard(() => org.getClient(), org.store), names: {}, watch: { dispose() {} } };
    // A key renamed or deleted elsewhere (the tree, the project panel) changes the names on screen;
    // only the labels are sent again, the numbers stay.
    entry.watch = entry.dashboard.names.onDidChange(() => {
      clearTimeout(this.nameTimer);
      this.nameTimer = setTimeout(() => {
        if (this.data && this.shown === org.id && this.entries.get(org.id) === entry) void this.resolveNames(entry, this.data);
      }, 50);
    });
    this.entries.set(org.id, entry);
    return entry;
  }

  private dropEntries(): void {
    for (const e of this.entries.values()) {
      e.watch.dispose();
      e.dashboard.fetcher.clear();
    }
    this.entries.clear();
  }

  /** Reads the names `data` lacks through its organization's store and sends them to the webview (labels only). */
  private async resolveNames(entry: OrgEntry, data: DashboardData): Promise<void> {
    try {
      const { names, warnings } = await this.nameLoads.run((signal) => entry.dashboard.resolveNames(data, signal));
      // The organization was dropped or another one is on screen meanwhile: these names are not for it.
      if (this.entries.get(entry.org.id) !== entry || this.shown !== entry.org.id) return;
      mergeNames(entry.names, names);
      if (this.data) this.data = withNames(this.data, entry.names);
      await this.base.notify('names', { names, warnings });
    } catch (err) {
      if (!isCancellation(err)) this.services.log.warn(`Couldn't name the ids in Usage & Costs: ${(err as Error).message}`);
    }
  }

  private async exportWithDialog(format: ExportFormat): Promise<boolean> {
    const saved = await this.export(format);
    if (saved) void vscode.window.setStatusBarMessage(format === 'csv' ? vscode.l10n.t('Usage exported as CSV') : vscode.l10n.t('Usage exported as JSON'), 4000);
    return saved;
  }

  private init(state: unknown): UsageInit {
    const restored = (state as Partial<UsageState> | undefined)?.selection;
    const initial = this.initial;
    this.initial = undefined;
    const base = this.normalize(restored ?? { kind: 'costs', range: { preset: '30d' }, groupBy: ['project_id'] });
    const selection = this.normalize(initial ? patchSelection(base, initial) : base);
    this.show(selection.organization);
    return {
      catalogue: catalogue(),
      selection,
      now: Math.floor(Date.now() / 1000),
      organizations: this.choices(),
    };
  }
}

function exportFormat(value: unknown): ExportFormat {
  if (value !== 'csv' && value !== 'json') throw new TypeError('Unknown export format: only CSV and JSON are offered.');
  return value;
}

function defaultExportUri(data: DashboardData, format: ExportFormat): vscode.Uri {
  const v = data.view;
  const scope = v.selection.organization === ALL_ORGANIZATIONS ? '-all-organizations' : '';
  const name = `openai-${v.selection.kind.replace(/_/g, '-')}${scope}-${formatDay(v.start)}-to-${formatDay(v.end - 1)}.${format}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
}

