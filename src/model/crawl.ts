/**
 * The organization crawl: every project's users, service accounts, API keys, rate limits, model
 * permissions and hosted tool permissions, every page, as fast as the concurrency limit allows.
 *
 * - Every page is its own task, so the pipe stays full: the projects list, a project's second page
 *   of users and another project's rate limits all compete for the same `concurrency` slots.
 *   Follow-up pages (the projects list's next page above all) go to the front of the queue, so the
 *   critical path never waits behind independent work.
 * - No request is made twice by the crawl: each (list, cursor) is fetched once, a cursor the API
 *   repeats is reported instead of followed. (The client may still retry a failed attempt.)
 * - 429s: the client retries with Retry-After; a page that is still rate limited afterwards halves
 *   the crawl's concurrency and is queued again after a pause (a few times at most); the limit
 *   grows back by one per `limit` successes.
 * - Cancellable through one AbortSignal: nothing new starts, requests in flight are aborted, and
 *   the crawl rejects with the signal's reason.
 * - A failed list does not stop the crawl: it becomes an entry in `errors` and the rest goes on
 *   (only the projects list itself is fatal).
 *
 * No `vscode` import: the bench, the tests and the extension share it.
 */
import { setMaxListeners } from 'node:events';
import type {
  AdminClient,
  Page,
  Project,
  ProjectApiKey,
  ProjectHostedToolPermissions,
  ProjectModelPermissions,
  ProjectRateLimit,
  ProjectServiceAccount,
  ProjectUser,
} from '../api';
import { orNotSet } from './notSet';

/** `openaiAdmin.maxConcurrentRequests`' default (package.json): what the crawl uses when not told. */
export const DEFAULT_CRAWL_CONCURRENCY = 8;

/** The part of the client the crawl calls (a fake or a wrapper in tests is enough). */
export type CrawlClient = Pick<
  AdminClient,
  'projects' | 'projectUsers' | 'serviceAccounts' | 'projectApiKeys' | 'rateLimits' | 'modelPermissions' | 'hostedToolPermissions'
>;

export type CrawlResource = 'users' | 'serviceAccounts' | 'apiKeys' | 'rateLimits' | 'modelPermissions' | 'hostedToolPermissions';

export const CRAWL_RESOURCES: readonly CrawlResource[] = ['users', 'serviceAccounts', 'apiKeys', 'rateLimits', 'modelPermissions', 'hostedToolPermissions'];

export interface ProjectCrawl {
  project: Project;
  /** Undefined for archived projects (the API refuses to list them) or when the list failed (see `errors`). */
  users?: ProjectUser[];
  serviceAccounts?: ProjectServiceAccount[];
  apiKeys?: ProjectApiKey[];
  rateLimits?: ProjectRateLimit[];
  /** Null when the project has no model permissions policy (the API's 404). */
  modelPermissions?: ProjectModelPermissions | null;
  hostedToolPermissions?: ProjectHostedToolPermissions;
}

export interface CrawlFailure {
  projectId: string;
  resource: CrawlResource;
  error: unknown;
}

export interface CrawlProgress {
  /** Requests the crawl completed (successful or not). */
  requests: number;
  /** Projects seen so far (the projects list may still be paging). */
  projects: number;
  /** Projects with every resource done. */
  projectsDone: number;
  /** True once the last page of the projects list arrived. */
  projectsListed: boolean;
}

export interface CrawlOptions {
  /** Requests in flight at once; default DEFAULT_CRAWL_CONCURRENCY. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Also crawl archived projects (their users and service accounts cannot be listed). Default false. */
  includeArchived?: boolean;
  /** Which resources to load; default all of CRAWL_RESOURCES. */
  resources?: readonly CrawlResource[];
  onProgress?: (progress: CrawlProgress) => void;
  /** Called once per project when all its resources are done. */
  onProject?: (project: ProjectCrawl) => void;
  /** How often a page still rate limited after the client's retries is queued again. Default 3. */
  rateLimitRetries?: number;
  /** Pause before such a page is queued again, times the attempt number. Default 1000 ms. */
  rateLimitPauseMs?: number;
}

export interface OrganizationCrawl {
  /** In the projects list's order. */
  projects: ProjectCrawl[];
  errors: CrawlFailure[];
  /** Requests the crawl made (client-level retries not counted). */
  requests: number;
  /** The highest number of requests the crawl had in flight at once. */
  maxInFlight: number;
}

