import type { ListChildren, NodeSpec, Section } from './nodeSpec';

/** What a folder needs to know of one store list to draw it. */
export interface ListState {
  readonly items: readonly unknown[];
  readonly hasMore: boolean;
  readonly error: unknown;
}

/**
 * The rows a list folder shows for what its lists hold now, in section order (without the fixed,
 * "Load more…", Retry and empty rows, which the provider adds). `rowsOf` lets the provider reuse
 * the rows it made for an item it has seen before.
 */
export function listRows(
  children: ListChildren, lists: readonly ListState[],
  rowsOf: (section: Section, item: unknown) => NodeSpec[] = (section, item) => section.toNodes(item),
): NodeSpec[] {
  return children.sections.flatMap((section, i) => {
    const list = lists[i]!;
    if (!list.items.length && section.none && !list.hasMore && list.error === undefined) return section.none();
    return list.items.flatMap((item) => rowsOf(section, item));
  });
}
