// Serialized list items, kept until the next write. Listing 10,000 users a page at a time made the
// fake's own JSON encoding half the wall time of the client benchmark (BENCHMARKS.md fig. 1), so a
// fake started from the CLI keeps each listed item's bytes and splices them into the page. Any
// write through the API (the only way to change a CLI fake's state) bumps `state.version` and
// empties the cache. In-process fakes leave it off: tests there may change `state` directly.

/** An item already encoded as JSON, spliced into a response by `encodeJson`. */
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}

export class ViewCache {
  #version = -1;
  #byKind = new Map<string, WeakMap<object, RawJson>>();

  /** The item's view as JSON bytes, made with `view` once per state version. */
  get(version: number, kind: string, item: object, view: () => unknown): RawJson {
    if (version !== this.#version) {
      this.#version = version;
      this.#byKind.clear();
    }
    let items = this.#byKind.get(kind);
    if (!items) this.#byKind.set(kind, (items = new WeakMap()));
    let raw = items.get(item);
    if (!raw) items.set(item, (raw = new RawJson(Buffer.from(JSON.stringify(view())))));
    return raw;
  }
}

/** `view` through the state's cache when it has one. */
export function cachedView<T extends object>(
  state: { version: number; viewCache?: ViewCache },
  kind: string,
  view: (item: T) => unknown,
): (item: T) => unknown {
  const cache = state.viewCache;
  return cache ? (item) => cache.get(state.version, kind, item, () => view(item)) : view;
}

/** JSON bytes of a response body; a top-level `data` array of RawJson items is spliced in as is. */
export function encodeJson(body: unknown): Buffer {
  return Buffer.concat(encodeJsonParts(body));
}

/** The same bytes in pieces, for a socket to write without copying them into one buffer first. */
export function encodeJsonParts(body: unknown): Buffer[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || !data.some((d) => d instanceof RawJson)) return [Buffer.from(JSON.stringify(body))];
  // The envelope around a placeholder keeps its members in order (clients read the cursor off its end).
  const envelope = JSON.stringify({ ...(body as object), data: [] });
  const at = envelope.indexOf('"data":[]');
  const [head, tail] = [envelope.slice(0, at), envelope.slice(at + '"data":[]'.length)];
  const parts: Buffer[] = [Buffer.from(`${head}"data":[`)];
  data.forEach((d, i) => {
    if (i) parts.push(COMMA);
    parts.push(d instanceof RawJson ? d.bytes : Buffer.from(JSON.stringify(d) ?? 'null'));
  });
  parts.push(Buffer.from(`]${tail}`));
  return parts;
}

const COMMA = Buffer.from(',');
