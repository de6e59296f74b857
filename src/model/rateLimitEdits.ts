/** Editing a project rate limit: which fields to offer, what counts as a valid value, what to send. */
import type { ProjectRateLimit, ProjectRateLimitUpdateRequest } from '../api/types';
import { RATE_LIMIT_FIELDS, type RateLimitField } from './format';

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
  if (!t) return 'Enter a whole number (0 or more).';
  if (t.startsWith('-')) return 'The limit cannot be negative.';
  if (!WHOLE.test(t)) return 'Enter a whole number without decimals or units, e.g. 10000.';
  if (!Number.isSafeInteger(Number(t.replace(/[,_ ]/g, '')))) return 'That number is too large.';
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
