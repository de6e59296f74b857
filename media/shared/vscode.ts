// The webview's handle on VS Code: messages to the host and the state VS Code keeps for the
// panel across hides and window reloads. acquireVsCodeApi may be called only once per load.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  return (api ??= acquireVsCodeApi());
}

/** What the panel saved last, or undefined on a first load. */
export function loadState<S>(): Partial<S> | undefined {
  const s = vscodeApi().getState();
  return s && typeof s === 'object' ? (s as Partial<S>) : undefined;
}

export function saveState<S>(state: S): void {
  vscodeApi().setState(state);
}

/**
 * Whether the host asked for render reports: what the page drew, as text, for tests and benchmarks.
 * Only Test and Development mode mark the page (src/webviews/panel.ts); a packaged install never does.
 */
export function renderReportsWanted(): boolean {
  return document.body.hasAttribute('data-render-report');
}
