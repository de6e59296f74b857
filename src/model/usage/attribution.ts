// Who the ids in a usage or costs result are: API keys as "name (sk-…abcd) · owner · project",
// users by name or e-mail, projects by name, all read through the org store, so a list the tree or
// another view already loaded costs no request, and a rename anywhere shows here too. An id missing
// from its list once the list is read to its end is named for what it is ("deleted key key_…"),
// never shown bare as if it were a name.
import * as l10n from '@vscode/l10n';
import type { Project, ProjectApiKey, User } from '../../api';
import { describeError } from '../describeError';
import { listRef, type OrgStore, type StoredList, type Subscription } from '../store';
import type { NameTable, UsageIds } from './labels';

/** Key lists read at once (one per project that has keys in the result). */
const KEY_LIST_CONCURRENCY = 6;
/**
 * A key the usage query could not place in a project is looked for in every project's key list,
 * up to this many projects; past it, such keys stay ids (with a warning) rather than cost more.
 */
const MAX_PROJECTS_SEARCHED = 100;

/** The lists names come from; a change to one of them may change a name on screen. */
const NAME_RESOURCES = new Set(['projects', 'archivedProjects', 'members', 'projectApiKeys', 'projectInactiveApiKeys']);
/** A project's keys: those the API lists by default, and those whose owner left the project (hidden by default). */
const KEY_LISTS = ['projectApiKeys', 'projectInactiveApiKeys'] as const;

/** Finds the project of each key the view did not group by project (one usage query, not one per key). */
export type KeyProjectFinder = (keyIds: readonly string[], signal: AbortSignal) => Promise<ReadonlyMap<string, string>>;

export interface ResolvedNames {
  names: NameTable;
  /** Lists that could not be read: their ids stay ids. */
  warnings: string[];
}

const fullyRead = (list: StoredList<unknown> | undefined) => !!list && list.isLoaded && !list.hasMore && list.error === undefined;

export function userLabel(u: Pick<User, 'id' | 'name' | 'email'>): string {
  return u.name || u.email || u.id;
}

function ownerLabel(k: ProjectApiKey): string | undefined {
  const o = k.owner;
  if (o?.type === 'service_account') return o.service_account?.name ? l10n.t('{0} (service account)', o.service_account.name) : l10n.t('service account');
  return o?.user ? userLabel(o.user as Pick<User, 'id' | 'name' | 'email'>) : undefined;
}

export class UsageNames {
  /** A key never moves between projects: once found, its project is kept. */
  private readonly keyHome = new Map<string, string>();
  /** Keys looked for in every project's key list and found in none. */
  private readonly nowhere = new Set<string>();

  constructor(private readonly store: OrgStore) {}

  /** Names from the lists the store holds now, without a request (what the first chart can show). */
  known(ids: UsageIds): NameTable {
    return this.label(ids);
  }

  /**
   * Reads the lists these ids need, and only those (merged with loads already running in the
   * store): projects, members, and the key lists of the projects the keys belong to. The number of
   * requests follows the number of lists, never the number of ids.
   */
  async resolve(ids: UsageIds, findProjects: KeyProjectFinder, signal: AbortSignal): Promise<ResolvedNames> {
    const warnings: string[] = [];
    // Whole sentences per kind of name, for translations.
    const failed = {
      key: (error: string) => l10n.t("Couldn't load API key names: {0}.", error),
      project: (error: string) => l10n.t("Couldn't load project names: {0}.", error),
      user: (error: string) => l10n.t("Couldn't load user names: {0}.", error),
    };
    const attempt = async (what: keyof typeof failed, load: () => Promise<unknown>) => {
      try {
        await load();
      } catch (err) {
        signal.throwIfAborted();
        warnings.push(failed[what](describeError(err)));
      }
    };
    for (const [key, project] of Object.entries(ids.keyProjects)) this.keyHome.set(key, project);
    this.homesFromStore(ids.api_key_id);
    const homeless = ids.api_key_id.filter((k) => !this.keyHome.has(k));
    const jobs: Promise<void>[] = [];
    if (homeless.length) {
      jobs.push(attempt('key', async () => {
        for (const [key, project] of await findProjects(homeless, signal)) this.keyHome.set(key, project);
      }));
    }
    const projectsWanted = ids.project_id.length > 0 || ids.api_key_id.length > 0;
    if (projectsWanted) jobs.push(attempt('project', () => this.store.loadAll(listRef('projects'), signal)));
    if (ids.user_id.length) jobs.push(attempt('user', () => this.store.loadAll(listRef('members'), signal)));
    await Promise.all(jobs);
    const unplaced = ids.api_key_id.filter((k) => !this.keyHome.has(k) && !this.nowhere.has(k));
    if (unplaced.length) await attempt('key', () => this.search(unplaced, signal));
    // Where the keys live is known now: their projects' key lists, and archived projects if one is not active.
    await Promise.all([
      projectsWanted ? attempt('project', () => this.loadArchived(ids, signal)) : undefined,
      attempt('key', () => this.loadKeys(ids.api_key_id, signal)),
    ]);
    signal.throwIfAborted();
    return { names: this.label(ids), warnings: [...new Set(warnings)] };
  }

  /**
   * Hears of renames, deletions and lists read again (not of pages arriving, which a resolve causes
   * itself).
   */
  onDidChange(listener: () => void): Subscription {
    return this.store.onDidChange((change) => {
      if (change.reason === 'loaded' || !NAME_RESOURCES.has(change.ref.resource)) return;
      listener();
    });
  }

