/**
 * Load Organization: every list of the organization read into the org store, as fast as the
 * request limit allows, with progress, Cancel, and partial results usable at once (each list is the
 * store's own, so a view showing it fills as its pages arrive).
 *
 * - Every page is its own task, so the pipe stays full: the projects list, one project's second page
 *   of users and another project's rate limits compete for the same `concurrency` slots. Follow-up
 *   pages go to the front of the queue, so a long list (the projects list above all, whose pages
 *   start everything else) never waits behind independent work.
 * - Pages are read through the store's lists (`loadMore`), so a list the tree is loading at the same
 *   time is read once (the two loads merge), a list read to its end before is not read again, and
 *   every list records when it was read. Each (list, cursor) is asked for once; a cursor the API
 *   repeats fails that list instead of looping.
 * - Adaptive concurrency is the client's: its limiter (src/api/limiter.ts), shared by every request
 *   of the connection, halves on a 429, waits out Retry-After and grows back by one per round, never
 *   above `openaiAdmin.maxConcurrentRequests`. The loader only keeps at most `concurrency` pages in
 *   flight; a page still rate limited after the client's own retries gives its slot back and is
 *   queued again once the server's wait has passed (a few times at most).
 * - A failed list is recorded in `errors` and the rest goes on (a failed projects list too: the
 *   organization's own lists still load). Retrying is running the load again: lists read to their
 *   end are skipped, so only the failed ones (and what hangs off them) are read.
 * - Cancel through `signal`: nothing new starts, the loader's requests in flight are aborted (a load
 *   another view started is left to it), the lists keep what they had, and the load rejects with
 *   the signal's reason.
 *
 * No `vscode` import: the command, the bench, the tests and the Access Review share it.
 */
import * as l10n from '@vscode/l10n';
import type { Project, Role } from '../../api';
import { PageQueue } from './pageQueue';
import { listKey, listRef, RESOURCES, type ListRef, type OrgStore, type ResourceName, type StoredList } from '../store';

/** `openaiAdmin.maxConcurrentRequests`' default (package.json): what the load uses when not told. */
export const DEFAULT_LOAD_CONCURRENCY = 8;

/** The organization's own lists. */
export const ORGANIZATION_LISTS = ['members', 'invites', 'groups', 'roles', 'adminKeys'] as const;
/** What is read for every active project. */
export const PROJECT_LISTS = [
  'projectUsers', 'projectServiceAccounts', 'projectApiKeys', 'projectRateLimits', 'modelPermissions', 'hostedToolPermissions',
  'serviceTier', 'projectGroups', 'projectRoles',
] as const;
/** Lists with one per group, member or project user. */
export const NESTED_LISTS = ['groupUsers', 'memberRoles', 'groupRoles', 'projectUserRoles'] as const;

export type LoadResource = (typeof ORGANIZATION_LISTS)[number] | (typeof PROJECT_LISTS)[number] | (typeof NESTED_LISTS)[number];
export const LOAD_RESOURCES: readonly LoadResource[] = [...ORGANIZATION_LISTS, ...PROJECT_LISTS, ...NESTED_LISTS];
const ROLE_ASSIGNMENTS: readonly LoadResource[] = ['memberRoles', 'groupRoles', 'projectUserRoles'];

export interface LoadOptions {
  signal?: AbortSignal;
  /** Pages in flight at once; default DEFAULT_LOAD_CONCURRENCY. The client's own limit may hold them to fewer. */
  concurrency?: number;
  onProgress?(progress: LoadProgress): void;
  /**
   * Role assignments (members', groups' and project users' roles): one request per principal, so at
   * 5,000 members × 2,000 projects reading them all would be tens of thousands of requests, most
   * answering only what the membership already says (the predefined roles that mirror owner/reader
   * and owner/member are listed as assigned). 'custom' (the default) reads them only where a custom
   * role exists to be assigned: the members' and groups' when the organization has a custom role, a
   * project's users' when that project has one. true reads every one; false none.
   */
  includeRoleAssignments?: boolean | 'custom';
  /** Which lists to read; default all of LOAD_RESOURCES. The lists they hang off are read as well. */
  resources?: readonly LoadResource[];
  /** How often a page still rate limited after the client's retries is queued again. Default 5. */
  rateLimitRetries?: number;
  /** Wait before such a page is queued again when the server named none, times the attempt. Default 1000 ms. */
  rateLimitPauseMs?: number;
}

export interface LoadProgress {
  /** Pages the load asked for and got an answer to (or joined another view's request for). */
  requests: number;
  /** Lists known so far (more appear as the lists they hang off arrive). */
  lists: number;
  /** Lists read to their end or failed. */
  listsDone: number;
  failed: number;
  /** Active projects seen so far. */
  projects: number;
  /** True once the projects list is complete (or failed). */
  projectsListed: boolean;
}

export interface LoadFailure {
  ref: ListRef;
  /** The list in words, from RESOURCES ("users"). */
  what: string;
  error: unknown;
}

