// The figures above the chart: total cost (with its currency), the selected metric's total and its
// average per bucket, top projects by cost, top models.
import * as l10n from '@vscode/l10n';
import type { DashboardData, KindInfo, RankedItem, Width } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { formatValue, rangeLabel } from './format';

// Whole phrases per bucket width: a translation words each its own way.
const LARGEST: Record<Width, () => string> = {
  '1m': () => l10n.t('largest minute in the range'),
  '1h': () => l10n.t('largest hour in the range'),
  '1d': () => l10n.t('largest day in the range'),
};
const PER_BUCKET: Record<Width, (value: string) => string> = {
  '1m': (v) => l10n.t('≈ {0} per minute', v),
  '1h': (v) => l10n.t('≈ {0} per hour', v),
  '1d': (v) => l10n.t('≈ {0} per day', v),
};
const AVERAGE_TITLE: Record<Width, () => string> = {
  '1m': () => l10n.t('Average cost per minute'),
  '1h': () => l10n.t('Average cost per hour'),
  '1d': () => l10n.t('Average cost per day'),
};
function over(n: number, width: Width): string {
  if (width === '1m') return n === 1 ? l10n.t('over 1 minute') : l10n.t('over {0} minutes', n);
  if (width === '1h') return n === 1 ? l10n.t('over 1 hour') : l10n.t('over {0} hours', n);
  return n === 1 ? l10n.t('over 1 day') : l10n.t('over {0} days', n);
}
const COST = { unit: 'currency' as const };

function card(title: string, ...body: (HTMLElement | string | null)[]): HTMLElement {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...body);
}

function note(text: string): HTMLElement {
  return h('p', { class: 'muted' }, text);
}

function rankedList(items: RankedItem[], format: (v: number) => string, empty: string): HTMLElement {
  if (!items.length) return note(empty);
  return h('ol', { class: 'ranked' }, ...items.map((it) => h('li', {}, h('span', { class: 'ranked-label', title: it.label }, it.label), h('span', { class: 'ranked-value' }, format(it.value)))));
}

export function renderSummary(root: HTMLElement, data: DashboardData, kinds: KindInfo[]): void {
  const { view, summary } = data;
  const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
  const kindLabel = kinds.find((k) => k.id === view.selection.kind)?.label ?? view.selection.kind;
  const currency = view.currencies[0]?.currency;
  const costCurrency = summary.cost?.currencies[0]?.currency;

  const cost = summary.cost
    ? card(l10n.t('Total cost'),
      h('p', { class: 'figure' }, summary.cost.currencies.length
        ? summary.cost.currencies.map((c) => formatValue(COST, c.value, c.currency, 'short')).join(' + ')
        : l10n.t('None')),
      note(summary.costFiltersIgnored.length ? l10n.t('Not narrowed by {0}', summary.costFiltersIgnored.join(', ').toLowerCase()) : rangeLabel(view.start, view.end)))
    : card(l10n.t('Total cost'), h('p', { class: 'error-text' }, summary.costError ?? l10n.t('Unavailable')));

  const total = view.totals[metric.key] ?? 0;
  const figure = metric.unit === 'currency' && view.currencies.length > 1
    ? view.currencies.map((c) => formatValue(metric, c.value, c.currency, 'short')).join(' + ')
    : formatValue(metric, total, currency, 'short');
  const perBucket = metric.aggregate === 'peak'
    ? LARGEST[view.width]()
    : PER_BUCKET[view.width](formatValue(metric, total / Math.max(1, view.buckets.length), currency, 'short'));
  // For costs the total is the first card already; the average says something new.
  const buckets = Math.max(1, view.buckets.length);
  // Several currencies (organizations billed in different ones) are averaged each on its own, never added.
  const average = view.currencies.length > 1
    ? view.currencies.map((c) => formatValue(metric, c.value / buckets, c.currency, 'short')).join(' + ')
    : formatValue(metric, total / buckets, currency, 'short');
  const selected = view.selection.kind === 'costs' && metric.unit === 'currency'
    ? card(AVERAGE_TITLE[view.width](), h('p', { class: 'figure' }, average),
      note(over(view.buckets.length, view.width)))
    : card(metric.aggregate === 'peak' ? l10n.t('{0}: peak {1}', kindLabel, metric.label.toLowerCase()) : l10n.t('{0}: {1}', kindLabel, metric.label.toLowerCase()),
      h('p', { class: 'figure' }, figure), note(perBucket));

  const projects = card(l10n.t('Top projects by cost'), summary.cost
    ? rankedList(summary.cost.topProjects, (v) => formatValue(COST, v, costCurrency, 'short'), l10n.t('No costs in this range'))
    : h('p', { class: 'error-text' }, summary.costError ?? l10n.t('Unavailable')));

  const mm = summary.modelMetric;
  const models = card(l10n.t('Top models'),
    mm ? note(mm.kind !== view.selection.kind
      ? l10n.t('by {0} ({1})', mm.metric.label.toLowerCase(), mm.kindLabel.toLowerCase())
      : l10n.t('by {0}', mm.metric.label.toLowerCase())) : null,
    summary.modelError
      ? h('p', { class: 'error-text' }, summary.modelError)
      : rankedList(summary.topModels, (v) => (mm ? formatValue(mm.metric, v, undefined, 'short') : String(v)), l10n.t('No model usage in this range')));

  replace(root, cost, selected, projects, models);
}
