// How every panel's webview is created: kept apart from ./panel (the panels' shared host code, in
// each lazily loaded panel bundle) so the wiring that registers the panels at activation does not
// carry it in dist/extension.js as well (BENCHMARKS.md fig. 3: the extension bundles' size).
import * as vscode from 'vscode';

/** The spec of a panel kind: its view type, first title, script entry and styles. */
export interface PanelSpec {
  viewType: string;
  title: string;
  /** The front end's bundle: dist/webviews/<entry>.js (from media/<entry>/main.ts). */
  entry: string;
  /** Stylesheets under media/, in order. */
  styles: readonly string[];
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function createWebviewPanel(spec: PanelSpec, extensionUri: vscode.Uri, column = vscode.ViewColumn.Active): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(spec.viewType, spec.title, column, panelOptions(extensionUri));
}
