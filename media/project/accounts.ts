// Service accounts (create, delete) and API keys (owner, redacted value, created, last used; idle
// keys highlighted; delete). A new account's one-time key is shown by VS Code in a modal, never
// here: this page only ever sees redacted key values.
import { idleDays, isUnusedKey } from '../../src/model/project/keys';
import type { ProjectRole } from '../../src/model/project/types';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, date, empty, field, select, SectionFrame, table, textCell, textfield } from './ui';

const ROLES = [['member', 'Member'], ['owner', 'Owner']] as const;

export class ServiceAccountsView implements SectionView {
  readonly id = 'serviceAccounts' as const;
  readonly uses = ['serviceAccounts', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly list = h('div', { class: 'table-wrap' });
  private readonly name = textfield({ label: 'Name of the new service account', placeholder: 'e.g. ci-deploy', onInput: () => this.syncCreate(), onEnter: () => void this.create() });
  private readonly role = select(ROLES, 'member', { label: 'Role of the new service account' });
  private readonly createButton = button('Create Service Account', () => void this.create(), { disabled: true });
  private readonly createForm: HTMLElement;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('serviceAccounts', 'Service accounts', () => void app.load(['serviceAccounts']));
    this.createForm = h('div', { class: 'add-form' },
      h('h3', {}, 'Create a service account'),
      h('div', { class: 'form-row' }, field('Name', this.name, 'sa-name'), field('Role', this.role, 'sa-role'),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), this.createButton)),
      h('p', { class: 'muted hint' }, 'Its API key is shown once, in a VS Code dialog with a Copy button. It is not stored anywhere by this extension.'));
    replace(this.frame.body, this.list, this.createForm);
  }

  render(): void {
    const accounts = this.app.loaded.serviceAccounts;
    if (!accounts) return;
    const readOnly = this.app.readOnly;
    this.createForm.hidden = readOnly;
    if (!accounts.length) {
      replace(this.list, empty('No service accounts.'));
      return;
    }
    const { table: t, body } = table('Service accounts', ['Name', 'Role', 'Created', 'ID', '']);
    for (const s of accounts) {
      const del = button('Delete…', () => void act(this.frame, del, async () => ((await this.app.rpc.call('deleteServiceAccount', { id: s.id })).done ? `Deleted service account ${s.name || s.id}.` : undefined)), { secondary: true, disabled: readOnly });
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
      return `Created service account ${name}.`;
    });
    this.syncCreate();
  }
}

export class ApiKeysView implements SectionView {
  readonly id = 'apiKeys' as const;
  readonly uses = ['apiKeys', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly list = h('div', { class: 'table-wrap' });
  private readonly idle = h('div', { class: 'message warning', role: 'note' });

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('apiKeys', 'API keys', () => void app.load(['apiKeys']));
    this.idle.hidden = true;
    this.frame.body.append(this.idle, this.list);
  }

  render(): void {
    const keys = this.app.loaded.apiKeys;
    if (!keys) return;
    const { unusedKeyDays: days, now } = this.app.init;
    if (!keys.length) {
      replace(this.list, empty('No API keys.'));
      this.idle.hidden = true;
      return;
    }
    const { table: t, body } = table('API keys', ['Name', 'Key', 'Owner', 'Created', 'Last used', '']);
    let idle = 0;
    for (const k of keys) {
      const unused = isUnusedKey(k, days, now);
      if (unused) idle++;
      const del = button('Delete…', () => void act(this.frame, del, async () => ((await this.app.rpc.call('deleteApiKey', { id: k.id })).done ? `Deleted API key ${k.name || k.redacted}.` : undefined)), { secondary: true, disabled: this.app.readOnly });
      const owner = k.ownerType === 'service_account' ? `Service account ${k.ownerName}` : k.ownerName || 'Unknown owner';
      const lastUsed = h('td', { class: 'nowrap' }, k.lastUsedAt ? date(k.lastUsedAt) : 'Never',
        unused ? h('span', { class: 'badge warning', title: `Not used for more than ${days} days` }, `idle ${idleDays(k, now)} days`) : null);
      body.append(h('tr', { class: unused ? 'unused' : undefined, 'data-id': k.id },
        textCell(k.name || '—'), h('td', {}, h('code', { class: 'user-text' }, k.redacted)), textCell(owner), h('td', { class: 'nowrap' }, date(k.createdAt)), lastUsed, h('td', { class: 'row-actions' }, del)));
    }
    replace(this.list, t);
    this.idle.hidden = !idle;
    replace(this.idle, `${idle} key${idle === 1 ? ' has' : 's have'} not been used for more than ${days} days (highlighted; setting openaiAdmin.unusedKeyDays).`);
  }

  rows(): string[][] {
    const { unusedKeyDays: days, now } = this.app.init;
    return (this.app.loaded.apiKeys ?? []).map((k) => [k.name, k.redacted, k.ownerName, isUnusedKey(k, days, now) ? 'unused' : 'used']);
  }
}
