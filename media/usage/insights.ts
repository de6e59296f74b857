// Under the costs chart: the key to what the chart adds (anomaly markers, this month's line, the
// forecast and the spend limit), the forecast in words, and the anomalies as a table. All of it is
// DOM text; project names come from the API.
import { ALL_ORGANIZATIONS } from '../../src/model/usage/organizations';
import type { CostInsights, UsageView } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { insightColours } from './chart';
import { bucketLabel, formatValue } from './format';

const COST = { unit: 'currency' as const };

function keyItem(label: string, colour: string, kind: 'triangle' | 'solid' | 'dashed' | 'dotted'): HTMLElement {
  const mark = h('span', { class: `key-mark ${kind}`, 'aria-hidden': 'true' });
  // CSSOM, not a style attribute: allowed by the CSP, and the value is a theme colour.
  mark.style.setProperty('--mark', colour);
  return h('li', {}, mark, h('span', {}, label));
}

export function renderInsights(root: HTMLElement, view: UsageView, insights: CostInsights | undefined): void {
  root.hidden = !insights;
  if (!insights) return replace(root);
  const currency = view.currencies[0]?.currency;
  const money = (v: number) => formatValue(COST, v, currency, 'short');
  const colours = insightColours();
  const f = insights.forecast;
  const key = h('ul', { class: 'chart-key', 'aria-label': 'Chart key' },
    keyItem('Anomaly', colours.anomaly, 'triangle'),
    f ? keyItem('This month so far (right axis)', colours.month, 'solid') : null,
    f ? keyItem('Forecast', colours.month, 'dashed') : null,
    f?.limit !== null && f ? keyItem('Spend limit', colours.limit, 'dotted') : null);
  const forecast = f
    ? h('p', { class: 'forecast' },
      `Forecast for the month's end: ${money(f.forecast)} — ${money(f.monthToDate)} so far plus ${money(f.dailyAverage)} a day (the average of the last 7 complete days) for the rest of the month.`,
      f.limit === null ? '' : ` Spend limit: ${money(f.limit)}${f.forecast > f.limit ? ', which the forecast exceeds.' : '.'}`)
    : null;
  // All organizations together: each has its own spend limit (and maybe currency), so no one forecast is drawn.
  const noForecast = !f && view.selection.organization === ALL_ORGANIZATIONS
    ? h('p', { class: 'muted' }, 'No forecast for all organizations together: each organization has its own spend limit. Pick one organization to see its forecast.')
    : null;
  const error = insights.error ? h('p', { class: 'error-text' }, `Couldn't compute anomalies and the forecast: ${insights.error}`) : null;
  const caption = `Anomalies: days a project cost more than its median + ${insights.sensitivity} × MAD of the previous 14 days`;
  const table = insights.anomalies.length
    ? h('table', { class: 'data anomalies' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...['Project', 'Day (UTC)', 'Cost', 'Median of 14 days', 'Factor'].map((t, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : undefined }, t)))),
      h('tbody', {}, ...insights.anomalies.map((a) => h('tr', {},
        h('th', { scope: 'row' }, a.label),
        h('td', {}, bucketLabel(a.day, '1d')),
        h('td', { class: 'num' }, money(a.amount)),
        h('td', { class: 'num' }, money(a.median)),
        h('td', { class: 'num' }, a.factor === null ? 'usually nothing' : `${a.factor.toFixed(1)}×`)))))
    : h('p', { class: 'muted no-anomalies' }, `No anomalies in this range (${caption.slice('Anomalies: '.length)}).`);
  replace(root, h('h2', {}, 'Anomalies and forecast'), key, error, forecast, noForecast, table);
}
