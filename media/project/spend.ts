// Spend: the monthly hard limit (set, remove) and spend alerts (add, delete); data retention.
import * as l10n from '@vscode/l10n';
import { retentionEdit } from '../../src/model/project/draft';
import { checkEmailList, checkWholeDollars } from '../../src/model/inputs';
import { RETENTION_TYPES, type RetentionType } from '../../src/model/project/types';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, dollars, empty, field, select, SectionFrame, table, textCell, textfield } from './ui';

export class SpendView implements SectionView {
  readonly id = 'spend' as const;
  readonly uses = ['spend', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly limitLine = h('p', {});
  private readonly limitAmount = textfield({ label: l10n.t('Monthly hard limit in US dollars'), placeholder: l10n.t('e.g. {0}', '500'), onInput: () => this.check(), onEnter: () => void this.setLimit() });
  private readonly limitProblem = h('div', { class: 'field-problem', role: 'alert' });
  private readonly setButton = button(l10n.t('Set Limit'), () => void this.setLimit(), { disabled: true });
  private readonly removeButton = button(l10n.t('Remove Limit…'), () => void this.removeLimit(), { secondary: true });
  private readonly alerts = h('div', { class: 'table-wrap' });
  private readonly alertAmount = textfield({ label: l10n.t('Alert threshold in US dollars'), placeholder: l10n.t('e.g. {0}', '250'), onInput: () => this.check() });
  private readonly recipients = textfield({ label: l10n.t('Alert recipients'), placeholder: 'finance@example.com, ops@example.com', onInput: () => this.check(), onEnter: () => void this.addAlert() });
  private readonly alertProblem = h('div', { class: 'field-problem', role: 'alert' });
  private readonly addButton = button(l10n.t('Add Alert'), () => void this.addAlert(), { disabled: true });
  private readonly forms: HTMLElement[];

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('spend', l10n.t('Spend limit and alerts'), () => void app.load(['spend']));
    this.forms = [
      h('div', { class: 'form-row' }, h('div', { class: 'field' }, h('label', { for: 'limit-amount' }, l10n.t('Monthly hard limit (USD)')), this.limitAmount, this.limitProblem),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), h('div', { class: 'button-row' }, this.setButton, this.removeButton))),
      h('div', { class: 'add-form' }, h('h3', {}, l10n.t('Add a spend alert')),
        h('div', { class: 'form-row' }, field(l10n.t('Threshold (USD)'), this.alertAmount, 'alert-amount'),
          h('div', { class: 'field grow' }, h('label', { for: 'alert-recipients' }, l10n.t('Email recipients')), this.recipients, this.alertProblem),
          h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), this.addButton))),
    ];
    this.limitAmount.id = 'limit-amount';
    this.recipients.id = 'alert-recipients';
    replace(this.frame.body, this.limitLine, this.forms[0]!, h('h3', {}, l10n.t('Spend alerts')), this.alerts, this.forms[1]!);
  }

  render(): void {
    const s = this.app.loaded.spend;
    if (!s) return;
    const readOnly = this.app.readOnly;
    for (const f of this.forms) f.hidden = readOnly;
    replace(this.limitLine, s.limit
      ? l10n.t("Requests are refused once this month's spend reaches {0} (per {1}).", dollars(s.limit.amount, s.limit.currency), s.limit.interval)
      : l10n.t('No hard spend limit: spend is not capped.'));
    this.removeButton.hidden = !s.limit;
    if (!s.alerts.length) {
      replace(this.alerts, empty(l10n.t('No spend alerts.')));
    } else {
      const { table: t, body } = table(l10n.t('Spend alerts'), [l10n.t('Threshold'), l10n.t('Interval'), l10n.t('Recipients'), '']);
      for (const a of s.alerts) {
        const del = button(l10n.t('Delete…'), () => void act(this.frame, del, async () => ((await this.app.rpc.call('deleteSpendAlert', { id: a.id })).done ? l10n.t('Deleted the spend alert.') : undefined)), { secondary: true, disabled: readOnly });
        body.append(h('tr', { 'data-id': a.id }, h('td', { class: 'nowrap' }, dollars(a.amount, a.currency)), h('td', {}, a.interval), textCell(a.recipients.join(', ')), h('td', { class: 'row-actions' }, del)));
      }
      replace(this.alerts, t);
    }
    this.check();
  }

  rows(): string[][] {
    const s = this.app.loaded.spend;
    if (!s) return [];
    return [[s.limit ? l10n.t('limit {0}', s.limit.amount) : l10n.t('no limit')], ...s.alerts.map((a) => [l10n.t('alert {0}', a.amount), a.recipients.join(', ')])];
  }

  /** Validates as the admin types; the buttons only enable for what the host will accept. */
  private check(): void {
    const limit = this.limitAmount.value.trim();
    const limitProblem = limit ? checkWholeDollars(limit) : undefined;
    this.limitAmount.invalid = !!limitProblem;
    replace(this.limitProblem, limitProblem ?? '');
    this.setButton.disabled = !limit || !!limitProblem;

    const amount = this.alertAmount.value.trim();
    const list = this.recipients.value.trim();
    const amountProblem = amount ? checkWholeDollars(amount) : undefined;
    const listProblem = list ? checkEmailList(list) : undefined;
    this.alertAmount.invalid = !!amountProblem;
    this.recipients.invalid = !!listProblem;
    replace(this.alertProblem, amountProblem ?? listProblem ?? '');
    this.addButton.disabled = !amount || !list || !!amountProblem || !!listProblem;
  }

  private async setLimit(): Promise<void> {
    if (this.setButton.disabled) return;
    const amount = this.limitAmount.value;
    await act(this.frame, this.setButton, async () => {
      if (!(await this.app.rpc.call('setSpendLimit', { amount })).done) return undefined;
      this.limitAmount.value = '';
      return l10n.t('Set the spend limit.');
    });
    this.check();
  }

  private async removeLimit(): Promise<void> {
    await act(this.frame, this.removeButton, async () => ((await this.app.rpc.call('removeSpendLimit', {})).done ? l10n.t('Removed the spend limit.') : undefined));
  }

  private async addAlert(): Promise<void> {
    if (this.addButton.disabled) return;
    const amount = this.alertAmount.value;
    const recipients = this.recipients.value;
    await act(this.frame, this.addButton, async () => {
      if (!(await this.app.rpc.call('addSpendAlert', { amount, recipients })).done) return undefined;
      this.alertAmount.value = '';
      this.recipients.value = '';
      return l10n.t('Added the spend alert.');
    });
    this.check();
  }
}