export interface LoadResult {
  /** Every list read to its end, by this load or before it. */
  lists: ListRef[];
  errors: LoadFailure[];
  /** Pages the load asked for (the client's own retries not counted). */
  requests: number;
  /** The most pages the load had in flight at once. */
  maxInFlight: number;
  /** The oldest read time among `lists` (ms since the epoch), for "as of". */
  readAt?: number;
}

/**
 * A list read again from the same cursor this often in a row is given up on: another view that keeps
 * resetting it can read it itself, and an API that answers a cursor with itself would loop forever.
 */
const MAX_STALLS = 3;

interface Entry {
  ref: ListRef;
  list: StoredList<unknown>;
  /** Cursors this list has been read from, so a repeated one is caught (made at its second page: most lists have one). */
  cursors?: Set<string>;
  rateLimited: number;
  /** Reads in a row that left the cursor where it was (cancelled or reset by another view, or a stuck API). */
  stalls: number;
  state: 'pending' | 'done' | 'failed';
  onPage?: (items: readonly unknown[]) => void;
  waiters: ((ok: boolean) => void)[];
}

export async function loadOrganization(store: OrgStore, options: LoadOptions = {}): Promise<LoadResult> {
  const concurrency = options.concurrency ?? DEFAULT_LOAD_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
  options.signal?.throwIfAborted();
  const loader = new Loader(store, concurrency, options);
  return loader.run();
}

class Loader {
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new PageQueue<Entry>();
  private readonly own = new Set<Entry>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly errors: LoadFailure[] = [];
  private readonly wanted: ReadonlySet<LoadResource>;
  private readonly roleMode: boolean | 'custom';
  private running = 0;
  private sleeping = 0;
  private requests = 0;
  private maxInFlight = 0;
  private listsDone = 0;
  private projects = 0;
  private projectsListed = false;
  private stopped = false;
  private settle?: () => void;

  constructor(private readonly store: OrgStore, private readonly concurrency: number, private readonly options: LoadOptions) {
    this.roleMode = options.includeRoleAssignments ?? 'custom';
    const wanted = new Set(options.resources ?? LOAD_RESOURCES);
    if (this.roleMode === false) for (const r of ROLE_ASSIGNMENTS) wanted.delete(r);
    this.wanted = wanted;
  }

  async run(): Promise<LoadResult> {
    const signal = this.options.signal;
    const onAbort = () => this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.start();
      await this.idle();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw signal.reason;
    const lists = [...this.entries.values()].filter((e) => e.state === 'done').map((e) => e.ref);
    return { lists, errors: this.errors, requests: this.requests, maxInFlight: this.maxInFlight, readAt: this.store.readAt(lists) };
  }

  private has(...resources: LoadResource[]): boolean {
    return resources.some((r) => this.wanted.has(r));
  }

  /** Whether principals of this scope get their role assignments read, given its roles. */
  private assignable(roles: readonly unknown[]): boolean {
    return this.roleMode === true || (this.roleMode === 'custom' && (roles as Role[]).some((r) => !r.predefined_role));
  }

  private start(): void {
    const needRoles = this.roleMode === 'custom' && this.has('memberRoles', 'groupRoles');
    const org = (resource: 'members' | 'invites' | 'groups' | 'roles' | 'adminKeys', also = false) =>
      (this.has(resource) || also) ? this.want(listRef(resource)) : undefined;
    const roles = org('roles', needRoles);
    const members = org('members', this.has('memberRoles'));
    org('invites');
    org('adminKeys');
    const groups = org('groups', this.has('groupUsers', 'groupRoles'));

    if (members && this.has('memberRoles')) {
      this.after([members, roles], () => {
        if (roles && !this.assignable(roles.list.items)) return;
        for (const u of members.list.items as { id: string }[]) this.want(listRef('memberRoles', u.id));
      });
    }
    if (groups && this.has('groupUsers', 'groupRoles')) {
      this.after([groups], () => {
        for (const g of groups.list.items as { id: string }[]) if (this.has('groupUsers')) this.want(listRef('groupUsers', g.id));
      });
      if (this.has('groupRoles')) {
        this.after([groups, roles], () => {
          if (roles && !this.assignable(roles.list.items)) return;
          for (const g of groups.list.items as { id: string }[]) this.want(listRef('groupRoles', g.id));
        });
      }
    }

    if (!this.has(...PROJECT_LISTS, 'projectUserRoles')) {
      this.projectsListed = true;
      return;
    }
    // The projects list's pages start everything else: each project's lists are queued as soon as
    // the page naming it arrives.
    let seen = 0;
    const projects = this.want(listRef('projects'), (items) => {
      for (const project of (items as Project[]).slice(seen)) this.project(project.id);
      seen = items.length;
      this.projects = seen;
    });
    this.after([projects], () => undefined, () => { this.projectsListed = true; });
  }

  private project(id: string): void {
    const userRoles = this.has('projectUserRoles');
    const needRoles = userRoles && this.roleMode === 'custom';
    for (const resource of PROJECT_LISTS) {
      if (this.has(resource) || (resource === 'projectUsers' && userRoles) || (resource === 'projectRoles' && needRoles)) {
        this.want(listRef(resource, id));
      }
    }
    if (!userRoles) return;
    const users = this.want(listRef('projectUsers', id));
    const roles = needRoles ? this.want(listRef('projectRoles', id)) : undefined;
    this.after([users, roles], () => {
      if (roles && !this.assignable(roles.list.items)) return;
      for (const u of users.list.items as { id: string }[]) this.want(listRef('projectUserRoles', id, u.id));
    });
  }

