// Wiring for the Usage & Costs panel: its commands, its restore-after-reload serializer and the
// handle tests use to look at it.
import * as vscode from 'vscode';
import type { DashboardData, Selection } from '../../model/usage/types';
import { notify } from '../../notify';
import { createWebviewPanel } from '../panelOptions';
import { waitForReport } from '../waitForReport';
import type { UsagePanel } from './panel';
import type { UsageServices } from './services';
import { projectSelection, USAGE_PANEL } from './spec';
import type { ParamsOf, ResultOf } from '../protocol';
import { USAGE_VIEW_TYPE, type ExportFormat, type RenderedReport, type UsageMethods } from './protocol';

export const OPEN_USAGE_COMMAND = 'openaiAdmin.openUsage';
export const EXPORT_USAGE_COMMAND = 'openaiAdmin.exportUsage';

/** What the integration tests may do with the panel. */
export interface UsagePanelTestHook {
  isOpen(): boolean;
  lastData(): DashboardData | undefined;
  lastReport(): RenderedReport | undefined;
  /** Resolves with the next report the webview sends that passes `accept` (the current one if it already does). */
  waitForRender(accept?: (r: RenderedReport) => boolean, timeoutMs?: number): Promise<RenderedReport>;
  /** As the webview would change it; `{ organization: id }` or `{ organization: 'all' }` picks the organization. */
  select(selection: Partial<Selection>): void;
  /** The tab's title ("Usage & Costs", or naming the organization when there are several). */
  title(): string | undefined;
  exportTo(path: string, format: ExportFormat): Promise<boolean>;
  /** Sends a request as the panel's webview would. */
  request<K extends keyof UsageMethods & string>(method: K, params: ParamsOf<UsageMethods, K>): Promise<ResultOf<UsageMethods, K>>;
  /** The HTML the webview was loaded with (CSP checks). */
  html(): string | undefined;
  close(): void;
}

/** The project a command was invoked for: a tree row (context menu) or `{ projectId }` (palette, tests). */
function projectIdOf(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const row = arg as { lookup?: (name: string) => string | undefined; projectId?: unknown };
  if (typeof row.lookup === 'function') return row.lookup('projectId');
  return typeof row.projectId === 'string' && row.projectId ? row.projectId : undefined;
}

/**
 * The organization a command was invoked for: `{ organization }` beside a tree row's fields or a
 * selection (the spend status bar of one organization), or a row that can look it up.
 */
function organizationOf(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const row = arg as { organization?: unknown; lookup?: (name: string) => unknown };
  const value = typeof row.organization === 'string' ? row.organization : typeof row.lookup === 'function' ? row.lookup('organization') : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * `{ selection }` from a caller that opens the panel on a given view (the spend status bar: this
 * month's costs). The panel normalizes it like any selection, so nothing in it is trusted.
 */
function selectionOf(arg: unknown): Partial<Selection> | undefined {
  const selection = arg && typeof arg === 'object' ? (arg as { selection?: unknown }).selection : undefined;
  return selection && typeof selection === 'object' ? (selection as Partial<Selection>) : undefined;
}

export type { UsageOrganization, UsageServices } from './services';

export function registerUsagePanel(services: UsageServices): { disposables: vscode.Disposable[]; testHook: UsagePanelTestHook } {
  let current: UsagePanel | undefined;

  // The panel's code is loaded when it first opens; `adopt` runs after that, with no await between
  // looking for an open panel and creating one, so two quick opens still make one panel.
  const load = () => import('./panel');
  const adopt = (PanelClass: typeof UsagePanel, webviewPanel: vscode.WebviewPanel, initial?: Partial<Selection>) => {
    const panel = new PanelClass(webviewPanel, services, initial);
    current = panel;
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
    return panel;
  };

  const open = async (arg?: unknown) => {
    const { UsagePanel } = await load();
    const projectId = projectIdOf(arg);
    const organization = organizationOf(arg);
    const opened = projectId ? projectSelection(projectId) : selectionOf(arg);
    const initial = organization ? { ...opened, organization } : opened;
    if (current && !current.disposed) {
      current.reveal();
      if (initial) current.select(initial);
      return;
    }
    adopt(UsagePanel, createWebviewPanel(USAGE_PANEL, services.extensionUri), initial);
  };

  const exportCurrent = async (format?: unknown) => {
    if (!current) {
      void notify('info', vscode.l10n.t('Open "OpenAI Admin: Open Usage & Costs" first: the export writes what the panel shows.'));
      return;
    }
    const chosen = format === 'csv' || format === 'json' ? format : (await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: vscode.l10n.t('one row per bucket and group'), format: 'csv' as const },
        { label: 'JSON', description: vscode.l10n.t('series with the selection'), format: 'json' as const },
      ],
      { title: vscode.l10n.t('Export Usage & Costs'), placeHolder: vscode.l10n.t('Format') },
    ))?.format;
    if (chosen) await current.export(chosen);
  };

  const testHook: UsagePanelTestHook = {
    isOpen: () => !!current && !current.disposed,
    lastData: () => current?.lastData,
    lastReport: () => current?.lastReport,
    waitForRender: (accept = () => true, timeoutMs = 20_000) => waitForReport(current, 'The Usage & Costs panel is not open', accept, timeoutMs),
    select: (selection) => current?.select(selection),
    title: () => (current && !current.disposed ? current.title : undefined),
    exportTo: async (path, format) => !!current && current.export(format, vscode.Uri.file(path)),
    request: (method, params) => {
      if (!current || current.disposed) return Promise.reject(new Error('The Usage & Costs panel is not open'));
      return current.call(method, params);
    },
    html: () => current?.webviewPanel.webview.html,
    close: () => current?.dispose(),
  };

  return {
    disposables: [
      vscode.commands.registerCommand(OPEN_USAGE_COMMAND, open),
      vscode.commands.registerCommand(EXPORT_USAGE_COMMAND, exportCurrent),
      vscode.window.registerWebviewPanelSerializer(USAGE_VIEW_TYPE, {
        // The webview restores its own selection from getState; the host only needs to take the panel back.
        deserializeWebviewPanel: async (webviewPanel) => void adopt((await load()).UsagePanel, webviewPanel),
      }),
      // Another key may mean another organization: nothing cached under the old one may stay on screen.
      services.onDidChangeOrganizations(() => current?.organizationsChanged()),
      { dispose: () => current?.dispose() },
    ],
    testHook,
  };
}
