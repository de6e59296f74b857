// Which `*.openai-org.yaml` a command acts on, and the file parsed: the resource the editor title,
// editor context or file explorer passed, else the active editor's document. The document's text is
// read (unsaved edits included, as the admin sees them). A file with errors stops the command before
// anything is read from or sent to the organization; the Problems panel lists them (./diagnostics.ts
// checks every open org file).
import * as vscode from 'vscode';
import { parseOrgFile, type FileProblem, type OrgFile } from '../../model/orgCode';
import { notify } from '../../notify';
import { q } from '../../ui/run';

export const ORG_FILE_PATTERN = /\.openai-org\.yaml$/i;

export interface OrgFileSource {
  uri: vscode.Uri;
  document: vscode.TextDocument;
  file: OrgFile;
}

/** The file's name for messages. */
export function fileLabel(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active;
}

/** "line 3, column 5: …" for the first problem, so the message says where to look. */
function firstProblem(problems: readonly FileProblem[]): string {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  return first ? ` ${vscode.l10n.t('The first, at line {0}, column {1}: {2}', first.start.line, first.start.column, first.message)}` : '';
}

/**
 * The parsed file, or undefined after telling the admin why not (no organization file open, or the
 * file has errors: they are listed in the Problems panel; nothing was sent).
 */
export async function orgFileSource(arg: unknown, title: string): Promise<OrgFileSource | undefined> {
  const uri = targetUri(arg);
  if (!uri || !ORG_FILE_PATTERN.test(uri.path)) {
    void notify('info', vscode.l10n.t('{0}: open a *.openai-org.yaml file first (Export Organization to YAML… writes one).', title));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseOrgFile(document.getText());
  if (!parsed.ok) {
    const errors = parsed.problems.filter((p) => p.severity === 'error').length || parsed.problems.length;
    const show = vscode.l10n.t('Show Problems');
    const summary = errors === 1
      ? vscode.l10n.t('{0}: {1} has 1 error (see the Problems panel); nothing was sent.', title, q(fileLabel(uri)))
      : vscode.l10n.t('{0}: {1} has {2} errors (see the Problems panel); nothing was sent.', title, q(fileLabel(uri)), errors);
    void notify('error', `${summary}${firstProblem(parsed.problems)}`, show)
      .then((chosen) => (chosen === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
    return undefined;
  }
  return { uri, document, file: parsed.file };
}
