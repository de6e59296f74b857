import type { AdminClient } from '../../api';
import { PagedCollection } from '../pagedCollection';
import type { StoreEffect } from './effects';
import { Emitter, type Subscription } from './emitter';
import { inScope, listKey, type ListRef } from './listRef';
import { RESOURCES, type ItemOfResource, type ResourceDef, type ResourceName } from './resources';

/** Why a list changed: a page arrived or failed, a write edited it, or it was dropped to be read again. */
export type ChangeReason = 'loaded' | 'edited' | 'invalidated';

export interface StoreChange {
  ref: ListRef;
  key: string;
  reason: ChangeReason;
}

/** A list as the store holds it: the paged collection with the reference it was asked for by. */
export type StoredList<T> = PagedCollection<T>;

/**
 * The organization as far as it has been read: one paged list per resource and parent, shared by
 * the tree, quick picks, panels and the organization-wide views, so each list is read once and a
 * write shows everywhere at once.
 *
 * - A list is created on first use and loads lazily; loads of the same list are merged (two views
 *   opening the same project's users make one request), and each list remembers when it was read.
 * - Writes report their effects (`apply`): the store edits the affected items in place where the
 *   result says what they are now, and otherwise drops exactly the lists the write changed.
 * - Every change is an event naming the list, so a view redraws only what it shows.
 *
 * No `vscode` import: the crawl, the review rules, the bench and the tests use it in plain Node.
 */
export class OrgStore {
  private readonly lists = new Map<string, { ref: ListRef; list: PagedCollection<unknown> }>();
  private readonly changes = new Emitter<StoreChange>();
  /** Fired after each list change (batched edits fire once per list). */
  readonly onDidChange = this.changes.event;
  /** Set while `apply` edits lists, so each list reports the edit as one 'edited' change. */
  private applying?: Set<string>;

  constructor(private readonly client: () => Promise<AdminClient>) {}

  /** The list for `ref`, created (not loaded) on first use. */
  list<R extends ResourceName>(ref: ListRef<R>): StoredList<ItemOfResource<R>> {
    const key = listKey(ref);
    let entry = this.lists.get(key);
    if (!entry) {
      const def = RESOURCES[ref.resource] as ResourceDef<unknown>;
      const list: PagedCollection<unknown> = new PagedCollection<unknown>(
        async (cursor, signal) => def.load(await this.client(), ref.ids, cursor, signal),
        () => {
          if (this.applying) this.applying.add(key);
          // Outside `apply` a change is a page that arrived or failed, or a reset by the list's own user.
          else this.changes.fire({ ref, key, reason: list.isLoaded || list.isLoading ? 'loaded' : 'invalidated' });
        },
      );
      entry = { ref, list };
      this.lists.set(key, entry);
    }
    return entry.list as StoredList<ItemOfResource<R>>;
  }

  /** The list for `ref` if anything asked for it before; never creates one. */
  peek<R extends ResourceName>(ref: ListRef<R>): StoredList<ItemOfResource<R>> | undefined {
    return this.lists.get(listKey(ref))?.list as StoredList<ItemOfResource<R>> | undefined;
  }

  /** Every list of a resource the store holds (loaded or not), with its reference. */
  *listsOf<R extends ResourceName>(resource: R): Iterable<[ListRef<R>, StoredList<ItemOfResource<R>>]> {
    for (const { ref, list } of this.lists.values()) {
      if (ref.resource === resource) yield [ref as ListRef<R>, list as StoredList<ItemOfResource<R>>];
    }
  }

  /** Loads every page of a list (merged with any load in progress); the items, or the list's error. */
  async loadAll<R extends ResourceName>(ref: ListRef<R>, signal?: AbortSignal): Promise<readonly ItemOfResource<R>[]> {
    const list = this.list(ref);
    for (;;) {
      await list.loadUntil(() => false, signal);
      if (list.error !== undefined) throw list.error;
      signal?.throwIfAborted();
      if (list.isLoaded && !list.hasMore) return list.items;
      // Dropped while it loaded (a write's effects, a Refresh, a collapsed folder's cancel): the
      // items so far are gone, so read it again rather than answer with a part of it.
    }
  }

