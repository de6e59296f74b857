// Model permissions (allow list / deny list / not set, with a searchable list of model ids: the
// models the project has rate limits for, the policy's own, and any typed in) and hosted tool
// permissions (a switch per tool; only the switches moved are sent). Both are saved with a check
// that nobody changed them on the server meanwhile.
import * as l10n from '@vscode/l10n';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import { policyEdit, policyState, toolsEdit } from '../../src/model/project/draft';
import { HOSTED_TOOLS, type HostedTool } from '../../src/model/format';
import { checkModelIds, splitList } from '../../src/model/inputs';
import { modelChoices, type PolicyChoice } from '../../src/model/permissionEdits';
import type { SingleSaveResult } from '../../src/webviews/project/protocol';
import { setDisabled } from '../shared/a11y';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, field, select, SectionFrame, textfield } from './ui';

const MODES = [['none', l10n.t('Not set (every model allowed)')], ['allow_list', l10n.t('Allow list (only these models)')], ['deny_list', l10n.t('Deny list (every model but these)')]] as const;

/** Shows a save's outcome; a conflict offers to overwrite or to reload. */
function reportSave(frame: SectionFrame, result: SingleSaveResult, what: string, again: () => void, reload: () => void): boolean {
  switch (result.status) {
    case 'saved':
      frame.notify({ kind: 'success', lines: [l10n.t('Saved {0}.', what)] });
      return true;
    case 'unchanged':
      frame.notify({ kind: 'info', lines: [l10n.t('Nothing to save: {0} already match.', what)] });
      return true;
    case 'invalid':
      frame.notify({ kind: 'error', lines: [result.message] });
      return false;
    case 'conflict':
      frame.notify({
        kind: 'warning',
        lines: [l10n.t('Nothing was saved.'), ...result.messages],
        actions: [{ label: l10n.t('Save Anyway'), run: again }, { label: l10n.t('Reload'), run: reload, secondary: true }],
      });
      return false;
  }
}

function policySummary(mode: string, n: number): string {
  if (mode === 'allow_list') return n === 1 ? l10n.t('The project has an allow list of 1 model.') : l10n.t('The project has an allow list of {0} models.', n);
  return n === 1 ? l10n.t('The project has a deny list of 1 model.') : l10n.t('The project has a deny list of {0} models.', n);
}

