// Members: role per member (owner/member), project role assignments, remove; add a member found by
// searching the organization. Each change is sent at once (the host confirms removals).
import * as l10n from '@vscode/l10n';
import type { MemberRow, ProjectRole } from '../../src/model/project/types';
import type { MemberChoice } from '../../src/webviews/project/protocol';
import { h, replace } from '../shared/dom';
import type { App, SectionView } from './app';
import { act, button, date, empty, field, select, SectionFrame, table, textCell, textfield } from './ui';

const ROLES = [['member', l10n.t('Member')], ['owner', l10n.t('Owner')]] as const;
const SEARCH_SETTLE_MS = 250;
const who = (m: { name: string; email: string; id: string }) => m.name || m.email || m.id;

export class MembersView implements SectionView {
  readonly id = 'members' as const;
  readonly uses = ['members', 'overview'] as const;
  readonly frame: SectionFrame;
  private readonly list = h('div', { class: 'table-wrap' });
  private readonly results = h('ul', { class: 'search-results', role: 'listbox', 'aria-label': l10n.t('Organization members') });
  private readonly chosen = h('div', { class: 'chosen muted' }, l10n.t('No member chosen'));
  private readonly search = textfield({ label: l10n.t('Search organization members'), placeholder: l10n.t('Search by name, email or id'), onInput: () => this.searchSoon() });
  private readonly newRole = select(ROLES, 'member', { label: l10n.t('Role of the new member') });
  private readonly addButton = button(l10n.t('Add Member'), () => void this.add(), { disabled: true });
  private readonly addForm: HTMLElement;
  private pick?: MemberChoice;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchSeq = 0;

  constructor(private readonly app: App) {
    this.frame = new SectionFrame('members', l10n.t('Members'), () => void app.load(['members']));
    this.addForm = h('div', { class: 'add-form' },
      h('h3', {}, l10n.t('Add a member')),
      h('div', { class: 'form-row' }, field(l10n.t('Organization member'), this.search, 'member-search'), field(l10n.t('Role'), this.newRole, 'member-role'),
        h('div', { class: 'field buttons' }, h('label', { 'aria-hidden': 'true' }, '\u00a0'), this.addButton)),
      this.chosen, this.results);
    replace(this.frame.body, this.list, this.addForm);
    this.search.addEventListener('focus', () => { if (!this.results.childElementCount) this.searchSoon(0); });
  }

  render(): void {
    const data = this.app.loaded.members;
    if (!data) return;
    const readOnly = this.app.readOnly;
    this.addForm.hidden = readOnly;
    if (!data.members.length) {
      replace(this.list, empty(l10n.t('No members yet.')));
      return;
    }
    const { table: t, body } = table(l10n.t('Project members'), [l10n.t('Name'), l10n.t('Email'), l10n.t('Role'), l10n.t('Project roles'), l10n.t('Added'), ''], 'members');
    for (const m of data.members) body.append(this.row(m, readOnly));
    replace(this.list, data.rolesError ? h('div', { class: 'message warning' }, l10n.t("Couldn't list the project's roles: {0}", data.rolesError)) : null, t);
  }

  rows(): string[][] {
    return (this.app.loaded.members?.members ?? []).map((m) => [who(m), m.email, m.role, m.roles.map((r) => r.name).join(', ')]);
  }

  private row(m: MemberRow, readOnly: boolean): HTMLTableRowElement {
    const roleSelect = select(ROLES, (m.role === 'owner' ? 'owner' : 'member') as ProjectRole, {
      label: l10n.t('Project role of {0}', who(m)),
      disabled: readOnly,
      onChange: (role) => void act(this.frame, roleSelect, async () => {
        try {
          const { done } = await this.app.rpc.call('setMemberRole', { userId: m.id, role });
          return done ? l10n.t('{0} is now {1}.', who(m), role) : undefined;
        } catch (err) {
          roleSelect.value = m.role;
          throw err;
        }
      }),
    });
    const remove = button(l10n.t('Remove…'), () => void act(this.frame, remove, async () => ((await this.app.rpc.call('removeMember', { userId: m.id })).done ? l10n.t('Removed {0} from the project.', who(m)) : undefined)), { secondary: true, disabled: readOnly });
    const tr = h('tr', { 'data-id': m.id });
    tr.append(textCell(who(m)), textCell(m.email), h('td', {}, roleSelect), h('td', {}, this.roles(m, readOnly)), h('td', { class: 'nowrap' }, date(m.addedAt)), h('td', { class: 'row-actions' }, remove));
    return tr;
  }

