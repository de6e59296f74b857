// Reads what the Project panel shows, section by section, and shapes it into plain rows. Sections
// load in parallel (the client's limiter bounds the requests) and fail on their own: an error in
// one becomes that section's message, never the panel's. No `vscode` here.
import { setMaxListeners } from 'node:events';
import type { AdminClient, AssignedRole, Project, ProjectApiKey, ProjectServiceAccount, ProjectUser, Role } from '../../api';
import { describeError } from '../describeError';
import { orNotSet } from '../notSet';
import { fromCents, HOSTED_TOOLS } from '../format';
import { toRateLimitRow } from '../rateLimitEdits';
import { toServiceTierData } from './serviceTier';
import {
  isSectionId, SECTION_IDS, type ApiKeyRow, type HostedToolsData, type MemberRow, type MembersData, type OverviewData, type RetentionType, type SectionData,
  type SectionId, type ServiceAccountRow, type Snapshot, type SpendData,
} from './types';

type Loaders = { [K in SectionId]: (client: AdminClient, projectId: string, signal: AbortSignal) => Promise<SectionData[K]> };

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

export function toMemberRow(u: ProjectUser, roles: AssignedRole[] | Error): MemberRow {
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
async function loadMembers(client: AdminClient, projectId: string, signal: AbortSignal): Promise<MembersData> {
  const [users, roles] = await Promise.all([
    client.projectUsers.all(projectId, {}, { signal }),
    client.projectRoles.all(projectId, {}, { signal }).then((r: Role[]) => r, (err: unknown) => (signal.aborted ? Promise.reject(err) : asError(err))),
  ]);
  const members = await Promise.all(users.map(async (u) => {
    const assigned = await client.projectUsers.roles.all(projectId, u.id, {}, { signal }).catch((err: unknown) => (signal.aborted ? Promise.reject(err) : asError(err)));
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

async function loadSpend(client: AdminClient, projectId: string, signal: AbortSignal): Promise<SpendData> {
  const [limit, alerts] = await Promise.all([
    orNotSet(client.projectSpendLimit.retrieve(projectId, { signal })),
    client.projectSpendAlerts.all(projectId, {}, { signal }),
  ]);
  // The API counts cents; the panel shows and edits dollars.
  return {
    limit: limit ? { amount: fromCents(limit.threshold_amount), currency: limit.currency, interval: limit.interval } : null,
    alerts: alerts.map((a) => ({ id: a.id, amount: fromCents(a.threshold_amount), currency: a.currency, interval: a.interval, recipients: a.notification_channel?.recipients ?? [] })),
  };
}

const LOADERS: Loaders = {
  overview: async (c, id, signal) => toOverview(await c.projects.retrieve(id, { signal })),
  members: loadMembers,
  serviceAccounts: async (c, id, signal) => (await c.serviceAccounts.all(id, {}, { signal })).map(toServiceAccountRow),
  apiKeys: async (c, id, signal) => (await c.projectApiKeys.all(id, {}, { signal })).map(toApiKeyRow),
  rateLimits: async (c, id, signal) => (await c.rateLimits.all(id, {}, { signal })).map(toRateLimitRow),
  modelPermissions: async (c, id, signal) => {
    const p = await orNotSet(c.modelPermissions.retrieve(id, { signal }));
    return p ? { mode: p.mode, modelIds: p.model_ids } : null;
  },
  hostedTools: async (c, id, signal) => {
    const t = await c.hostedToolPermissions.retrieve(id, { signal }) as Partial<Record<string, { enabled?: boolean } | null>>;
    return Object.fromEntries(HOSTED_TOOLS.map(([tool]) => [tool, t[tool]?.enabled === true])) as HostedToolsData;
  },
  serviceTier: async (c, id, signal) => toServiceTierData(await c.serviceTierSettings.retrieve(id, { signal })),
  spend: loadSpend,
  dataRetention: async (c, id, signal) => ({ type: (await c.projectDataRetention.retrieve(id, { signal })).type as RetentionType }),
};

export function loadSection<K extends SectionId>(client: AdminClient, projectId: string, section: K, signal: AbortSignal): Promise<SectionData[K]> {
  // The name may come from a webview: `LOADERS['constructor']` is Object, which hands back the client itself.
  if (!isSectionId(section)) throw new TypeError(`Unknown section: ${String(section).slice(0, 40)}`);
  return LOADERS[section](client, projectId, signal);
}

/**
 * The requested sections (all by default). Cancellation rejects (nobody is waiting for the answer);
 * any other failure becomes the section's error text.
 */
export async function loadSnapshot(client: AdminClient, projectId: string, outer: AbortSignal, sections: readonly SectionId[] = SECTION_IDS): Promise<Snapshot> {
  const unknown = sections.find((s) => !isSectionId(s));
  if (unknown !== undefined) throw new TypeError(`Unknown section: ${String(unknown).slice(0, 40)}`);
  // One request per member (role assignments) and per page all listen to the same signal.
  const signal = AbortSignal.any([outer]);
  setMaxListeners(0, signal);
  const entries = await Promise.all(sections.map(async (s) => {
    try {
      return [s, { ok: true, data: await loadSection(client, projectId, s, signal) }] as const;
    } catch (err) {
      if (signal.aborted) throw err;
      return [s, { ok: false, error: describeError(err) }] as const;
    }
  }));
  return Object.fromEntries(entries) as Snapshot;
}
