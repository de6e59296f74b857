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

const TITLE = 'Export Organization to YAML';
export const DEFAULT_EXPORT_NAME = 'organization.openai-org.yaml';

type Scope = 'all' | 'projects';
const SCOPES: Choice<Scope>[] = [
  { label: 'Whole organization', value: 'all', detail: 'Organization settings, groups, roles, workload identity and every active project.' },
  { label: 'Choose projects…', value: 'projects', detail: 'Only the projects you tick.' },
];

type Destination = 'file' | 'untitled';
const DESTINATIONS: Choice<Destination>[] = [
  { label: 'Save to a file…', value: 'file', detail: `A save dialog, ${DEFAULT_EXPORT_NAME} by default.` },
  { label: 'Open as an untitled document', value: 'untitled', detail: 'Nothing is written to disk until you save it.' },
];

export async function exportOrganization(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const scope = await pickOne(TITLE, SCOPES, { placeholder: 'What should the file describe?' });
  if (!scope) return undefined;
  let projects: string[] | undefined;
  if (scope === 'projects') {
    const picked = await pickProjects(ctx, `${TITLE}: projects`);
    if (!picked) return undefined;
    if (!picked.length) {
      void notify('info', `${TITLE}: no project was ticked, so there is nothing to export.`);
      return undefined;
    }
    projects = picked.map((p) => p.name || p.id);
  }
  const live = await readLiveWithProgress(ctx, TITLE, { projects });
  if (!live) return undefined;
  let text: string;
  try {
    text = stringifyOrgFile(exportOrgFile(live, { projects }));
  } catch (err) {
    const message = `${TITLE}: couldn't write the organization as a file: ${describeError(err)}`;
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }

  const destination = await pickOne(TITLE, DESTINATIONS, { placeholder: 'Where should the file go?' });
  if (!destination) return undefined;
  let target: vscode.Uri | undefined;
  if (destination === 'file') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: TITLE,
      saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder, DEFAULT_EXPORT_NAME) : undefined,
      filters: { 'Organization files': ['yaml', 'yml'] },
    });
    if (!target) return undefined;
  }

  let uri: vscode.Uri;
  if (target) {
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    } catch (err) {
      const message = `${TITLE}: couldn't save ${q(target.fsPath || target.path)}: ${describeError(err)}`;
      ctx.log.error(message);
      void notify('error', message);
      return undefined;
    }
    uri = target;
  } else {
    uri = (await vscode.workspace.openTextDocument({ language: 'yaml', content: text })).uri;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  ctx.log.info(`${TITLE}: ${projects ? `${projects.length} project(s)` : 'the whole organization'} → ${target ? target.toString() : 'an untitled document'}.`);
  return uri;
}
