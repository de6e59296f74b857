// Service accounts (create, delete) and API keys (owner, redacted value, created, last used, expiry;
// idle, expired and soon-expiring keys highlighted; a new expiry and scopes per key, saved together
// with a result per key; delete). A new account's one-time key is shown by VS Code in a modal, never
// here: this page only ever sees redacted key values.
import * as l10n from '@vscode/l10n';
import { checkExpiryDays, keyExpiry } from '../../src/model/expiry';
import { checkScopes } from '../../src/model/scopes';
import { withoutSavedKeys } from '../../src/model/project/draft';
import { diffApiKeys, editKey, keyEditProblem, keyName, keysChangedElsewhere, type KeyDraft } from '../../src/model/project/keyEdits';
import { idleDays, isUnusedKey } from '../../src/model/project/keys';
import type { KeyResult } from '../../src/model/project/saveKeys';
import type { ApiKeyRow, ProjectRole } from '../../src/model/project/types';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, date, empty, field, select, SectionFrame, table, textCell, textfield } from './ui';

const ROLES = [['member', l10n.t('Member')], ['owner', l10n.t('Owner')]] as const;

export class ServiceAccountsView implements SectionView {
  readonly id = 'serviceAccounts' as const;
  readonly uses = ['serviceAccounts', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly list = h('div', { class: 'table-wrap' });
  private readonly name = textfield({ label: l10n.t('Name of the new service account'), placeholder: l10n.t('e.g. ci-deploy'), onInput: () => this.syncCreate(), onEnter: () => void this.create() });
  private readonly role = select(ROLES, 'member', { label: l10n.t('Role of the new service account') });
  private readonly createButton = button(l10n.t('Create Service Account'), () => void this.create(), { disabled: true });
  private readonly createForm: HTMLElement;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('serviceAccounts', l10n.t('Service accounts'), () => void app.load(['serviceAccounts']));
    this.createForm = h('div', { class: 'add-form' },
      h('h3', {}, l10n.t('Create a service account')),
      h('div', { class: 'form-row' }, field(l10n.t('Name'), this.name, 'sa-name'), field(l10n.t('Role'), this.role, 'sa-role'),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), this.createButton)),
      h('p', { class: 'muted hint' }, l10n.t('Its API key is shown once, in a VS Code dialog with a Copy button. It is not stored anywhere by this extension.')));
    replace(this.frame.body, this.list, this.createForm);
  }

  render(): void {
    const accounts = this.app.loaded.serviceAccounts;
    if (!accounts) return;
    const readOnly = this.app.readOnly;
    this.createForm.hidden = readOnly;
    if (!accounts.length) {
      replace(this.list, empty(l10n.t('No service accounts.')));
      return;
    }
    const { table: t, body } = table(l10n.t('Service accounts'), [l10n.t('Name'), l10n.t('Role'), l10n.t('Created'), l10n.t('ID'), '']);
    for (const s of accounts) {
      const del = button(l10n.t('Delete…'), () => void act(this.frame, del, async () => ((await this.app.rpc.call('deleteServiceAccount', { id: s.id })).done ? l10n.t('Deleted service account {0}.', s.name || s.id) : undefined)), { secondary: true, disabled: readOnly });
      body.append(h('tr', { 'data-id': s.id }, textCell(s.name || s.id), h('td', {}, s.role), h('td', { class: 'nowrap' }, date(s.createdAt)), h('td', {}, h('code', { class: 'user-text' }, s.id)), h('td', { class: 'row-actions' }, del)));
    }
    replace(this.list, t);
  }

  rows(): string[][] {
    return (this.app.loaded.serviceAccounts ?? []).map((s) => [s.name, s.role, s.id]);
  }

  private syncCreate(): void {
    this.createButton.disabled = !this.name.value.trim();
  }

  private async create(): Promise<void> {
    const name = this.name.value.trim();
    if (!name) return;
    await act(this.frame, this.createButton, async () => {
      const { done } = await this.app.rpc.call('createServiceAccount', { name, role: this.role.value as ProjectRole });
      if (!done) return undefined;
      this.name.value = '';
      return l10n.t('Created service account {0}.', name);
    });
    this.syncCreate();
  }
}