/** Loads the organization's projects and, for each, every page of `resources`. */
export async function crawlOrganization(client: CrawlClient, options: CrawlOptions = {}): Promise<OrganizationCrawl> {
  const concurrency = options.concurrency ?? DEFAULT_CRAWL_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
  const resources = options.resources ?? CRAWL_RESOURCES;
  const includeArchived = options.includeArchived ?? false;
  const signal = options.signal;
  signal?.throwIfAborted();

  const projects: ProjectCrawl[] = [];
  const errors: CrawlFailure[] = [];
  const pending = new Map<ProjectCrawl, number>();
  const pool = new Pool(concurrency, signal, {
    retries: options.rateLimitRetries ?? 3,
    pauseMs: options.rateLimitPauseMs ?? 1000,
  });
  let projectsListed = false;
  let projectsDone = 0;

  const progress = () => options.onProgress?.({ requests: pool.completed, projects: projects.length, projectsDone, projectsListed });
  const done = (entry: ProjectCrawl) => {
    const left = pending.get(entry)! - 1;
    pending.set(entry, left);
    if (left === 0) {
      pending.delete(entry);
      projectsDone++;
      options.onProject?.(entry);
    }
  };

  /** Every page of one list, one task per page; `finish` runs once with all items (or the error). */
  const list = <T>(
    what: string,
    fetch: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
    finish: (result: { items: T[] } | { error: unknown }) => void,
  ) => {
    const items: T[] = [];
    const seen = new Set<string>();
    const page = (cursor: string | undefined, first: boolean) =>
      pool.add(async (s) => {
        const result = await fetch(cursor, s);
        items.push(...result.data);
        const next = nextCursorOf(what, result, seen);
        if (next === undefined) finish({ items });
        else page(next, false);
      }, (error) => finish({ error }), !first);
    page(undefined, true);
  };

  const single = <T>(fetch: (signal: AbortSignal) => Promise<T>, finish: (result: { value: T } | { error: unknown }) => void) =>
    pool.add(async (s) => finish({ value: await fetch(s) }), (error) => finish({ error }));

  const crawlProject = (project: Project) => {
    const entry: ProjectCrawl = { project };
    projects.push(entry);
    const archived = project.status === 'archived';
    const wanted = resources.filter((r) => !(archived && (r === 'users' || r === 'serviceAccounts')));
    pending.set(entry, wanted.length);
    if (wanted.length === 0) {
      pending.set(entry, 1);
      done(entry);
      return;
    }
    const id = project.id;
    const fail = (resource: CrawlResource, error: unknown) => errors.push({ projectId: id, resource, error });
    for (const resource of wanted) {
      switch (resource) {
        case 'users':
          list(`${id} users`, (after, s) => client.projectUsers.listPage(id, { after }, { signal: s }), (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.users = r.items;
            done(entry);
          });
          break;
        case 'serviceAccounts':
          list(`${id} service accounts`, (after, s) => client.serviceAccounts.listPage(id, { after }, { signal: s }), (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.serviceAccounts = r.items;
            done(entry);
          });
          break;
        case 'apiKeys':
          list(`${id} API keys`, (after, s) => client.projectApiKeys.listPage(id, { after }, { signal: s }), (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.apiKeys = r.items;
            done(entry);
          });
          break;
        case 'rateLimits':
          list(`${id} rate limits`, (after, s) => client.rateLimits.listPage(id, { after }, { signal: s }), (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.rateLimits = r.items;
            done(entry);
          });
          break;
        case 'modelPermissions':
          single(async (s) => (await orNotSet(client.modelPermissions.retrieve(id, { signal: s }))) ?? null, (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.modelPermissions = r.value;
            done(entry);
          });
          break;
        case 'hostedToolPermissions':
          single((s) => client.hostedToolPermissions.retrieve(id, { signal: s }), (r) => {
            if ('error' in r) fail(resource, r.error);
            else entry.hostedToolPermissions = r.value;
            done(entry);
          });
          break;
      }
    }
  };

  let fatal: unknown;
  let hasFatal = false;
  const seenProjectCursors = new Set<string>();
  // The projects list pages are the critical path: each next page goes to the front of the queue,
  // and each project's work is queued as soon as its page arrives.
  const projectPages = (cursor: string | undefined) =>
    pool.add(async (s) => {
      const page = await client.projects.listPage({ after: cursor, include_archived: includeArchived || undefined }, { signal: s });
      const next = nextCursorOf('the projects list', page, seenProjectCursors);
      if (next === undefined) projectsListed = true;
      else projectPages(next);
      for (const p of page.data) crawlProject(p);
      progress();
    }, (error) => {
      hasFatal = true;
      fatal = error;
      pool.stop(error);
    }, true);
  projectPages(undefined);

  pool.onSettled = progress;
  await pool.idle();
  if (signal?.aborted) throw signal.reason;
  if (hasFatal) throw fatal;
  return { projects, errors, requests: pool.completed, maxInFlight: pool.maxInFlight };
}