  /** Runs `then` once every list given is read to its end (`always` once each has finished either way). */
  private after(entries: (Entry | undefined)[], then: () => void, always?: () => void): void {
    const present = entries.filter((e): e is Entry => e !== undefined);
    let left = present.length;
    let ok = true;
    const one = (done: boolean) => {
      ok &&= done;
      if (--left > 0) return;
      always?.();
      if (ok && !this.stopped) then();
    };
    if (left === 0) return void then();
    for (const e of present) {
      if (e.state === 'pending') e.waiters.push(one);
      else one(e.state === 'done');
    }
  }

  /** The entry for a list, queued for reading unless it is already read to its end. */
  private want(ref: ListRef, onPage?: (items: readonly unknown[]) => void): Entry {
    const key = listKey(ref);
    const known = this.entries.get(key);
    if (known) return known;
    const list = this.store.list(ref as ListRef<ResourceName>) as StoredList<unknown>;
    const entry: Entry = { ref, list, rateLimited: 0, stalls: 0, state: 'pending', onPage, waiters: [] };
    this.entries.set(key, entry);
    if (this.stopped) return entry;
    if (isComplete(list)) {
      onPage?.(list.items);
      this.finish(entry, 'done');
    } else {
      this.queue.push(entry);
      this.pump();
    }
    return entry;
  }

  private finish(entry: Entry, state: 'done' | 'failed', error?: unknown): void {
    entry.state = state;
    this.listsDone++;
    if (state === 'failed') this.errors.push({ ref: entry.ref, what: RESOURCES[entry.ref.resource].what, error });
    for (const waiter of entry.waiters.splice(0)) waiter(state === 'done');
    this.report();
  }

  private report(): void {
    this.options.onProgress?.({
      requests: this.requests, lists: this.entries.size, listsDone: this.listsDone, failed: this.errors.length,
      projects: this.projects, projectsListed: this.projectsListed,
    });
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.running++;
      this.maxInFlight = Math.max(this.maxInFlight, this.running);
      void this.page(entry).finally(() => {
        this.running--;
        this.pump();
        this.checkIdle();
      });
    }
  }

  /** Reads the list's next page (or joins the read another view started) and decides what follows. */
  private async page(entry: Entry): Promise<void> {
    const { list } = entry;
    const from = list.isLoaded ? list.nextCursor : undefined;
    const ours = !list.isLoading;
    if (ours) this.own.add(entry);
    try {
      await list.loadMore();
    } finally {
      this.own.delete(entry);
    }
    if (this.stopped) return;
    this.requests++;
    if (list.error !== undefined) return this.failed(entry, list.error);
    if (list.isLoaded) entry.onPage?.(list.items);
    if (isComplete(list)) return this.finish(entry, 'done');
    const next = list.isLoaded ? list.nextCursor : undefined;
    if (next !== undefined && next !== from) {
      if (entry.cursors?.has(next)) return this.stuck(entry, next);
      (entry.cursors ??= new Set()).add(next);
      entry.stalls = 0;
    } else if (++entry.stalls > MAX_STALLS) {
      return this.stuck(entry, next);
    }
    // The next page (or, when another view reset or cancelled the list meanwhile, the page again)
    // before anything independent.
    this.queue.unshift(entry);
    this.report();
  }

  private stuck(entry: Entry, cursor: string | undefined): void {
    this.finish(entry, 'failed', new Error(l10n.t('Pagination stopped: the {0} list repeated the cursor {1}', RESOURCES[entry.ref.resource].what, cursor ?? '(none)')));
  }

  private failed(entry: Entry, error: unknown): void {
    const retries = this.options.rateLimitRetries ?? 5;
    if (!isRateLimited(error) || entry.rateLimited >= retries) return this.finish(entry, 'failed', error);
    entry.rateLimited++;
    const waitMs = (error as { retryAfterMs?: number }).retryAfterMs ?? (this.options.rateLimitPauseMs ?? 1000) * entry.rateLimited;
    this.sleeping++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.sleeping--;
      if (!this.stopped) {
        this.queue.unshift(entry);
        this.pump();
      }
      this.checkIdle();
    }, waitMs);
    this.timers.add(timer);
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.sleeping = 0;
    // Only the loads this loader started: another view's load of the same list is its own business.
    for (const entry of this.own) entry.list.cancel();
    this.checkIdle();
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.settle = resolve;
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    if (this.running === 0 && this.sleeping === 0 && (this.stopped || this.queue.length === 0)) {
      const settle = this.settle;
      this.settle = undefined;
      settle?.();
    }
  }
}

/** Read to its end, without a failure, and not being read again right now. */
function isComplete(list: StoredList<unknown>): boolean {
  return list.isLoaded && !list.hasMore && list.error === undefined && !list.isLoading;
}

function isRateLimited(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 429;
}
