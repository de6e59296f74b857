// The Usage & Costs webview. It holds no data of its own: every number comes from the host through
// src/webviews/usage/protocol.ts, and the only thing it keeps (setState) is the selection, so the
// panel comes back as it was after a window reload.
import '../shared/l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { chartSummary } from '../../src/model/usage/chartSummary';
import { mergeNames, withNames, type NameTable } from '../../src/model/usage/labels';
import type { OrganizationChoice } from '../../src/model/usage/organizations';
import type { DashboardData, KindInfo, Selection } from '../../src/model/usage/types';
import type { RenderedReport, UsageHostEvents, UsageMethods, UsageState, UsageWebviewEvents } from '../../src/webviews/usage/protocol';
import { h, replace } from '../shared/dom';
import { createRpcClient, RpcCallError } from '../shared/rpc';
import { observeTheme } from '../shared/theme';
import { loadState, renderReportsWanted, saveState } from '../shared/vscode';
import { UsageChart } from './chart';
import { ChartTable } from './chartTable';
import { Controls } from './controls';
import { bucketLabel, formatValue, rangeLabel } from './format';
import { renderInsights } from './insights';
import { renderSummary } from './summary';
import { renderLegend, UsageTable } from './table';

const rpc = createRpcClient<UsageMethods, UsageHostEvents, UsageWebviewEvents>();
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));

class UsageApp {
  private readonly progress = h('vscode-progress-bar', { indeterminate: true, 'aria-label': l10n.t('Loading usage') });
  private readonly message = h('div', { class: 'message', role: 'status', 'aria-live': 'polite' });
  private readonly summary = h('div', { class: 'summary' });
  // The canvas is one image to assistive technology: its name is the chart's summary in words, and
  // its description is the note on joined bars and the disclosure that holds the chart's data table.
  private readonly canvas = h('canvas', { role: 'img', 'aria-label': l10n.t('Usage chart'), 'aria-describedby': 'chart-note chart-data-toggle' });
  private readonly chartBox = h('div', { class: 'chart-box' }, this.canvas);
  private readonly chartNote = h('p', { class: 'chart-note', id: 'chart-note', hidden: true });
  /** Says the new summary once per load, politely (not on every name that arrives later). */
  private readonly chartLive = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-chart-summary': true });
  private readonly legend = h('ul', { class: 'legend', 'aria-label': l10n.t('Legend') });
  private readonly chartTable = new ChartTable();
  private readonly insights = h('section', { class: 'insights', 'aria-label': l10n.t('Anomalies and forecast'), hidden: true });
  private readonly tableEl = h('table', { class: 'data', id: 'usage-table' });
  private readonly content = h('div', { class: 'content' }, this.summary, this.chartBox, this.chartNote, this.chartLive, this.legend, this.insights, this.chartTable.el, h('div', { class: 'table-wrap' }, this.tableEl));
  private readonly chart = new UsageChart(this.canvas, this.chartNote);
  private readonly table = new UsageTable(this.tableEl);
  private readonly controls: Controls;
  private loadSeq = 0;
  private optionsKey = '';
  private data?: DashboardData;
  /** Names the host has sent for ids (they follow the numbers), applied to every load drawn. */
  private names: NameTable = {};

  constructor(private readonly root: HTMLElement, private readonly kinds: KindInfo[], now: number, private selection: Selection, organizations: OrganizationChoice[]) {
    const header = h('header', {});
    // The editor tab shows the title; screen readers get it as the page's first heading.
    root.append(h('h1', { class: 'visually-hidden' }, l10n.t('Usage & Costs')), header, this.progress, this.message, this.content);
    this.controls = new Controls(header, kinds, now, selection, organizations, {
      change: (next) => this.select(next),
      refresh: () => void this.load(true),
      export: (format) => void rpc.call('export', { format }).catch((err: unknown) => this.showMessage(l10n.t('Export failed: {0}', (err as Error).message), 'error')),
    });
    this.controls.setCanExport(false);
    // The organizations changed (or a key did): the host dropped what it had read; the selection is
    // made valid for the new list (a removed organization's view falls back to the first) and reloads.
    rpc.on('organizations', (list) => {
      this.controls.setOrganizations(list);
      const next = this.controls.normalize(this.selection, {});
      this.names = {};
      this.optionsKey = '';
      this.controls.show(next);
      this.select(next);
    });
    rpc.on('names', ({ names, warnings }) => this.applyNames(names, warnings));
    rpc.on('select', (patch) => {
      const next = this.controls.normalize(this.selection, patch);
      this.controls.show(next);
      this.select(next);
    });
    observeTheme(() => {
      this.chart.refreshTheme();
      if (this.data) renderLegend(this.legend, this.data.view, this.data.chart);
    });
    this.select(selection);
  }

  private select(next: Selection): void {
    // Names are one organization's: another organization's view starts without them.
    if (next.organization !== this.selection.organization) this.names = {};
    this.selection = next;
    saveState<UsageState>({ selection: next });
    void this.load(false);
    void this.loadFilterOptions();
  }

  private async load(fresh: boolean): Promise<void> {
    const seq = ++this.loadSeq;
    this.setBusy(true);
    try {
      const loading = rpc.call('load', { selection: this.selection, fresh });
      this.chart.warmUp(); // while the host fetches
      const data = await loading;
      if (seq !== this.loadSeq) return;
      this.render(data);
    } catch (err) {
      // A newer selection replaced this one: its own load will draw.
      if (seq !== this.loadSeq || (err instanceof RpcCallError && err.cancelled)) return;
      this.renderError((err as Error).message);
    } finally {
      if (seq === this.loadSeq) this.setBusy(false);
    }
  }