export class DataRetentionView implements SectionView {
  readonly id = 'dataRetention' as const;
  readonly uses = ['dataRetention', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly type = select<RetentionType>(RETENTION_TYPES, 'organization_default', { label: l10n.t('Data retention'), onChange: (t) => this.change(t) });
  private readonly saveButton = button(l10n.t('Save Retention'), () => void this.save(), { disabled: true });

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('dataRetention', l10n.t('Data retention'), () => void app.load(['dataRetention']));
    replace(this.frame.body, h('div', { class: 'form-row' }, field(l10n.t('Retention'), this.type, 'retention-type'),
      h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), this.saveButton)));
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    const r = this.app.loaded.dataRetention;
    if (!r) return;
    this.type.value = this.app.draft.retention?.type ?? r.type;
    this.showState();
  }

  rows(): string[][] {
    return this.app.loaded.dataRetention ? [[this.app.loaded.dataRetention.type]] : [];
  }

  private change(type: RetentionType): void {
    const loaded = this.app.loaded.dataRetention;
    if (!loaded) return;
    this.app.updateDraft((d) => ({ ...d, retention: { type, before: d.retention?.before ?? loaded.type } }));
  }

  private showState(): void {
    const edit = retentionEdit(this.app.loaded, this.app.draft);
    this.type.disabled = this.app.readOnly;
    this.saveButton.disabled = !edit || this.app.readOnly;
    this.type.closest('.field')?.classList.toggle('modified', !!edit);
  }

  async save(): Promise<void> {
    const type = retentionEdit(this.app.loaded, this.app.draft);
    if (!type) return;
    await act(this.frame, this.saveButton, async () => {
      if (!(await this.app.rpc.call('setDataRetention', { type })).done) return undefined;
      this.app.updateDraft(({ retention: _, ...rest }) => rest);
      return l10n.t('Data retention set to {0}.', RETENTION_TYPES.find(([t]) => t === type)![1]);
    });
  }
}
