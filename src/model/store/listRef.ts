import { RESOURCES, type ResourceName } from './resources';

/** One list in the store: a resource and its parents' ids in path order ([] for organization lists). */
export interface ListRef<R extends ResourceName = ResourceName> {
  readonly resource: R;
  readonly ids: readonly string[];
}

/** Builds a list reference; the number of ids must match the resource's parents. */
export function listRef<R extends ResourceName>(resource: R, ...ids: string[]): ListRef<R> {
  const want = RESOURCES[resource].parents;
  if (ids.length !== want) throw new RangeError(`${resource} takes ${want} parent id(s), got ${ids.length}`);
  if (ids.some((id) => !id)) throw new RangeError(`${resource}: a parent id is empty`);
  return { resource, ids };
}

/**
 * The list's key in the store's map. Ids are percent-encoded so one containing "/" or ":" cannot
 * make two lists share a key.
 */
export function listKey(ref: ListRef): string {
  return ref.ids.length ? `${ref.resource}:${ref.ids.map(encodeURIComponent).join('/')}` : ref.resource;
}

/** True when `ref` is `scope`'s resource and its ids start with `scope`'s (fewer ids: wider scope). */
export function inScope(ref: ListRef, scope: { resource: ResourceName; ids?: readonly string[] }): boolean {
  if (ref.resource !== scope.resource) return false;
  const ids = scope.ids ?? [];
  return ids.every((id, i) => ref.ids[i] === id);
}
