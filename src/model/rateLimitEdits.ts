/** Editing a project rate limit: which fields to offer, what counts as a valid value, what to send. */
import * as l10n from '@vscode/l10n';
import type { ProjectRateLimit, ProjectRateLimitUpdateRequest } from '../api/types';
import { RATE_LIMIT_FIELDS, thousands, type RateLimitField } from './format';
import type { RateLimitRow, RateLimitValues } from './project/types';

export interface EditableField {
  field: RateLimitField;
  abbr: string;
  name: string;
  current: number;
}

/** Only the fields the model has: the API rejects limits a model does not support (e.g. images for a text model). */
export function editableFields(limit: Partial<Record<RateLimitField, number | null>>): EditableField[] {
  const out: EditableField[] = [];
  for (const [field, abbr, name] of RATE_LIMIT_FIELDS) {
    const current = limit[field];
    if (typeof current === 'number') out.push({ field, abbr, name, current });
  }
  return out;
}

/** Digits with optional thousands separators, as people copy them from the tree ("10,000"). */
const WHOLE = /^\d{1,3}([,_ ]\d{3})+$|^\d+$/;

/** An input-box validation message, or undefined when `text` is a whole number ≥ 0. */
export function checkWholeNumber(text: string): string | undefined {
  const t = text.trim();
  if (!t) return l10n.t('Enter a whole number (0 or more).');
  if (t.startsWith('-')) return l10n.t('The limit cannot be negative.');
  if (!WHOLE.test(t)) return l10n.t('Enter a whole number without decimals or units, e.g. 10000.');
  if (!Number.isSafeInteger(Number(t.replace(/[,_ ]/g, '')))) return l10n.t('That number is too large.');
  return undefined;
}

/** The number a valid entry stands for; throws on an invalid one (validate first). */
export function parseWholeNumber(text: string): number {
  const problem = checkWholeNumber(text);
  if (problem) throw new RangeError(problem);
  return Number(text.trim().replace(/[,_ ]/g, ''));
}

/**
 * The update body: only fields whose value changed, so an edit never rewrites limits the admin
 * did not touch. An empty object means "nothing to send".
 */
