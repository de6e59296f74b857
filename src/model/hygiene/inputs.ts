import type { ProjectApiKey, ProjectServiceAccount } from '../../api';
import { loadOrganization, type LoadFailure } from '../organization/load';
import { listRef, RESOURCES, type ListRef, type OrgStore, type ResourceName } from '../store';
import type { HygieneInputs } from './types';

/** The store's resources the rules read; a change in any of them may change the findings. */
export const HYGIENE_RESOURCES: readonly ResourceName[] = [
  'projects', 'members', 'adminKeys', 'projectUsers', 'projectServiceAccounts', 'projectApiKeys', 'projectInactiveApiKeys',
];

const PER_PROJECT = ['projectApiKeys', 'projectInactiveApiKeys', 'projectServiceAccounts', 'projectUsers'] as const;

export interface HygieneLoad {
  /** Lists that could not be read: the findings leave out what they would have shown. */
  errors: LoadFailure[];
  /** The oldest read time of the lists the findings come from (ms), for "as of". */
  readAt?: number;
}

/**
 * Reads what the rules need into the store: the organization's members and admin keys, and for every
 * active project its keys (also those of former members, which the default list hides), service
 * accounts and users. Lists read before are not read again; a failed list is reported and the rest
 * goes on. Cancel through `signal`.
 */
export async function loadHygieneInputs(store: OrgStore, options: { signal?: AbortSignal; concurrency?: number } = {}): Promise<HygieneLoad> {
  const result = await loadOrganization(store, {
    signal: options.signal,
    concurrency: options.concurrency,
    includeRoleAssignments: false,
    resources: ['members', 'adminKeys', 'projectUsers', 'projectServiceAccounts', 'projectApiKeys'],
  });
  const errors = [...result.errors];
  // The loader does not read former members' keys: one more list per project, through the same store.
  const projects = store.peek(listRef('projects'))?.items ?? [];
  const refs = projects.map((p) => listRef('projectInactiveApiKeys', p.id));
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const ref = refs[next++];
      options.signal?.throwIfAborted();
      try {
        await store.loadAll(ref, options.signal);
      } catch (error) {
        options.signal?.throwIfAborted();
        errors.push({ ref, what: RESOURCES[ref.resource].what, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, refs.length) }, worker));
  return { errors, readAt: store.readAt(hygieneRefs(store)) };
}

/** Every list the findings read, for the projects the store lists. */
export function hygieneRefs(store: OrgStore): ListRef[] {
  const projects = store.peek(listRef('projects'))?.items ?? [];
  return [listRef('projects'), listRef('members'), listRef('adminKeys'),
    ...projects.flatMap((p) => PER_PROJECT.map((r) => listRef(r, p.id)))];
}

/**
 * The rules' inputs from what the store holds now (no requests): a list not loaded reads as empty,
 * so `complete` says whether every list the rules need is loaded to its end.
 */
export function hygieneSnapshot(store: OrgStore): { inputs: HygieneInputs; complete: boolean } {
  let complete = true;
  const items = <R extends ResourceName>(ref: ListRef<R>) => {
    const list = store.peek(ref);
    if (!list || !list.isLoaded || list.hasMore || list.error !== undefined || list.isLoading) complete = false;
    return list?.items ?? [];
  };
  const projects = items(listRef('projects')).map((p) => ({ id: p.id, name: p.name }));
  const keys = new Map<string, ProjectApiKey[]>();
  const serviceAccounts = new Map<string, readonly ProjectServiceAccount[]>();
  const projectUsers = new Map<string, readonly { id: string }[]>();
  for (const p of projects) {
    const active = items(listRef('projectApiKeys', p.id));
    const ids = new Set(active.map((k) => k.id));
    keys.set(p.id, [...active, ...items(listRef('projectInactiveApiKeys', p.id)).filter((k) => !ids.has(k.id))]);
    serviceAccounts.set(p.id, items(listRef('projectServiceAccounts', p.id)));
    projectUsers.set(p.id, items(listRef('projectUsers', p.id)));
  }
  return {
    inputs: { projects, keys, serviceAccounts, projectUsers, adminKeys: items(listRef('adminKeys')), members: items(listRef('members')) },
    complete,
  };
}