/**
 * The cursor of the page after `page`, or undefined on the last page. A list that says it has more
 * but gives no cursor, or a cursor it gave before, would loop forever: that is an error, not a request.
 */
function nextCursorOf(what: string, page: Page<unknown>, seen: Set<string>): string | undefined {
  if (!page.hasMore) return undefined;
  if (page.nextCursor === null) throw new Error(`Pagination stopped: ${what} reported more results without a cursor`);
  if (seen.has(page.nextCursor)) throw new Error(`Pagination stopped: ${what} repeated the cursor ${page.nextCursor}`);
  seen.add(page.nextCursor);
  return page.nextCursor;
}

function isRateLimited(err: unknown): boolean {
  return (err as { status?: unknown } | null)?.status === 429;
}

interface Task {
  run: (signal: AbortSignal) => Promise<void>;
  fail: (error: unknown) => void;
  attempt: number;
}

/**
 * A task queue with at most `limit` tasks running (one task = one request). The limit drops by half
 * on a 429 that outlived the client's retries and grows back by one per `limit` successes.
 */
class Pool {
  completed = 0;
  maxInFlight = 0;
  onSettled?: () => void;
  private readonly queue: Task[] = [];
  private running = 0;
  private waiting = 0; // tasks sleeping before a rate-limit retry
  private limit: number;
  private successesSinceDrop = 0;
  private stopped = false;
  private readonly controller = new AbortController();
  private readonly signal: AbortSignal;
  private resolveIdle?: () => void;

  constructor(private readonly max: number, outer: AbortSignal | undefined, private readonly rateLimit: { retries: number; pauseMs: number }) {
    this.limit = max;
    this.signal = outer ? AbortSignal.any([outer, this.controller.signal]) : this.controller.signal;
    // Every request in flight (and every request waiting for the client's own limit) listens on it.
    setMaxListeners(Math.max(64, max * 4), this.signal);
    this.signal.addEventListener('abort', () => this.stop(this.signal.reason), { once: true });
  }

  /** Queues a task; `front` puts it before everything queued (continuations of a chain). */
  add(run: Task['run'], fail: Task['fail'], front = false, attempt = 0): void {
    if (this.stopped) return;
    const task = { run, fail, attempt };
    if (front) this.queue.unshift(task);
    else this.queue.push(task);
    this.pump();
  }

  stop(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    this.checkIdle();
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => { this.resolveIdle = resolve; });
  }

  private isIdle(): boolean {
    return this.running === 0 && this.waiting === 0 && (this.stopped || this.queue.length === 0);
  }

  private checkIdle(): void {
    if (this.isIdle() && this.resolveIdle) {
      const resolve = this.resolveIdle;
      this.resolveIdle = undefined;
      resolve();
    }
  }

  private pump(): void {
    while (!this.stopped && this.running < this.limit && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running++;
      this.maxInFlight = Math.max(this.maxInFlight, this.running);
      void this.execute(task);
    }
  }

  private async execute(task: Task): Promise<void> {
    let requeue = false;
    try {
      await task.run(this.signal);
      this.succeeded();
    } catch (error) {
      if (this.stopped) {
        // Cancelled: the crawl as a whole rejects; nothing to record.
      } else if (isRateLimited(error) && task.attempt < this.rateLimit.retries) {
        this.limit = Math.max(1, Math.floor(this.limit / 2));
        this.successesSinceDrop = 0;
        requeue = true;
      } else {
        try { task.fail(error); } catch { /* a failing handler must not wedge the pool */ }
      }
    } finally {
      this.completed++;
      this.running--;
    }
    if (requeue) {
      this.waiting++;
      const waited = await pause(this.rateLimit.pauseMs * (task.attempt + 1), this.signal);
      this.waiting--;
      if (waited) this.add(task.run, task.fail, true, task.attempt + 1);
    }
    this.onSettled?.();
    this.pump();
    this.checkIdle();
  }

  private succeeded(): void {
    if (this.limit >= this.max) return;
    if (++this.successesSinceDrop >= this.limit) {
      this.limit++;
      this.successesSinceDrop = 0;
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
