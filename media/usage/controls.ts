// The toolbar and filter row. Controls stay in place (focus and open dropdowns survive a reload of
// the data); only their options change when the usage kind does. Every change goes through
// normalizeWith, the same rules the host applies, before it is reported.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeMultiSelect } from '@vscode-elements/elements/dist/vscode-multi-select/vscode-multi-select.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { normalizeWith } from '../../src/model/usage/normalize';
import { ALL_ORGANIZATIONS, allOrganizationsLabel, isOrgScopedParam, patchSelection, type OrganizationChoice } from '../../src/model/usage/organizations';
import { formatDay, widthsFor } from '../../src/model/usage/range';
import type { FilterOption, KindInfo, RangePreset, Selection, Width } from '../../src/model/usage/types';
import type { ExportFormat } from '../../src/webviews/usage/protocol';
import { nameControl } from '../shared/a11y';
import { h, replace } from '../shared/dom';

interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

// Looked up when this module first runs: after media/shared/l10n.ts, which main.ts imports first.
const RANGES: Choice[] = [
  { value: '24h', label: l10n.t('Last 24 hours') },
  { value: '7d', label: l10n.t('Last 7 days') },
  { value: '30d', label: l10n.t('Last 30 days') },
  { value: '90d', label: l10n.t('Last 90 days') },
  { value: 'custom', label: l10n.t('Custom range') },
];
const WIDTHS: Record<Width, string> = { '1m': l10n.t('Minute'), '1h': l10n.t('Hour'), '1d': l10n.t('Day') };
const CHARTS: Choice[] = [{ value: 'bar', label: l10n.t('Stacked bars') }, { value: 'line', label: l10n.t('Lines') }];
/** Multi-selects report every click; wait for the user to finish picking. */
const MULTI_SETTLE_MS = 500;

export interface ControlEvents {
  change(next: Selection): void;
  refresh(): void;
  export(format: ExportFormat): void;
}

/** Replaces a select's options when they differ, and selects `values`. */
function fill(select: VscodeSingleSelect | VscodeMultiSelect, choices: Choice[], values: string[]): void {
  const signature = JSON.stringify(choices);
  if (select.dataset.options !== signature) {
    select.dataset.options = signature;
    replace(select, ...choices.map((c) => h('vscode-option', { value: c.value, disabled: c.disabled, selected: values.includes(c.value) }, c.label)));
  }
  if ('selectedIndexes' in select) (select as VscodeMultiSelect).value = values;
  else (select as VscodeSingleSelect).value = values[0] ?? '';
}

