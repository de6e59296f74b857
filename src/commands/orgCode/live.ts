// Reads the organization as it is (src/model/orgCode/live.ts) with a notification progress and
// Cancel. A read that fails stops the command with the API's message, before anything is shown or sent.
import * as vscode from 'vscode';
import { describeError } from '../../model/describeError';
import { readLiveState, type LiveState } from '../../model/orgCode';
import { notify, runWithProgress } from '../../notify';
import type { UiContext } from '../../ui/context';

export interface LiveReadOptions {
  /** Project names to read; every active project when left out. */
  projects?: readonly string[];
  /** Forget what the store holds first (Apply plans against the organization as it is now, not as it was read). */
  fresh?: boolean;
}

/** The live state, or undefined when the admin cancelled or the read failed (the error is shown). */
export async function readLiveWithProgress(ctx: UiContext, title: string, options: LiveReadOptions = {}): Promise<LiveState | undefined> {
  let cancelled = false;
  try {
    if (options.fresh) ctx.store.clear();
    return await runWithProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: reading the organization…', title), cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => { cancelled = true; controller.abort(); });
        let reported = 0;
        return readLiveState(ctx.store, {
          projects: options.projects,
          signal: controller.signal,
          progress: (done, total) => {
            if (total <= 0) return;
            const percent = Math.min(100, (100 * done) / total);
            progress.report({ message: vscode.l10n.t('{0} of {1} lists', done, total), increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
          },
        });
      },
    );
  } catch (err) {
    if (cancelled) return undefined;
    const message = vscode.l10n.t('{0}: couldn\'t read the organization: {1}', title, describeError(err));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
}
