// Names for the ids usage is grouped by: projects, users and API keys. Each list is read once and
// kept for a few minutes; a lookup that fails leaves the ids as they are (the caller reports it).
import type { AdminClient } from '../../api';
import type { BucketFetcher } from './fetch';
import type { NameLookup } from './shape';
import type { FilterOption } from './types';

/** Key names need one request per project; past this many projects keys are shown by id. */
const MAX_PROJECTS_FOR_KEY_NAMES = 60;

interface Entry {
  label: string;
  archived?: boolean;
}

export class Directory {
  private readonly lists = new Map<string, { at: number; value: Promise<Map<string, Entry>> }>();

  constructor(
    private readonly client: () => Promise<AdminClient>,
    private readonly fetcher: BucketFetcher,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  projects(signal: AbortSignal): Promise<Map<string, Entry>> {
    return this.list('projects', signal, async () => {
      const c = await this.client();
      const all = await this.fetcher.limited(signal, () => c.projects.all({ include_archived: true }, { signal }));
      return new Map(all.map((p) => [p.id, { label: p.name || p.id, archived: p.status === 'archived' }]));
    });
  }

  users(signal: AbortSignal): Promise<Map<string, Entry>> {
    return this.list('users', signal, async () => {
      const c = await this.client();
      const all = await this.fetcher.limited(signal, () => c.users.all({}, { signal }));
      return new Map(all.map((u) => [u.id, { label: u.email || u.name || u.id }]));
    });
  }

  apiKeys(signal: AbortSignal): Promise<Map<string, Entry>> {
    return this.list('apiKeys', signal, async () => {
      const c = await this.client();
      const projects = [...(await this.projects(signal)).keys()].slice(0, MAX_PROJECTS_FOR_KEY_NAMES);
      const perProject = await Promise.all(projects.map((id) =>
        this.fetcher.limited(signal, () => c.projectApiKeys.all(id, {}, { signal })).catch(() => [])));
      return new Map(perProject.flat().map((k) => [k.id, { label: k.name ? `${k.name} (${k.redacted_value})` : k.redacted_value || k.id }]));
    });
  }

  /**
   * A lookup for the given group fields. Failures are collected in `warnings` and leave ids as ids.
   */
  async lookup(fields: Iterable<string>, signal: AbortSignal, warnings: string[]): Promise<NameLookup> {
    const wanted = new Set(fields);
    const maps = new Map<string, Map<string, Entry>>();
    const load = async (field: string, what: string, get: (s: AbortSignal) => Promise<Map<string, Entry>>) => {
      if (!wanted.has(field)) return;
      try {
        maps.set(field, await get(signal));
      } catch (err) {
        signal.throwIfAborted();
        warnings.push(`Couldn't load ${what} names: ${(err as Error).message}`);
      }
    };
    await Promise.all([
      load('project_id', 'project', (s) => this.projects(s)),
      load('user_id', 'user', (s) => this.users(s)),
      load('api_key_id', 'API key', (s) => this.apiKeys(s)),
    ]);
    return (field, value) => {
      const e = maps.get(field)?.get(value);
      return e && (e.archived ? `${e.label} (archived)` : e.label);
    };
  }

  /** Filter choices for projects or users, named. */
  async options(field: 'project_id' | 'user_id', signal: AbortSignal): Promise<FilterOption[]> {
    const map = field === 'project_id' ? await this.projects(signal) : await this.users(signal);
    return [...map].map(([value, e]) => ({ value, label: e.archived ? `${e.label} (archived)` : e.label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  clear(): void {
    this.lists.clear();
  }

  /**
   * One cached list. A load started for an earlier, since-cancelled request is not reused when it
   * failed: the current caller starts its own.
   */
  private async list(name: string, signal: AbortSignal, load: () => Promise<Map<string, Entry>>): Promise<Map<string, Entry>> {
    for (let attempt = 0; ; attempt++) {
      let entry = this.lists.get(name);
      if (!entry || this.now() - entry.at > this.ttlMs) {
        entry = { at: this.now(), value: load() };
        this.lists.set(name, entry);
      }
      try {
        return await entry.value;
      } catch (err) {
        if (this.lists.get(name) === entry) this.lists.delete(name);
        if (signal.aborted || attempt > 0) throw err;
      }
    }
  }
}
