// The host side every editor webview shares: the HTML shell and its CSP, a fresh nonce per load,
// resource roots, the typed request/response dispatcher, and restore after a window reload.
//
// Security rules kept here once: scripts run only with the load's nonce, styles/fonts/images come
// only from the extension's own files (`webview.cspSource`), nothing may connect anywhere (no
// `connect-src`: all data arrives as messages), and errors reach the webview as text only.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { describeError } from '../model/describeError';
import { createWebviewPanel, panelOptions, type PanelSpec } from './panelOptions';
import { isRpcMessage, type RpcError, type RpcEvents, type RpcMethods, type RpcResponse, type WebviewL10n } from './protocol';

export type { PanelSpec } from './panelOptions';
export { panelOptions } from './panelOptions';

interface ErrorLog {
  error(message: string): void;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

/** The webview may load only the bundles and the media folder; never `retainContextWhenHidden` (state is restored instead). */

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The event in which a webview reports what it drew; only Test and Development mode ask for it (see `renderReports`). */
export const RENDER_REPORT_EVENT = 'rendered';

/** What the front end needs to speak VS Code's display language (read by media/shared/l10n.ts). */
export function webviewL10n(): WebviewL10n {
  return { language: vscode.env.language, bundle: vscode.l10n.bundle ?? {} };
}

/**
 * `renderReports`: the page is marked so its front end reports every render as text (what tests and
 * benchmarks read back); a packaged install (Production mode) neither asks for nor accepts one.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, spec: PanelSpec, nonce: string, renderReports = false, l10n = webviewL10n()): string {
  const asset = (...path: string[]) => escapeAttr(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString());
  const styles = spec.styles.map((s) => `<link rel="stylesheet" href="${asset('media', ...s.split('/'))}">`).join('\n  ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(l10n.language)}" data-l10n="${escapeAttr(JSON.stringify(l10n.bundle))}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(webview.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${styles}
  <title>${escapeAttr(spec.title)}</title>
</head>
<body${renderReports ? ' data-render-report' : ''}>
  <main id="app" aria-busy="true"></main>
  <script nonce="${nonce}" src="${asset('dist', 'webviews', `${spec.entry}.js`)}"></script>
</body>
</html>`;
}

/** What a failure looks like to the webview: the status and the API's message, never more. */
export function toRpcError(err: unknown): RpcError {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'CancelledError' || name === 'SupersededError') return { message: 'Cancelled', cancelled: true };
  const status = (err as { status?: unknown } | null)?.status;
  return { message: describeError(err), ...(typeof status === 'number' ? { status } : {}) };
}

/** Answers the webview's requests with the panel's methods, and carries events both ways. */
export class RpcHost<M extends RpcMethods> implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private disposed = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly methods: M,
    private readonly onEvent: (name: string, data: unknown) => void = () => {},
    private readonly log?: ErrorLog,
    private readonly renderReports = false,
  ) {
    this.subscription = webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
  }

  /** True when the webview was live to receive it (a hidden panel's webview is not). */
  async notify(name: string, data?: unknown): Promise<boolean> {
    return !this.disposed && this.webview.postMessage({ kind: 'event', name, data });
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }

  private async receive(message: unknown): Promise<void> {
    if (!isRpcMessage(message)) return;
    if (message.kind === 'event') {
      if (message.name === RENDER_REPORT_EVENT && !this.renderReports) return;
      return this.onEvent(message.name, message.data);
    }
    if (message.kind !== 'request') return;
    const { id, method, params } = message;
    let response: RpcResponse;
    try {
      // Own properties only: a message must not reach `constructor` or anything on the prototype.
      const fn = Object.prototype.hasOwnProperty.call(this.methods, method) ? this.methods[method] : undefined;
      if (typeof fn !== 'function') throw new Error(`Unknown request: ${method}`);
      response = { kind: 'response', id, result: await (fn as (p: unknown) => unknown).call(this.methods, params) };
    } catch (err) {
      const error = toRpcError(err);
      if (!error.cancelled) this.log?.error(`Panel request ${method} failed: ${error.message}`);
      response = { kind: 'response', id, error };
    }
    if (!this.disposed) void this.webview.postMessage(response);
  }
}

/**
 * One editor webview: a new or restored WebviewPanel, its HTML and its dispatcher. Panels are
 * subclasses that supply the methods; `E` names the events the host may send.
 */
export class Panel<M extends RpcMethods, E extends RpcEvents = RpcEvents> implements vscode.Disposable {
  readonly rpc: RpcHost<M>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  private isDisposed = false;

  static createWebviewPanel(spec: PanelSpec, extensionUri: vscode.Uri, column = vscode.ViewColumn.Active): vscode.WebviewPanel {
    return createWebviewPanel(spec, extensionUri, column);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    spec: PanelSpec,
    methods: M,
    options: { log?: ErrorLog; onEvent?: (name: string, data: unknown) => void; renderReports?: boolean } = {},
  ) {
    // A restored panel comes with whatever options it was saved with; set ours again.
    panel.webview.options = panelOptions(extensionUri);
    this.rpc = new RpcHost(panel.webview, methods, options.onEvent, options.log, options.renderReports);
    panel.webview.html = panelHtml(panel.webview, extensionUri, spec, newNonce(), options.renderReports);
    this.disposables.push(this.rpc, this.disposedEmitter, panel.onDidDispose(() => this.dispose()));
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  notify<K extends keyof E & string>(name: K, data: E[K]): Promise<boolean> {
    return this.rpc.notify(name, data);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposedEmitter.fire();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
