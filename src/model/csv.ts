/** CSV cells and lines as every export writes them (usage, Access Review). No `vscode` here. */

/**
 * RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula
 * (a project named "=HYPERLINK(…)" must stay text).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no line break). */
export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => cells.map(csvCell).join(',');

/** A whole file: CRLF between and after lines, as RFC 4180 has it. */
export const csvFile = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;
