// Wiring for the Access Review: its command (palette, explorer title), one panel at a time, restore
// after a window reload, and the handle integration tests use.
import * as vscode from 'vscode';
import type { ReviewQuery } from '../../model/review/types';
import { Panel } from '../panel';
import { waitForReport } from '../waitForReport';
import type { ParamsOf, ResultOf } from '../protocol';
import type { AccessReviewPanel, AccessReviewServices } from './panel';
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

export function registerAccessReview(services: AccessReviewServices): { disposables: vscode.Disposable[]; testHook: AccessReviewTestHook } {
  let current: AccessReviewPanel | undefined;

  // The panel's code is loaded when it first opens; `adopt` runs after that, with no await between
  // looking for an open panel and creating one, so two quick opens still make one panel.
  const load = () => import('./panel');
  const adopt = (PanelClass: typeof AccessReviewPanel, webviewPanel: vscode.WebviewPanel) => {
    const panel = new PanelClass(webviewPanel, services);
    current = panel;
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
    return panel;
  };

  const open = async () => {
    const { AccessReviewPanel } = await load();
    if (current && !current.disposed) current.show();
    else adopt(AccessReviewPanel, Panel.createWebviewPanel(ACCESS_REVIEW_PANEL, services.extensionUri));
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
        deserializeWebviewPanel: async (webviewPanel) => {
          const { AccessReviewPanel } = await load();
          if (current && !current.disposed) webviewPanel.dispose();
          else adopt(AccessReviewPanel, webviewPanel);
        },
      }),
      { dispose: () => current?.dispose() },
    ],
    testHook,
  };
}
