// Under the costs chart: the key to what the chart adds (anomaly markers, this month's line, the
// forecast and the spend limit), the forecast in words, and the anomalies as a table. All of it is
// DOM text; project names come from the API.
import * as l10n from '@vscode/l10n';
import { ALL_ORGANIZATIONS } from '../../src/model/usage/organizations';
import type { CostInsights, UsageView } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { insightColours } from './chart';
import { bucketLabel, factorText, formatValue } from './format';

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
  const key = h('ul', { class: 'chart-key', 'aria-label': l10n.t('Chart key') },
    keyItem(l10n.t('Anomaly'), colours.anomaly, 'triangle'),
    f ? keyItem(l10n.t('This month so far (right axis)'), colours.month, 'solid') : null,
    f ? keyItem(l10n.t('Forecast'), colours.month, 'dashed') : null,
    f?.limit !== null && f ? keyItem(l10n.t('Spend limit'), colours.limit, 'dotted') : null);
  const forecast = f
    ? h('p', { class: 'forecast' },
      l10n.t("Forecast for the month's end: {0} — {1} so far plus {2} a day (the average of the last 7 complete days) for the rest of the month.", money(f.forecast), money(f.monthToDate), money(f.dailyAverage)),
      f.limit === null ? '' : ` ${f.forecast > f.limit ? l10n.t('Spend limit: {0}, which the forecast exceeds.', money(f.limit)) : l10n.t('Spend limit: {0}.', money(f.limit))}`)
    : null;
  // All organizations together: each has its own spend limit (and maybe currency), so no one forecast is drawn.
  const noForecast = !f && view.selection.organization === ALL_ORGANIZATIONS
    ? h('p', { class: 'muted' }, l10n.t('No forecast for all organizations together: each organization has its own spend limit. Pick one organization to see its forecast.'))
    : null;
  const error = insights.error ? h('p', { class: 'error-text' }, l10n.t("Couldn't compute anomalies and the forecast: {0}", insights.error)) : null;
  const rule = l10n.t('days a project cost more than its median + {0} × MAD of the previous 14 days', insights.sensitivity);
  const caption = l10n.t('Anomalies: {0}', rule);
  const table = insights.anomalies.length
    ? h('table', { class: 'data anomalies' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...[l10n.t('Project'), l10n.t('Day (UTC)'), l10n.t('Cost'), l10n.t('Median of 14 days'), l10n.t('Factor')].map((t, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : undefined }, t)))),
      h('tbody', {}, ...insights.anomalies.map((a) => h('tr', {},
        h('th', { scope: 'row' }, a.label),
        h('td', {}, bucketLabel(a.day, '1d')),
        h('td', { class: 'num' }, money(a.amount)),
        h('td', { class: 'num' }, money(a.median)),
        h('td', { class: 'num' }, a.factor === null ? l10n.t('usually nothing') : l10n.t('{0}×', factorText(a.factor)))))))
    : h('p', { class: 'muted no-anomalies' }, l10n.t('No anomalies in this range ({0}).', rule));
  replace(root, h('h2', {}, l10n.t('Anomalies and forecast')), key, error, forecast, noForecast, table);
}
