// Builds the Access Review from what the org store holds: one pass over each list, with maps from
// user, service account and project ids to what they reach, so 5,000 members × 2,000 projects
// build in tens of milliseconds (BENCHMARKS.md, Access Review figure). Lists that were never read
// contribute nothing; `coverage` says how much was read, so the view can say the review is partial.
import type { AssignedRole, ProjectApiKey } from '../../api';
import { listRef, type OrgStore, type ResourceName, type StoredList } from '../store';
import type { OwnedKey, ProjectAccess, Review, ReviewCoverage, ReviewRow } from './types';

/** Every resource the review reads: a change to any of these lists may change its rows. */
export const REVIEW_RESOURCES: readonly ResourceName[] = [
  'members', 'memberRoles', 'invites', 'groups', 'groupUsers', 'projects',
  'projectUsers', 'projectUserRoles', 'projectServiceAccounts', 'projectApiKeys',
];

/** How a person or account is named wherever one line must do. */
export function rowLabel(row: Pick<ReviewRow, 'name' | 'email' | 'id'>): string {
  return row.name || row.email || row.id;
}

/** Tracks the lists read: the oldest read time and whether any is loading. */
class Reads {
  oldest: number | undefined;
  loading = false;

  /** The list's items when it holds any read data (possibly partial), else undefined. */
  items<T>(list: StoredList<T> | undefined): readonly T[] | undefined {
    if (!list) return undefined;
    if (list.isLoading) this.loading = true;
    if (!list.isLoaded) return undefined;
    const at = list.readAt;
    if (at !== undefined && (this.oldest === undefined || at < this.oldest)) this.oldest = at;
    return list.items;
  }

  /** Read to its end (no page missing). */
  complete(list: StoredList<unknown> | undefined): boolean {
    return !!list && list.isLoaded && !list.hasMore && list.error === undefined;
  }
}

const names = (roles: readonly AssignedRole[]) => roles.map((r) => r.name);

function ownedKey(key: ProjectApiKey, projectId: string, projectName: string): OwnedKey {
  return {
    id: key.id, name: key.name, projectId, projectName, redactedValue: key.redacted_value,
    createdAt: key.created_at, lastUsedAt: key.last_used_at ?? null, expiresAt: key.expires_at ?? null,
  };
}

/** Fills `lastKeyUse` and `nextKeyExpiry` from the row's keys. */
function keyTimes(row: ReviewRow): void {
  let last: number | null = null;
  let next: number | null = null;
  for (const k of row.keys) {
    if (k.lastUsedAt !== null && (last === null || k.lastUsedAt > last)) last = k.lastUsedAt;
    if (k.expiresAt !== null && (next === null || k.expiresAt < next)) next = k.expiresAt;
  }
  row.lastKeyUse = last;
  row.nextKeyExpiry = next;
}

function emptyRow(kind: ReviewRow['kind'], key: string, id: string, name: string, email: string, orgRole: string): ReviewRow {
  return { key, kind, id, name, email, orgRole, projects: [], groups: [], keys: [], lastKeyUse: null, nextKeyExpiry: null };
}

/** The review of everything the store holds now. Pure: reads the store, changes nothing, sends nothing. */
export function buildReview(store: OrgStore): Review {
  const reads = new Reads();
  const members = reads.items(store.peek(listRef('members'))) ?? [];
  const invites = reads.items(store.peek(listRef('invites'))) ?? [];
  const groups = reads.items(store.peek(listRef('groups'))) ?? [];
  const projects = reads.items(store.peek(listRef('projects'))) ?? [];

  const memberRows = new Map<string, ReviewRow>();
  for (const u of members) {
    const row = emptyRow('member', `member:${u.id}`, u.id, u.name ?? '', u.email ?? '', u.role ?? '');
    const roles = reads.items(store.peek({ resource: 'memberRoles', ids: [u.id] }));
    if (roles) row.orgRoles = names(roles);
    memberRows.set(u.id, row);
  }

  let groupsRead = 0;
  for (const g of groups) {
    const list = store.peek({ resource: 'groupUsers', ids: [g.id] });
    const users = reads.items(list);
    if (reads.complete(list)) groupsRead++;
    for (const gu of users ?? []) memberRows.get(gu.id)?.groups.push({ id: g.id, name: g.name });
  }

  // Project user role assignments, read per (project, user): one walk over those lists, keyed "pid/uid".
  const assigned = new Map<string, string[]>();
  for (const [ref, list] of store.listsOf('projectUserRoles')) {
    const roles = reads.items(list);
    if (roles) assigned.set(`${ref.ids[0]}/${ref.ids[1]}`, names(roles));
  }

  const accountRows: ReviewRow[] = [];
  let projectsRead = 0;
  const projectNames = new Map<string, string>();
  for (const p of projects) {
    const name = p.name ?? p.id;
    projectNames.set(p.id, name);
    const ids = [p.id];
    const usersList = store.peek({ resource: 'projectUsers', ids });
    const accountsList = store.peek({ resource: 'projectServiceAccounts', ids });
    const keysList = store.peek({ resource: 'projectApiKeys', ids });
    if (reads.complete(usersList) && reads.complete(accountsList) && reads.complete(keysList)) projectsRead++;

    for (const pu of reads.items(usersList) ?? []) {
      const row = memberRows.get(pu.id);
      if (!row) continue;
      const access: ProjectAccess = { projectId: p.id, projectName: name, role: pu.role };
      const roles = assigned.get(`${p.id}/${pu.id}`);
      if (roles) access.roles = roles;
      row.projects.push(access);
    }
    const accounts = new Map<string, ReviewRow>();
    for (const sa of reads.items(accountsList) ?? []) {
      const row = emptyRow('serviceAccount', `serviceAccount:${p.id}/${sa.id}`, sa.id, sa.name, '', '');
      row.projects.push({ projectId: p.id, projectName: name, role: sa.role });
      accounts.set(sa.id, row);
      accountRows.push(row);
    }
    for (const key of reads.items(keysList) ?? []) {
      const owner = key.owner;
      const row = owner.type === 'service_account' ? accounts.get(owner.service_account?.id ?? '')
        : owner.type === 'user' ? memberRows.get(owner.user?.id ?? '') : undefined;
      row?.keys.push(ownedKey(key, p.id, name));
    }
  }

  const inviteRows: ReviewRow[] = [];
  for (const inv of invites) {
    if (inv.status !== 'pending') continue;
    const row = emptyRow('invite', `invite:${inv.id}`, inv.id, '', inv.email, inv.role);
    row.invite = { status: inv.status, createdAt: inv.created_at, expiresAt: inv.expires_at ?? null };
    row.projects = inv.projects.map((ip) => ({ projectId: ip.id, projectName: projectNames.get(ip.id) ?? ip.id, role: ip.role }));
    inviteRows.push(row);
  }

  const rows = [...memberRows.values(), ...inviteRows, ...accountRows];
  for (const row of rows) keyTimes(row);
  const coverage: ReviewCoverage = {
    members: reads.complete(store.peek(listRef('members'))),
    invites: reads.complete(store.peek(listRef('invites'))),
    projects: reads.complete(store.peek(listRef('projects'))),
    projectCount: projects.length,
    projectsRead,
    groupCount: groups.length,
    groupsRead,
    loading: reads.loading,
  };
  return { rows, coverage, readAt: reads.oldest };
}
