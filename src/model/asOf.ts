import * as l10n from '@vscode/l10n';

/**
 * "as of 10:42": how old the data a view shows is, from a list's read time (OrgStore.readAt). The
 * time alone while it is from today, with the date otherwise; in the display language (./locale.ts,
 * VS Code's: the extension host's own default locale can differ), 12- or 24-hour as that language
 * writes it.
 */
import { displayLocale } from './locale';

export interface AsOfOptions {
  /** BCP 47 tag(s); the display language (model/locale.ts) when absent, the runtime's default when unknown. */
  locale?: string | readonly string[];
  /** Now, in ms since the epoch (tests). */
  now?: number;
}

/** "as of 10:42", "as of 5 Dec, 10:42"; undefined when nothing was read yet. */
export function formatAsOf(readAt: number | undefined, options: AsOfOptions = {}): string | undefined {
  if (readAt === undefined || !Number.isFinite(readAt)) return undefined;
  const when = new Date(readAt);
  const now = new Date(options.now ?? Date.now());
  const sameDay = when.getFullYear() === now.getFullYear() && when.getMonth() === now.getMonth() && when.getDate() === now.getDate();
  const format: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...(when.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) };
  return l10n.t('as of {0}', dateFormat(options.locale ?? displayLocale(), format).format(when));
}

function dateFormat(locale: AsOfOptions['locale'], format: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale as string | string[] | undefined, format);
  } catch {
    // A malformed tag (RangeError) falls back to the runtime's locale rather than hiding the time.
    return new Intl.DateTimeFormat(undefined, format);
  }
}
