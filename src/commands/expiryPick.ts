import * as vscode from 'vscode';
import { checkExpiryDays, daysToSeconds } from '../model/expiry';
import { isoDate } from '../model/format';
import { ask } from '../ui/run';

/** What the admin chose: leave the expiry alone, no expiry at all, or a lifetime from now. */
export type ExpiryChoice = { kind: 'keep' } | { kind: 'never' } | { kind: 'in'; seconds: number; days: number };

const PRESET_DAYS = [30, 90, 365];

interface ExpiryItem extends vscode.QuickPickItem {
  choice: ExpiryChoice | 'custom';
}

/**
 * The lifetime of an API key: 30, 90 or 365 days, or a custom number of days (the API's
 * `expires_in_seconds` allows 1 to 365 days). `keep` offers leaving the current expiry (its text is
 * shown); `never` offers no expiry, only where the API accepts leaving it out.
 */
export async function askExpiry(title: string, opts: { keep?: string; never?: boolean }): Promise<ExpiryChoice | undefined> {
  const day = (days: number) => isoDate(Date.now() / 1000 + days * 86400).slice(0, 10);
  const items: ExpiryItem[] = [
    ...(opts.keep !== undefined ? [{ label: vscode.l10n.t('Keep the current expiry'), description: opts.keep, choice: { kind: 'keep' } as const }] : []),
    ...(opts.never ? [{ label: vscode.l10n.t('No expiry'), detail: vscode.l10n.t('The key does not expire unless an organization or project policy requires it.'), choice: { kind: 'never' } as const }] : []),
    ...PRESET_DAYS.map((days): ExpiryItem => ({ label: vscode.l10n.t('{0} days', days), description: vscode.l10n.t('until {0}', day(days)), choice: { kind: 'in', days, seconds: daysToSeconds(days) } })),
    { label: vscode.l10n.t('Custom number of days…'), description: vscode.l10n.t('1 to 365'), choice: 'custom' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('When should the key expire?'), ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.choice !== 'custom') return picked.choice;
  const text = await ask(title, vscode.l10n.t('Days until the key expires (1 to 365)'), { placeHolder: '60', validateInput: checkExpiryDays });
  if (!text) return undefined;
  const days = Number(text);
  return { kind: 'in', days, seconds: daysToSeconds(days) };
}

/** "expires in 30 days" / "does not expire" for status messages. */
export function expiryPhrase(choice: ExpiryChoice): string {
  if (choice.kind === 'in') return choice.days === 1 ? vscode.l10n.t('expires in 1 day') : vscode.l10n.t('expires in {0} days', choice.days);
  return choice.kind === 'never' ? vscode.l10n.t('does not expire') : vscode.l10n.t('expiry unchanged');
}
