// The Access Review's query as the webview sends it, checked field by field before the host uses
// it: anything else is refused, so a message can only narrow or sort the review it was given.
import { REVIEW_KINDS, SORT_COLUMNS, type ReviewKind, type ReviewQuery, type SortColumn } from './types';

const MAX_SEARCH = 200;
const ID = /^[\w.-]{1,128}$/;
const ROLE = /^[\w.-]{1,64}$/;

/** An API id as the review may be asked about (project, member, invite); refuses anything else. */
export function isReviewId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && !/^\.+$/.test(value);
}

export function parseReviewQuery(value: unknown): ReviewQuery {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError('The query must be an object.');
  const v = value as Record<string, unknown>;
  const known = new Set(['search', 'projectId', 'role', 'ownsKeys', 'noProject', 'kinds', 'sort']);
  for (const k of Object.keys(v)) if (!known.has(k)) throw new TypeError(`Unknown query field: ${k.slice(0, 40)}`);
  const q: ReviewQuery = {};
  if (v.search !== undefined) {
    if (typeof v.search !== 'string' || v.search.length > MAX_SEARCH) throw new TypeError(`The search must be text of at most ${MAX_SEARCH} characters.`);
    q.search = v.search;
  }
  if (v.projectId !== undefined && v.projectId !== '') {
    if (!isReviewId(v.projectId)) throw new TypeError('The project filter is not a project id.');
    q.projectId = v.projectId;
  }
  if (v.role !== undefined && v.role !== '') {
    if (typeof v.role !== 'string' || !ROLE.test(v.role)) throw new TypeError('The role filter is not a role.');
    q.role = v.role;
  }
  for (const flag of ['ownsKeys', 'noProject'] as const) {
    if (v[flag] === undefined) continue;
    if (typeof v[flag] !== 'boolean') throw new TypeError(`${flag} must be true or false.`);
    if (v[flag]) q[flag] = true;
  }
  if (v.kinds !== undefined) {
    if (!Array.isArray(v.kinds) || v.kinds.length > REVIEW_KINDS.length || !v.kinds.every((k) => REVIEW_KINDS.includes(k as ReviewKind))) {
      throw new TypeError('Unknown row kind in the filter.');
    }
    if (v.kinds.length) q.kinds = [...new Set(v.kinds as ReviewKind[])];
  }
  if (v.sort !== undefined) {
    const s = v.sort as { column?: unknown; direction?: unknown } | null;
    if (!s || typeof s !== 'object' || !SORT_COLUMNS.includes(s.column as SortColumn) || (s.direction !== 'asc' && s.direction !== 'desc')) {
      throw new TypeError('Unknown sort column or direction.');
    }
    q.sort = { column: s.column as SortColumn, direction: s.direction };
  }
  return q;
}
