// The problems Compare, Plan and Apply found in a `*.openai-org.yaml`, in the Problems panel. Kept
// out of the org-code module (./commands.ts) so registering it does not load the parser.
import * as vscode from 'vscode';
import type { FileProblem } from '../../model/orgCode/format';

/** The file's problems in the Problems panel, under the commands' own source name. */
export class OrgFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('openai-org');

  set(uri: vscode.Uri, problems: readonly FileProblem[]): void {
    this.collection.set(uri, problems.map((p) => {
      const range = new vscode.Range(p.start.line - 1, p.start.column - 1, p.end.line - 1, p.end.column - 1);
      const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'openai-org';
      return d;
    }));
  }

  dispose(): void {
    this.collection.dispose();
  }
}
