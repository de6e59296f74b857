import * as vscode from 'vscode';
import type { ExternalKey, ExternalStorage } from '../../api';
import { EXTERNAL_KEY_PROVIDERS, EXTERNAL_STORAGE_PROVIDERS, providerName } from '../../model/externalProviders';
import { humanize, isoDate } from '../../model/format';
import type { NodeSpec } from '../nodeSpec';
import { listRef } from '../../model/store';
import { contextValue, flagOf } from '../ids';
import { folder, paged } from './build';

export function externalKeysFolder(): NodeSpec {
  return folder('externalKeys', vscode.l10n.t('External Keys'), 'lock', paged(vscode.l10n.t('external keys'), listRef('externalKeys'), externalKeyNode, vscode.l10n.t('No external keys')));
}

export function externalStorageFolder(): NodeSpec {
  return folder('externalStorage', vscode.l10n.t('External Storage'), 'database', paged(vscode.l10n.t('external storage'), listRef('externalStorage'), externalStorageNode, vscode.l10n.t('No external storage')));
}

/** Fields every registration has; the rest are the provider's own (ARNs, vaults, buckets), shown as they come. */
const COMMON = new Set(['object', 'id', 'type', 'name', 'created_at', 'api_project_ids', 'workspace_id', 'purpose', 'project_id', 'provider', 'geography', 'status']);

function providerFields(o: object): Array<[string, string]> {
  return Object.entries(o)
    .filter(([k, v]) => !COMMON.has(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => [humanize(k), String(v)]);
}


export function externalKeyNode(k: ExternalKey): NodeSpec {
  const projects = k.api_project_ids ?? [];
  return {
    key: k.id,
    label: k.name || k.id,
    description: [providerName(EXTERNAL_KEY_PROVIDERS, k.type), k.purpose, projects.length === 1 ? vscode.l10n.t('1 project') : vscode.l10n.t('{0} projects', projects.length)].filter(Boolean).join(' · '),
    icon: 'lock',
    tooltip: [
      [vscode.l10n.t('External key'), k.name], [vscode.l10n.t('Provider'), providerName(EXTERNAL_KEY_PROVIDERS, k.type)], [vscode.l10n.t('Purpose'), k.purpose],
      ...providerFields(k),
      [vscode.l10n.t('Used by projects'), projects.join(', ') || vscode.l10n.t('none')], [vscode.l10n.t('Workspace'), k.workspace_id], [vscode.l10n.t('Registered'), isoDate(k.created_at)], [vscode.l10n.t('ID'), k.id],
    ],
    contextValue: contextValue('externalKey'),
    context: { externalKeyId: k.id },
    copy: [[vscode.l10n.t('Key ID'), k.id]],
  };
}

/** Status words as the API gives them; anything but "validated" needs a look. */
const STORAGE_ICONS: Record<string, NodeSpec['icon']> = {
  validated: ['pass', 'testing.iconPassed'],
  pending: 'clock',
  degraded: ['warning', 'list.warningForeground'],
  unhealthy: ['error', 'list.errorForeground'],
};

export function externalStorageNode(s: ExternalStorage): NodeSpec {
  const p = s.provider as ExternalStorage['provider'] & { bucket?: string; container?: string };
  const where = p.bucket ?? p.container ?? s.id;
  return {
    key: s.id,
    label: where,
    description: [s.status, providerName(EXTERNAL_STORAGE_PROVIDERS, p.type), s.geography, s.project_id].filter(Boolean).join(' · '),
    icon: STORAGE_ICONS[s.status] ?? 'database',
    tooltip: [
      [vscode.l10n.t('External storage'), where], [vscode.l10n.t('Status'), s.status], [vscode.l10n.t('Provider'), providerName(EXTERNAL_STORAGE_PROVIDERS, p.type)], ...providerFields(p),
      [vscode.l10n.t('Geography'), s.geography], [vscode.l10n.t('Project'), s.project_id], [vscode.l10n.t('Registered'), isoDate(s.created_at)], [vscode.l10n.t('ID'), s.id],
    ],
    contextValue: contextValue('externalStorage', flagOf(s.status, ['pending', 'validated', 'degraded', 'unhealthy'])),
    context: { externalStorageId: s.id },
    copy: [[vscode.l10n.t('Storage ID'), s.id], [vscode.l10n.t('Project ID'), s.project_id]],
  };
}
