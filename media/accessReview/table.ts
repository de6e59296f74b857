// The review's table, virtualized: the host holds every row and this table asks it for the window
// around the viewport (rows of fixed height between two spacer rows), so 7,000 rows cost the DOM a
// screenful. Column headers are sort buttons with aria-sort; API text goes in as text nodes only.
import * as l10n from '@vscode/l10n';
import { relativeTime } from '../../src/model/format';
import { keyExpiry } from '../../src/model/expiry';
import type { ReviewRow, SortColumn, SortDirection } from '../../src/model/review/types';
import type { ReviewWindow } from '../../src/webviews/accessReview/protocol';
import { h, replace } from '../shared/dom';

export const ROW_HEIGHT = 28;
/** Rows drawn beyond each edge of the viewport, so a short scroll shows rows at once. */
// Rows are fetched well beyond the viewport (so scrolling rarely waits for the host) but only drawn
// a few rows beyond it: every drawn row costs layout and paint on each keystroke, and at a 900 px
// window three quarters of the old 20-row overscan was off screen (BENCHMARKS.md fig. 7).
const FETCH_OVERSCAN = 20;
const DRAW_OVERSCAN = 4;
/** Projects named in a row before "+N"; the details list them all. */
const PROJECT_CHIPS = 3;

export interface Column {
  id: SortColumn;
  label: string;
  numeric?: boolean;
  /** The first sort on this column goes this way (counts and dates: biggest / latest first). */
  firstDirection: SortDirection;
}

// Module-level lookups are safe: main.ts imports ../shared/l10n before this file, so the bundle is configured.
export const COLUMNS: Column[] = [
  { id: 'name', label: l10n.t('Name'), firstDirection: 'asc' },
  { id: 'email', label: l10n.t('Email'), firstDirection: 'asc' },
  { id: 'kind', label: l10n.t('Kind'), firstDirection: 'asc' },
  { id: 'orgRole', label: l10n.t('Org role'), firstDirection: 'asc' },
  { id: 'projects', label: l10n.t('Projects'), firstDirection: 'desc' },
  { id: 'groups', label: l10n.t('Groups'), firstDirection: 'desc' },
  { id: 'keys', label: l10n.t('API keys'), numeric: true, firstDirection: 'desc' },
  { id: 'lastKeyUse', label: l10n.t('Last key use'), firstDirection: 'desc' },
  { id: 'nextKeyExpiry', label: l10n.t('Next key expiry'), firstDirection: 'asc' },
];

export const KIND_LABEL: Record<ReviewRow['kind'], string> = { member: l10n.t('Member'), invite: l10n.t('Invite'), serviceAccount: l10n.t('Service account') };

export interface TableEvents {
  /** The table needs rows [start, start + count). */
  need(start: number, count: number): void;
  sort(column: SortColumn, direction: SortDirection): void;
  select(row: ReviewRow): void;
  /** Show a member or invite in the tree; a service account's project in its panel. */
  reveal(row: ReviewRow): void;
  openProject(projectId: string): void;
}

export const label = (r: Pick<ReviewRow, 'name' | 'email' | 'id'>) => r.name || r.email || r.id;

export function keyUseText(t: number | null, now: number): string {
  return relativeTime(t, now);
}

export function expiryText(t: number | null, now: number): string {
  return t === null ? '—' : keyExpiry(t, now).text;
}

export class ReviewTable {
  readonly scroller: HTMLElement;
  private readonly table = h('table', { class: 'review', 'aria-rowcount': '0' });
  private readonly headRow = h('tr');
  private readonly body = h('tbody');
  private readonly headers = new Map<SortColumn, HTMLTableCellElement>();
  private win: ReviewWindow = { version: 0, total: 0, start: 0, rows: [] };
  private selectedKey?: string;
  private drawn = { start: -1, end: -1, version: -1 };
  private frame = 0;