  /** Assigned roles as chips (× unassigns), and a picker for the roles the member does not hold. */
  private roles(m: MemberRow, readOnly: boolean): HTMLElement {
    const box = h('div', { class: 'chips' });
    if (m.rolesError) box.append(h('span', { class: 'error-text' }, l10n.t("Couldn't list roles: {0}", m.rolesError)));
    for (const r of m.roles) {
      // The predefined role named like the membership comes from it; it changes with the role select.
      const implied = r.predefined && r.name.toLowerCase() === m.role.toLowerCase();
      const chip = h('span', { class: 'chip user-text', title: implied ? l10n.t('From the project membership role') : r.name }, r.name);
      if (!implied && !readOnly) {
        const x = h('button', { class: 'chip-remove', type: 'button', 'aria-label': l10n.t('Unassign {0} from {1}', r.name, who(m)), title: l10n.t('Unassign') }, '×');
        x.addEventListener('click', () => void act(this.frame, x, async () => ((await this.app.rpc.call('unassignRole', { userId: m.id, roleId: r.id })).done ? l10n.t('Unassigned {0} from {1}.', r.name, who(m)) : undefined)));
        chip.append(x);
      }
      box.append(chip);
    }
    const held = new Set(m.roles.map((r) => r.id));
    const offered = (this.app.loaded.members?.roles ?? []).filter((r) => !held.has(r.id));
    if (offered.length && !readOnly) {
      const assign = select([['', l10n.t('Assign role…')], ...offered.map((r) => [r.id, r.name] as const)], '', {
        label: l10n.t('Assign a project role to {0}', who(m)),
        className: 'assign-role',
        onChange: (roleId) => {
          if (!roleId) return;
          const name = offered.find((r) => r.id === roleId)?.name ?? roleId;
          void act(this.frame, assign, async () => ((await this.app.rpc.call('assignRole', { userId: m.id, roleId })).done ? l10n.t('Assigned {0} to {1}.', name, who(m)) : undefined))
            .finally(() => { assign.value = ''; });
        },
      });
      box.append(assign);
    }
    return box;
  }

  private searchSoon(delay = SEARCH_SETTLE_MS): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.runSearch(), delay);
  }

  private async runSearch(): Promise<void> {
    const seq = ++this.searchSeq;
    const query = this.search.value;
    replace(this.results, h('li', { class: 'muted' }, l10n.t('Searching…')));
    try {
      const { members, complete } = await this.app.rpc.call('searchMembers', { query });
      if (seq !== this.searchSeq) return;
      const inside = new Set(this.app.loaded.members?.members.map((m) => m.id) ?? []);
      const outside = members.filter((m) => !inside.has(m.id));
      replace(this.results, ...outside.map((m) => this.result(m)),
        !outside.length ? h('li', { class: 'muted' }, complete ? l10n.t('No organization member outside the project matches.') : l10n.t('No match yet: type more of the name or email.')) : null);
    } catch (err) {
      if (seq === this.searchSeq) replace(this.results, h('li', { class: 'error-text' }, l10n.t("Couldn't search: {0}", (err as Error).message)));
    }
  }

  private result(m: MemberChoice): HTMLElement {
    const li = h('li', { role: 'option', tabindex: 0, class: 'search-result', 'aria-selected': this.pick?.id === m.id ? 'true' : 'false', 'data-id': m.id },
      h('span', { class: 'user-text result-name' }, m.name || m.id), ' ', h('span', { class: 'muted user-text' }, m.email));
    const choose = () => {
      this.pick = m;
      for (const el of this.results.querySelectorAll('[role="option"]')) el.setAttribute('aria-selected', String(el === li));
      replace(this.chosen, l10n.t('Chosen: '), h('strong', { class: 'user-text' }, who(m)), m.email && m.name ? h('span', { class: 'muted user-text' }, ` ${m.email}`) : null);
      this.addButton.disabled = false;
    };
    li.addEventListener('click', choose);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); } });
    return li;
  }

  private async add(): Promise<void> {
    const m = this.pick;
    if (!m) return;
    const role = this.newRole.value as ProjectRole;
    await act(this.frame, this.addButton, async () => {
      const { done } = await this.app.rpc.call('addMember', { userId: m.id, role });
      if (!done) return undefined;
      this.pick = undefined;
      this.addButton.disabled = true;
      replace(this.chosen, l10n.t('No member chosen'));
      replace(this.results);
      this.search.value = '';
      return l10n.t('Added {0} as {1}.', who(m), role);
    });
    this.addButton.disabled = !this.pick;
  }
}
