// Creating an admin API key. Its secret is in the create response only: it is protected in the
// log before anything can print it, shown once in a modal with Copy (./oneTimeSecret, the same
// path as a new service account's key), forgotten after, and never returned, stored or sent.
// (Deleting an admin key is in organization.ts.)
import * as vscode from 'vscode';
import type { AdminApiKey } from '../api';
import { adminKeyEffects } from '../model/writeEffects';

import { notify } from '../notify';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { showSecretOnce } from '../ui/oneTimeSecret';
import { pickOne } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';

const DAY = 86_400;
/** The API's bound for expires_in_seconds. */
const MAX_DAYS = 365;

// A function, so the text is looked up in the l10n bundle when the pick shows.
const expiryChoices = () => [
  { label: vscode.l10n.t('Never'), value: 0, detail: vscode.l10n.t('The key works until it is deleted.') },
  { label: vscode.l10n.t('{0} days', 30), value: 30 },
  { label: vscode.l10n.t('{0} days', 90), value: 90 },
  { label: vscode.l10n.t('1 year'), value: MAX_DAYS },
  { label: vscode.l10n.t('Other…'), value: -1, detail: vscode.l10n.t('A number of days, 1 to {0}', MAX_DAYS) },
];

export function checkDays(text: string): string | undefined {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? undefined : vscode.l10n.t('Type a whole number of days from 1 to {0}.', MAX_DAYS);
}

export function registerAdminKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.adminKey.create', async (): Promise<AdminApiKey | undefined> => {
      const title = vscode.l10n.t('Create Admin API Key');
      const name = await ask(title, vscode.l10n.t('Name of the new admin key (what uses it)'), { validateInput: requiredName });
      if (!name) return undefined;
      let days = await pickOne(vscode.l10n.t('Expiry of {0}', q(name)), expiryChoices(), { placeholder: vscode.l10n.t('When does the key stop working?') });
      if (days === undefined) return undefined;
      if (days < 0) {
        const typed = await ask(title, vscode.l10n.t('Days until {0} expires', q(name)), { placeHolder: '30', validateInput: checkDays });
        if (!typed) return undefined;
        days = Number(typed);
      }
      // A failure is shown here without runWrite's Retry: a retried create would make a key whose
      // secret this command never sees, so it could not be shown.
      const progress = vscode.l10n.t('Creating admin API key {0}…', q(name));
      let created;
      try {
        created = await runWrite(ctx, {
          failure: 'throw',
          progress,
          call: async (c) => {
            const key = await c.adminApiKeys.create({ name, ...(days ? { expires_in_seconds: days * DAY } : {}) });
            // Registered before anything else runs, so no later log line can carry it.
            ctx.log.protectSecret(key.value);
            return key;
          },
          effects: (k) => adminKeyEffects.created(k),
          done: (k) => vscode.l10n.t('Created admin API key {0}', q(k.name || k.redacted_value)),
        });
      } catch (err) {
        void notify('error', vscode.l10n.t('{0} failed: {1}', progress.replace(/…$/, ''), plainText(describeError(err))));
        return undefined;
      }
      if (!created) return undefined;
      const { value, ...key } = created;
      if (value) {
        await showSecretOnce(
          vscode.l10n.t('Admin API key {0} was created. Copy it now: it will not be shown again.', q(key.name || key.redacted_value)),
          value, vscode.l10n.t('if you lose it, delete this key and create a new one.'), vscode.l10n.t('Copied the new admin API key'));
      } else {
        void notify('warning', vscode.l10n.t('Admin API key {0} was created, but the API did not return its value.', q(key.name || key.redacted_value)));
      }
      ctx.log.forgetSecret(value);
      return key;
    }),
  ];
}
