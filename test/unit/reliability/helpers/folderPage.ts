import type { AdminClient, Page } from '../../../../src/api';
import { RESOURCES, type ResourceDef } from '../../../../src/model/store';
import { listRows } from '../../../../src/tree/listRows';
import type { ListChildren, NodeSpec } from '../../../../src/tree/nodeSpec';

/**
 * One page of a list folder's rows, read with the store's own fetchers (RESOURCES) and turned into
 * rows as the explorer draws them: the first page reads every section (the spend limit and the
 * first page of alerts), a later page only the paging (last) section.
 */
export async function folderPage(children: ListChildren, client: AdminClient, cursor: string | undefined, signal: AbortSignal): Promise<Page<NodeSpec>> {
  const sections = cursor === undefined ? children.sections : children.sections.slice(-1);
  const pages = await Promise.all(sections.map((s) => (RESOURCES[s.source.resource] as ResourceDef<unknown>).load(client, s.source.ids, cursor, signal)));
  const last = pages[pages.length - 1]!;
  const data = listRows({ ...children, sections }, pages.map((p) => ({ items: p.data, hasMore: p.hasMore, error: undefined })));
  return { data, hasMore: last.hasMore, nextCursor: last.nextCursor };
}
