// Kept apart from ./panel so the panels' registrations, loaded at activation, can use it without
// pulling the panel plumbing into dist/extension.js (BENCHMARKS.md fig. 3).
import type * as vscode from 'vscode';

/** A panel that reports what it drew (render reports, for tests and benchmarks). */
export interface ReportingPanel<R> {
  readonly lastReport: R | undefined;
  readonly onDidRender: vscode.Event<R>;
}

/**
 * The panel's first render report that `accept` takes: the last one if it does, else the next one
 * that does, within `timeoutMs`. `notOpen` is the error when there is no panel. Shared by the
 * panels' test hooks, so every one waits and times out alike.
 */
export function waitForReport<R>(panel: ReportingPanel<R> | undefined, notOpen: string, accept: (r: R) => boolean, timeoutMs: number): Promise<R> {
  return new Promise((resolve, reject) => {
    if (!panel) return reject(new Error(notOpen));
    const now = panel.lastReport;
    if (now && accept(now)) return resolve(now);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`No matching render within ${timeoutMs} ms; last: ${JSON.stringify(panel.lastReport)?.slice(0, 800)}`)); }, timeoutMs);
    const sub = panel.onDidRender((r) => {
      if (!accept(r)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}
