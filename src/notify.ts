// The one way text reaches VS Code's notifications, modal dialogs and progress titles. Every text
// passes through the plain-text guard (src/util/plainText.ts) here, whole, so API and user text in
// it (a name like `[Open](command:…)`) can never become a link that runs a command, and a new
// command cannot forget it. test/unit/security/notifications.test.ts fails when any other file calls
// vscode.window's message or progress functions itself.
import * as vscode from 'vscode';
import { plainText } from './util/plainText';

const SHOW = { info: 'showInformationMessage', warning: 'showWarningMessage', error: 'showErrorMessage' } as const;

export type Level = keyof typeof SHOW;

/** A notification (toast); resolves with the button chosen, undefined when dismissed. */
export function notify<B extends string>(level: Level, message: string, ...buttons: B[]): Thenable<B | undefined> {
  return vscode.window[SHOW[level]](plainText(message), ...buttons);
}

/** A modal dialog; resolves with the button chosen, undefined for Cancel, Escape or closing it. */
export function askModal<B extends string>(level: Exclude<Level, 'error'>, message: string, detail: string | undefined, ...buttons: B[]): Thenable<B | undefined> {
  return vscode.window[SHOW[level]](plainText(message), { modal: true, detail: detail === undefined ? undefined : plainText(detail) }, ...buttons);
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

/** vscode.window.withProgress with its title and every reported message as plain text. */
export function runWithProgress<R>(options: vscode.ProgressOptions, task: (progress: Progress, token: vscode.CancellationToken) => Thenable<R>): Thenable<R> {
  const title = options.title === undefined ? undefined : plainText(options.title);
  return vscode.window.withProgress({ ...options, title }, (progress, token) => task({
    report: (value) => progress.report(value.message === undefined ? value : { ...value, message: plainText(value.message) }),
  }, token));
}