  private async loadArchived(ids: UsageIds, signal: AbortSignal): Promise<void> {
    const active = new Set((this.store.peek(listRef('projects'))?.items ?? []).map((p) => p.id));
    const wanted = [...ids.project_id, ...ids.api_key_id.map((k) => this.keyHome.get(k))];
    if (wanted.some((p) => p && !active.has(p))) await this.store.loadAll(listRef('archivedProjects'), signal);
  }

  /** Looks for keys in every project's full key list (active and archived projects). */
  private async search(keyIds: readonly string[], signal: AbortSignal): Promise<void> {
    const [active, archived] = await Promise.all([
      this.store.loadAll(listRef('projects'), signal),
      this.store.loadAll(listRef('archivedProjects'), signal),
    ]);
    const projects = [...active, ...archived].map((p) => p.id);
    if (projects.length > MAX_PROJECTS_SEARCHED) {
      throw new Error(keyIds.length === 1
        ? l10n.t('1 key is in no project the usage names, and {0} projects are too many to search', projects.length)
        : l10n.t('{0} keys are in no project the usage names, and {1} projects are too many to search', keyIds.length, projects.length));
    }
    await eachLimited(projects, KEY_LIST_CONCURRENCY, signal, async (project) => {
      const [listed, hidden] = await Promise.all([
        this.store.loadAll(listRef('projectApiKeys', project), signal),
        this.store.loadAll(listRef('projectInactiveApiKeys', project), signal),
      ]);
      for (const k of [...listed, ...hidden]) this.keyHome.set(k.id, project);
    });
    for (const k of keyIds) if (!this.keyHome.has(k)) this.nowhere.add(k);
  }

  /** Each project's key list; the list of keys whose owner left too, where a key is missing from the first. */
  private async loadKeys(keyIds: readonly string[], signal: AbortSignal): Promise<void> {
    const byProject = new Map<string, string[]>();
    for (const key of keyIds) {
      const project = this.keyHome.get(key);
      if (project) byProject.set(project, [...byProject.get(project) ?? [], key]);
    }
    await eachLimited([...byProject], KEY_LIST_CONCURRENCY, signal, async ([project, keys]) => {
      const listed = new Set((await this.store.loadAll(listRef('projectApiKeys', project), signal)).map((k) => k.id));
      if (keys.some((k) => !listed.has(k))) await this.store.loadAll(listRef('projectInactiveApiKeys', project), signal);
    });
  }

  /** Projects of keys found in key lists the store already holds (the tree's, earlier resolves'). */
  private homesFromStore(keyIds: readonly string[]): void {
    const wanted = new Set(keyIds.filter((k) => !this.keyHome.has(k)));
    if (!wanted.size) return;
    for (const resource of KEY_LISTS) {
      for (const [ref, list] of this.store.listsOf(resource)) {
        for (const k of list.items) if (wanted.has(k.id)) this.keyHome.set(k.id, ref.ids[0]!);
      }
    }
  }

  private label(ids: UsageIds): NameTable {
    this.homesFromStore(ids.api_key_id);
    const projects = this.projectIndex();
    const members = this.store.peek(listRef('members'));
    const users = new Map((members?.items ?? []).map((u) => [u.id, u]));
    const projectText = (id: string): string | undefined => {
      const p = projects.byId.get(id);
      if (p) return p.status === 'archived' ? l10n.t('{0} (archived)', p.name || p.id) : p.name || p.id;
      return projects.complete ? l10n.t('unknown project {0}', id) : undefined;
    };

    const names: NameTable = { project_id: {}, user_id: {}, api_key_id: {} };
    for (const id of ids.project_id) {
      const text = projectText(id);
      if (text !== undefined) names.project_id![id] = text;
    }
    for (const id of ids.user_id) {
      const u = users.get(id);
      if (u) names.user_id![id] = userLabel(u);
      else if (fullyRead(members)) names.user_id![id] = l10n.t('unknown user {0}', id);
    }
    for (const id of ids.api_key_id) {
      const project = this.keyHome.get(id);
      const key = project ? this.keyIn(project, id) : undefined;
      if (key) {
        const projectName = projects.byId.get(project!)?.name;
        names.api_key_id![id] = [key.name ? `${key.name} (${key.redacted_value})` : key.redacted_value || key.id, ownerLabel(key), projectName]
          .filter(Boolean).join(' · ');
      } else if (project ? KEY_LISTS.every((r) => fullyRead(this.store.peek(listRef(r, project)))) : this.nowhere.has(id)) {
        names.api_key_id![id] = l10n.t('deleted key {0}', id);
      }
    }
    return names;
  }

  /** A key as its project's lists hold it now; the default list first (a write edits that one). */
  private keyIn(project: string, id: string): ProjectApiKey | undefined {
    for (const resource of KEY_LISTS) {
      const key = this.store.find(listRef(resource, project), id);
      if (key) return key;
    }
    return undefined;
  }

  private projectIndex(): { byId: Map<string, Project>; complete: boolean } {
    const active = this.store.peek(listRef('projects'));
    const archived = this.store.peek(listRef('archivedProjects'));
    const byId = new Map<string, Project>();
    for (const p of [...(archived?.items ?? []), ...(active?.items ?? [])]) byId.set(p.id, p);
    return { byId, complete: fullyRead(active) && fullyRead(archived) };
  }
}

/** Runs `fn` over `items`, `limit` at a time; every item is tried, then the first failure is thrown. */
async function eachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const errors: unknown[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      try {
        await fn(next);
      } catch (err) {
        signal.throwIfAborted();
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  if (errors.length) throw errors[0];
}
