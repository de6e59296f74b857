// The rate-limit table: every model's limits, edited in place. Cells are checked as the admin types
// (whole numbers ≥ 0, only limits the model has) and changed cells are marked. Save sends only the
// changed rows; the host re-reads the limits first and, when someone else changed a row since it
// was loaded, nothing is sent until the admin chooses to overwrite. Each row then shows its own
// result, so one refused row never hides the others.
import * as l10n from '@vscode/l10n';
import { changedElsewhere, withoutSavedRows } from '../../src/model/project/draft';
import type { RateLimitRow } from '../../src/model/project/types';
import { RATE_LIMIT_FIELDS, type RateLimitField } from '../../src/model/format';
import type { RowResult } from '../../src/model/project/save';
import { cellState, diffRateLimits, editCell, rebaseDraft } from '../../src/model/rateLimitEdits';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { button, SectionFrame, textfield } from './ui';

type RowStatus = { kind: 'saved' } | { kind: 'failed'; error: string } | { kind: 'conflict'; text: string };

/** "2 rows changed, 1 invalid" above the rate limits' Save button. */
function rowsChangedSummary(changed: number, invalid: number): string {
  const rows = changed === 1 ? l10n.t('1 row changed') : l10n.t('{0} rows changed', changed);
  return invalid ? l10n.t('{0}, {1} invalid', rows, invalid) : rows;
}