  constructor(private readonly events: TableEvents, private now: number) {
    for (const c of COLUMNS) {
      const button = h('button', { type: 'button', class: 'sort' }, c.label);
      const th = h('th', { scope: 'col', class: c.numeric ? 'num' : '', 'data-col': c.id }, button);
      button.addEventListener('click', () => {
        const current = th.getAttribute('aria-sort');
        const direction: SortDirection = current === 'ascending' ? 'desc' : current === 'descending' ? 'asc' : c.firstDirection;
        events.sort(c.id, direction);
      });
      this.headers.set(c.id, th);
      this.headRow.append(th);
    }
    this.table.append(h('thead', {}, this.headRow), this.body);
    this.scroller = h('div', { class: 'scroller', tabindex: '-1' }, this.table);
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.onScroll()).observe(this.scroller);
  }

  setNow(now: number): void { this.now = now; }

  showSort(column: SortColumn, direction: SortDirection): void {
    for (const [id, th] of this.headers) {
      if (id === column) th.setAttribute('aria-sort', direction === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  }

  /** The rows to ask the host for: the viewport's, with a generous margin. */
  fetchRange(): { start: number; count: number } {
    return this.range(FETCH_OVERSCAN);
  }

  /** The rows to draw: the viewport's, with a small margin. */
  private drawRange(): { start: number; count: number } {
    return this.range(DRAW_OVERSCAN);
  }

  private range(overscan: number): { start: number; count: number } {
    const first = Math.floor(this.scroller.scrollTop / ROW_HEIGHT);
    const rows = Math.ceil((this.scroller.clientHeight || 600) / ROW_HEIGHT);
    const start = Math.max(0, first - overscan);
    return { start, count: rows + 2 * overscan };
  }

  /** A new result (query, sort or data changed): back to the top unless `keepScroll`. */
  reset(keepScroll: boolean): void {
    if (!keepScroll) this.scroller.scrollTop = 0;
    this.drawn = { start: -1, end: -1, version: -1 };
  }

  /** Rows arrived from the host. */
  show(win: ReviewWindow): void {
    this.win = win;
    this.draw();
  }

  get rowsInDom(): HTMLTableRowElement[] {
    return [...this.body.querySelectorAll<HTMLTableRowElement>('tr.row')];
  }

  get windowRows(): readonly ReviewRow[] { return this.win.rows; }
  get total(): number { return this.win.total; }

  private onScroll(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const { start, count } = this.drawRange();
      const end = Math.min(this.win.total, start + count);
      const have = this.win.start <= start && this.win.start + this.win.rows.length >= end;
      if (have) this.draw();
      else {
        const wanted = this.fetchRange();
        this.events.need(wanted.start, wanted.count);
      }
    });
  }

  private draw(): void {
    const { win } = this;
    const { start, count } = this.drawRange();
    const from = Math.max(start, win.start);
    const to = Math.min(start + count, win.start + win.rows.length, win.total);
    if (this.drawn.start === from && this.drawn.end === to && this.drawn.version === win.version) return;
    this.drawn = { start: from, end: to, version: win.version };
    this.table.setAttribute('aria-rowcount', String(win.total + 1));
    const top = h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    const bottom = h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    (top.firstChild as HTMLElement).style.height = `${Math.max(0, from) * ROW_HEIGHT}px`;
    (bottom.firstChild as HTMLElement).style.height = `${Math.max(0, win.total - Math.max(to, from)) * ROW_HEIGHT}px`;
    const rows: HTMLElement[] = [];
    for (let i = from; i < to; i++) rows.push(this.rowEl(win.rows[i - win.start]!, i));
    replace(this.body, top, ...rows, bottom);
    // Keyboard: one row is in the tab order (the selected one, else the first drawn).
    const focusable = rows.find((r) => r.dataset.key === this.selectedKey) ?? rows[0];
    focusable?.setAttribute('tabindex', '0');
  }

  private rowEl(row: ReviewRow, index: number): HTMLElement {
    const name = h('button', { type: 'button', class: 'link user-text', title: row.kind === 'serviceAccount' ? l10n.t('Open its project') : l10n.t('Reveal in the Organization tree') }, label(row));
    name.addEventListener('click', (e) => { e.stopPropagation(); this.events.reveal(row); });
    const chips = row.projects.slice(0, PROJECT_CHIPS).map((p) => {
      const b = h('button', { type: 'button', class: 'chip user-text', title: l10n.t('Open project {0}', p.projectName) }, `${p.projectName} (${p.role})`);
      b.addEventListener('click', (e) => { e.stopPropagation(); this.events.openProject(p.projectId); });
      return b;
    });
    const more = row.projects.length > PROJECT_CHIPS ? h('span', { class: 'muted' }, ` +${row.projects.length - PROJECT_CHIPS}`) : null;
    const tr = h('tr', {
      class: `row${row.key === this.selectedKey ? ' selected' : ''}`, 'data-key': row.key, tabindex: '-1',
      'aria-rowindex': index + 2, 'aria-selected': String(row.key === this.selectedKey),
    },
    h('td', { class: 'name' }, name),
    h('td', { class: 'user-text' }, row.email),
    h('td', {}, KIND_LABEL[row.kind]),
    h('td', {}, row.orgRole || '—'),
    h('td', { class: 'projects' }, row.projects.length ? h('span', { class: 'count' }, String(row.projects.length)) : h('span', { class: 'muted' }, l10n.t('none')), ...chips, more),
    h('td', { class: 'user-text' }, row.groups.map((g) => g.name).join(', ')),
    h('td', { class: 'num' }, String(row.keys.length)),
    h('td', {}, row.keys.length ? keyUseText(row.lastKeyUse, this.now) : '—'),
    h('td', {}, expiryText(row.nextKeyExpiry, this.now)));
    tr.addEventListener('click', () => this.choose(row, tr));
    return tr;
  }

  private choose(row: ReviewRow, tr: HTMLElement): void {
    this.selectedKey = row.key;
    for (const r of this.rowsInDom) {
      const on = r === tr;
      r.classList.toggle('selected', on);
      r.setAttribute('aria-selected', String(on));
      r.setAttribute('tabindex', on ? '0' : '-1');
    }
    this.events.select(row);
  }

  private onKey(e: KeyboardEvent): void {
    const tr = (e.target as HTMLElement).closest('tr.row') as HTMLTableRowElement | null;
    if (!tr) return;
    const rows = this.rowsInDom;
    const at = rows.indexOf(tr);
    const row = this.win.rows[Number(tr.getAttribute('aria-rowindex')) - 2 - this.win.start];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = rows[at + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        next.focus();
        next.scrollIntoView({ block: 'nearest' });
        next.click();
      }
    } else if ((e.key === 'Enter' || e.key === ' ') && e.target === tr && row) {
      e.preventDefault();
      this.choose(row, tr);
    }
  }
}
