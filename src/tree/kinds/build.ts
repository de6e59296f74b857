import type { ItemOfResource, ListRef, ResourceName } from '../../model/store';
import { contextValue, type ARCHIVED, type ProjectFolder, type RootFolder } from '../ids';
import { section, type ChildrenSpec, type ListChildren, type NodeSpec } from '../nodeSpec';

/** A folder whose children are one paged store list, a row per item. */
export function paged<R extends ResourceName>(what: string, source: ListRef<R>, toNode: (item: ItemOfResource<R>) => NodeSpec, empty?: string): ListChildren {
  return { type: 'list', what, empty, sections: [section(source, (item) => [toNode(item)])] };
}

/**
 * A folder whose children come from one object (permissions, retention, spend limit): a store list
 * of zero or one item; `unset` gives the rows for "not set" (zero items).
 */
export function single<R extends ResourceName>(what: string, source: ListRef<R>, toNodes: (value: ItemOfResource<R>) => NodeSpec[], unset?: () => NodeSpec[]): ListChildren {
  return { type: 'list', what, sections: [section(source, toNodes, unset)] };
}

export function folder(key: RootFolder | ProjectFolder | typeof ARCHIVED, label: string, icon: string, children: ChildrenSpec, extra: Partial<NodeSpec> = {}): NodeSpec {
  return { key, label, icon, children, contextValue: contextValue('folder', key), ...extra };
}
