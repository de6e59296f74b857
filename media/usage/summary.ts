// The figures above the chart: total cost (with its currency), the selected metric's total and its
// average per bucket, top projects by cost, top models.
import type { DashboardData, KindInfo, RankedItem, Width } from '../../src/model/usage/types';
import { h, replace } from '../shared/dom';
import { formatValue, rangeLabel } from './format';

const PER: Record<Width, string> = { '1m': 'minute', '1h': 'hour', '1d': 'day' };
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
    ? card('Total cost',
      h('p', { class: 'figure' }, summary.cost.currencies.length
        ? summary.cost.currencies.map((c) => formatValue(COST, c.value, c.currency, 'short')).join(' + ')
        : 'None'),
      note(summary.costFiltersIgnored.length ? `Not narrowed by ${summary.costFiltersIgnored.join(', ').toLowerCase()}` : rangeLabel(view.start, view.end)))
    : card('Total cost', h('p', { class: 'error-text' }, summary.costError ?? 'Unavailable'));

  const total = view.totals[metric.key] ?? 0;
  const figure = metric.unit === 'currency' && view.currencies.length > 1
    ? view.currencies.map((c) => formatValue(metric, c.value, c.currency, 'short')).join(' + ')
    : formatValue(metric, total, currency, 'short');
  const perBucket = metric.aggregate === 'peak'
    ? `largest ${PER[view.width]} in the range`
    : `≈ ${formatValue(metric, total / Math.max(1, view.buckets.length), currency, 'short')} per ${PER[view.width]}`;
  // For costs the total is the first card already; the average says something new.
  const buckets = Math.max(1, view.buckets.length);
  // Several currencies (organizations billed in different ones) are averaged each on its own, never added.
  const average = view.currencies.length > 1
    ? view.currencies.map((c) => formatValue(metric, c.value / buckets, c.currency, 'short')).join(' + ')
    : formatValue(metric, total / buckets, currency, 'short');
  const selected = view.selection.kind === 'costs' && metric.unit === 'currency'
    ? card(`Average cost per ${PER[view.width]}`, h('p', { class: 'figure' }, average),
      note(`over ${view.buckets.length} ${PER[view.width]}s`))
    : card(metric.aggregate === 'peak' ? `${kindLabel}: peak ${metric.label.toLowerCase()}` : `${kindLabel}: ${metric.label.toLowerCase()}`,
      h('p', { class: 'figure' }, figure), note(perBucket));

  const projects = card('Top projects by cost', summary.cost
    ? rankedList(summary.cost.topProjects, (v) => formatValue(COST, v, costCurrency, 'short'), 'No costs in this range')
    : h('p', { class: 'error-text' }, summary.costError ?? 'Unavailable'));

  const mm = summary.modelMetric;
  const models = card('Top models',
    mm ? note(`by ${mm.metric.label.toLowerCase()}${mm.kind !== view.selection.kind ? ` (${mm.kindLabel.toLowerCase()})` : ''}`) : null,
    summary.modelError
      ? h('p', { class: 'error-text' }, summary.modelError)
      : rankedList(summary.topModels, (v) => (mm ? formatValue(mm.metric, v, undefined, 'short') : String(v)), 'No model usage in this range'));

  replace(root, cost, selected, projects, models);
}
