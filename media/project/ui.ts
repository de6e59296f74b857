// Small building blocks the Project panel's sections share: controls from @vscode-elements (each
// imported on its own), a section's frame with its status and notices, and value formatting. Text
// from the API only ever goes in as text nodes (h() in ../shared/dom).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import * as l10n from '@vscode/l10n';
import { displayLocale } from '../../src/model/locale';
import { nameControl } from '../shared/a11y';
import { h, replace } from '../shared/dom';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface Notice {
  kind: NoticeKind;
  lines: string[];
  /** Buttons under the message (e.g. "Save anyway"). */
  actions?: Array<{ label: string; run: () => void; secondary?: boolean }>;
}

let noticesChanged: () => void = () => {};

/** Called after any section's notices change (the page re-reports what is on screen). */
export function whenNoticesChange(fn: () => void): void {
  noticesChanged = fn;
}

/** A section of the page: heading, a line saying it is loading or failed, notices, then its content. */
export class SectionFrame {
  readonly el: HTMLElement;
  readonly body = h('div', { class: 'section-body' });
  private readonly status = h('div', { class: 'section-status', role: 'status' });
  private readonly notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  readonly headerActions = h('div', { class: 'section-actions' });

  constructor(readonly id: string, title: string, private readonly retry: () => void) {
    const heading = h('h2', { id: `${id}-title` }, title);
    this.el = h('section', { id, class: 'section', 'aria-labelledby': `${id}-title` },
      h('div', { class: 'section-head' }, heading, this.headerActions), this.status, this.notices, this.body);
  }

  loading(): void {
    this.el.setAttribute('aria-busy', 'true');
    replace(this.status, h('span', { class: 'muted' }, l10n.t('Loading…')));
  }

  /** Shows the API's error as text, with Retry; the previous content (if any) stays visible but dimmed. */
  failed(message: string): void {
    this.el.setAttribute('aria-busy', 'false');
    const retry = button(l10n.t('Retry'), () => this.retry(), { secondary: true });
    replace(this.status, h('div', { class: 'message error' }, h('span', { class: 'error-text' }, l10n.t("Couldn't load: {0}", message)), ' ', retry));
    this.body.classList.add('stale');
  }

  loaded(): void {
    this.el.setAttribute('aria-busy', 'false');
    replace(this.status);
    this.body.classList.remove('stale');
  }

  notify(notice: Notice | undefined): void {
    this.show(notice);
    noticesChanged();
  }

  private show(notice: Notice | undefined): void {
    if (!notice) return replace(this.notices);
    const actions = notice.actions?.length
      ? h('div', { class: 'notice-actions' }, ...notice.actions.map((a) => button(a.label, a.run, { secondary: a.secondary })))
      : null;
    replace(this.notices, h('div', { class: `message ${notice.kind}`, role: notice.kind === 'error' || notice.kind === 'warning' ? 'alert' : 'status' },
      ...notice.lines.map((l) => h('div', { class: 'notice-line' }, l)), actions));
  }

  noticeText(): string[] {
    return [...this.notices.querySelectorAll('.notice-line')].map((e) => e.textContent ?? '');
  }
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; disabled?: boolean; title?: string; icon?: string; className?: string } = {}): VscodeButton {
  const b = h('vscode-button', { secondary: opts.secondary, disabled: opts.disabled, title: opts.title, icon: opts.icon, class: opts.className }, label) as VscodeButton;
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}

export function textfield(opts: { value?: string; placeholder?: string; label: string; className?: string; onInput?: (value: string) => void; onEnter?: () => void }): VscodeTextfield {
  const t = h('vscode-textfield', { placeholder: opts.placeholder, class: opts.className }) as VscodeTextfield;
  nameControl(t, opts.label);
  t.value = opts.value ?? '';
  if (opts.onInput) t.addEventListener('input', () => opts.onInput!(t.value));
  if (opts.onEnter) t.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') opts.onEnter!(); });
  return t;
}

export function select<T extends string>(choices: ReadonlyArray<readonly [T, string]>, value: T, opts: { label: string; onChange?: (value: T) => void; className?: string; disabled?: boolean }): VscodeSingleSelect {
  const s = h('vscode-single-select', { class: opts.className, disabled: opts.disabled },
    ...choices.map(([v, text]) => h('vscode-option', { value: v, selected: v === value }, text))) as VscodeSingleSelect;
  nameControl(s, opts.label);
  s.value = value;
  if (opts.onChange) s.addEventListener('change', () => opts.onChange!(s.value as T));
  return s;
}

/** A labelled control in a form row. */
export function field(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  if (!control.hasAttribute('aria-label')) nameControl(control, label);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** Runs a write, showing progress on the button and the outcome (or the API's error) in the section. */
export async function act(frame: SectionFrame, trigger: HTMLElement | null, work: () => Promise<string | undefined>): Promise<boolean> {
  trigger?.setAttribute('disabled', '');
  try {
    const done = await work();
    if (done) frame.notify({ kind: 'success', lines: [done] });
    return true;
  } catch (err) {
    frame.notify({ kind: 'error', lines: [(err as Error).message] });
    return false;
  } finally {
    trigger?.removeAttribute('disabled');
  }
}


export function date(unixSeconds: number | null | undefined): string {
  if (unixSeconds === null || unixSeconds === undefined) return '—';
  const d = new Date(unixSeconds * 1000);
  // A schema-valid but absurd timestamp must not take the whole section down (format() throws on it).
  return Number.isNaN(d.getTime()) ? String(unixSeconds) : new Intl.DateTimeFormat(displayLocale(), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export function dollars(n: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat(displayLocale(), { style: 'currency', currency: currency.toUpperCase(), maximumFractionDigits: 2 }).format(n);
  } catch {
    return `${n} ${currency}`;
  }
}

/** A table with a header row; rows are added by the caller. */
export function table(caption: string, headings: string[], className = ''): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody', {});
  const t = h('table', { class: `grid ${className}`.trim() },
    h('caption', { class: 'visually-hidden' }, caption),
    // A column without a visible heading (row buttons) still has one for screen readers.
    h('thead', {}, h('tr', {}, ...headings.map((x) => h('th', { scope: 'col' }, x || h('span', { class: 'visually-hidden' }, l10n.t('Actions')))))),
    body);
  return { table: t, body };
}

/** A cell holding API text: isolated so right-to-left overrides in a name cannot reorder its neighbours. */
export function textCell(text: string, className = ''): HTMLTableCellElement {
  return h('td', { class: `user-text ${className}`.trim(), title: text.length > 60 ? text.slice(0, 1000) : undefined }, h('span', { class: 'clamp' }, text));
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'muted empty' }, text);
}
