// The legend under the chart and the sortable table of every group. Both are DOM text: group names
// come from the API (project, user and key names) and must never be parsed as markup.
import * as l10n from '@vscode/l10n';
import type { ChartDataset, MetricInfo, Series, UsageView } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { seriesColour } from './chart';
import { formatValue } from './format';

export function renderLegend(list: HTMLElement, view: UsageView, datasets: ChartDataset[]): void {
  const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
  replace(list, ...datasets.map((d, i) => {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    // CSSOM, not a style attribute: allowed by the CSP, and the value is a theme colour.
    swatch.style.backgroundColor = seriesColour(i, d.other);
    const total = metric.aggregate === 'peak' ? Math.max(0, ...d.values) : d.values.reduce((a, b) => a + b, 0);
    return h('li', {}, swatch, h('span', { class: 'legend-label', title: d.label }, d.label), h('span', { class: 'legend-value' }, formatValue(metric, total, d.currency ?? view.currencies[0]?.currency, 'short')));
  }));
}

interface Column {
  title: string;
  /** The metric a numeric column shows. */
  metric?: MetricInfo;
  numeric: boolean;
  value(s: Series): string | number;
  text(s: Series): string;
}

export class UsageTable {
  private sort: { column: number; descending: boolean } | undefined;
  private view?: UsageView;

  constructor(private readonly table: HTMLTableElement) {}

  show(view: UsageView): void {
    if (this.view?.selection.kind !== view.selection.kind || this.view.groupFields.map((g) => g.field).join() !== view.groupFields.map((g) => g.field).join()) this.sort = undefined;
    this.view = view;
    this.render();
  }

  private columns(view: UsageView): Column[] {
    const groups: Column[] = view.groupFields.length
      ? view.groupFields.map((g) => ({ title: g.label, numeric: false, value: (s) => s.names[g.field] ?? '', text: (s) => s.names[g.field] ?? '' }))
      : [{ title: l10n.t('Group'), numeric: false, value: (s) => s.label, text: (s) => s.label }];
    // The selected metric first; quantity (costs) only means something per line item.
    const metrics = [...view.metrics]
      .filter((m) => m.unit !== 'quantity' || view.selection.groupBy.includes('line_item'))
      .sort((a, b) => Number(b.key === view.selection.metric) - Number(a.key === view.selection.metric));
    return [...groups, ...metrics.map((m) => metricColumn(m, view))];
  }

  private render(): void {
    const view = this.view!;
    const columns = this.columns(view);
    const firstMetric = view.groupFields.length || 1;
    const sort = this.sort ?? { column: firstMetric, descending: true };
    const rows = [...view.series].sort((a, b) => {
      const c = columns[sort.column]!;
      const [x, y] = [c.value(a), c.value(b)];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.descending ? -order : order;
    });

    const head = h('tr', {}, ...columns.map((c, i) => {
      const button = h('button', { type: 'button', class: 'sort' }, c.title);
      button.addEventListener('click', () => {
        this.sort = { column: i, descending: sort.column === i ? !sort.descending : c.numeric };
        this.render();
      });
      return h('th', {
        scope: 'col',
        class: c.numeric ? 'num' : undefined,
        'aria-sort': sort.column === i ? (sort.descending ? 'descending' : 'ascending') : 'none',
      }, button);
    }));
    const body = rows.map((s) => h('tr', {}, ...columns.map((c, i) => (i < firstMetric
      ? h('th', { scope: 'row', title: groupTitle(view, s, i) }, c.text(s))
      : h('td', { class: 'num' }, c.text(s))))));
    const foot = view.series.length > 1
      ? h('tr', { class: 'total' }, h('th', { scope: 'row', colspan: firstMetric }, l10n.t('Total')),
        ...columns.slice(firstMetric).map((c) => h('td', { class: 'num' }, totalText(view, c.metric!))))
      : null;
    replace(this.table, h('thead', {}, head), h('tbody', {}, ...body), foot && h('tfoot', {}, foot));
    this.table.hidden = view.series.length === 0;
  }
}

function metricColumn(m: MetricInfo, view: UsageView): Column {
  const title = m.aggregate === 'peak' ? l10n.t('{0} (peak)', m.label) : m.label;
  return {
    title,
    metric: m,
    numeric: true,
    value: (s) => s.totals[m.key] ?? 0,
    text: (s) => formatValue(m, s.totals[m.key] ?? 0, s.currency ?? view.currencies[0]?.currency),
  };
}

function totalText(view: UsageView, m: MetricInfo): string {
  if (m.unit === 'currency' && view.currencies.length > 1) return view.currencies.map((c) => formatValue(m, c.value, c.currency)).join(' + ');
  return formatValue(m, view.totals[m.key] ?? 0, view.currencies[0]?.currency);
}

/** The raw id behind a name, as a hover hint. */
function groupTitle(view: UsageView, s: Series, column: number): string | undefined {
  const g = view.groupFields[column];
  const raw = g ? s.group[g.field] : undefined;
  return raw && raw !== s.names[g!.field] ? raw : undefined;
}
