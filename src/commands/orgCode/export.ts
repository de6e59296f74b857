// Export Organization to YAML…: the whole organization or chosen projects as a `*.openai-org.yaml`,
// saved where the admin says (or left as an untitled YAML document), then opened. Only reads.
import * as vscode from 'vscode';
import { describeError } from '../../model/describeError';
import { exportOrgFile, stringifyOrgFile } from '../../model/orgCode';
import { notify } from '../../notify';
import { pickOne, pickProjects, type Choice } from '../../ui/pickers';
import { q } from '../../ui/run';
import type { CommandContext } from '../context';
import { readLiveWithProgress } from './live';

export const DEFAULT_EXPORT_NAME = 'organization.openai-org.yaml';

type Scope = 'all' | 'projects';
// Functions, so the text is looked up in the l10n bundle when the pick shows.
const scopes = (): Choice<Scope>[] => [
  { label: vscode.l10n.t('Whole organization'), value: 'all', detail: vscode.l10n.t('Organization settings, groups, roles, workload identity and every active project.') },
  { label: vscode.l10n.t('Choose projects…'), value: 'projects', detail: vscode.l10n.t('Only the projects you tick.') },
];

type Destination = 'file' | 'untitled';
const destinations = (): Choice<Destination>[] => [
  { label: vscode.l10n.t('Save to a file…'), value: 'file', detail: vscode.l10n.t('A save dialog, {0} by default.', DEFAULT_EXPORT_NAME) },
  { label: vscode.l10n.t('Open as an untitled document'), value: 'untitled', detail: vscode.l10n.t('Nothing is written to disk until you save it.') },
];

export async function exportOrganization(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const title = vscode.l10n.t('Export Organization to YAML');
  const scope = await pickOne(title, scopes(), { placeholder: vscode.l10n.t('What should the file describe?') });
  if (!scope) return undefined;
  let projects: string[] | undefined;
  if (scope === 'projects') {
    const picked = await pickProjects(ctx, vscode.l10n.t('{0}: projects', title));
    if (!picked) return undefined;
    if (!picked.length) {
      void notify('info', vscode.l10n.t('{0}: no project was ticked, so there is nothing to export.', title));
      return undefined;
    }
    projects = picked.map((p) => p.name || p.id);
  }
  const live = await readLiveWithProgress(ctx, title, { projects });
  if (!live) return undefined;
  let text: string;
  try {
    text = stringifyOrgFile(exportOrgFile(live, { projects }));
  } catch (err) {
    const message = vscode.l10n.t('{0}: couldn\'t write the organization as a file: {1}', title, describeError(err));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }

  const destination = await pickOne(title, destinations(), { placeholder: vscode.l10n.t('Where should the file go?') });
  if (!destination) return undefined;
  let target: vscode.Uri | undefined;
  if (destination === 'file') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: title,
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, DEFAULT_EXPORT_NAME) : undefined,
      filters: { [vscode.l10n.t('Organization files')]: ['yaml', 'yml'] },
    });
    if (!target) return undefined;
  }

  let uri: vscode.Uri;
  if (target) {
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    } catch (err) {
      const message = vscode.l10n.t('{0}: couldn\'t save {1}: {2}', title, q(target.fsPath || target.path), describeError(err));
      ctx.log.error(message);
      void notify('error', message);
      return undefined;
    }
    uri = target;
  } else {
    uri = (await vscode.workspace.openTextDocument({ language: 'yaml', content: text })).uri;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  ctx.log.info(`Export Organization to YAML: ${projects ? `${projects.length} project(s)` : 'the whole organization'} → ${target ? target.toString() : 'an untitled document'}.`);
  return uri;
}
