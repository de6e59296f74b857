// The spend status bar item: this month's organization cost, with the top projects, the spend limit
// and the month-end forecast in its tooltip, and the warning colour when the forecast passes the
// limit or the cost has crossed a spend alert. The figures come from src/model/spend/status.ts;
// this file only schedules reads (every openaiAdmin.spendRefreshMinutes while the window has focus)
// and draws. It is loaded after the first use of the API, never at activation (esbuild.mjs LAZY).
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { readSpendRefreshMinutes } from '../config';
import type { Logger } from '../log';
import { describeError } from '../model/describeError';
import { formatMoney, loadSpendStatus, type SpendStatus } from '../model/spend/status';
import type { OrgStore } from '../model/store';
import { thisMonthSelection } from '../model/usage/insights';

/** The Usage & Costs command (src/webviews/usage/register.ts); it takes `{ selection }`. */
const OPEN_USAGE = 'openaiAdmin.openUsage';
const MINUTE_MS = 60_000;

/** What the integration tests read of the item. */
export interface SpendStatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  warning: boolean;
  /** The arguments the click passes to Usage & Costs. */
  command?: { command: string; arguments?: unknown[] };
}

/** The organization an item is for: several connected organizations get an item each, named. */
export interface SpendOrganization {
  readonly id: string;
  /** Its name when several are connected; undefined with one. */
  readonly label: string | undefined;
}