type KeyStatus = { kind: 'saved' } | { kind: 'failed'; error: string } | { kind: 'conflict'; text: string };
type ScopeMode = 'keep' | 'unrestricted' | 'only';

const SCOPE_MODES: ReadonlyArray<readonly [ScopeMode, string]> = [
  ['keep', l10n.t('Keep as they are')], ['unrestricted', l10n.t('Unrestricted (the owner\'s permissions)')], ['only', l10n.t('Only these scopes')],
];

interface KeyEditor {
  tr: HTMLTableRowElement;
  days: HTMLElement & { value: string; invalid: boolean };
  mode: HTMLElement & { value: string };
  scopes: HTMLElement & { value: string; invalid: boolean };
  /** The scopes box and its label: shown only for "Only these scopes". */
  scopesField: HTMLElement;
  problem: HTMLElement;
  result: HTMLElement;
}

/** "2 keys changed, 1 invalid" above the keys' Save button. */
function changedSummary(changed: number, invalid: number): string {
  const keys = changed === 1 ? l10n.t('1 key changed') : l10n.t('{0} keys changed', changed);
  return invalid ? l10n.t('{0}, {1} invalid', keys, invalid) : keys;
}

export class ApiKeysView implements SectionView {
  readonly id = 'apiKeys' as const;
  readonly uses = ['apiKeys', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly list = h('div', { class: 'table-wrap' });
  private readonly idle = h('div', { class: 'message warning', role: 'note' });
  private readonly expiring = h('div', { class: 'message warning', role: 'note' });
  private readonly summary = h('span', { class: 'muted summary-text', 'aria-live': 'polite' });
  private readonly saveButton = button(l10n.t('Save API Keys'), () => void this.save(false), { disabled: true });
  private readonly discardButton = button(l10n.t('Discard'), () => this.discard(), { secondary: true, disabled: true });
  private readonly toolbar = h('div', { class: 'toolbar' }, this.summary, h('div', { class: 'button-row push' }, this.saveButton, this.discardButton));
  /** Keys whose editor the admin opened (keys with unsaved edits always show theirs). */
  private readonly open = new Set<string>();
  private readonly editors = new Map<string, KeyEditor>();
  private readonly statuses = new Map<string, KeyStatus>();
  private saving = false;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('apiKeys', l10n.t('API keys'), () => void app.load(['apiKeys']));
    this.idle.hidden = true;
    this.expiring.hidden = true;
    this.frame.body.append(this.idle, this.expiring, this.toolbar, this.list);
    app.onDraftChange(() => this.showState());
  }