  /** Filter choices depend on the kind, the range and the organization only. */
  private async loadFilterOptions(): Promise<void> {
    const key = JSON.stringify([this.selection.kind, this.selection.range, this.selection.organization ?? null]);
    if (key === this.optionsKey) return;
    this.optionsKey = key;
    try {
      const { options, warnings } = await rpc.call('filterOptions', { selection: this.selection });
      if (key !== this.optionsKey) return;
      this.controls.setFilterOptions(options);
      if (warnings.length && !this.message.classList.contains('error')) this.showMessage(warnings.join(' '), 'warning');
    } catch (err) {
      if (key === this.optionsKey) this.optionsKey = '';
      if (!(err instanceof RpcCallError && err.cancelled)) this.showMessage(l10n.t("Couldn't load filter choices: {0}", (err as Error).message), 'warning');
    }
  }

  /** New names relabel what is on screen (legend, table, summary, chart tooltips); the numbers stay. */
  private applyNames(names: NameTable, warnings: string[]): void {
    mergeNames(this.names, names);
    if (!this.data) return;
    this.data = withNames(this.data, this.names);
    const { view } = this.data;
    if (warnings.length && !view.empty && !this.message.classList.contains('error')) this.showMessage([...this.data.warnings, ...warnings].join(' '), 'warning');
    renderSummary(this.summary, this.data, this.kinds);
    this.chart.relabel(this.data.chart);
    this.chartTable.show(view, this.data.chart);
    this.canvas.setAttribute('aria-label', this.describeChart(this.data));
    this.chart.relabelInsights(this.data.insights);
    renderInsights(this.insights, view, this.data.insights);
    renderLegend(this.legend, view, this.data.chart);
    this.table.show(view);
    this.report(view.empty ? 'empty' : 'data');
  }

  private setBusy(busy: boolean): void {
    this.progress.hidden = !busy;
    this.root.setAttribute('aria-busy', String(busy));
    this.controls.setBusy(busy);
  }

  private showMessage(text: string, kind: 'info' | 'warning' | 'error' | 'none'): void {
    this.message.className = `message ${kind}`;
    replace(this.message, kind === 'none' ? '' : text);
    this.message.hidden = kind === 'none';
  }

  private render(loaded: DashboardData): void {
    const data = this.data = withNames(loaded, this.names);
    const { view } = data;
    const kindLabel = this.kinds.find((k) => k.id === view.selection.kind)?.label ?? view.selection.kind;
    const emptyText = l10n.t('No {0} in this range: every bucket is zero.', kindLabel.toLowerCase());
    // Warnings win over "empty": an organization that could not be read must not pass for one with no usage.
    if (data.warnings.length) this.showMessage(view.empty ? `${emptyText} ${data.warnings.join(' ')}` : data.warnings.join(' '), 'warning');
    else if (view.empty) this.showMessage(emptyText, 'info');
    else this.showMessage('', 'none');
    this.content.hidden = false;
    renderSummary(this.summary, data, this.kinds);
    this.chart.show(view, data.chart, data.insights);
    this.chartTable.show(view, data.chart);
    const described = this.describeChart(data);
    this.canvas.setAttribute('aria-label', described);
    replace(this.chartLive, described);
    renderLegend(this.legend, view, data.chart);
    renderInsights(this.insights, view, data.insights);
    this.table.show(view);
    this.controls.setCanExport(true);
    this.report(view.empty ? 'empty' : 'data');
  }

  /** The chart in one sentence (src/model/usage/chartSummary.ts), with the panel's own number and date formats. */
  private describeChart({ view, chart }: DashboardData): string {
    const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
    const kindLabel = this.kinds.find((k) => k.id === view.selection.kind)?.label ?? view.selection.kind;
    const what = view.selection.kind === 'costs' && metric.unit === 'currency' ? kindLabel : `${kindLabel}, ${metric.label.toLowerCase()}`;
    const currency = view.currencies[0]?.currency;
    return chartSummary({ what, width: view.width, buckets: view.buckets, datasets: chart, aggregate: metric.aggregate }, {
      value: (v) => formatValue(metric, v, currency, 'short'),
      bucket: (t) => bucketLabel(t, view.width),
      range: rangeLabel(view.start, view.end),
    });
  }

  private renderError(message: string): void {
    this.data = undefined;
    this.showMessage(l10n.t("Couldn't load usage: {0}", message), 'error');
    this.content.hidden = true;
    this.controls.setCanExport(false);
    this.report('error', message);
  }

  /** Tells the host what is on screen, read back from the DOM, when it asked (tests and benchmarks). */
  private report(status: RenderedReport['status'], error?: string): void {
    if (!renderReportsWanted()) return;
    const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent ?? '');
    rpc.emit('rendered', {
      selection: this.selection,
      status,
      ...(error ? { error } : {}),
      message: this.message.hidden ? '' : this.message.textContent ?? '',
      legend: status === 'error' ? [] : texts(this.legend, '.legend-label'),
      tableHead: status === 'error' ? [] : texts(this.tableEl, 'thead th'),
      tableRows: status === 'error' ? [] : [...this.tableEl.querySelectorAll('tbody tr')].map((tr) => texts(tr, 'th, td')),
      summary: status === 'error' ? [] : texts(this.summary, '.card'),
      insights: status === 'error' || this.insights.hidden ? [] : texts(this.insights, '.chart-key li, .forecast, .no-anomalies, .error-text, caption'),
      anomalyRows: status === 'error' ? [] : [...this.insights.querySelectorAll('tbody tr')].map((tr) => texts(tr, 'th, td')),
      cspViolations: [...cspViolations],
    });
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const init = await rpc.call('init', { state: loadState<UsageState>() });
    new UsageApp(root, init.catalogue, init.now, init.selection, init.organizations);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, l10n.t('The Usage & Costs panel could not start: {0}', (err as Error).message)));
  }
}

void start();
