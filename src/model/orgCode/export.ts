// STUB (interface only): the orgcode-engine branch replaces this file.
import type { OrgFile } from './format';
import type { LiveState } from './live';

/** The live organization (or the named projects) as a file, in a stable order. */
export function exportOrgFile(live: LiveState, options: { projects?: readonly string[] } = {}): OrgFile {
  void live; void options;
  throw new Error('exportOrgFile: not implemented yet');
}

/** YAML text of a file; the same state always gives the same text. */
export function stringifyOrgFile(file: OrgFile): string {
  void file;
  throw new Error('stringifyOrgFile: not implemented yet');
}

/**
 * The left side of Compare: the live organization in the file's format, limited to the sections and
 * projects the file manages, and ordered like the file wherever an item is in both, so the diff
 * editor shows only drift.
 */
export function liveForComparison(file: OrgFile, live: LiveState): string {
  void file; void live;
  throw new Error('liveForComparison: not implemented yet');
}
