import * as l10n from '@vscode/l10n';
import type { ProjectApiKey } from '../../api';
import { relativeTime } from '../format';
import { listRef, remove, upsert } from '../store';
import type { PlanStep } from './types';

/** A project as steps name it. */
export interface ProjectName {
  id: string;
  name?: string | null;
}

/** API text inside our own sentences: “name”, cut at 80 characters. */
export function quoted(text: string | null | undefined): string {
  const t = text ?? '';
  return `“${t.length > 80 ? `${t.slice(0, 80)}…` : t}”`;
}

/** 'Project “Alpha” (proj_abc)': the heading plan steps on a project's objects share. */
export function projectGroup(project: ProjectName): string {
  return l10n.t('Project {0} ({1})', quoted(project.name || project.id), project.id);
}

/** "Ada Lovelace" / "service account “ci”": whose work stops when the key goes. */
export function keyOwner(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return l10n.t('service account {0}', quoted(o.service_account?.name || o.service_account?.id));
  const who = o?.user?.name || o?.user?.email || o?.user?.id;
  return who ? quoted(who) : l10n.t('an unknown owner');
}

/** "last used 3 days ago" / "never used". */
export function lastUsed(lastUsedAt: number | null | undefined, nowMs: number): string {
  return lastUsedAt ? l10n.t('last used {0}', relativeTime(lastUsedAt, nowMs)) : l10n.t('never used');
}

const keyPath = (projectId: string, keyId: string) => `/organization/projects/${projectId}/api_keys/${keyId}`;

/** The store's lists that hold a project's keys (the default list, and the one of keys whose owner left). */
function keyLists(projectId: string) {
  return [listRef('projectApiKeys', projectId), listRef('projectInactiveApiKeys', projectId)];
}

/** Deletes one project API key; its removal from the store's key lists is the effect (also on 404). */
export function deleteKeyStep(project: ProjectName, k: ProjectApiKey, nowMs = Date.now()): PlanStep {
  const gone = keyLists(project.id).map((ref) => remove(ref, k.id));
  return {
    id: `delete-key:${project.id}:${k.id}`,
    group: projectGroup(project),
    change: 'delete',
    title: l10n.t('Delete API key {0} ({1}), owned by {2}, {3}', quoted(k.name || k.id), k.redacted_value, keyOwner(k), lastUsed(k.last_used_at, nowMs)),
    call: `DELETE ${keyPath(project.id, k.id)}`,
    run: async (client, signal) => {
      await client.projectApiKeys.delete(project.id, k.id, { signal });
      return gone;
    },
    goneEffects: gone,
  };
}

/** Sets a key's expiry to `days` from the moment the call is sent (the API counts from the request). */
export function setKeyExpiryStep(project: ProjectName, k: ProjectApiKey, days: number): PlanStep {
  const seconds = days * 86400;
  return {
    id: `expire-key:${project.id}:${k.id}`,
    group: projectGroup(project),
    change: 'update',
    title: days === 1
      ? l10n.t('Set API key {0} ({1}), owned by {2}, to expire in 1 day', quoted(k.name || k.id), k.redacted_value, keyOwner(k))
      : l10n.t('Set API key {0} ({1}), owned by {2}, to expire in {3} days', quoted(k.name || k.id), k.redacted_value, keyOwner(k), days),
    call: `POST ${keyPath(project.id, k.id)} {"expires_in_seconds": ${seconds}}`,
    run: async (client, signal) => {
      const updated = await client.projectApiKeys.update(project.id, k.id, { expires_in_seconds: seconds }, { signal });
      // The key stays in the list its owner's access puts it in (the default list shows active owners' keys).
      const ref = updated.owner_project_access === 'inactive' ? listRef('projectInactiveApiKeys', project.id) : listRef('projectApiKeys', project.id);
      return [upsert(ref, updated)];
    },
  };
}
