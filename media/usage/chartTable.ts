// The chart's data as a table, in a disclosure under the chart: every bucket (a row) by every dataset
// drawn (a column), with the bucket's total. It is the chart's full text alternative for screen
// readers and the keyboard (the canvas only has its one-sentence summary), and is built when opened:
// a day by the minute is 1,440 rows. Its box scrolls, so it takes focus itself (the arrow keys scroll
// it); API text (group names) goes in as text nodes.
import * as l10n from '@vscode/l10n';
import type { ChartDataset, UsageView } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { bucketLabel, formatValue } from './format';

export class ChartTable {
  readonly el: HTMLDetailsElement;
  private readonly table = h('table', { class: 'chart-data', id: 'chart-data' });
  private last?: { view: UsageView; datasets: ChartDataset[] };
  private drawn = false;

  constructor() {
    this.el = h('details', { class: 'chart-table' }, h('summary', { id: 'chart-data-toggle' }, l10n.t('Chart data as a table')), h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'chart-data-toggle' }, this.table));
    this.el.addEventListener('toggle', () => { if (this.el.open) this.draw(); });
  }

  show(view: UsageView, datasets: ChartDataset[]): void {
    this.last = { view, datasets };
    this.drawn = false;
    if (this.el.open) this.draw();
    else this.table.replaceChildren();
  }

  private draw(): void {
    if (!this.last || this.drawn) return;
    this.drawn = true;
    const { view, datasets } = this.last;
    const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
    const currency = view.currencies[0]?.currency;
    const value = (v: number) => formatValue(metric, v, currency);
    const stacked = datasets.length > 1;
    const head = h('tr', {}, h('th', { scope: 'col' }, view.width === '1d' ? l10n.t('Day (UTC)') : l10n.t('Time (UTC)')),
      ...datasets.map((d) => h('th', { scope: 'col', class: 'num' }, d.label)),
      stacked ? h('th', { scope: 'col', class: 'num' }, l10n.t('Total')) : null);
    const rows = view.buckets.map((t, i) => {
      const values = datasets.map((d) => d.values[i] ?? 0);
      return h('tr', {}, h('th', { scope: 'row' }, bucketLabel(t, view.width)),
        ...values.map((v) => h('td', { class: 'num' }, value(v))),
        stacked ? h('td', { class: 'num' }, value(values.reduce((a, b) => a + b, 0))) : null);
    });
    replace(this.table, h('caption', { class: 'visually-hidden' }, view.width === '1d' ? l10n.t('Chart data: {0} per day', metric.label) : view.width === '1h' ? l10n.t('Chart data: {0} per hour', metric.label) : l10n.t('Chart data: {0} per minute', metric.label)),
      h('thead', {}, head), h('tbody', {}, ...rows));
  }
}
