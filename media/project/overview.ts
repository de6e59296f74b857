// The project's header: name (editable), id with Copy, status, created, residency; archive.
import * as l10n from '@vscode/l10n';
import { nameEdit } from '../../src/model/project/draft';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, date, SectionFrame, textfield } from './ui';

export class OverviewView implements SectionView {
  readonly id = 'overview' as const;
  readonly uses = ['overview'] as const;
  readonly frame: SectionFrame;
  private readonly facts = h('dl', { class: 'facts' });
  private readonly name = textfield({ label: l10n.t('Project name'), className: 'name-field', onInput: (v) => this.app.updateDraft((d) => ({ ...d, name: v })), onEnter: () => void this.save() });
  private readonly saveButton = button(l10n.t('Save Name'), () => void this.save());
  private readonly resetButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true });
  private readonly archiveButton = button(l10n.t('Archive Project…'), () => void this.archive(), { secondary: true, className: 'danger' });
  private readonly nameProblem = h('div', { class: 'field-problem', role: 'alert' });

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('overview', l10n.t('Overview'), () => void app.load(['overview']));
    replace(this.frame.body,
      h('div', { class: 'form-row' },
        h('div', { class: 'field' }, h('label', { for: 'project-name' }, l10n.t('Name')), this.name, this.nameProblem),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), h('div', { class: 'button-row' }, this.saveButton, this.resetButton))),
      this.facts,
      h('div', { class: 'danger-zone' }, this.archiveButton, h('span', { class: 'muted' }, l10n.t('Archived projects cannot be used or changed, and cannot be unarchived through the API.'))));
    this.name.id = 'project-name';
    app.onDraftChange(() => this.showDirty());
  }

  render(): void {
    const o = this.app.loaded.overview!;
    // The name as typed (a draft restored after a reload or a reopen), else the project's.
    const shown = this.app.draft.name ?? o.name;
    if (this.name.value !== shown) this.name.value = shown;
    const copy = button(l10n.t('Copy'), () => void act(this.frame, copy, async () => { await this.app.rpc.call('copyId', {}); return l10n.t('Copied the project ID.'); }), { secondary: true, title: l10n.t('Copy the project ID') });
    replace(this.facts,
      h('dt', {}, l10n.t('ID')), h('dd', {}, h('code', { class: 'user-text' }, o.id), ' ', copy),
      h('dt', {}, l10n.t('Status')), h('dd', {}, h('span', { class: `status-badge ${o.status}` }, o.status === 'archived' ? l10n.t('Archived {0}', date(o.archivedAt)) : l10n.t('Active'))),
      h('dt', {}, l10n.t('Created')), h('dd', {}, date(o.createdAt)),
      h('dt', {}, l10n.t('Residency')), h('dd', {}, o.residency ?? l10n.t('Not reported by the API')));
    const readOnly = this.app.readOnly;
    this.name.disabled = readOnly;
    this.archiveButton.disabled = readOnly;
    this.archiveButton.hidden = readOnly;
    this.showDirty();
  }

  rows(): string[][] {
    const o = this.app.loaded.overview;
    return o ? [[o.name, o.id, o.status]] : [];
  }

  private showDirty(): void {
    const edit = nameEdit(this.app.loaded, this.app.draft);
    const problem = edit && 'problem' in edit ? edit.problem : '';
    this.name.invalid = !!problem;
    replace(this.nameProblem, problem);
    this.name.closest('.field')?.classList.toggle('modified', !!edit && !problem);
    this.saveButton.disabled = !edit || !!problem || this.app.readOnly;
    this.resetButton.disabled = this.app.draft.name === undefined;
  }

  discard(): void {
    this.app.updateDraft(({ name: _, ...rest }) => rest);
    this.name.value = this.app.loaded.overview?.name ?? '';
    this.frame.notify(undefined);
  }

  async save(): Promise<void> {
    const edit = nameEdit(this.app.loaded, this.app.draft);
    if (!edit || 'problem' in edit) return;
    await act(this.frame, this.saveButton, async () => {
      const { done } = await this.app.rpc.call('rename', { name: edit.name });
      if (!done) return undefined;
      this.app.updateDraft(({ name: _, ...rest }) => rest);
      return l10n.t('Renamed to “{0}”.', edit.name);
    });
  }

  private async archive(): Promise<void> {
    await act(this.frame, this.archiveButton, async () => ((await this.app.rpc.call('archive', {})).done ? l10n.t('The project is archived.') : undefined));
  }
}
