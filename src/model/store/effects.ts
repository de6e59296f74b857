import type { ListRef } from './listRef';
import type { ItemOfResource, ResourceName } from './resources';

/**
 * What a write did to the organization, in the store's terms. Every write states its effects, so
 * the store changes exactly the lists the write changed: an item replaced or added where the result
 * says what it is now, removed after a delete, and whole lists read again where the result does not
 * say enough (a role change that moves a member's keys, a create whose place in paging is unknown).
 */
export type StoreEffect =
  | { kind: 'upsert'; ref: ListRef; item: unknown }
  | { kind: 'remove'; ref: ListRef; id: string }
  /** Every list of `resource` whose parent ids start with `ids` (none: all of that resource's lists). */
  | { kind: 'invalidate'; resource: ResourceName; ids?: readonly string[] };

export function upsert<R extends ResourceName>(ref: ListRef<R>, item: ItemOfResource<R>): StoreEffect {
  return { kind: 'upsert', ref, item };
}

export function remove(ref: ListRef, id: string): StoreEffect {
  return { kind: 'remove', ref, id };
}

export function invalidate(resource: ResourceName, ...ids: string[]): StoreEffect {
  return { kind: 'invalidate', resource, ids };
}