export class SpendStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer?: ReturnType<typeof setInterval>;
  private minutes = 0;
  /** A read fell due while the window had no focus: it runs when focus returns. */
  private due = false;
  private reading?: AbortController;
  private visible = false;
  private lastRead?: Promise<void>;
  private last?: SpendStatus;

  constructor(
    private readonly org: SpendOrganization,
    private readonly session: Session,
    private readonly store: OrgStore,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {
    // The first organization keeps the item id a window with one organization had (users may have hidden it).
    this.item = vscode.window.createStatusBarItem(org.id === 'default' ? 'openaiAdmin.spend' : `openaiAdmin.spend.${org.id}`, vscode.StatusBarAlignment.Left, 10);
    this.disposables.push(this.item);
    this.item.name = vscode.l10n.t('OpenAI Spend');
    this.disposables.push(
      vscode.window.onDidChangeWindowState((s) => { if (s.focused && this.due) void this.refresh(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('openaiAdmin.spendRefreshMinutes')) this.schedule(true); }),
      // Another key is maybe another organization: its figures are read afresh, or the item hides.
      session.onDidChangeState(() => { this.hide(); void this.refresh(true); }),
    );
    this.schedule(true);
  }

  /** (Re)starts the timer from the setting; `now` also reads at once. */
  private schedule(now: boolean): void {
    const minutes = readSpendRefreshMinutes();
    if (minutes === this.minutes && !now) return;
    this.minutes = minutes;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!minutes) {
      this.reading?.abort();
      this.hide();
      return;
    }
    this.timer = setInterval(() => void this.refresh(), minutes * MINUTE_MS);
    // The first read follows what the user just did (or changed), so it does not wait for focus.
    if (now) void this.refresh(true);
  }

  /**
   * Reads and draws. Waits for focus unless `force` (a key change, the tests); hidden when the item
   * is off or there is no usable key. A read already running is replaced.
   */
  refresh(force = false, maxAgeMs?: number): Promise<void> {
    if (!this.minutes || this.session.keyState !== 'ok') {
      this.hide();
      return Promise.resolve();
    }
    if (!force && !vscode.window.state.focused) {
      this.due = true;
      return Promise.resolve();
    }
    this.due = false;
    this.reading?.abort();
    const controller = (this.reading = new AbortController());
    // The limit and alerts are read again once they are as old as the interval, so the item follows
    // changes made elsewhere within one interval; a change made here is in the store at once.
    const read = this.read(controller.signal, maxAgeMs ?? this.minutes * MINUTE_MS);
    this.lastRead = read;
    return read;
  }

  private async read(signal: AbortSignal, maxAgeMs: number): Promise<void> {
    try {
      const status = await loadSpendStatus(() => this.session.getClient(), this.store, Math.floor(this.clock() / 1000), { signal, maxAgeMs, clock: this.clock });
      if (signal.aborted) return;
      this.draw(status);
    } catch (err) {
      if (signal.aborted) return;
      // A 401/403 changes the key state, which hides the item; anything else keeps the last figures.
      this.log.warn(`Couldn't read this month's costs for the status bar: ${describeError(err)}`);
      if (this.session.keyState !== 'ok') this.hide();
    }
  }

  /** Draws the last figures again: the organization's name appeared, changed or went (several organizations). */
  relabel(): void {
    if (this.visible && this.last) this.draw(this.last);
  }

  private draw(status: SpendStatus): void {
    this.last = status;
    const locale = vscode.env.language;
    const money = (v: number, digits = 0) => formatMoney(v, status.currency, locale, digits);
    const label = this.org.label;
    this.item.name = label ? vscode.l10n.t('OpenAI Spend: {0}', label) : vscode.l10n.t('OpenAI Spend');
    this.item.text = `$(graph) ${label ? vscode.l10n.t('{0}: {1} this month', label, money(status.monthToDate)) : vscode.l10n.t('{0} this month', money(status.monthToDate))}`;
    this.item.accessibilityInformation = {
      label: label ? vscode.l10n.t('{0} spend this month: {1}', label, money(status.monthToDate, 2)) : vscode.l10n.t('Organization spend this month: {0}', money(status.monthToDate, 2)),
    };
    // Theme icons on before any text is added, so appendText escapes a `$(…)` in a project name.
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${vscode.l10n.t('Organization spend this month')}**`);
    // The organization's name is the user's own text: as text, never Markdown.
    if (label) tip.appendText(` (${label})`);
    tip.appendMarkdown('\n\n');
    tip.appendText(vscode.l10n.t("{0} so far; forecast for the month's end: {1}", money(status.monthToDate, 2), money(status.forecast.projected, 2)));
    tip.appendMarkdown('\n\n');
    tip.appendText(vscode.l10n.t('({0} a day over the last 7 complete days × {1} days left)', money(status.forecast.dailyAverage, 2), status.forecast.daysLeft.toFixed(1)));
    tip.appendMarkdown('\n\n');
    tip.appendText(status.limit === null ? vscode.l10n.t('Spend limit: none set') : vscode.l10n.t('Spend limit: {0}', money(status.limit, 2)));
    tip.appendMarkdown(`\n\n**${vscode.l10n.t('Top projects')}**\n\n`);
    if (!status.topProjects.length) tip.appendText(vscode.l10n.t('No costs this month yet'));
    // Names are API text: appendText escapes them, so a name cannot add links or commands.
    status.topProjects.forEach((p, i) => {
      tip.appendText(`${i + 1}. ${p.name}: ${money(p.amount, 2)}`);
      tip.appendMarkdown('\n\n');
    });
    for (const w of status.warnings) {
      tip.appendMarkdown('$(warning) ');
      tip.appendText(w.kind === 'forecastOverLimit'
        ? vscode.l10n.t('The forecast {0} exceeds the spend limit {1}.', money(w.forecast, 2), money(w.limit, 2))
        : vscode.l10n.t("This month's cost has crossed the spend alert at {0}.", money(w.threshold, 2)));
      tip.appendMarkdown('\n\n');
    }
    tip.appendMarkdown(`_${vscode.l10n.t('Click to open Usage & Costs for this month.')}_`);
    this.item.tooltip = tip;
    this.item.backgroundColor = status.warnings.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: OPEN_USAGE, title: vscode.l10n.t('Open Usage & Costs'), arguments: [{ organization: this.org.id, selection: thisMonthSelection(Math.floor(this.clock() / 1000)) }] };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  /** For the integration tests: forces a read (ignoring focus, the limit and alerts read afresh) and waits for it. */
  async refreshNow(): Promise<void> {
    await this.refresh(true, 0);
    await this.lastRead;
  }

  snapshot(): SpendStatusSnapshot {
    const tooltip = this.item.tooltip;
    const command = typeof this.item.command === 'object' ? { command: this.item.command.command, arguments: this.item.command.arguments } : undefined;
    return {
      visible: this.visible,
      text: this.item.text,
      tooltip: tooltip instanceof vscode.MarkdownString ? tooltip.value : tooltip ?? '',
      warning: this.item.backgroundColor !== undefined,
      ...(command ? { command } : {}),
    };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.reading?.abort();
    for (const d of this.disposables) d.dispose();
  }
}
