// Reads what the Project panel shows, section by section, from the org store's lists, and shapes it
// into plain rows. A list the tree (or a pick) has read already is not read again, and loads of the
// same list are merged. Sections load in parallel (the client's limiter bounds the requests) and
// fail on their own: an error in one becomes that section's message, never the panel's. No `vscode` here.
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import type { AssignedRole, Project, ProjectApiKey, ProjectServiceAccount, ProjectUser, Role } from '../../api';
import { describeError } from '../describeError';
import { fromCents, HOSTED_TOOLS } from '../format';
import { toRateLimitRow } from '../rateLimitEdits';
import { listRef, RESOURCES, type ItemOfResource, type OrgStore, type ResourceName } from '../store';
import { toServiceTierData } from './serviceTier';
import {
  isSectionId, SECTION_IDS, type ApiKeyRow, type HostedToolsData, type MemberRow, type MembersData, type OverviewData, type RetentionType, type SectionData,
  type SectionId, type ServiceAccountRow, type Snapshot, type SpendData,
} from './types';

type Loaders = { [K in SectionId]: (store: OrgStore, projectId: string, signal: AbortSignal) => Promise<SectionData[K]> };

export function toOverview(p: Project): OverviewData {
  return {
    id: p.id,
    name: p.name || p.id,
    status: p.status === 'archived' ? 'archived' : 'active',
    createdAt: p.created_at,
    archivedAt: p.archived_at ?? null,
    residency: p.residency ?? null,
  };
}

export function toMemberRow(u: ProjectUser, roles: readonly AssignedRole[] | Error): MemberRow {
  return {
    id: u.id,
    name: u.name || '',
    email: u.email || '',
    role: u.role,
    addedAt: u.added_at ?? null,
    roles: roles instanceof Error ? [] : roles.map((r) => ({ id: r.id, name: r.name, predefined: r.predefined_role })),
    ...(roles instanceof Error ? { rolesError: describeError(roles) } : {}),
  };
}

export function toServiceAccountRow(s: ProjectServiceAccount): ServiceAccountRow {
  return { id: s.id, name: s.name || '', role: s.role, createdAt: s.created_at };
}

export function toApiKeyRow(k: ProjectApiKey): ApiKeyRow {
  const o = k.owner;
  const type = o?.type === 'service_account' ? 'service_account' : o?.type === 'user' ? 'user' : 'unknown';
  const ownerName = type === 'service_account' ? o.service_account?.name || o.service_account?.id || ''
    : o?.user?.name || o?.user?.email || o?.user?.id || '';
  return {
    id: k.id,
    name: k.name || '',
    redacted: k.redacted_value,
    ownerType: type,
    ownerName,
    serviceAccountId: type === 'service_account' ? o.service_account?.id ?? null : null,
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at ?? null,
    expiresAt: k.expires_at ?? null,
  };
}

