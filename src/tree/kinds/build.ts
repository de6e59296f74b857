import type { AdminClient, Page } from '../../api';
import type { ChildrenSpec, NodeSpec, PagedChildren } from '../nodeSpec';

type Fetch<T> = (client: AdminClient, cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/** A folder whose children are one paged API list. */
export function paged<T>(what: string, fetch: Fetch<T>, toNode: (item: T) => NodeSpec, empty?: string): PagedChildren {
  return {
    type: 'paged',
    what,
    empty,
    load: async (client, cursor, signal) => {
      const page = await fetch(client, cursor, signal);
      return { ...page, data: page.data.map(toNode) };
    },
  };
}

/** A folder whose children come from one object (permissions, retention, spend limit). */
export function single<T>(what: string, fetch: (client: AdminClient, signal: AbortSignal) => Promise<T>, toNodes: (value: T) => NodeSpec[], empty?: string): PagedChildren {
  return {
    type: 'paged',
    what,
    empty,
    load: async (client, _cursor, signal) => ({ data: toNodes(await fetch(client, signal)), hasMore: false, nextCursor: null }),
  };
}

export function folder(key: string, label: string, icon: string, children: ChildrenSpec, extra: Partial<NodeSpec> = {}): NodeSpec {
  return { key, label, icon, children, contextValue: `folder ${key}`, ...extra };
}

