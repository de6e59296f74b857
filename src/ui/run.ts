import * as vscode from 'vscode';
import type { AdminClient } from '../api';
import type { StoreEffect } from '../model/store';
import { confirmationBefore, writeAllowed, type Attempt, type Confirmation } from '../model/writeConfirmation';
import { askModal, notify, runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';
import type { UiContext } from './context';

export interface WriteAction<T> {
  /** Progress title: "Archiving project…" */
  progress: string;
  /** Destructive actions ask first, in a modal naming the object; cancelling sends nothing. */
  confirm?: Confirmation;
  call: (client: AdminClient) => Promise<T>;
  /**
   * What the write did to the org store's lists: the items it changed, or the lists to read again
   * (src/model/writeEffects.ts). Every view showing them redraws from the store.
   */
  effects: (result: T) => StoreEffect[];
  /** Status bar text on success. */
  done: (result: T) => string;
  /**
   * A failure is shown in a notification (default), or logged and rethrown for a caller that shows
   * it where the admin made the change (the Project panel shows it next to the edit).
   */
  failure?: 'notify' | 'throw';
}

/**
 * Every write goes through here: confirm → request with progress → apply its effects to the store
 * (every view showing the changed lists redraws) → say so in the status bar. A failure shows the
 * API's own message and changes nothing in the store.
 * Every text shown goes through src/notify.ts, so API text in it stays plain text.
 * Returns the API's result, or undefined when cancelled or failed.
 */
export function runWrite<T>(ctx: UiContext, action: WriteAction<T>): Promise<T | undefined> {
  return attemptWrite(ctx, action, 'first');
}

async function attemptWrite<T>(ctx: UiContext, action: WriteAction<T>, attempt: Attempt): Promise<T | undefined> {
  const modal = confirmationBefore(action.confirm, attempt);
  const choice = modal && await askModal('warning', modal.message, modal.detail, modal.button);
  if (!writeAllowed(modal, choice)) return undefined;
  let result: T;
  try {
    const client = await ctx.session.getClient();
    result = await runWithProgress(
      { location: vscode.ProgressLocation.Notification, title: action.progress },
      () => action.call(client),
    );
  } catch (err) {
    const message = plainText(vscode.l10n.t('{0} failed: {1}', action.progress.replace(/…$/, ''), describeError(err)));
    ctx.log.error(message);
    if (action.failure === 'throw') throw err;
    // Not awaited: the notification stays until dismissed. Retry sends the same write once more
    // (the admin already confirmed it); the client never repeats a create on its own.
    const retry = vscode.l10n.t('Retry');
    void notify('error', message, retry).then((chosen) => {
      if (chosen === retry) return attemptWrite(ctx, action, 'retry');
      return undefined;
    });
    return undefined;
  }
  ctx.store.apply(action.effects(result));

  void vscode.window.setStatusBarMessage(`$(check) ${plainText(action.done(result))}`, 5000);
  return result;
}

/** An input box that resolves to undefined on cancel; `value` pre-fills. */

export async function ask(title: string, prompt: string, opts: Partial<vscode.InputBoxOptions> = {}): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ title, prompt, ignoreFocusOut: true, ...opts });
  return value === undefined ? undefined : value.trim();
}

/** validateInput of a name box: an empty name is refused. */
export const requiredName = (v: string) => (v.trim() ? undefined : vscode.l10n.t('A name is required.'));

/** Quotes API text inside our own sentences so odd names stay readable, and inert (no links, no icons). */
export function q(text: string | null | undefined): string {
  const t = text ?? '';
  return `“${plainText(t.length > 80 ? `${t.slice(0, 80)}…` : t)}”`;
}