/** `key` names the control's id (`ctl-<key>`, which tests find it by), whatever language its label is in. */
function field(key: string, label: string, control: HTMLElement, extra = '', note?: HTMLElement): HTMLElement {
  const id = `ctl-${key.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  control.id = id;
  nameControl(control, label);
  if (note) note.id = `${id}-note`;
  return h('div', { class: `field ${extra}`.trim() }, h('label', { for: id }, label), control, note ?? null);
}

/**
 * The multi-selects' own face only counts ("2 Selected"); this line under the control says which
 * (as text: the labels are project and user names).
 */
function describeChoice(choices: Choice[], values: string[], none: string): string {
  if (!values.length) return none;
  const labels = values.map((v) => choices.find((c) => c.value === v)?.label ?? v);
  return labels.length > 2 ? l10n.t('{0}, {1} +{2}', labels[0]!, labels[1]!, labels.length - 2) : labels.join(', ');
}

const noteEl = () => h('span', { class: 'field-note' });

export class Controls {
  private selection: Selection;
  /** Shown only when there are several organizations (one organization looks as it always did). */
  private readonly organization = h('vscode-single-select', { class: 'organization' });
  private readonly organizationField: HTMLElement;
  private organizations: OrganizationChoice[] = [];
  private readonly kind = h('vscode-single-select', { class: 'kind' });
  private readonly metric = h('vscode-single-select', { class: 'metric' });
  private readonly range = h('vscode-single-select');
  // Native date inputs, themed in usage.css: vscode-textfield wraps the same input and would cost
  // 8 KB of the webview's 300 KB budget (BENCHMARKS.md fig. 3) for the two fields of a custom range.
  private readonly from = h('input', { type: 'date', class: 'date' });
  private readonly to = h('input', { type: 'date', class: 'date' });
  private readonly width = h('vscode-single-select');
  private readonly groupBy = h('vscode-multi-select', { class: 'group-by' });
  private readonly groupByNote = noteEl();
  private readonly chart = h('vscode-single-select');
  private readonly filterRow = h('div', { class: 'filters', role: 'group', 'aria-label': l10n.t('Filters') });
  private readonly filterControls = new Map<string, { control: VscodeSingleSelect | VscodeMultiSelect; note: HTMLElement }>();
  private filterOptions: Record<string, FilterOption[]> = {};
  private readonly customFields: HTMLElement[];
  private settleTimer?: ReturnType<typeof setTimeout>;
  readonly refreshButton = h('vscode-button', {}, l10n.t('Refresh'));
  readonly exportButtons = [h('vscode-button', { secondary: true }, l10n.t('Export CSV')), h('vscode-button', { secondary: true }, l10n.t('Export JSON'))];

  constructor(
    root: HTMLElement,
    private readonly catalogue: KindInfo[],
    private readonly now: number,
    initial: Selection,
    organizations: OrganizationChoice[],
    private readonly events: ControlEvents,
  ) {
    this.selection = initial;
    this.organizations = organizations;
    this.customFields = [field('from', l10n.t('From'), this.from, 'custom'), field('to', l10n.t('To'), this.to, 'custom')];
    this.organizationField = field('organization', l10n.t('Organization'), this.organization);
    root.append(
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Usage selection') },
        this.organizationField, field('usage', l10n.t('Usage'), this.kind), field('metric', l10n.t('Metric'), this.metric), field('range', l10n.t('Range'), this.range), ...this.customFields,
        field('bucket', l10n.t('Bucket'), this.width), field('group-by', l10n.t('Group by'), this.groupBy, '', this.groupByNote), field('chart', l10n.t('Chart'), this.chart),
        // An empty label keeps the buttons level with the other controls.
        h('div', { class: 'field actions' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), h('div', { class: 'buttons' }, this.refreshButton, ...this.exportButtons))),
      this.filterRow,
    );
    fill(this.kind, catalogue.map((k) => ({ value: k.id, label: k.label })), [initial.kind]);

    this.organization.addEventListener('change', () => this.update({ organization: this.organization.value }));
    this.kind.addEventListener('change', () => this.update({ kind: this.kind.value as Selection['kind'] }));
    this.metric.addEventListener('change', () => this.update({ metric: this.metric.value }));
    this.range.addEventListener('change', () => this.changeRange(this.range.value as RangePreset));
    for (const d of [this.from, this.to]) d.addEventListener('change', () => this.changeDays());
    this.width.addEventListener('change', () => this.update({ width: this.width.value as Width }));
    this.groupBy.addEventListener('change', () => this.settle(() => this.update({ groupBy: this.groupBy.value })));
    this.chart.addEventListener('change', () => this.update({ chart: this.chart.value as Selection['chart'] }));
    this.refreshButton.addEventListener('click', () => events.refresh());
    this.exportButtons[0]!.addEventListener('click', () => events.export('csv'));
    this.exportButtons[1]!.addEventListener('click', () => events.export('json'));
    this.show(initial);
  }

  /** Shows a selection (the user's, a restored one, or one the host sent). */
  show(selection: Selection): void {
    this.selection = selection;
    this.organizationField.hidden = this.organizations.length < 2;
    if (this.organizations.length > 1) {
      fill(this.organization, [...this.organizations.map((o) => ({ value: o.id, label: o.name })), { value: ALL_ORGANIZATIONS, label: allOrganizationsLabel() }], [selection.organization ?? '']);
    }
    const kind = this.kindInfo();
    const allowed = widthsFor(selection.range, kind.widths, this.now);
    fill(this.kind, this.catalogue.map((k) => ({ value: k.id, label: k.label })), [selection.kind]);
    fill(this.metric, kind.metrics.map((m) => ({ value: m.key, label: m.label })), [selection.metric]);
    fill(this.range, RANGES, [selection.range.preset]);
    fill(this.width, kind.widths.map((w) => ({ value: w, label: WIDTHS[w], disabled: !allowed.includes(w) })), [selection.width]);
    const groupChoices = kind.groupBy.map((g) => ({ value: g.field, label: g.label }));
    fill(this.groupBy, groupChoices, selection.groupBy);
    replace(this.groupByNote, describeChoice(groupChoices, selection.groupBy, l10n.t('Not grouped: one total')));
    fill(this.chart, CHARTS, [selection.chart]);
    const custom = selection.range.preset === 'custom';
    for (const f of this.customFields) f.hidden = !custom;
    if (custom) {
      this.from.value = selection.range.from ?? '';
      this.to.value = selection.range.to ?? '';
    }
    this.showFilters();
  }

  /** The connected organizations changed; the caller normalizes and shows its selection again. */
  setOrganizations(organizations: OrganizationChoice[]): void {
    this.organizations = organizations;
  }

  /** `patch` on the current selection, made valid (the same rules as the host's). */
  normalize(current: Selection, patch: Partial<Selection>): Selection {
    return normalizeWith(this.catalogue, patchSelection(current, patch), this.now, this.organizations.map((o) => o.id));
  }

  setFilterOptions(options: Record<string, FilterOption[]>): void {
    this.filterOptions = options;
    this.showFilters();
  }

  setBusy(busy: boolean): void {
    this.refreshButton.toggleAttribute('disabled', busy);
  }

  setCanExport(can: boolean): void {
    for (const b of this.exportButtons) b.toggleAttribute('disabled', !can);
  }

  private kindInfo(): KindInfo {
    return this.catalogue.find((k) => k.id === this.selection.kind) ?? this.catalogue[0]!;
  }

  private update(patch: Partial<Selection>): void {
    const next = this.normalize(this.selection, patch);
    if (JSON.stringify(next) === JSON.stringify(this.selection)) return;
    this.show(next);
    this.events.change(next);
  }

  private settle(fn: () => void): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(fn, MULTI_SETTLE_MS);
  }

  private changeRange(preset: RangePreset): void {
    if (preset !== 'custom') return this.update({ range: { preset } });
    // A custom range starts as the last 30 days, ready to be edited.
    const day = 86_400;
    this.update({ range: { preset, from: formatDay(this.now - 29 * day), to: formatDay(this.now) } });
  }

  private changeDays(): void {
    const from = this.from.value;
    const to = this.to.value;
    if (from && to && from <= to) this.update({ range: { preset: 'custom', from, to } });
  }

  /**
   * One control per filter the kind takes; choices from the host plus whatever is selected already.
   * All organizations together take no filter on projects, users or keys (their ids are one organization's).
   */
  private showFilters(): void {
    const all = this.selection.organization === ALL_ORGANIZATIONS;
    const filters = this.kindInfo().filters.filter((f) => !(all && isOrgScopedParam(f.param)));
    const wanted = new Set(filters.map((f) => f.param));
    for (const [param, { control }] of this.filterControls) {
      if (!wanted.has(param)) {
        control.parentElement?.remove();
        this.filterControls.delete(param);
      }
    }
    filters.forEach((f, i) => {
      let entry = this.filterControls.get(f.param);
      if (!entry) {
        const control = f.type === 'bool' ? h('vscode-single-select') : h('vscode-multi-select', { combobox: true });
        control.addEventListener('change', () => {
          const apply = () => this.update({ filters: { ...this.selection.filters, [f.param]: f.type === 'bool' ? [String(control.value)].filter(Boolean) : (control as VscodeMultiSelect).value } });
          if (f.type === 'bool') apply();
          else this.settle(apply);
        });
        entry = { control, note: noteEl() };
        this.filterControls.set(f.param, entry);
        this.filterRow.insertBefore(field(f.param, f.label, control, '', f.type === 'bool' ? undefined : entry.note), this.filterRow.children[i] ?? null);
      }
      const selected = this.selection.filters[f.param] ?? [];
      const known = this.filterOptions[f.param] ?? (f.values ?? []).map((v) => ({ value: v, label: v }));
      const missing = selected.filter((v) => !known.some((o) => o.value === v)).map((v) => ({ value: v, label: v }));
      const choices = f.type === 'bool' ? [{ value: '', label: l10n.t('Any') }, ...known] : [...missing, ...known];
      fill(entry.control, choices, f.type === 'bool' ? [selected[0] ?? ''] : selected);
      replace(entry.note, describeChoice(choices, selected, l10n.t('All')));
    });
  }
}
