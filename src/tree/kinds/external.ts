import type { ExternalKey, ExternalStorage } from '../../api';
import { EXTERNAL_KEY_PROVIDERS, EXTERNAL_STORAGE_PROVIDERS, providerName } from '../../model/externalProviders';
import { humanize, isoDate } from '../../model/format';
import type { NodeSpec } from '../nodeSpec';
import { listRef } from '../../model/store';
import { contextValue, flagOf } from '../ids';
import { folder, paged } from './build';

export function externalKeysFolder(): NodeSpec {
  return folder('externalKeys', 'External Keys', 'lock', paged('external keys', listRef('externalKeys'), externalKeyNode, 'No external keys'));
}

export function externalStorageFolder(): NodeSpec {
  return folder('externalStorage', 'External Storage', 'database', paged('external storage', listRef('externalStorage'), externalStorageNode, 'No external storage'));
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
    description: [providerName(EXTERNAL_KEY_PROVIDERS, k.type), k.purpose, `${projects.length} project${projects.length === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
    icon: 'lock',
    tooltip: [
      ['External key', k.name], ['Provider', providerName(EXTERNAL_KEY_PROVIDERS, k.type)], ['Purpose', k.purpose],
      ...providerFields(k),
      ['Used by projects', projects.join(', ') || 'none'], ['Workspace', k.workspace_id], ['Registered', isoDate(k.created_at)], ['ID', k.id],
    ],
    contextValue: contextValue('externalKey'),
    context: { externalKeyId: k.id },
    copy: [['Key ID', k.id]],
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
      ['External storage', where], ['Status', s.status], ['Provider', providerName(EXTERNAL_STORAGE_PROVIDERS, p.type)], ...providerFields(p),
      ['Geography', s.geography], ['Project', s.project_id], ['Registered', isoDate(s.created_at)], ['ID', s.id],
    ],
    contextValue: contextValue('externalStorage', flagOf(s.status, ['pending', 'validated', 'degraded', 'unhealthy'])),
    context: { externalStorageId: s.id },
    copy: [['Storage ID', s.id], ['Project ID', s.project_id]],
  };
}
