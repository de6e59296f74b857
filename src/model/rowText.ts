// How a project and a member read wherever they are listed (a tree row, a quick pick), in one place
// below both, so the two cannot drift apart.
import * as l10n from '@vscode/l10n';
import type { Project, User } from '../api';
import { relativeTime } from './format';

export interface RowText {
  label: string;
  description?: string;
}

export function projectText(p: Project): RowText {
  return { label: p.name || p.id, description: p.status === 'archived' ? l10n.t('archived {0}', relativeTime(p.archived_at)) : undefined };
}

export function memberText(u: User): RowText {
  return { label: u.name || u.email || u.id, description: [u.role, u.name ? u.email : undefined].filter(Boolean).join(' · ') };
}