/** Each member with their project role assignments (read per member; one failure stays on its row). */
async function loadMembers(store: OrgStore, projectId: string, signal: AbortSignal): Promise<MembersData> {
  const [users, roles] = await Promise.all([
    store.loadAll(listRef('projectUsers', projectId), signal),
    store.loadAll(listRef('projectRoles', projectId), signal).then((r: readonly Role[]) => r, (err: unknown) => (signal.aborted ? Promise.reject(err) : asError(err))),
  ]);
  const members = await Promise.all(users.map(async (u) => {
    const assigned = await store.loadAll(listRef('projectUserRoles', projectId, u.id), signal)
      .then((r: readonly AssignedRole[]) => r, (err: unknown) => (signal.aborted ? Promise.reject(err) : asError(err)));
    return toMemberRow(u, assigned);
  }));
  return {
    members,
    roles: roles instanceof Error ? [] : roles.map((r) => ({ id: r.id, name: r.name, predefined: r.predefined_role, description: r.description ?? '' })),
    ...(roles instanceof Error ? { rolesError: describeError(roles) } : {}),
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** A one-object setting's value; undefined when it is not set (an empty list). */
async function setting<R extends ResourceName>(store: OrgStore, resource: R, projectId: string, signal: AbortSignal): Promise<ItemOfResource<R> | undefined> {
  return (await store.loadAll(listRef(resource, projectId), signal))[0];
}

async function loadSpend(store: OrgStore, projectId: string, signal: AbortSignal): Promise<SpendData> {
  const [limit, alerts] = await Promise.all([
    setting(store, 'projectSpendLimit', projectId, signal),
    store.loadAll(listRef('projectSpendAlerts', projectId), signal),
  ]);
  // The API counts cents; the panel shows and edits dollars.
  return {
    limit: limit ? { amount: fromCents(limit.threshold_amount), currency: limit.currency, interval: limit.interval } : null,
    alerts: alerts.map((a) => ({ id: a.id, amount: fromCents(a.threshold_amount), currency: a.currency, interval: a.interval, recipients: a.notification_channel?.recipients ?? [] })),
  };
}

/** A setting the API always has (its list is never empty unless the read failed). */
async function required<R extends ResourceName>(store: OrgStore, resource: R, projectId: string, signal: AbortSignal): Promise<ItemOfResource<R>> {
  const value = await setting(store, resource, projectId, signal);
  if (value === undefined) throw new Error(l10n.t('No {0} were returned.', RESOURCES[resource].what));
  return value;
}

const LOADERS: Loaders = {
  overview: async (store, id, signal) => toOverview(await required(store, 'project', id, signal)),
  members: loadMembers,
  serviceAccounts: async (store, id, signal) => (await store.loadAll(listRef('projectServiceAccounts', id), signal)).map(toServiceAccountRow),
  apiKeys: async (store, id, signal) => (await store.loadAll(listRef('projectApiKeys', id), signal)).map(toApiKeyRow),
  rateLimits: async (store, id, signal) => (await store.loadAll(listRef('projectRateLimits', id), signal)).map(toRateLimitRow),
  modelPermissions: async (store, id, signal) => {
    const p = await setting(store, 'modelPermissions', id, signal);
    return p ? { mode: p.mode, modelIds: p.model_ids } : null;
  },
  hostedTools: async (store, id, signal) => {
    const t = await required(store, 'hostedToolPermissions', id, signal) as Partial<Record<string, { enabled?: boolean } | null>>;
    return Object.fromEntries(HOSTED_TOOLS.map(([tool]) => [tool, t[tool]?.enabled === true])) as HostedToolsData;
  },
  serviceTier: async (store, id, signal) => toServiceTierData(await required(store, 'serviceTier', id, signal)),
  spend: loadSpend,
  dataRetention: async (store, id, signal) => ({ type: (await required(store, 'projectDataRetention', id, signal)).type as RetentionType }),
};

export function loadSection<K extends SectionId>(store: OrgStore, projectId: string, section: K, signal: AbortSignal): Promise<SectionData[K]> {
  // The name may come from a webview: `LOADERS['constructor']` is Object, which hands back the client itself.
  if (!isSectionId(section)) throw new TypeError(`Unknown section: ${String(section).slice(0, 40)}`);
  return LOADERS[section](store, projectId, signal);
}

/**
 * The requested sections (all by default). Cancellation rejects (nobody is waiting for the answer);
 * any other failure becomes the section's error text.
 */
export async function loadSnapshot(store: OrgStore, projectId: string, outer: AbortSignal, sections: readonly SectionId[] = SECTION_IDS): Promise<Snapshot> {
  const unknown = sections.find((s) => !isSectionId(s));
  if (unknown !== undefined) throw new TypeError(`Unknown section: ${String(unknown).slice(0, 40)}`);
  // One request per member (role assignments) and per page all listen to the same signal.
  const signal = AbortSignal.any([outer]);
  setMaxListeners(0, signal);
  const entries = await Promise.all(sections.map(async (s) => {
    try {
      return [s, { ok: true, data: await loadSection(store, projectId, s, signal) }] as const;
    } catch (err) {
      if (signal.aborted) throw err;
      return [s, { ok: false, error: describeError(err) }] as const;
    }
  }));
  return Object.fromEntries(entries) as Snapshot;
}