export class ModelPermissionsView implements SectionView {
  readonly id = 'modelPermissions' as const;
  readonly uses = ['modelPermissions', 'rateLimits', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly mode = select<PolicyChoice>(MODES, 'none', { label: l10n.t('Model policy'), className: 'mode', onChange: (m) => this.change({ mode: m }) });
  private readonly filter = textfield({ label: l10n.t('Search models'), placeholder: l10n.t('Search models'), className: 'filter', onInput: () => this.applyFilter() });
  private readonly list = h('div', { class: 'model-list', role: 'group', 'aria-label': l10n.t('Models in the policy') });
  private readonly other = textfield({ label: l10n.t('Other model ids'), placeholder: l10n.t('Other model ids, comma-separated'), onEnter: () => this.addOther() });
  private readonly otherProblem = h('div', { class: 'field-problem', role: 'alert' });
  private readonly saveButton = button(l10n.t('Save Policy'), () => void this.save(false));
  private readonly removeButton = button(l10n.t('Remove Policy…'), () => void this.remove(), { secondary: true });
  private readonly discardButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true });
  private readonly summary = h('p', { class: 'muted' });
  private readonly problem = h('div', { class: 'field-problem', role: 'alert' });

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('modelPermissions', l10n.t('Model permissions'), () => void app.load(['modelPermissions']));
    replace(this.frame.body,
      this.summary,
      h('div', { class: 'form-row' }, field(l10n.t('Policy'), this.mode, 'policy-mode'), field(l10n.t('Search'), this.filter, 'policy-filter')),
      this.list,
      this.problem,
      h('div', { class: 'form-row' }, h('div', { class: 'field grow' }, h('label', { for: 'policy-other' }, l10n.t('Add models not listed')), this.other, this.otherProblem),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), button(l10n.t('Add'), () => this.addOther(), { secondary: true }))),
      h('div', { class: 'button-row' }, this.saveButton, this.discardButton, this.removeButton));
    this.other.id = 'policy-other';
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    if (this.app.loaded.modelPermissions === undefined) return;
    const current = this.app.loaded.modelPermissions;
    const draft = this.app.draft.policy;
    this.mode.value = draft?.mode ?? current?.mode ?? 'none';
    replace(this.summary, current
      ? policySummary(current.mode, current.modelIds.length)
      : l10n.t('No policy is set: every model is allowed in this project.'));
    const ticked = new Set(draft?.modelIds ?? current?.modelIds ?? []);
    const choices = modelChoices((this.app.loaded.rateLimits ?? []).map((r) => r.model), [...(current?.modelIds ?? []), ...ticked]);
    replace(this.list, ...choices.map((m) => {
      const box = h('vscode-checkbox', { 'data-model': m, class: 'user-text' }, m) as VscodeCheckbox;
      box.checked = ticked.has(m);
      box.addEventListener('change', () => this.change({ modelIds: this.tickedModels() }));
      return box;
    }), !choices.length ? h('p', { class: 'muted' }, l10n.t('No models known yet: add model ids below.')) : null);
    this.applyFilter();
    this.showState();
  }

  rows(): string[][] {
    const p = this.app.loaded.modelPermissions;
    return [[p ? p.mode : 'none', ...(p?.modelIds ?? [])]];
  }

  private tickedModels(): string[] {
    return [...this.list.querySelectorAll<VscodeCheckbox>('vscode-checkbox')].filter((b) => b.checked).map((b) => b.dataset.model!);
  }

  private change(patch: { mode?: PolicyChoice; modelIds?: string[] }): void {
    const current = this.app.loaded.modelPermissions;
    this.app.updateDraft((d) => ({
      ...d,
      policy: {
        mode: patch.mode ?? d.policy?.mode ?? current?.mode ?? 'none',
        modelIds: patch.modelIds ?? d.policy?.modelIds ?? [...(current?.modelIds ?? [])],
        before: d.policy?.before ?? policyState(current),
      },
    }));
  }

  private addOther(): void {
    const text = this.other.value;
    const problem = text.trim() ? checkModelIds(text) : undefined;
    replace(this.otherProblem, problem ?? '');
    this.other.invalid = !!problem;
    if (problem || !text.trim()) return;
    this.change({ modelIds: [...new Set([...this.tickedModels(), ...splitList(text)])] });
    this.other.value = '';
    this.render();
  }

  private applyFilter(): void {
    const f = this.filter.value.trim().toLowerCase();
    for (const box of this.list.querySelectorAll<HTMLElement>('vscode-checkbox')) box.hidden = !!f && !box.dataset.model!.toLowerCase().includes(f);
  }

  private showState(): void {
    const edit = policyEdit(this.app.loaded, this.app.draft);
    const mode = this.app.draft.policy?.mode ?? this.app.loaded.modelPermissions?.mode ?? 'none';
    const readOnly = this.app.readOnly;
    this.list.classList.toggle('disabled', mode === 'none');
    for (const b of this.list.querySelectorAll<VscodeCheckbox>('vscode-checkbox')) setDisabled(b, mode === 'none' || readOnly);
    this.mode.disabled = readOnly;
    this.saveButton.disabled = readOnly || edit.kind === 'unchanged' || edit.kind === 'invalid';
    this.discardButton.disabled = !this.app.draft.policy;
    this.removeButton.hidden = !this.app.loaded.modelPermissions || readOnly;
    this.frame.el.classList.toggle('modified', edit.kind !== 'unchanged');
    replace(this.problem, edit.kind === 'invalid' ? edit.problem : '');
  }

  discard(): void {
    this.app.updateDraft(({ policy: _, ...rest }) => rest);
    this.frame.notify(undefined);
    this.render();
  }

  async save(force = false): Promise<void> {
    const d = this.app.draft.policy;
    if (!d) return;
    await act(this.frame, this.saveButton, async () => {
      const result = await this.app.rpc.call('saveModelPermissions', { mode: d.mode, modelIds: d.modelIds, before: d.before, force });
      if (!reportSave(this.frame, result, l10n.t('the model permissions'), () => void this.save(true), () => void this.reload())) return undefined;
      this.app.updateDraft(({ policy: _, ...rest }) => rest);
      // Show what was saved until the host's reload confirms it.
      if (result.status === 'saved') this.app.apply({ modelPermissions: { ok: true, data: d.mode === 'none' ? null : { mode: d.mode, modelIds: [...new Set(d.modelIds)] } } });
      return undefined;
    });
  }

  private async remove(): Promise<void> {
    const before = this.app.draft.policy?.before ?? policyState(this.app.loaded.modelPermissions);
    await act(this.frame, this.removeButton, async () => {
      const result = await this.app.rpc.call('saveModelPermissions', { mode: 'none', modelIds: [], before });
      if (result.status === 'unchanged') return undefined;
      if (!reportSave(this.frame, result, l10n.t('the model permissions'), () => void this.remove(), () => void this.reload())) return undefined;
      this.app.updateDraft(({ policy: _, ...rest }) => rest);
      if (result.status !== 'saved') return undefined;
      this.app.apply({ modelPermissions: { ok: true, data: null } });
      return l10n.t('Removed the policy: every model is allowed.');
    });
  }

  /** After a conflict: read the policy again and start from it, keeping the admin's choices. */
  private async reload(): Promise<void> {
    this.frame.notify(undefined);
    await this.app.load(['modelPermissions']);
    const now = policyState(this.app.loaded.modelPermissions);
    this.app.updateDraft((d) => (d.policy ? { ...d, policy: { ...d.policy, before: now } } : d));
  }
}

