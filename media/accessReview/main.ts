// The Access Review webview: a toolbar (search, filters, Refresh, Export CSV), a status line (as of
// when, how much of the organization was read, progress while a load runs), the virtualized table
// and the selected row's details. It holds no rows of its own beyond the window on screen: every
// query goes to the host (src/webviews/accessReview/protocol.ts), and it keeps only the query.
import '../shared/l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { thousands as fmt } from '../../src/model/format';
import type { ReviewKind, ReviewQuery, ReviewRow } from '../../src/model/review/types';
import type {
  AccessReviewHostEvents, AccessReviewMethods, AccessReviewReport, AccessReviewState, AccessReviewWebviewEvents, ReviewStatus,
} from '../../src/webviews/accessReview/protocol';
import { nameControl } from '../shared/a11y';
import { h, replace } from '../shared/dom';
import { createRpcClient, RpcCallError } from '../shared/rpc';
import { loadState, renderReportsWanted, saveState } from '../shared/vscode';
import { Details } from './details';
import { ReviewTable } from './table';

const rpc = createRpcClient<AccessReviewMethods, AccessReviewHostEvents, AccessReviewWebviewEvents>();
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));

const roles = (): Array<[string, string]> => [['', l10n.t('Any role')], ['owner', l10n.t('Owner')], ['reader', l10n.t('Reader')], ['member', l10n.t('Member (project)')], ['none', l10n.t('None (project)')]];
const kinds = (): Array<[string, string]> => [['', l10n.t('Everyone')], ['member', l10n.t('Members')], ['invite', l10n.t('Pending invites')], ['serviceAccount', l10n.t('Service accounts')]];

/** `key` names the control's id: a translated label may have no letter the id could be made of. */
function field(key: string, labelText: string, control: HTMLElement): HTMLElement {
  const id = `ctl-${key}`;
  control.id = id;
  nameControl(control, labelText);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control);
}

function options(select: VscodeSingleSelect, choices: Array<[string, string]>, value: string): void {
  replace(select, ...choices.map(([v, text]) => h('vscode-option', { value: v, selected: v === value }, text)));
  select.value = value;
}

class AccessReviewPage {
  private query: ReviewQuery;
  private status!: ReviewStatus;
  private now = Date.now();
  private seq = 0;
  private optionsVersion = -1;
  private selected?: ReviewRow;
  private reportTimer?: ReturnType<typeof setTimeout>;
  private readonly search = h('vscode-textfield', { type: 'search', placeholder: l10n.t('Name, email, id, project, group or key') }) as unknown as VscodeTextfield;
  private readonly project = h('vscode-single-select', { combobox: true, class: 'project-filter' }) as unknown as VscodeSingleSelect;
  private readonly role = h('vscode-single-select') as unknown as VscodeSingleSelect;
  private readonly kind = h('vscode-single-select') as unknown as VscodeSingleSelect;
  private readonly ownsKeys = h('vscode-checkbox', { label: l10n.t('Owns keys') }) as unknown as VscodeCheckbox;
  private readonly noProject = h('vscode-checkbox', { label: l10n.t('No project') }) as unknown as VscodeCheckbox;
  private readonly refreshButton = h('vscode-button', {}, l10n.t('Refresh'));
  private readonly exportButton = h('vscode-button', { secondary: true }, l10n.t('Export CSV'));
  private readonly statusLine = h('div', { class: 'status', role: 'status' });
  private readonly progress = h('vscode-progress-bar', { indeterminate: true, 'aria-label': l10n.t('Loading the organization') });
  private readonly countLine = h('div', { class: 'result-count', 'aria-live': 'polite' });
  private readonly message = h('div', { class: 'notice', 'aria-live': 'assertive' });
  private readonly table: ReviewTable;
  private readonly details: Details;