  render(): void {
    const keys = this.app.loaded.apiKeys;
    if (!keys) return;
    const { unusedKeyDays: days } = this.app.init;
    const now = this.app.now();
    // A reload while the admin types must not take their cursor away.
    const active = (document.activeElement as HTMLElement | null)?.dataset.keyField;
    this.editors.clear();
    if (!keys.length) {
      replace(this.list, empty(l10n.t('No API keys.')));
      this.idle.hidden = true;
      this.expiring.hidden = true;
      this.showState();
      return;
    }
    const { table: t, body } = table(l10n.t('API keys'), [l10n.t('Name'), l10n.t('Key'), l10n.t('Owner'), l10n.t('Created'), l10n.t('Last used'), l10n.t('Expires'), ''], 'api-keys');
    let idle = 0;
    let expired = 0;
    let soon = 0;
    for (const k of keys) {
      const unused = isUnusedKey(k, days, now);
      if (unused) idle++;
      const expiry = keyExpiry(k.expiresAt, now * 1000);
      if (expiry.state === 'expired') expired++;
      if (expiry.state === 'soon') soon++;
      const editable = !this.app.readOnly && expiry.state !== 'expired';
      const edit = button(this.isOpen(k.id) ? l10n.t('Close') : l10n.t('Edit…'), () => this.toggle(k.id), {
        secondary: true, disabled: !editable, title: expiry.state === 'expired' ? l10n.t('An expired key cannot be changed') : l10n.t('Set the expiry or scopes of {0}', keyName(k)), className: 'edit-key',
      });
      const del = button(l10n.t('Delete…'), () => void act(this.frame, del, async () => ((await this.app.rpc.call('deleteApiKey', { id: k.id })).done ? l10n.t('Deleted API key {0}.', k.name || k.redacted) : undefined)), { secondary: true, disabled: this.app.readOnly });
      const owner = k.ownerType === 'service_account' ? l10n.t('Service account {0}', k.ownerName) : k.ownerName || l10n.t('Unknown owner');
      const lastUsed = h('td', { class: 'nowrap' }, k.lastUsedAt ? date(k.lastUsedAt) : l10n.t('Never'),
        unused ? h('span', { class: 'badge warning', title: l10n.t('Not used for more than {0} days', days) }, l10n.t('idle {0} days', idleDays(k, now))) : null);
      const expires = h('td', { class: `nowrap expiry ${expiry.state}`, title: k.expiresAt ? date(k.expiresAt) : undefined },
        expiry.state === 'expired' || expiry.state === 'soon' ? h('span', { class: `badge ${expiry.state === 'expired' ? 'error' : 'warning'}` }, expiry.text) : expiry.text);
      const classes = [unused ? 'unused' : '', expiry.state === 'expired' ? 'expired' : '', expiry.state === 'soon' ? 'expiring' : ''].filter(Boolean).join(' ');
      body.append(h('tr', { class: classes || undefined, 'data-id': k.id, 'data-expiry': expiry.state },
        textCell(k.name || '—'), h('td', {}, h('code', { class: 'user-text' }, k.redacted)), textCell(owner), h('td', { class: 'nowrap' }, date(k.createdAt)), lastUsed, expires,
        h('td', { class: 'row-actions' }, edit, del)));
      if (editable && this.isOpen(k.id)) body.append(this.editor(k).tr);
    }
    replace(this.list, t);
    this.idle.hidden = !idle;
    replace(this.idle, idle === 1
      ? l10n.t('1 key has not been used for more than {0} days (highlighted; setting openaiAdmin.unusedKeyDays).', days)
      : l10n.t('{0} keys have not been used for more than {1} days (highlighted; setting openaiAdmin.unusedKeyDays).', idle, days));
    this.expiring.hidden = !expired && !soon;
    const expiredText = !expired ? '' : expired === 1 ? l10n.t('1 key has expired') : l10n.t('{0} keys have expired', expired);
    const soonText = !soon ? '' : soon === 1 ? l10n.t('1 expires within a week') : l10n.t('{0} expire within a week', soon);
    replace(this.expiring, l10n.t('{0} (highlighted).', [expiredText, soonText].filter(Boolean).join('; ')));
    if (active) (this.list.querySelector(`[data-key-field="${CSS.escape(active)}"]`) as HTMLElement | null)?.focus();
    this.showState();
  }

  rows(): string[][] {
    const { unusedKeyDays: days } = this.app.init;
    const now = this.app.now();
    return (this.app.loaded.apiKeys ?? []).map((k) => [
      k.name, k.redacted, k.ownerName, isUnusedKey(k, days, now) ? 'unused' : 'used', keyExpiry(k.expiresAt, now * 1000).text, this.editors.get(k.id)?.result.textContent ?? this.statusText(k.id),
    ]);
  }

  private isOpen(id: string): boolean {
    return this.open.has(id) || !!this.app.draft.apiKeys?.[id];
  }

  private toggle(id: string): void {
    if (this.isOpen(id)) {
      this.open.delete(id);
      // Closing an editor drops its unsaved edits (Discard does it for all keys).
      const key = this.app.loaded.apiKeys?.find((k) => k.id === id);
      if (key && this.app.draft.apiKeys?.[id]) this.app.updateDraft((d) => ({ ...d, apiKeys: editKey(d.apiKeys ?? {}, key, { expiryDays: undefined, scopes: undefined }) }));
    } else this.open.add(id);
    this.render();
  }

