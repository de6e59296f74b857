import * as vscode from 'vscode';
import type { NodeSpec } from './nodeSpec';

/**
 * Tooltips carry API text (names, emails) that anyone in the organization can set, so they are built
 * with appendText (escaped) and never trusted: no command links, no HTML.
 */
export function tooltipFor(spec: NodeSpec): vscode.MarkdownString | undefined {
  if (!spec.tooltip?.length) return undefined;
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  spec.tooltip.forEach((line, i) => {
    if (i > 0) md.appendMarkdown('  \n');
    if (typeof line === 'string') {
      md.appendText(line);
    } else {
      md.appendMarkdown('**');
      md.appendText(line[0]);
      md.appendMarkdown(':** ');
      md.appendText(line[1] === null || line[1] === undefined || line[1] === '' ? '—' : String(line[1]));
    }
  });
  return md;
}
