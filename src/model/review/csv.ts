// The Access Review as a CSV file: one line per row as the review shows it (filtered and sorted),
// lists joined with "; " inside a cell. Times are ISO 8601 (UTC). API text stays text: csvCell
// quotes it and keeps formula-like names (=, +, -, @) from running in a spreadsheet.
import { csvFile, csvLine } from '../csv';
import type { ReviewRow } from './types';

export const REVIEW_CSV_HEADER = [
  'kind', 'id', 'name', 'email', 'organization_role', 'organization_role_assignments',
  'projects', 'project_role_assignments', 'groups', 'api_keys', 'api_key_count', 'last_key_use', 'next_key_expiry',
  'invite_status', 'invite_expires',
] as const;

// Not translated, on purpose: the column names and the words inside cells ("member", "last used", "never") are a data
// format that scripts and spreadsheets read, so they stay the same English whatever VS Code's display language.
const iso = (t: number | null | undefined) => (t === null || t === undefined ? '' : new Date(t * 1000).toISOString());
const KIND: Record<ReviewRow['kind'], string> = { member: 'member', invite: 'invite', serviceAccount: 'service account' };

export function reviewCsv(rows: readonly ReviewRow[]): string {
  const lines = [csvLine(REVIEW_CSV_HEADER)];
  for (const r of rows) {
    lines.push(csvLine([
      KIND[r.kind], r.id, r.name, r.email, r.orgRole, r.orgRoles?.join('; ') ?? '',
      r.projects.map((p) => `${p.projectName} (${p.projectId}): ${p.role}`).join('; '),
      r.projects.filter((p) => p.roles?.length).map((p) => `${p.projectName}: ${p.roles!.join(', ')}`).join('; '),
      r.groups.map((g) => g.name).join('; '),
      r.keys.map((k) => `${k.name} (${k.redactedValue}, ${k.projectName}, last used ${iso(k.lastUsedAt) || 'never'}, expires ${iso(k.expiresAt) || 'never'})`).join('; '),
      r.keys.length, iso(r.lastKeyUse), iso(r.nextKeyExpiry),
      r.invite?.status ?? '', iso(r.invite?.expiresAt),
    ]));
  }
  return csvFile(lines);
}
