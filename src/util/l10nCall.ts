// What `vscode.l10n.t(…)` becomes in the extension host bundles (esbuild.mjs, shortL10nCalls): one
// imported function with a short minified name instead of a property chain at each call site. It
// only forwards, so the lookup and the formatting are VS Code's own.
import * as vscode from 'vscode';

export const __vscodeL10nT = ((...args: unknown[]) => (vscode.l10n.t as (...a: unknown[]) => string)(...args)) as typeof vscode.l10n.t;
