// STUB (interface only): the orgcode-file branch replaces this file with the real parser and validator.
import type { ParsedOrgFile } from './format';

/** Files larger than this are refused before they are parsed. */
export const MAX_ORG_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Parses and validates the text of a `*.openai-org.yaml` file: YAML syntax, limits (size, aliases,
 * custom tags), duplicate keys, the JSON Schema (unknown fields, wrong types) and the rules a schema
 * cannot say (duplicate names, one of user/group). Every problem has a position. Never throws.
 */
export function parseOrgFile(text: string): ParsedOrgFile {
  void text;
  throw new Error('parseOrgFile: not implemented yet');
}
