/** Checks and parsing for what admins type into input boxes (emails, amounts, lists). No `vscode` here. */

import * as l10n from '@vscode/l10n';

// Deliberately loose: one @, no spaces, a dot in the domain. The API is the real judge; this catches typos.
// Brackets, parentheses, backslash and colon are refused too: no ordinary address has them unquoted,
// and with them an address could read as a Markdown link (`[Open](command:…)@example.com`).
const EMAIL = /^[^\s@,;<>"()[\]\\:]+@[^\s@,;<>"()[\]\\:]+\.[^\s@,;<>"()[\]\\:.]+$/;

export function checkEmail(text: string): string | undefined {
  const t = text.trim();
  if (!t) return l10n.t('An email address is required.');
  return EMAIL.test(t) ? undefined : l10n.t('{0} is not an email address.', JSON.stringify(t));
}

/** Comma-, semicolon- or whitespace-separated values, trimmed, empties and repeats dropped. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean))];
}

export function checkEmailList(text: string): string | undefined {
  const emails = splitList(text);
  if (!emails.length) return l10n.t('Enter at least one email address.');
  const bad = emails.find((e) => checkEmail(e) !== undefined);
  return bad === undefined ? undefined : l10n.t('{0} is not an email address.', JSON.stringify(bad));
}

/** Whole US dollars, as the spend endpoints take them: "500", "$1,000"; at least 1. */
export function checkWholeDollars(text: string): string | undefined {
  const t = text.trim().replace(/^\$/, '').replace(/,(?=\d{3}(,|$))/g, '');
  if (!t) return l10n.t('Enter an amount in whole US dollars, e.g. 500.');
  if (!/^\d+$/.test(t)) return l10n.t('Enter whole US dollars only: no cents, units or signs, e.g. 500.');
  const n = Number(t);
  if (n < 1) return l10n.t('The amount must be at least $1.');
  if (!Number.isSafeInteger(n)) return l10n.t('That amount is too large.');
  return undefined;
}

export function parseWholeDollars(text: string): number {
  const problem = checkWholeDollars(text);
  if (problem) throw new RangeError(problem);
  return Number(text.trim().replace(/^\$/, '').replace(/,/g, ''));
}

/** Model ids typed by hand: comma- or space-separated; ids themselves never contain spaces or commas. */
export function checkModelIds(text: string): string | undefined {
  if (!splitList(text).length) return l10n.t('Enter one or more model ids, separated by commas.');
  const bad = splitList(text).find((m) => !/^[A-Za-z0-9][\w.:/-]*$/.test(m));
  return bad === undefined ? undefined : l10n.t('{0} does not look like a model id.', JSON.stringify(bad));
}
