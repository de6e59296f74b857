// Service tier: the tier requests use when they name none, and the optional tiers (Flex, Fast,
// Ultrafast) the project may use — all of them (also tiers added later) or only those ticked. Edits
// are checked as made (a Fast default needs Fast enabled), listed with the unsaved changes, and
// saved in one request with a check that nobody changed them on the server meanwhile; each of the
// two rows then shows its own result.
import * as l10n from '@vscode/l10n';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import { changedFields, describeEnabled, draftServiceTierEdit, type ServiceTierField } from '../../src/model/project/serviceTier';
import type { ServiceTierData } from '../../src/model/project/types';
import { DEFAULT_TIERS, normalTiers, OPTIONAL_TIERS, tierName, type DefaultTier, type OptionalTier } from '../../src/model/serviceTier';
import { setDisabled } from '../shared/a11y';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { button, select, SectionFrame } from './ui';

type RowStatus = { kind: 'saved' } | { kind: 'failed'; error: string } | { kind: 'conflict' };
type Scope = 'all' | 'list';

const SCOPES: ReadonlyArray<readonly [Scope, string]> = [['all', l10n.t('All tiers, including ones added later')], ['list', l10n.t('Only the tiers ticked')]];

export class ServiceTierView implements SectionView {
  readonly id = 'serviceTier' as const;
  readonly uses = ['serviceTier', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly summary = h('p', { class: 'muted' });
  private readonly defaultTier = select<DefaultTier>(DEFAULT_TIERS.map((t) => [t, tierName(t)] as const), 'standard', { label: l10n.t('Default service tier'), onChange: (t) => this.change({ default: t }) });
  private readonly scope = select<Scope>(SCOPES, 'all', { label: l10n.t('Enabled service tiers'), onChange: (s) => this.change({ enabled: s === 'all' ? 'all' : this.ticked() }) });
  private readonly boxes = new Map<OptionalTier, VscodeCheckbox>();
  private readonly lines: Record<ServiceTierField, { tr: HTMLElement; state: HTMLElement; result: HTMLElement }>;
  private readonly problem = h('div', { class: 'field-problem', role: 'alert' });
  private readonly saveButton = button(l10n.t('Save Service Tiers'), () => void this.save(false), { disabled: true });
  private readonly discardButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true, disabled: true });
  private readonly statuses = new Map<ServiceTierField, RowStatus>();
  private saving = false;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('serviceTier', l10n.t('Service tier'), () => void app.load(['serviceTier']));
    const tiers = h('div', { class: 'switches tiers', role: 'group', 'aria-label': l10n.t('Optional service tiers') });
    for (const tier of OPTIONAL_TIERS) {
      const box = h('vscode-checkbox', { 'data-tier': tier }, tierName(tier)) as VscodeCheckbox;
      box.addEventListener('change', () => this.change({ enabled: this.ticked() }));
      this.boxes.set(tier, box);
      tiers.append(box);
    }
    const row = (field: ServiceTierField, label: string, ...controls: HTMLElement[]) => {
      const state = h('span', { class: 'muted tier-state' });
      const result = h('span', { class: 'row-result' });
      const tr = h('tr', { 'data-field': field }, h('th', { scope: 'row' }, label), h('td', {}, ...controls), h('td', {}, state), h('td', {}, result));
      return { tr, state, result };
    };
    this.lines = {
      default: row('default', l10n.t('Default tier'), this.defaultTier),
      enabled: row('enabled', l10n.t('Enabled tiers'), this.scope, tiers),
    };
    replace(this.frame.body,
      this.summary,
      h('table', { class: 'grid service-tier' }, h('caption', { class: 'visually-hidden' }, l10n.t('Service tier settings')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Setting')), h('th', { scope: 'col' }, l10n.t('Value')), h('th', { scope: 'col' }, l10n.t('Change')), h('th', { scope: 'col' }, l10n.t('Result')))),
        h('tbody', {}, this.lines.default.tr, this.lines.enabled.tr)),
      this.problem,
      h('div', { class: 'button-row' }, this.saveButton, this.discardButton));
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    this.showState();
  }

  rows(): string[][] {
    const s = this.app.loaded.serviceTier;
    if (!s) return [];
    return [
      [l10n.t('Default tier'), tierName(s.default), this.lines.default.result.textContent ?? ''],
      [l10n.t('Enabled tiers'), describeEnabled(s.enabled), this.lines.enabled.result.textContent ?? ''],
    ];
  }

  private shown(): Pick<ServiceTierData, 'default' | 'enabled'> | undefined {
    const loaded = this.app.loaded.serviceTier;
    const d = this.app.draft.serviceTier;
    return d ?? loaded;
  }

  private ticked(): OptionalTier[] {
    return normalTiers(OPTIONAL_TIERS.filter((t) => this.boxes.get(t)!.checked)) as OptionalTier[];
  }

  private change(patch: Partial<Pick<ServiceTierData, 'default' | 'enabled'>>): void {
    const loaded = this.app.loaded.serviceTier;
    if (!loaded) return;
    for (const f of Object.keys(patch) as ServiceTierField[]) this.statuses.delete(f);
    this.app.updateDraft((d) => {
      const was = d.serviceTier ?? { default: loaded.default, enabled: loaded.enabled, before: loaded };
      const next = { ...was, ...patch };
      // Back where it started: nothing left to save.
      if (!changedFields(next.before, next).length) {
        const { serviceTier: _, ...rest } = d;
        return rest;
      }
      return { ...d, serviceTier: next };
    });
  }

  /** Puts the draft (or the loaded settings) into the controls and marks what changed. */
  private showState(): void {
    const loaded = this.app.loaded.serviceTier;
    const shown = this.shown();
    if (!loaded || !shown) return;
    const readOnly = this.app.readOnly;
    replace(this.summary, l10n.t('Requests that name no tier use {0}. The project may use {1}.', tierName(loaded.default), describeEnabled(loaded.enabled)));
    if (this.defaultTier.value !== shown.default) this.defaultTier.value = shown.default;
    const scope: Scope = shown.enabled === 'all' ? 'all' : 'list';
    if (this.scope.value !== scope) this.scope.value = scope;
    this.defaultTier.disabled = readOnly || this.saving;
    this.scope.disabled = readOnly || this.saving;
    for (const [tier, box] of this.boxes) {
      const on = shown.enabled === 'all' || shown.enabled.includes(tier);
      if (box.checked !== on) box.checked = on;
      setDisabled(box, readOnly || this.saving || shown.enabled === 'all');
    }
    const edited = this.app.draft.serviceTier ? changedFields(this.app.draft.serviceTier.before, this.app.draft.serviceTier) : [];
    const elsewhere = this.app.draft.serviceTier ? changedFields(this.app.draft.serviceTier.before, loaded) : [];
    const edit = draftServiceTierEdit(loaded, this.app.draft.serviceTier);
    for (const field of ['default', 'enabled'] as const) {
      const r = this.lines[field];
      const mine = edited.includes(field);
      r.tr.classList.toggle('modified', mine);
      const from = field === 'default' ? tierName(loaded.default) : describeEnabled(loaded.enabled);
      const to = field === 'default' ? tierName(shown.default) : describeEnabled(shown.enabled);
      replace(r.state, mine ? l10n.t('{0} → {1} (not saved)', from, to) : '');
      const status = this.statuses.get(field);
      r.result.className = 'row-result';
      r.result.removeAttribute('title');
      if (status?.kind === 'failed') {
        r.result.classList.add('error-text');
        r.result.setAttribute('title', status.error);
        replace(r.result, l10n.t('Not saved: {0}', status.error));
      } else if (status?.kind === 'conflict' || (mine && elsewhere.includes(field))) {
        r.result.classList.add('warning-text');
        replace(r.result, l10n.t('Changed on the server since you started editing'));
      } else if (status?.kind === 'saved') {
        r.result.classList.add('success-text');
        replace(r.result, l10n.t('Saved'));
      } else replace(r.result);
    }
    replace(this.problem, edit.kind === 'invalid' ? edit.problem : '');
    this.saveButton.disabled = readOnly || this.saving || edit.kind !== 'set';
    this.discardButton.disabled = this.saving || !this.app.draft.serviceTier;
  }

  discard(): void {
    this.statuses.clear();
    this.app.updateDraft(({ serviceTier: _, ...rest }) => rest);
    this.frame.notify(undefined);
  }

  async save(force = false): Promise<void> {
    const d = this.app.draft.serviceTier;
    if (!d) return;
    const edited = changedFields(d.before, d);
    this.saving = true;
    this.showState();
    this.frame.notify({ kind: 'info', lines: [l10n.t('Saving the service tiers…')] });
    try {
      const result = await this.app.rpc.call('saveServiceTier', { default: d.default, enabled: d.enabled, before: d.before, force });
      switch (result.status) {
        case 'conflict':
          for (const f of result.fields) this.statuses.set(f, { kind: 'conflict' });
          this.frame.notify({
            kind: 'warning',
            lines: [l10n.t('Nothing was saved.'), ...result.messages],
            actions: [{ label: l10n.t('Save Anyway'), run: () => void this.save(true) }, { label: l10n.t('Reload'), run: () => void this.reload(), secondary: true }],
          });
          return;
        case 'invalid':
          this.frame.notify({ kind: 'error', lines: [result.message] });
          return;
        case 'unchanged':
        case 'saved':
          for (const f of result.status === 'saved' ? result.fields : edited) this.statuses.set(f, { kind: 'saved' });
          this.app.updateDraft(({ serviceTier: _, ...rest }) => rest);
          // Show what the API answered until the host's reload confirms it.
          this.app.apply({ serviceTier: { ok: true, data: result.current } });
          this.frame.notify(result.status === 'saved'
            ? { kind: 'success', lines: [l10n.t('Saved the service tiers.')] }
            : { kind: 'info', lines: [l10n.t('Nothing to save: the service tiers already match.')] });
          return;
      }
    } catch (err) {
      for (const f of edited) this.statuses.set(f, { kind: 'failed', error: (err as Error).message });
      this.frame.notify({ kind: 'error', lines: [l10n.t("Couldn't save the service tiers: {0}", (err as Error).message)] });
    } finally {
      this.saving = false;
      this.showState();
    }
  }

  /** After a conflict: read the settings again and keep the admin's choices on top of them. */
  private async reload(): Promise<void> {
    this.statuses.clear();
    this.frame.notify(undefined);
    await this.app.load(['serviceTier']);
    const now = this.app.loaded.serviceTier;
    if (now) this.app.updateDraft((d) => (d.serviceTier ? { ...d, serviceTier: { ...d.serviceTier, before: now } } : d));
  }
}
