// Search, filters and sorting over the Access Review's rows. Each row's searchable text is lowered
// once (after the first rows are out) and each column's order is sorted once per review, so a keystroke in the search box is one
// pass over the rows in the chosen order (BENCHMARKS.md, Access Review figure: ≤ 50 ms at 5,000
// members × 2,000 projects).
import { rowLabel } from './build';
import type { ReviewQuery, ReviewRow, SortColumn, SortDirection } from './types';

/** Text values compare lowered, by code unit: a collator costs ~10× more per comparison, and 7,000 rows sort in every new review. */
type SortValue = (row: ReviewRow) => string | number;

const lower = (s: string) => s.toLowerCase();
const NO_TIME = -Infinity;
const SORT_VALUES: Record<SortColumn, SortValue> = {
  name: (r) => lower(rowLabel(r)),
  email: (r) => lower(r.email),
  kind: (r) => r.kind,
  orgRole: (r) => r.orgRole,
  projects: (r) => r.projects.length,
  groups: (r) => r.groups.length,
  keys: (r) => r.keys.length,
  lastKeyUse: (r) => r.lastKeyUse ?? NO_TIME,
  // No expiry sorts after every date: those keys are the last to need rotating.
  nextKeyExpiry: (r) => r.nextKeyExpiry ?? Infinity,
};

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function searchText(row: ReviewRow): string {
  const parts = [row.name, row.email, row.id, row.orgRole, row.kind];
  for (const p of row.projects) parts.push(p.projectName, p.projectId, ...(p.roles ?? []));
  for (const g of row.groups) parts.push(g.name);
  for (const k of row.keys) parts.push(k.name, k.redactedValue);
  for (const r of row.orgRoles ?? []) parts.push(r);
  return parts.join('\n').toLowerCase();
}

/** Splits a search into lowered words (all must match). */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export class ReviewIndex {
  private text?: string[];
  private readonly orders = new Map<SortColumn, Uint32Array>();

  constructor(readonly rows: readonly ReviewRow[]) {}

  /**
   * Prepares what searching needs (each row's lowered text). The first rows do not wait for it: the
   * panel calls this right after sending them, before anyone can type (else the first search does it).
   */
  warm(): void {
    this.text ??= this.rows.map(searchText);
  }

  /** Row positions in ascending order of `column` (computed once per column). */
  private order(column: SortColumn): Uint32Array {
    let order = this.orders.get(column);
    if (!order) {
      const value = SORT_VALUES[column];
      const values = this.rows.map(value);
      const labels = column === 'name' ? values : this.rows.map(SORT_VALUES.name);
      const idx = Array.from(this.rows.keys());
      // Ties keep the label order, then the build order, so the result never depends on the sort's whims.
      idx.sort((a, b) => cmp(values[a]!, values[b]!) || cmp(labels[a]!, labels[b]!) || a - b);
      order = Uint32Array.from(idx);
      this.orders.set(column, order);
    }
    return order;
  }

  /** Positions (into `rows`) of the rows the query keeps, in its order. */
  query(q: ReviewQuery): number[] {
    const words = searchWords(q.search);
    if (words.length) this.warm();
    const kinds = q.kinds?.length ? new Set(q.kinds) : undefined;
    const keep = (i: number): boolean => {
      const row = this.rows[i]!;
      if (kinds && !kinds.has(row.kind)) return false;
      if (q.ownsKeys && row.keys.length === 0) return false;
      if (q.noProject && row.projects.length > 0) return false;
      if (q.projectId) {
        const access = row.projects.find((p) => p.projectId === q.projectId);
        if (!access) return false;
        if (q.role && access.role !== q.role) return false;
      } else if (q.role && row.orgRole !== q.role) return false;
      if (words.length) {
        const text = this.text![i]!;
        for (const w of words) if (!text.includes(w)) return false;
      }
      return true;
    };
    const sort = q.sort ?? { column: 'name', direction: 'asc' as SortDirection };
    const order = this.order(sort.column);
    const out: number[] = [];
    if (sort.direction === 'asc') {
      for (let j = 0; j < order.length; j++) if (keep(order[j]!)) out.push(order[j]!);
    } else {
      for (let j = order.length - 1; j >= 0; j--) if (keep(order[j]!)) out.push(order[j]!);
    }
    return out;
  }

  /** The rows the query keeps, in its order. */
  select(q: ReviewQuery): ReviewRow[] {
    return this.query(q).map((i) => this.rows[i]!);
  }
}
