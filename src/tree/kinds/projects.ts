import * as vscode from 'vscode';
import type { Project } from '../../api';
import { isoDate } from '../../model/format';
import type { NodeSpec } from '../nodeSpec';
import { projectText } from '../../model/rowText';
import { listRef } from '../../model/store';
import { contextValue } from '../ids';
import { folder, paged } from './build';
import { projectFolders } from './projectResources';

/** Active projects page by page, with the "Archived" folder (loaded only when opened) at the top. */
export function projectsFolder(): NodeSpec {
  const active = paged(vscode.l10n.t('projects'), listRef('projects'), projectNode, vscode.l10n.t('No active projects'));
  return folder('projects', vscode.l10n.t('Projects'), 'project', { ...active, fixed: () => [archivedFolder()] }, { expanded: true });
}

function archivedFolder(): NodeSpec {
  return folder('archived', vscode.l10n.t('Archived'), 'archive', paged(vscode.l10n.t('archived projects'), listRef('archivedProjects'), projectNode, vscode.l10n.t('No archived projects')));
}

export function projectNode(p: Project): NodeSpec {
  const archived = p.status === 'archived';
  return {
    key: p.id,
    ...projectText(p),
    icon: archived ? ['archive', 'disabledForeground'] : 'project',
    tooltip: [
      [vscode.l10n.t('Project'), p.name], [vscode.l10n.t('ID'), p.id], [vscode.l10n.t('Status'), p.status ?? 'active'], [vscode.l10n.t('Created'), isoDate(p.created_at)],
      ...(archived ? [[vscode.l10n.t('Archived'), isoDate(p.archived_at)] as [string, string]] : []),
      ...(p.residency ? [[vscode.l10n.t('Residency'), p.residency] as [string, string]] : []),
    ],
    contextValue: contextValue('project', archived ? 'archived' : 'active'),
    context: { projectId: p.id, projectName: p.name || p.id, projectStatus: archived ? 'archived' : 'active' },
    copy: [[vscode.l10n.t('Project ID'), p.id]],
    platformPath: `/settings/${encodeURIComponent(p.id)}/general`,
    children: { type: 'static', nodes: () => projectFolders(p) },
  };
}