  /** The row under a key: days until it expires, its scopes, what is wrong, and the save's result. */
  private editor(k: ApiKeyRow): KeyEditor {
    const draft = this.app.draft.apiKeys?.[k.id];
    const days = textfield({ label: l10n.t('Days until {0} expires', keyName(k)), placeholder: l10n.t('e.g. {0}', '90'), className: 'days', onInput: (v) => this.edit(k, { expiryDays: v.trim() ? v : undefined }) });
    days.dataset.keyField = `${k.id}:days`;
    days.value = draft?.expiryDays ?? '';
    const mode = select<ScopeMode>(SCOPE_MODES, draft?.scopes ? (draft.scopes.restrict ? 'only' : 'unrestricted') : 'keep', {
      label: l10n.t('Scopes of {0}', keyName(k)),
      onChange: (m) => this.edit(k, { scopes: m === 'keep' ? undefined : { restrict: m === 'only', text: scopes.value } }),
    });
    const scopes = textfield({ label: l10n.t('Scopes for {0}', keyName(k)), placeholder: 'api.model.request, api.all.read', className: 'scopes', onInput: (v) => this.edit(k, { scopes: { restrict: true, text: v } }) });
    scopes.dataset.keyField = `${k.id}:scopes`;
    scopes.value = draft?.scopes?.text ?? '';
    const problem = h('div', { class: 'field-problem', role: 'alert' });
    const result = h('span', { class: 'row-result' });
    const scopesField = h('div', { class: 'field grow' }, h('label', {}, l10n.t('Scope ids')), scopes);
    const tr = h('tr', { class: 'key-editor', 'data-editor-for': k.id }, h('td', { colspan: 7 },
      h('div', { class: 'form-row' },
        h('div', { class: 'field' }, h('label', {}, l10n.t('Expires in (days)')), days),
        h('div', { class: 'field' }, h('label', {}, l10n.t('Scopes')), mode),
        scopesField,
        h('div', { class: 'field' }, h('label', {}, l10n.t('Result')), result)),
      problem,
      h('p', { class: 'muted hint' }, l10n.t('Counted from when you save; at most 365 days. The API can move an expiry but not remove it. Now: {0}.', keyExpiry(k.expiresAt, this.app.now() * 1000).text)))) as HTMLTableRowElement;
    const editor = { tr, days, mode, scopes, scopesField, problem, result } as KeyEditor;
    this.editors.set(k.id, editor);
    return editor;
  }

  private edit(k: ApiKeyRow, patch: Partial<Pick<KeyDraft, 'expiryDays' | 'scopes'>>): void {
    this.statuses.delete(k.id);
    this.open.add(k.id);
    this.app.updateDraft((d) => ({ ...d, apiKeys: editKey(d.apiKeys ?? {}, k, patch) }));
  }

  private statusText(id: string): string {
    const s = this.statuses.get(id);
    return !s ? '' : s.kind === 'saved' ? l10n.t('Saved') : s.kind === 'failed' ? l10n.t('Not saved: {0}', s.error) : s.text;
  }

  /** Marks each open editor from the draft (problem, result) and enables Save. */
  private showState(): void {
    const keys = this.app.loaded.apiKeys ?? [];
    const drafts = this.app.draft.apiKeys ?? {};
    const now = this.app.now();
    const elsewhere = new Set(keysChangedElsewhere(keys, drafts));
    for (const [id, e] of this.editors) {
      const key = keys.find((k) => k.id === id);
      const draft = drafts[id];
      const problem = draft ? keyEditProblem(key, draft, now) : undefined;
      e.days.invalid = draft?.expiryDays !== undefined && checkExpiryDays(draft.expiryDays) !== undefined;
      e.scopes.invalid = !!draft?.scopes?.restrict && checkScopes(draft.scopes.text) !== undefined;
      e.scopesField.hidden = !draft?.scopes?.restrict;
      e.tr.classList.toggle('modified', !!draft);
      replace(e.problem, problem ?? '');
      const status = this.statuses.get(id);
      e.result.className = 'row-result';
      if (status?.kind === 'failed') e.result.classList.add('error-text');
      else if (status?.kind === 'conflict' || elsewhere.has(id)) e.result.classList.add('warning-text');
      else if (status?.kind === 'saved') e.result.classList.add('success-text');
      replace(e.result, status ? this.statusText(id) : elsewhere.has(id) ? l10n.t('Changed on the server since you started editing') : draft ? l10n.t('Not saved yet') : '');
    }
    const { changes, problems } = diffApiKeys(keys, drafts, now);
    const n = changes.length;
    replace(this.summary, n || problems.length ? changedSummary(n, problems.length) : l10n.t('No unsaved key changes'));
    this.toolbar.hidden = !n && !problems.length && !this.statuses.size;
    this.saveButton.disabled = this.saving || !n || problems.length > 0 || this.app.readOnly;
    this.discardButton.disabled = this.saving || !Object.keys(drafts).length;
  }

