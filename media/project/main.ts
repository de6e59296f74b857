// The Project webview: one page per project with every section, each loading and failing on its
// own. It holds no secrets and makes no requests of its own: data arrives from the host
// (src/webviews/project/protocol.ts), and the only thing it keeps (setState) is the project id and
// the unsaved edits, so a reload brings them back.
import '../shared/l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { ProjectHostEvents, ProjectMethods, ProjectReport, ProjectState, ProjectWebviewEvents } from '../../src/webviews/project/protocol';
import { h, replace } from '../shared/dom';
import { createRpcClient } from '../shared/rpc';
import { loadState, renderReportsWanted, saveState } from '../shared/vscode';
import { ApiKeysView, ServiceAccountsView } from './accounts';
import { App, restoredDraft, type SectionView } from './app';
import { MembersView } from './members';
import { OverviewView } from './overview';
import { HostedToolsView, ModelPermissionsView } from './permissions';
import { RateLimitsView } from './rateLimits';
import { ServiceTierView } from './serviceTier';
import { DataRetentionView, SpendView } from './spend';
import { button, whenNoticesChange } from './ui';

const rpc = createRpcClient<ProjectMethods, ProjectHostEvents, ProjectWebviewEvents>();
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));

const NAV: Array<[string, string]> = [
  ['overview', l10n.t('Overview')], ['members', l10n.t('Members')], ['serviceAccounts', l10n.t('Service accounts')], ['apiKeys', l10n.t('API keys')],
  ['rateLimits', l10n.t('Rate limits')], ['modelPermissions', l10n.t('Model permissions')], ['hostedTools', l10n.t('Hosted tools')], ['serviceTier', l10n.t('Service tier')],
  ['spend', l10n.t('Spend')], ['dataRetention', l10n.t('Data retention')],
];

class ProjectPage {
  private readonly title = h('h1', { class: 'user-text' }, l10n.t('Project'));
  private readonly pendingBox = h('div', { class: 'pending', role: 'status', 'aria-live': 'polite' });
  // Save every section's edits (as Ctrl/Cmd+S does) or drop them all (the host asks first).
  private readonly saveAllButton = button(l10n.t('Save All'), () => void this.app.saveAll(), { title: l10n.t('Save every unsaved change (Ctrl+S / Cmd+S)') });
  private readonly revertButton = button(l10n.t('Revert'), () => void this.app.rpc.call('revert', {}), { secondary: true, title: l10n.t('Discard every unsaved change') });
  private readonly pendingActions = h('div', { class: 'button-row' }, this.saveAllButton, this.revertButton);
  private lastDraft = '';
  private readonly progress = h('vscode-progress-bar', { indeterminate: true, 'aria-label': l10n.t('Loading the project') });
  private reportTimer?: ReturnType<typeof setTimeout>;
  private lastDirty = -1;

  constructor(private readonly root: HTMLElement, private readonly app: App) {
    const views: SectionView[] = [
      new OverviewView(app), new MembersView(app), new ServiceAccountsView(app), new ApiKeysView(app), new RateLimitsView(app),
      new ModelPermissionsView(app), new HostedToolsView(app), new ServiceTierView(app), new SpendView(app), new DataRetentionView(app),
    ];
    for (const v of views) app.add(v);
    const nav = h('nav', { class: 'jump', 'aria-label': l10n.t('Sections') }, ...NAV.map(([id, label]) => {
      const b = h('button', { type: 'button', class: 'jump-link' }, label);
      b.addEventListener('click', () => document.getElementById(id)?.scrollIntoView({ block: 'start' }));
      return b;
    }));
    replace(root,
      h('header', { class: 'page-head' }, this.title, nav, h('div', { class: 'pending-area' }, this.pendingBox, this.pendingActions)),
      this.progress,
      ...views.map((v) => v.frame.el));
  }

  /** After any change of data or draft: the header, the unsaved-changes list, the tab's dirty mark, the report. */
  refresh(): void {
    const o = this.app.loaded.overview;
    replace(this.title, o ? o.name : l10n.t('Project'));
    const busy = Object.values(this.app.status).some((s) => s === 'loading');
    this.progress.hidden = !busy;
    this.root.setAttribute('aria-busy', String(busy));
    const pending = this.app.pending();
    if (pending.length) {
      replace(this.pendingBox,
        h('strong', {}, pending.length === 1 ? l10n.t('1 unsaved change') : l10n.t('{0} unsaved changes', pending.length)),
        h('ul', {}, ...pending.map((p) => h('li', { class: p.invalid ? 'error-text user-text' : 'user-text' }, p.text))));
    } else replace(this.pendingBox);
    this.pendingBox.hidden = !pending.length;
    this.pendingActions.hidden = !pending.length;
    this.saveAllButton.disabled = this.app.readOnly || pending.every((p) => p.invalid);
    // The host keeps the draft when the panel closes unsaved (a reopen offers it back).
    const draft = JSON.stringify(this.app.draft);
    if (draft !== this.lastDraft) {
      this.lastDraft = draft;
      rpc.emit('draft', { draft: this.app.draft, count: pending.length });
    }
    if (pending.length !== this.lastDirty) {
      this.lastDirty = pending.length;
      rpc.emit('dirty', { count: pending.length });
    }
    // Several sections arrive in one turn: one report.
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => this.report(), 0);
  }

  /** Tells the host what is on screen, read back from the DOM, when it asked (tests and benchmarks). */
  private report(): void {
    if (!renderReportsWanted()) return;
    const sections: ProjectReport['sections'] = {};
    for (const v of this.app.allViews()) {
      const status = this.app.status[v.id];
      sections[v.id] = { status, ...(status === 'error' ? { error: this.app.errors[v.id] } : {}), rows: status === 'data' ? v.rows() : [] };
    }
    rpc.emit('rendered', {
      projectId: this.app.init.projectId,
      sections,
      pending: this.app.pending().map((p) => p.text),
      notices: this.app.allViews().flatMap((v) => v.frame.noticeText()),
      cspViolations: [...cspViolations],
    });
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const init = await rpc.call('init', { state: loadState<ProjectState>() });
    let page: ProjectPage | undefined;
    const app = new App(init, rpc, restoredDraft(loadState<ProjectState>(), init.projectId), () => page?.refresh());
    // Saved at once, not only on the first edit: after a window reload the host finds the project here.
    saveState<ProjectState>({ projectId: init.projectId, organization: init.organization, draft: app.draft });
    page = new ProjectPage(root, app);
    rpc.on('sections', (snapshot) => app.apply(snapshot));
    rpc.on('save', () => void app.saveAll());
    rpc.on('revert', () => app.revertAll());
    rpc.on('restoreDraft', ({ draft }) => app.replaceDraft(restoredDraft({ projectId: init.projectId, draft }, init.projectId)));
    // Notices (save results, conflicts) change the report too.
    whenNoticesChange(() => page?.refresh());
    await app.load();
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, l10n.t('The Project panel could not start: {0}', (err as Error).message)));
  }
}

void start();
