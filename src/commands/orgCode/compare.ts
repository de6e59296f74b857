// Compare File with Organization: a diff editor with the organization as it is on the left (a
// read-only document of our own scheme, in the file's format, limited to what the file manages and
// ordered like it, so only drift shows) and the file on the right. Only reads.
import * as vscode from 'vscode';
import { describeError } from '../../model/describeError';
import { liveForComparison } from '../../model/orgCode';
import { projectsToRead } from '../../model/orgCode/readScope';
import { notify } from '../../notify';
import { readOnlyDocument } from '../../ui/planDocuments';
import type { CommandContext } from '../context';
import { readLiveWithProgress } from './live';
import { fileLabel, orgFileSource } from './source';

export async function compareWithOrganization(ctx: CommandContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const title = vscode.l10n.t('Compare File with Organization');
  const source = await orgFileSource(arg, title);
  if (!source) return undefined;
  const live = await readLiveWithProgress(ctx, title, { projects: projectsToRead(source.file) });
  if (!live) return undefined;
  let text: string;
  try {
    text = liveForComparison(source.file, live);
  } catch (err) {
    const message = vscode.l10n.t('{0}: couldn\'t put the organization in the file\'s format: {1}', title, describeError(err));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
  // Named after the file, without its `.yaml`: the document gets its own (for YAML colouring).
  const left = readOnlyDocument(vscode.l10n.t('{0} (organization, live)', fileLabel(source.uri).replace(/\.yaml$/i, '')), text, 'yaml');
  await vscode.commands.executeCommand('vscode.diff', left, source.uri, vscode.l10n.t('Organization ↔ file'), { preview: false });
  return left;
}
