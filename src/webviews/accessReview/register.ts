// Wiring for the Access Review: its command (palette, explorer title), one panel at a time, restore
// after a window reload, and the handle integration tests use.
import * as vscode from 'vscode';
import type { ReviewQuery } from '../../model/review/types';
import { createWebviewPanel } from '../panelOptions';
import { waitForReport } from '../waitForReport';
import type { ParamsOf, ResultOf } from '../protocol';
import { organizationFor, type UiContext, type UiOrganizations } from '../../ui/context';
import type { AccessReviewPanel } from './panel';
import { ACCESS_REVIEW_VIEW_TYPE, type AccessReviewMethods, type AccessReviewReport } from './protocol';
import { ACCESS_REVIEW_PANEL } from './spec';

export const OPEN_ACCESS_REVIEW_COMMAND = 'openaiAdmin.openAccessReview';

/** What the integration tests may do with the panel. */
export interface AccessReviewTestHook {
  isOpen(): boolean;
  lastReport(): AccessReviewReport | undefined;
  /** Resolves with the next report that passes `accept` (the current one if it already does). */
  waitForRender(accept?: (r: AccessReviewReport) => boolean, timeoutMs?: number): Promise<AccessReviewReport>;
  /** Sends a request as the panel's webview would. */
  request<K extends keyof AccessReviewMethods & string>(method: K, params: ParamsOf<AccessReviewMethods, K>): Promise<ResultOf<AccessReviewMethods, K>>;
  exportTo(path: string, query: ReviewQuery): Promise<boolean>;
  html(): string | undefined;
  close(): void;
}

export interface AccessReviewWiring {
  organizations: UiOrganizations;
  extensionUri: vscode.Uri;
  /** Test and Development mode: the webview reports each render (src/webviews/panel.ts). */
  renderReports?: boolean;
}

/** One review per organization; the test hook acts on the one opened last. */
export function registerAccessReview(wiring: AccessReviewWiring): { disposables: vscode.Disposable[]; testHook: AccessReviewTestHook } {
  const { organizations: orgs, extensionUri, renderReports } = wiring;
  const panels = new Map<string, AccessReviewPanel>();
  let current: AccessReviewPanel | undefined;

  // The panel's code is loaded when it first opens; `adopt` runs after that, with no await between
  // looking for an open panel and creating one, so two quick opens still make one panel.
  const load = () => import('./panel');
  const adopt = (PanelClass: typeof AccessReviewPanel, webviewPanel: vscode.WebviewPanel, ctx: UiContext) => {
    const panel = new PanelClass(webviewPanel, { org: ctx.org, store: ctx.store, log: ctx.log, extensionUri, renderReports });
    const id = ctx.org.id;
    panels.set(id, panel);
    current = panel;
    panel.onDidDispose(() => {
      if (panels.get(id) === panel) panels.delete(id);
      if (current === panel) current = undefined;
    });
    return panel;
  };

  const open = async (...args: unknown[]) => {
    const ctx = await organizationFor(orgs, args, vscode.l10n.t('Open Access Review'));
    if (!ctx) return;
    const { AccessReviewPanel } = await load();
    const existing = panels.get(ctx.org.id);
    if (existing && !existing.disposed) (current = existing).show();
    else adopt(AccessReviewPanel, createWebviewPanel(ACCESS_REVIEW_PANEL, extensionUri), ctx);
  };

  const get = () => {
    if (!current || current.disposed) throw new Error('The Access Review is not open');
    return current;
  };

  const testHook: AccessReviewTestHook = {
    isOpen: () => !!current && !current.disposed,
    lastReport: () => current?.lastReport,
    waitForRender: (accept = () => true, timeoutMs = 20_000) => waitForReport(current, 'The Access Review is not open', accept, timeoutMs),
    request: (method, params) => {
      try { return get().call(method, params); } catch (err) { return Promise.reject(err); }
    },
    exportTo: async (path, query) => get().exportCsv(query, vscode.Uri.file(path)),
    html: () => current?.webviewPanel.webview.html,
    close: () => current?.dispose(),
  };

  return {
    disposables: [
      vscode.commands.registerCommand(OPEN_ACCESS_REVIEW_COMMAND, open),
      vscode.window.registerWebviewPanelSerializer(ACCESS_REVIEW_VIEW_TYPE, {
        // The webview restores its own query from getState; the host takes the panel back.
        // The first organization's: the webview keeps no organization, and a review is one click to reopen.
        deserializeWebviewPanel: async (webviewPanel) => {
          const { AccessReviewPanel } = await load();
          const ctx = orgs.all()[0];
          if (!ctx || panels.has(ctx.org.id)) webviewPanel.dispose();
          else adopt(AccessReviewPanel, webviewPanel, ctx);
        },
      }),
      // A removed organization's review closes: its data is dropped from memory.
      orgs.onDidChange(() => {
        const live = new Set(orgs.all().map((o) => o.org.id));
        for (const [id, panel] of [...panels]) if (!live.has(id)) panel.dispose();
      }),
      { dispose: () => { for (const panel of [...panels.values()]) panel.dispose(); } },
    ],
    testHook,
  };
}