export class HostedToolsView implements SectionView {
  readonly id = 'hostedTools' as const;
  readonly uses = ['hostedTools', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly switches = new Map<HostedTool, VscodeCheckbox>();
  private readonly saveButton = button(l10n.t('Save Tool Permissions'), () => void this.save(false));
  private readonly discardButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true });

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('hostedTools', l10n.t('Hosted tool permissions'), () => void app.load(['hostedTools']));
    const list = h('div', { class: 'switches', role: 'group', 'aria-label': l10n.t('Hosted tools') });
    for (const [tool, name] of HOSTED_TOOLS) {
      const sw = h('vscode-checkbox', { toggle: true, 'data-tool': tool }, name) as VscodeCheckbox;
      sw.addEventListener('change', () => this.toggle(tool, sw.checked));
      this.switches.set(tool, sw);
      list.append(h('div', { class: 'switch-row', 'data-tool': tool }, sw, h('span', { class: 'switch-state muted' })));
    }
    replace(this.frame.body, list, h('div', { class: 'button-row' }, this.saveButton, this.discardButton));
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    this.showState();
  }

  rows(): string[][] {
    const t = this.app.loaded.hostedTools;
    return t ? HOSTED_TOOLS.map(([tool, name]) => [name, t[tool] ? 'on' : 'off', this.switches.get(tool)!.checked ? 'on' : 'off']) : [];
  }

  private toggle(tool: HostedTool, on: boolean): void {
    const loaded = this.app.loaded.hostedTools;
    if (!loaded) return;
    this.app.updateDraft((d) => ({ ...d, tools: { enabled: { ...d.tools?.enabled, [tool]: on }, before: d.tools?.before ?? { ...loaded } } }));
  }

  private showState(): void {
    const loaded = this.app.loaded.hostedTools;
    if (!loaded) return;
    const changes = toolsEdit(this.app.loaded, this.app.draft);
    for (const [tool] of HOSTED_TOOLS) {
      const sw = this.switches.get(tool)!;
      const on = this.app.draft.tools?.enabled[tool] ?? loaded[tool];
      if (sw.checked !== on) sw.checked = on;
      setDisabled(sw, this.app.readOnly);
      const row = sw.parentElement!;
      row.classList.toggle('modified', tool in changes);
      const onOff = (v: boolean) => (v ? l10n.t('on') : l10n.t('off'));
      replace(row.querySelector('.switch-state')!, tool in changes ? l10n.t('{0} → {1} (not saved)', onOff(loaded[tool]), onOff(on)) : onOff(on));
    }
    this.saveButton.disabled = this.app.readOnly || !Object.keys(changes).length;
    this.discardButton.disabled = !this.app.draft.tools;
  }

  discard(): void {
    this.app.updateDraft(({ tools: _, ...rest }) => rest);
    this.frame.notify(undefined);
  }

  async save(force = false): Promise<void> {
    const d = this.app.draft.tools;
    if (!d) return;
    await act(this.frame, this.saveButton, async () => {
      const result = await this.app.rpc.call('saveHostedTools', { enabled: d.enabled, before: d.before, force });
      if (!reportSave(this.frame, result, l10n.t('the hosted tool permissions'), () => void this.save(true), () => void this.reload())) return undefined;
      this.app.updateDraft(({ tools: _, ...rest }) => rest);
      const loaded = this.app.loaded.hostedTools;
      // Show what was saved until the host's reload confirms it.
      if (result.status === 'saved' && loaded) this.app.apply({ hostedTools: { ok: true, data: { ...loaded, ...d.enabled } } });
      return undefined;
    });
  }

  private async reload(): Promise<void> {
    this.frame.notify(undefined);
    await this.app.load(['hostedTools']);
    const now = this.app.loaded.hostedTools;
    if (now) this.app.updateDraft((d) => (d.tools ? { ...d, tools: { ...d.tools, before: { ...now } } } : d));
  }
}
