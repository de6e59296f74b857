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
  const active = paged('projects', listRef('projects'), projectNode, 'No active projects');
  return folder('projects', 'Projects', 'project', { ...active, fixed: () => [archivedFolder()] }, { expanded: true });
}

function archivedFolder(): NodeSpec {
  return folder('archived', 'Archived', 'archive', paged('archived projects', listRef('archivedProjects'), projectNode, 'No archived projects'));
}

export function projectNode(p: Project): NodeSpec {
  const archived = p.status === 'archived';
  return {
    key: p.id,
    ...projectText(p),
    icon: archived ? ['archive', 'disabledForeground'] : 'project',
    tooltip: [
      ['Project', p.name], ['ID', p.id], ['Status', p.status ?? 'active'], ['Created', isoDate(p.created_at)],
      ...(archived ? [['Archived', isoDate(p.archived_at)] as [string, string]] : []),
      ...(p.residency ? [['Residency', p.residency] as [string, string]] : []),
    ],
    contextValue: contextValue('project', archived ? 'archived' : 'active'),
    context: { projectId: p.id, projectName: p.name || p.id, projectStatus: archived ? 'archived' : 'active' },
    copy: [['Project ID', p.id]],
    platformPath: `/settings/${encodeURIComponent(p.id)}/general`,
    children: { type: 'static', nodes: () => projectFolders(p) },
  };
}