export function rateLimitChanges(
  limit: Pick<ProjectRateLimit, RateLimitField> | Partial<Record<RateLimitField, number | null>>,
  entered: Partial<Record<RateLimitField, string>>,
): ProjectRateLimitUpdateRequest {
  const body: ProjectRateLimitUpdateRequest = {};
  for (const { field, current } of editableFields(limit)) {
    const text = entered[field];
    if (text === undefined) continue;
    const value = parseWholeNumber(text);
    if (value !== current) body[field] = value;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// The Project panel's rate-limit table: many rows edited at once, saved together, each row on its
// own. Shared by the host (which re-checks everything) and the webview (which marks cells as the
// admin types), so both apply the same rules.

/** The limits a row has, from the API's object (fields it does not list stay absent). */
export function toRateLimitRow(r: ProjectRateLimit): RateLimitRow {
  const limits: RateLimitValues = {};
  for (const [field] of RATE_LIMIT_FIELDS) {
    const v = r[field];
    if (typeof v === 'number') limits[field] = v;
  }
  return { id: r.id, model: r.model, limits };
}

/**
 * One row's unsaved edits: what was typed per field, and the row's limits when the first edit was
 * made. `before` stays put when the table reloads underneath, so a save can still tell that someone
 * else changed the row meanwhile.
 */
export interface RateLimitDraftRow {
  before: RateLimitValues;
  entered: Partial<Record<RateLimitField, string>>;
}

export type RateLimitDraft = Record<string, RateLimitDraftRow>;

const fieldName = (field: RateLimitField) => RATE_LIMIT_FIELDS.find(([f]) => f === field)?.[2] ?? field;
const noSuchLimit = (model: string, field: RateLimitField) => l10n.t('{0} has no {1} limit.', model, fieldName(field).toLowerCase());

/** A message for one cell, or undefined when it may be saved. */
export function cellProblem(row: RateLimitRow, field: RateLimitField, text: string): string | undefined {
  if (row.limits[field] === undefined) return noSuchLimit(row.model, field);
  return checkWholeNumber(text);
}

export type CellState = 'clean' | 'changed' | 'invalid';

export function cellState(row: RateLimitRow, draft: RateLimitDraftRow | undefined, field: RateLimitField): { state: CellState; text: string; problem?: string } {
  const current = row.limits[field];
  const entered = draft?.entered[field];
  if (entered === undefined) return { state: 'clean', text: current === undefined ? '' : thousands(current) };
  const problem = cellProblem(row, field, entered);
  if (problem) return { state: 'invalid', text: entered, problem };
  return { state: parseWholeNumber(entered) === current ? 'clean' : 'changed', text: entered };
}

/** Records a keystroke's result; the first edit of a row remembers the row as it is now. */
export function editCell(draft: RateLimitDraft, row: RateLimitRow, field: RateLimitField, text: string): RateLimitDraft {
  const existing = draft[row.id];
  return { ...draft, [row.id]: { before: existing?.before ?? { ...row.limits }, entered: { ...existing?.entered, [field]: text } } };
}

export interface RateLimitRowChange {
  id: string;
  model: string;
  /** Only the fields whose value differs from the row as shown. */
  body: ProjectRateLimitUpdateRequest;
  /** The row when editing started: what the conflict check compares the server with. */
  before: RateLimitValues;
}

export interface CellProblem {
  id: string;
  model: string;
  field: RateLimitField | null;
  message: string;
}

export interface RateLimitDiff {
  changes: RateLimitRowChange[];
  problems: CellProblem[];
}

/** The rows to send and the cells that stop a save. Rows whose edits all match the current values send nothing. */
export function diffRateLimits(rows: readonly RateLimitRow[], draft: RateLimitDraft): RateLimitDiff {
  const changes: RateLimitRowChange[] = [];
  const problems: CellProblem[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id, edit] of Object.entries(draft)) {
    const row = byId.get(id);
    if (!row) {
      if (Object.keys(edit.entered).length) problems.push({ id, model: id, field: null, message: l10n.t('This rate limit no longer exists in the project.') });
      continue;
    }
    const body: ProjectRateLimitUpdateRequest = {};
    for (const [field] of RATE_LIMIT_FIELDS) {
      const text = edit.entered[field];
      if (text === undefined) continue;
      const problem = cellProblem(row, field, text);
      if (problem) {
        problems.push({ id, model: row.model, field, message: problem });
        continue;
      }
      const value = parseWholeNumber(text);
      if (value !== row.limits[field]) body[field] = value;
    }
    if (Object.keys(body).length) changes.push({ id, model: row.model, body, before: edit.before });
  }
  return { changes, problems };
}

export interface FieldConflict {
  field: RateLimitField;
  /** When editing started. */
  loaded: number | undefined;
  /** On the server now. */
  now: number | undefined;
  /** What this save would set (undefined: not touched by it). */
  mine: number | undefined;
}

export interface RateLimitConflict {
  id: string;
  model: string;
  /** The row is gone from the server. */
  removed: boolean;
  fields: FieldConflict[];
}

/**
 * Rows about to be saved that someone else changed since editing started: any field whose server
 * value differs from the one the admin started from (also fields they did not touch: the row they
 * reviewed is not the row they would save into).
 */
export function rateLimitConflicts(changes: readonly RateLimitRowChange[], current: readonly RateLimitRow[]): RateLimitConflict[] {
  const byId = new Map(current.map((r) => [r.id, r]));
  const out: RateLimitConflict[] = [];
  for (const c of changes) {
    const now = byId.get(c.id);
    if (!now) {
      out.push({ id: c.id, model: c.model, removed: true, fields: [] });
      continue;
    }
    const fields: FieldConflict[] = [];
    for (const [field] of RATE_LIMIT_FIELDS) {
      if (c.before[field] !== now.limits[field]) fields.push({ field, loaded: c.before[field], now: now.limits[field], mine: c.body[field] });
    }
    if (fields.length) out.push({ id: c.id, model: c.model, removed: false, fields });
  }
  return out;
}

/** "gpt-4o: RPM 500 → 800 on the server (you set 600)" */
export function describeConflict(c: RateLimitConflict): string {
  if (c.removed) return l10n.t('{0}: removed from the project since you loaded it.', c.model);
  const parts = c.fields.map((f) => {
    const abbr = RATE_LIMIT_FIELDS.find(([x]) => x === f.field)?.[1] ?? f.field;
    const was = f.loaded === undefined ? l10n.t('none') : thousands(f.loaded);
    const now = f.now === undefined ? l10n.t('none') : thousands(f.now);
    return f.mine === undefined ? `${abbr} ${was} → ${now}` : l10n.t('{0} {1} → {2} (you set {3})', abbr, was, now, thousands(f.mine));
  });
  return l10n.t('{0}: changed on the server since you loaded it: {1}.', c.model, parts.join(', '));
}

/**
 * What the server must receive for a change, checked against the row as the server has it now:
 * whole numbers ≥ 0, only fields the model has, only values that differ. Never trusts the sender.
 */
export function checkedBody(change: { body: Record<string, unknown> }, now: RateLimitRow): { body: ProjectRateLimitUpdateRequest } | { problem: string } {
  const body: ProjectRateLimitUpdateRequest = {};
  for (const [key, value] of Object.entries(change.body)) {
    const field = RATE_LIMIT_FIELDS.find(([f]) => f === key)?.[0];
    if (!field) return { problem: l10n.t('Unknown rate limit field {0}.', JSON.stringify(key)) };
    if (now.limits[field] === undefined) return { problem: noSuchLimit(now.model, field) };
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return { problem: l10n.t('{0} must be a whole number (0 or more).', fieldName(field)) };
    if (value !== now.limits[field]) body[field] = value;
  }
  return { body };
}

/**
 * The admin chose to reload after a conflict: their edits stay, and the rows as the server has them
 * now become what the next conflict check starts from. Edits of rows that no longer exist are dropped.
 */
export function rebaseDraft(draft: RateLimitDraft, rows: readonly RateLimitRow[]): RateLimitDraft {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: RateLimitDraft = {};
  for (const [id, edit] of Object.entries(draft)) {
    const row = byId.get(id);
    if (row) out[id] = { before: { ...row.limits }, entered: edit.entered };
  }
  return out;
}
