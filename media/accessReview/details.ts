// The selected row in full: every project with its role and role assignments, groups, each API
// key with its last use and expiry, the invite's status. Text nodes only.
import * as l10n from '@vscode/l10n';
import type { ReviewRow } from '../../src/model/review/types';
import { h, replace } from '../shared/dom';
import { expiryText, KIND_LABEL, keyUseText, label } from './table';

export interface DetailsEvents {
  reveal(row: ReviewRow): void;
  openProject(projectId: string): void;
}

export class Details {
  readonly el = h('section', { class: 'details', 'aria-label': l10n.t('Selected row'), 'aria-live': 'polite' });

  constructor(private readonly events: DetailsEvents, private now: number) {
    this.clear();
  }

  setNow(now: number): void { this.now = now; }

  clear(): void {
    replace(this.el, h('p', { class: 'muted' }, l10n.t('Select a row to see its projects, roles, groups and API keys.')));
  }

  show(row: ReviewRow): void {
    const title = h('button', { type: 'button', class: 'link user-text' }, label(row));
    title.addEventListener('click', () => this.events.reveal(row));
    const facts = [
      KIND_LABEL[row.kind],
      row.email,
      row.id,
      row.orgRole ? l10n.t('organization {0}', row.orgRole) : '',
      row.orgRoles?.length ? l10n.t('organization roles: {0}', row.orgRoles.join(', ')) : '',
      row.invite ? l10n.t('invite {0}, {1}', row.invite.status, row.invite.expiresAt ? expiryText(row.invite.expiresAt, this.now) : l10n.t('no expiry')) : '',
    ].filter(Boolean);
    const projects = row.projects.length
      ? h('ul', { class: 'plain' }, ...row.projects.map((p) => {
        const b = h('button', { type: 'button', class: 'link user-text' }, p.projectName);
        b.addEventListener('click', () => this.events.openProject(p.projectId));
        return h('li', {}, b, ` — ${p.role}`, p.roles?.length ? h('span', { class: 'muted user-text' }, ` · ${l10n.t('roles: {0}', p.roles.join(', '))}`) : null);
      }))
      : h('p', { class: 'muted' }, l10n.t('No project.'));
    const keys = row.keys.length
      ? h('table', { class: 'keys' },
        h('thead', {}, h('tr', {}, ...[l10n.t('Key'), l10n.t('Value'), l10n.t('Project'), l10n.t('Last used'), l10n.t('Expiry')].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...row.keys.map((k) => h('tr', {},
          h('td', { class: 'user-text' }, k.name), h('td', { class: 'mono user-text' }, k.redactedValue), h('td', { class: 'user-text' }, k.projectName),
          h('td', {}, keyUseText(k.lastUsedAt, this.now)), h('td', {}, k.expiresAt === null ? l10n.t('never expires') : expiryText(k.expiresAt, this.now))))))
      : h('p', { class: 'muted' }, l10n.t('Owns no API key.'));
    replace(this.el,
      h('h2', {}, title),
      h('p', { class: 'facts user-text' }, facts.join(' · ')),
      h('h3', {}, l10n.t('Projects ({0})', row.projects.length)), projects,
      h('h3', {}, l10n.t('Groups ({0})', row.groups.length)),
      row.groups.length ? h('p', { class: 'user-text' }, row.groups.map((g) => g.name).join(', ')) : h('p', { class: 'muted' }, l10n.t('No group.')),
      h('h3', {}, l10n.t('API keys ({0})', row.keys.length)), keys);
  }

  /** The details as text lines (render reports). */
  lines(): string[] {
    return [...this.el.querySelectorAll('h2, p, li, tr')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  }
}