export class RateLimitsView implements SectionView {
  readonly id = 'rateLimits' as const;
  readonly uses = ['rateLimits', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly tableBox = h('div', { class: 'table-wrap' });
  private readonly summary = h('span', { class: 'muted summary-text', 'aria-live': 'polite' });
  private readonly filter = textfield({ label: l10n.t('Filter models'), placeholder: l10n.t('Filter models'), className: 'filter', onInput: () => this.applyFilter() });
  private readonly saveButton = button(l10n.t('Save Rate Limits'), () => void this.save(false), { disabled: true });
  private readonly discardButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true, disabled: true });
  private readonly statuses = new Map<string, RowStatus>();
  private readonly cells = new Map<string, { td: HTMLTableCellElement; input: HTMLElement & { value: string; invalid: boolean } }>();
  private saving = false;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('rateLimits', l10n.t('Rate limits'), () => void app.load(['rateLimits']));
    replace(this.frame.body,
      h('div', { class: 'toolbar' }, this.filter, this.summary, h('div', { class: 'button-row push' }, this.saveButton, this.discardButton)),
      this.tableBox);
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    const rows = this.app.loaded.rateLimits;
    if (!rows) return;
    // A reload while the admin types must not take their cursor away.
    const active = (document.activeElement as HTMLElement | null)?.dataset.cell;
    this.cells.clear();
    const readOnly = this.app.readOnly;
    const thead = h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, l10n.t('Model')),
      ...RATE_LIMIT_FIELDS.map(([, abbr, name]) => h('th', { scope: 'col', title: name }, abbr)),
      h('th', { scope: 'col' }, l10n.t('Result'))));
    const tbody = h('tbody', {});
    for (const row of rows) tbody.append(this.row(row, readOnly));
    replace(this.tableBox, rows.length ? h('table', { class: 'grid rate-limits' }, h('caption', { class: 'visually-hidden' }, l10n.t('Rate limits per model')), thead, tbody) : h('p', { class: 'muted' }, l10n.t('No rate limits.')));
    if (active) (this.tableBox.querySelector(`[data-cell="${CSS.escape(active)}"]`) as HTMLElement | null)?.focus();
    this.applyFilter();
    this.showState();
  }

  rows(): string[][] {
    return [...this.tableBox.querySelectorAll('tbody tr')].map((tr) => [
      tr.querySelector('th')?.textContent ?? '',
      ...[...tr.querySelectorAll('td.limit')].map((td) => {
        const input = td.querySelector('vscode-textfield') as { value?: string } | null;
        return input ? `${input.value}${td.classList.contains('changed') ? '*' : ''}${td.classList.contains('invalid') ? '!' : ''}` : '—';
      }),
      tr.querySelector('td.row-result')?.textContent ?? '',
    ]);
  }

  private row(row: RateLimitRow, readOnly: boolean): HTMLTableRowElement {
    const tr = h('tr', { 'data-id': row.id }, h('th', { scope: 'row', class: 'user-text model' }, row.model));
    for (const [field, abbr, name] of RATE_LIMIT_FIELDS) {
      if (row.limits[field] === undefined) {
        tr.append(h('td', { class: 'limit none', title: l10n.t('{0} has no {1} limit', row.model, name.toLowerCase()) }, '—'));
        continue;
      }
      const key = `${row.id}:${field}`;
      const input = textfield({ label: l10n.t('{0} ({1}) for {2}', abbr, name, row.model), className: 'cell', onInput: (text) => this.edit(row, field, text) });
      input.dataset.cell = key;
      input.disabled = readOnly;
      const td = h('td', { class: 'limit' }, input);
      this.cells.set(key, { td, input });
      tr.append(td);
    }
    tr.append(h('td', { class: 'row-result' }));
    return tr;
  }

  private edit(row: RateLimitRow, field: RateLimitField, text: string): void {
    this.statuses.delete(row.id);
    this.app.updateDraft((d) => ({ ...d, rateLimits: editCell(d.rateLimits, row, field, text) }));
  }

  /** Marks every cell from the draft (changed, invalid, message) and each row's result; enables Save. */
  private showState(): void {
    const rows = this.app.loaded.rateLimits ?? [];
    const draft = this.app.draft.rateLimits;
    const elsewhere = new Set(changedElsewhere(this.app.loaded, this.app.draft).rateLimitIds);
    for (const row of rows) {
      for (const [field] of RATE_LIMIT_FIELDS) {
        const cell = this.cells.get(`${row.id}:${field}`);
        if (!cell) continue;
        const s = cellState(row, draft[row.id], field);
        if (cell.input.value !== s.text && document.activeElement !== cell.input) cell.input.value = s.text;
        cell.td.classList.toggle('changed', s.state === 'changed');
        cell.td.classList.toggle('invalid', s.state === 'invalid');
        cell.input.invalid = s.state === 'invalid';
        cell.input.title = s.problem ?? (s.state === 'changed' ? l10n.t('Was {0}', String(row.limits[field])) : '');
      }
      const result = this.tableBox.querySelector(`tr[data-id="${CSS.escape(row.id)}"] td.row-result`);
      if (!result) continue;
      const status = this.statuses.get(row.id);
      // The full message is on the cell and in the unsaved-changes list; here only which limit is wrong.
      const invalid = RATE_LIMIT_FIELDS.filter(([f]) => draft[row.id]?.entered[f] !== undefined && cellState(row, draft[row.id], f).problem).map(([, abbr]) => abbr);
      result.className = 'row-result';
      result.removeAttribute('title');
      if (invalid.length) {
        result.classList.add('error-text');
        replace(result, l10n.t('Invalid {0}', invalid.join(', ')));
      } else if (status?.kind === 'failed') {
        result.classList.add('error-text');
        result.setAttribute('title', status.error);
        replace(result, l10n.t('Not saved: {0}', status.error));
      } else if (status?.kind === 'conflict' || elsewhere.has(row.id)) {
        result.classList.add('warning-text');
        replace(result, status?.kind === 'conflict' ? status.text : l10n.t('Changed on the server since you started editing'));
      } else if (status?.kind === 'saved') {
        result.classList.add('success-text');
        replace(result, l10n.t('Saved'));
      } else {
        replace(result);
      }
    }
    const { changes, problems } = diffRateLimits(rows, draft);
    const n = changes.length;
    replace(this.summary, n || problems.length ? rowsChangedSummary(n, problems.length) : l10n.t('No unsaved changes'));
    this.saveButton.disabled = this.saving || !n || problems.length > 0 || this.app.readOnly;
    this.discardButton.disabled = this.saving || !Object.keys(draft).length;
  }

  private applyFilter(): void {
    const f = this.filter.value.trim().toLowerCase();
    for (const tr of this.tableBox.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
      tr.hidden = !!f && !(tr.querySelector('th')?.textContent ?? '').toLowerCase().includes(f);
    }
  }

  discard(): void {
    this.statuses.clear();
    this.app.updateDraft((d) => ({ ...d, rateLimits: {} }));
    this.frame.notify(undefined);
    this.render();
  }

  async save(force = false): Promise<void> {
    const rows = this.app.loaded.rateLimits ?? [];
    const { changes, problems } = diffRateLimits(rows, this.app.draft.rateLimits);
    if (problems.length) {
      this.frame.notify({ kind: 'error', lines: problems.map((p) => `${p.model}: ${p.message}`) });
      return;
    }
    if (!changes.length) return;
    this.saving = true;
    this.showState();
    this.frame.notify({ kind: 'info', lines: [changes.length === 1 ? l10n.t('Saving 1 row…') : l10n.t('Saving {0} rows…', changes.length)] });
    try {
      const result = await this.app.rpc.call('saveRateLimits', { changes, force });
      if (result.status === 'conflict') {
        for (const c of result.conflicts) this.statuses.set(c.id, { kind: 'conflict', text: c.removed ? l10n.t('Removed on the server') : l10n.t('Changed on the server since you loaded it') });
        this.frame.notify({
          kind: 'warning',
          lines: [l10n.t('Nothing was saved: someone else changed these rate limits since you loaded them.'), ...result.messages],
          actions: [
            { label: l10n.t('Save Anyway'), run: () => void this.save(true) },
            { label: l10n.t('Reload Rate Limits'), run: () => void this.reloadKeepingEdits(), secondary: true },
          ],
        });
        return;
      }
      this.showResults(result.results);
    } catch (err) {
      this.frame.notify({ kind: 'error', lines: [l10n.t("Couldn't save rate limits: {0}", (err as Error).message)] });
    } finally {
      this.saving = false;
      this.showState();
    }
  }

  private showResults(results: RowResult[]): void {
    for (const r of results) this.statuses.set(r.id, r.ok ? { kind: 'saved' } : { kind: 'failed', error: r.error });
    const saved = results.filter((r) => r.ok);
    const failed = results.filter((r): r is Extract<RowResult, { ok: false }> => !r.ok);
    // Saved rows leave the draft; failed ones keep their edits so they can be fixed and saved again.
    this.app.updateDraft((d) => withoutSavedRows(d, saved.map((r) => r.id)));
    // Until the host's reload arrives, show the saved values the API answered with.
    const updated = new Map(saved.map((r) => [r.id, r.row]));
    if (updated.size && this.app.loaded.rateLimits) {
      this.app.loaded = { ...this.app.loaded, rateLimits: this.app.loaded.rateLimits.map((row) => updated.get(row.id) ?? row) };
      this.render();
    }
    this.frame.notify(failed.length
      ? { kind: 'error', lines: [l10n.t('Saved {0} of {1} rows; {2} failed:', saved.length, results.length, failed.length), ...failed.map((f) => `${f.model}: ${f.error}`)] }
      : { kind: 'success', lines: [saved.length === 1 ? l10n.t('Saved 1 row.') : l10n.t('Saved {0} rows.', saved.length)] });
  }

  /** Reads the limits again and keeps the edits on top of what the server has now (the admin has seen it). */
  private async reloadKeepingEdits(): Promise<void> {
    this.statuses.clear();
    this.frame.notify(undefined);
    await this.app.load(['rateLimits']);
    const rows = this.app.loaded.rateLimits;
    if (rows) this.app.updateDraft((d) => ({ ...d, rateLimits: rebaseDraft(d.rateLimits, rows) }));
  }
}
