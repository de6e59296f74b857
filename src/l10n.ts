// VS Code's display language for the code below its API: src/model looks its strings up with
// @vscode/l10n (not vscode.l10n) and formats numbers and dates through model/locale.ts. Both learn
// the language here, once, first thing at activation: no file is read (VS Code has loaded the bundle
// already), and in English there is no bundle at all, the strings in the code are the text.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { setDisplayLocale } from './model/locale';

export function setUpL10n(): void {
  setDisplayLocale(vscode.env.language);
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}

