// Problems-panel diagnostics for `*.openai-org.yaml` files, checked as they are opened and typed in.
// The extension activates on any YAML file (`onLanguage:yaml`), so this wiring is all that loads then:
// the parser (yaml + Ajv + the schema, dist/orgFile.js) is imported the first time an org file is
// seen, and never for people who do not write one. Checking a file reads only its text: it sends no
// request, whatever the file says.
import * as vscode from 'vscode';
import type { FileProblem } from '../../model/orgCode/format';
import { plainText } from '../../util/plainText';

export const ORG_FILE_SUFFIX = '.openai-org.yaml';
const DEBOUNCE_MS = 300;

export function isOrgFile(doc: vscode.TextDocument): boolean {
  return doc.uri.path.toLowerCase().endsWith(ORG_FILE_SUFFIX);
}

function toDiagnostic(p: FileProblem): vscode.Diagnostic {
  // FileProblem positions are 1-based as an editor shows them; VS Code's are 0-based.
  const range = new vscode.Range(p.start.line - 1, p.start.column - 1, p.end.line - 1, p.end.column - 1);
  const d = new vscode.Diagnostic(range, plainText(p.message), p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'OpenAI Admin';
  return d;
}

export function registerOrgFileDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('openai-org');
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  let parser: Promise<typeof import('../../model/orgCode/parse')> | undefined;

  const check = async (doc: vscode.TextDocument) => {
    const { parseOrgFile } = await (parser ??= import('../../model/orgCode/parse'));
    // Closed while the parser loaded: its problems must not come back.
    if (doc.isClosed) return;
    collection.set(doc.uri, parseOrgFile(doc.getText()).problems.map(toDiagnostic));
  };
  const cancel = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(pending.get(key));
    pending.delete(key);
  };
  const soon = (doc: vscode.TextDocument) => {
    cancel(doc);
    pending.set(doc.uri.toString(), setTimeout(() => {
      pending.delete(doc.uri.toString());
      void check(doc);
    }, DEBOUNCE_MS));
  };

  for (const doc of vscode.workspace.textDocuments) if (isOrgFile(doc)) void check(doc);
  const subscriptions = [
    collection,
    vscode.workspace.onDidOpenTextDocument((doc) => { if (isOrgFile(doc)) void check(doc); }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (isOrgFile(e.document) && e.contentChanges.length) soon(e.document); }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (!isOrgFile(doc)) return;
      cancel(doc);
      collection.delete(doc.uri);
    }),
  ];
  return {
    dispose: () => {
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
      for (const s of subscriptions) s.dispose();
    },
  };
}
