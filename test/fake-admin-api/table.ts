// An insertion-ordered collection with cursors that survive deletes.
//
// Lists of the real API are ordered by creation and paginated with `after=<id>`. A client may
// delete the last item of a page before asking for the next one, so the position of every id
// that ever existed is remembered (`seqOf`), not just of the live ones.

export class Table<T extends { id: string }> {
  private readonly items = new Map<string, T>();
  private readonly seqOf = new Map<string, number>();
  private nextSeq = 1;
  private sortedCache: T[] | null = null;

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.insert(item);
  }

  get size(): number {
    return this.items.size;
  }
  get(id: string): T | undefined {
    return this.items.get(id);
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
  /** Adds a new item at the end of the order, or replaces an existing item in place. */
  insert(item: T): T {
    if (!this.seqOf.has(item.id)) this.seqOf.set(item.id, this.nextSeq++);
    this.items.set(item.id, item);
    this.sortedCache = null;
    return item;
  }
  delete(id: string): T | undefined {
    const item = this.items.get(id);
    if (item) {
      this.items.delete(id);
      this.sortedCache = null;
    }
    return item;
  }
  /** Position of an id in creation order (also for deleted ids); undefined if never seen. */
  seq(id: string): number | undefined {
    return this.seqOf.get(id);
  }
  /** Live items in creation order. The array is cached; do not mutate it. */
  values(): readonly T[] {
    if (!this.sortedCache) {
      this.sortedCache = [...this.items.values()].sort((a, b) => this.seqOf.get(a.id)! - this.seqOf.get(b.id)!);
    }
    return this.sortedCache;
  }
  find(pred: (item: T) => boolean): T | undefined {
    for (const item of this.items.values()) if (pred(item)) return item;
    return undefined;
  }
  toJSON(): T[] {
    return [...this.values()];
  }
}