  /** The item with this id in a loaded list, if it is there. */
  find<R extends ResourceName>(ref: ListRef<R>, id: string): ItemOfResource<R> | undefined {
    const idOf = idOfItem(ref.resource);
    return idOf ? this.peek(ref)?.items.find((item) => idOf(item) === id) : this.peek(ref)?.items[0];
  }

  /**
   * Applies what a write did. An upsert replaces the item with the same id, or adds it when the
   * list is read to its end (in a list still paging, its place is unknown, so the list is read
   * again); a remove drops it; an invalidate drops every matching list, which loads afresh when next shown.
   * Lists nobody has asked for are left alone. Each changed list is announced once.
   */
  apply(effects: readonly StoreEffect[]): void {
    const touched = new Set<string>();
    const dropped = new Set<string>();
    this.applying = touched;
    try {
      for (const effect of effects) {
        if (effect.kind === 'invalidate') {
          for (const [key, { ref, list }] of this.lists) {
            if (inScope(ref, effect)) { list.reset(); dropped.add(key); }
          }
          continue;
        }
        const key = listKey(effect.ref);
        const entry = this.lists.get(key);
        if (!entry) continue;
        // A load in flight may have been answered before the write: read the list again instead.
        if (entry.list.isLoading) { entry.list.reset(); dropped.add(key); continue; }
        if (!entry.list.isLoaded) continue;
        const idOf = idOfItem(effect.ref.resource) ?? (() => '');
        if (effect.kind === 'remove') {
          entry.list.update((items) => items.filter((item) => idOf(item) !== effect.id));
          continue;
        }
        const id = idOf(effect.item);
        const at = entry.list.items.findIndex((item) => idOf(item) === id);
        if (at >= 0) entry.list.update((items) => items.map((item, i) => (i === at ? effect.item : item)));
        else if (!entry.list.hasMore && entry.list.error === undefined) entry.list.update((items) => [...items, effect.item]);
        else { entry.list.reset(); dropped.add(key); }
      }
    } finally {
      this.applying = undefined;
    }
    for (const key of touched) {
      const entry = this.lists.get(key);
      if (entry) this.changes.fire({ ref: entry.ref, key, reason: dropped.has(key) ? 'invalidated' : 'edited' });
    }
  }

  /** Drops the lists in scope (a Refresh): they load afresh when next shown. */
  invalidate(resource: ResourceName, ids?: readonly string[]): void {
    this.apply([{ kind: 'invalidate', resource, ids }]);
  }

  /** Forgets everything (the key changed, the organization was reloaded from scratch). */
  clear(): void {
    const entries = [...this.lists.values()];
    this.apply(entries.map(({ ref }) => ({ kind: 'invalidate' as const, resource: ref.resource, ids: ref.ids })));
  }

  /** The oldest read time among these lists, for "as of 10:42"; undefined when none is loaded. */
  readAt(refs: Iterable<ListRef>): number | undefined {
    let oldest: number | undefined;
    for (const ref of refs) {
      const at = this.peek(ref)?.readAt;
      if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
    }
    return oldest;
  }

  /** Subscribes to changes of the lists in scope only. */
  onDidChangeIn(scope: { resource: ResourceName; ids?: readonly string[] }, listener: (change: StoreChange) => void): Subscription {
    return this.onDidChange((change) => { if (inScope(change.ref, scope)) listener(change); });
  }

  dispose(): void {
    for (const { list } of this.lists.values()) list.cancel();
    this.changes.dispose();
  }
}

/** How items of a resource are told apart; undefined for one-object settings. */
function idOfItem(resource: ResourceName): ((item: unknown) => string) | undefined {
  return (RESOURCES[resource] as ResourceDef<unknown>).idOf;
}