  constructor(private readonly root: HTMLElement, restored: Partial<AccessReviewState> | undefined) {
    this.query = restored?.query ?? {};
    const events = {
      reveal: (row: ReviewRow) => void this.act(rpc.call('reveal', { kind: row.kind, id: row.id })),
      openProject: (projectId: string) => void this.act(rpc.call('openProject', { projectId })),
    };
    this.table = new ReviewTable({
      ...events,
      need: (start, count) => void this.fetch(start, count, true),
      sort: (column, direction) => this.change({ sort: { column, direction } }),
      select: (row) => { this.selected = row; this.details.show(row); this.scheduleReport(); },
    }, this.now);
    this.details = new Details(events, this.now);

    const sort = this.query.sort ?? { column: 'name', direction: 'asc' };
    this.table.showSort(sort.column, sort.direction);
    this.search.value = this.query.search ?? '';
    options(this.role, roles(), this.query.role ?? '');
    options(this.kind, kinds(), this.query.kinds?.[0] ?? '');
    options(this.project, [['', l10n.t('All projects')]], '');
    this.ownsKeys.checked = !!this.query.ownsKeys;
    this.noProject.checked = !!this.query.noProject;

    this.search.addEventListener('input', () => this.change({ search: this.search.value }));
    this.project.addEventListener('change', () => this.change({ projectId: this.project.value || undefined }));
    this.role.addEventListener('change', () => this.change({ role: this.role.value || undefined }));
    this.kind.addEventListener('change', () => this.change({ kinds: this.kind.value ? [this.kind.value as ReviewKind] : undefined }));
    this.ownsKeys.addEventListener('change', () => this.change({ ownsKeys: this.ownsKeys.checked || undefined }));
    this.noProject.addEventListener('change', () => this.change({ noProject: this.noProject.checked || undefined }));
    this.refreshButton.addEventListener('click', () => void this.act(rpc.call('refresh', {})));
    this.exportButton.addEventListener('click', () => void this.act(rpc.call('exportCsv', { query: this.query })));

    replace(root,
      h('header', { class: 'head' },
        h('h1', {}, l10n.t('Access Review')),
        this.statusLine,
        h('div', { class: 'actions' }, this.refreshButton, this.exportButton)),
      this.progress,
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Search and filters') },
        field('search', l10n.t('Search'), this.search), field('project', l10n.t('Project'), this.project), field('role', l10n.t('Role'), this.role),
        field('show', l10n.t('Show'), this.kind),
        h('div', { class: 'checks' }, this.ownsKeys, this.noProject)),
      this.message,
      this.countLine,
      h('div', { class: 'split' }, this.table.scroller, this.details.el));
  }

  async start(): Promise<void> {
    const init = await rpc.call('init', { state: loadState<AccessReviewState>() });
    this.now = init.now;
    this.table.setNow(this.now);
    this.details.setNow(this.now);
    rpc.on('changed', (status) => this.onChanged(status));
    this.showStatus(init.status);
    await this.fetch(0, this.table.fetchRange().count, false);
    void this.loadOptions();
  }

  private onChanged(status: ReviewStatus): void {
    this.showStatus(status);
    const { start, count } = this.table.fetchRange();
    void this.fetch(start, count, true);
    void this.loadOptions();
  }

  private showStatus(status: ReviewStatus): void {
    this.status = status;
    const c = status.coverage;
    const parts: string[] = [];
    if (status.asOf) parts.push(status.asOf);
    parts.push(l10n.t('{0} rows', fmt(status.rowCount)));
    if (c.projectCount) parts.push(l10n.t('{0} of {1} projects read', fmt(c.projectsRead), fmt(c.projectCount)));
    if (c.groupCount) parts.push(l10n.t('{0} of {1} groups read', fmt(c.groupsRead), fmt(c.groupCount)));
    replace(this.statusLine, status.loading ? l10n.t('Loading the organization… {0}', parts.join(' · ')) : parts.join(' · '));
    this.progress.hidden = !status.loading;
    this.root.setAttribute('aria-busy', String(status.loading));
    const partial = !status.loading && (!c.members || c.projectsRead < c.projectCount || !c.invites);
    if (status.error) this.say('error', l10n.t('Load Organization failed: {0}', status.error));
    else if (partial && status.rowCount) this.say('warning', l10n.t('Part of the organization has not been read: the review shows what has. Refresh reads it all.'));
    else if (!status.rowCount && !status.loading) this.say('info', l10n.t('Nothing has been read yet. Refresh reads the organization.'));
    else this.say();
    this.scheduleReport();
  }

  private say(kind?: 'info' | 'warning' | 'error', text?: string): void {
    if (!kind || !text) return replace(this.message);
    replace(this.message, h('div', { class: `message ${kind === 'info' ? '' : kind}` }, text));
  }

  private async loadOptions(): Promise<void> {
    if (this.optionsVersion === this.status.version) return;
    this.optionsVersion = this.status.version;
    const opts = await rpc.call('options', {});
    const signature = JSON.stringify(opts.projects);
    if (this.project.dataset.options === signature) return;
    this.project.dataset.options = signature;
    const sorted = [...opts.projects].sort((a, b) => a.name.localeCompare(b.name));
    options(this.project, [['', l10n.t('All projects')], ...sorted.map((p): [string, string] => [p.id, p.name])], this.query.projectId ?? '');
  }

  private change(patch: Partial<ReviewQuery>): void {
    this.query = { ...this.query, ...patch };
    for (const [k, v] of Object.entries(this.query)) if (v === undefined || v === '') delete (this.query as Record<string, unknown>)[k];
    saveState<AccessReviewState>({ query: this.query });
    if (patch.sort) this.table.showSort(patch.sort.column, patch.sort.direction);
    this.table.reset(false);
    void this.fetch(0, this.table.fetchRange().count, false);
  }

  /** Asks for a window; answers to older requests are dropped. */
  private async fetch(start: number, count: number, keepScroll: boolean): Promise<void> {
    const seq = ++this.seq;
    try {
      const win = await rpc.call('rows', { query: this.query, start, count: Math.min(count, 500) });
      if (seq !== this.seq) return;
      if (keepScroll) this.table.reset(true);
      this.table.show(win);
      replace(this.countLine, win.total === this.status.rowCount ? l10n.t('{0} rows', fmt(win.total)) : l10n.t('{0} of {1} rows', fmt(win.total), fmt(this.status.rowCount)));
      // The selected row may have changed: show it as it is now.
      if (this.selected) {
        const now = win.rows.find((r) => r.key === this.selected!.key);
        if (now) { this.selected = now; this.details.show(now); }
      }
      this.scheduleReport();
    } catch (err) {
      if (seq === this.seq) this.say('error', (err as Error).message);
    }
  }

  private async act(call: Promise<unknown>): Promise<void> {
    try {
      await call;
    } catch (err) {
      if (!(err instanceof RpcCallError && err.cancelled)) this.say('error', (err as Error).message);
    }
  }

  private scheduleReport(): void {
    if (!renderReportsWanted()) return;
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => this.report(), 0);
  }

  /** Tells the host what is on screen, read back from the DOM (tests and benchmarks). */
  private report(): void {
    const sorted = [...document.querySelectorAll('th[aria-sort]')][0];
    const rows = this.table.rowsInDom.map((tr) => [...tr.cells].map((td) => (td.textContent ?? '').trim()));
    const report: AccessReviewReport = {
      version: this.status.version,
      status: [this.statusLine.textContent ?? '', this.message.textContent ?? ''].filter(Boolean),
      total: this.table.total,
      header: [...document.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()),
      sort: [(sorted?.textContent ?? '').trim(), sorted?.getAttribute('aria-sort') ?? ''],
      rows,
      rowElements: rows.length,
      details: this.details.lines(),
      query: this.query,
      cspViolations: [...cspViolations],
    };
    rpc.emit('rendered', report);
  }
}

const root = document.getElementById('app')!;
void new AccessReviewPage(root, loadState<AccessReviewState>()).start().catch((err: Error) => {
  replace(root, h('div', { class: 'message error' }, l10n.t('The Access Review could not start: {0}', err.message)));
});