  discard(): void {
    this.statuses.clear();
    this.open.clear();
    this.app.updateDraft(({ apiKeys: _, ...rest }) => rest);
    this.frame.notify(undefined);
    this.render();
  }

  async save(force = false): Promise<void> {
    const keys = this.app.loaded.apiKeys ?? [];
    const { changes, problems } = diffApiKeys(keys, this.app.draft.apiKeys ?? {}, this.app.now());
    if (problems.length) {
      this.frame.notify({ kind: 'error', lines: problems.map((p) => `${p.name}: ${p.message}`) });
      return;
    }
    if (!changes.length) return;
    this.saving = true;
    this.showState();
    this.frame.notify({ kind: 'info', lines: [changes.length === 1 ? l10n.t('Saving 1 key…') : l10n.t('Saving {0} keys…', changes.length)] });
    try {
      const result = await this.app.rpc.call('saveApiKeys', { changes, force });
      if (result.status === 'conflict') {
        for (const c of result.conflicts) this.statuses.set(c.id, { kind: 'conflict', text: c.removed ? l10n.t('Removed on the server') : l10n.t('Changed on the server since you loaded it') });
        this.frame.notify({
          kind: 'warning',
          lines: [l10n.t('Nothing was saved: someone else changed these keys since you loaded them.'), ...result.messages],
          actions: [
            { label: l10n.t('Save Anyway'), run: () => void this.save(true) },
            { label: l10n.t('Reload API Keys'), run: () => void this.reloadKeepingEdits(), secondary: true },
          ],
        });
        return;
      }
      this.showResults(result.results);
    } catch (err) {
      this.frame.notify({ kind: 'error', lines: [l10n.t("Couldn't save API keys: {0}", (err as Error).message)] });
    } finally {
      this.saving = false;
      this.showState();
    }
  }

  private showResults(results: KeyResult[]): void {
    for (const r of results) this.statuses.set(r.id, r.ok ? { kind: 'saved' } : { kind: 'failed', error: r.error });
    const saved = results.filter((r): r is Extract<KeyResult, { ok: true }> => r.ok);
    const failed = results.filter((r): r is Extract<KeyResult, { ok: false }> => !r.ok);
    // Saved keys leave the draft; failed ones keep their edits so they can be fixed and saved again.
    this.app.updateDraft((d) => withoutSavedKeys(d, saved.map((r) => r.id)));
    // Until the host's reload arrives, show what the API answered (the new expiry).
    const updated = new Map(saved.map((r) => [r.id, r.row]));
    if (updated.size && this.app.loaded.apiKeys) {
      this.app.loaded = { ...this.app.loaded, apiKeys: this.app.loaded.apiKeys.map((k) => updated.get(k.id) ?? k) };
      this.render();
    }
    this.frame.notify(failed.length
      ? { kind: 'error', lines: [l10n.t('Saved {0} of {1} keys; {2} failed:', saved.length, results.length, failed.length), ...failed.map((f) => `${f.name}: ${f.error}`)] }
      : { kind: 'success', lines: [saved.length === 1 ? l10n.t('Saved 1 key.') : l10n.t('Saved {0} keys.', saved.length)] });
  }

  /** Reads the keys again and keeps the edits, now starting from the server's expiry (the admin has seen it). */
  private async reloadKeepingEdits(): Promise<void> {
    this.statuses.clear();
    this.frame.notify(undefined);
    await this.app.load(['apiKeys']);
    const keys = this.app.loaded.apiKeys ?? [];
    this.app.updateDraft((d) => {
      const apiKeys = Object.fromEntries(Object.entries(d.apiKeys ?? {}).flatMap(([id, e]) => {
        const k = keys.find((x) => x.id === id);
        return k ? [[id, { ...e, before: { expiresAt: k.expiresAt } }]] : [];
      }));
      const { apiKeys: _, ...rest } = d;
      return Object.keys(apiKeys).length ? { ...rest, apiKeys } : rest;
    });
  }
}
