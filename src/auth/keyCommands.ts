import * as vscode from 'vscode';
import { checkApiKeyText } from '../api/apiKey';
import type { Logger } from '../log';
import { askModal, notify, runWithProgress } from '../notify';
import { plainText } from '../util/plainText';
import { KeyStorageError } from './keyStore';
import type { Session } from './session';

const ADMIN_KEYS_PAGE = 'https://platform.openai.com/settings/organization/admin-keys';

/** Why a candidate key was refused, in words an admin can act on. */
export function explainKeyFailure(err: unknown): string {
  const status = (err as { status?: number })?.status;
  if (status === 401) return vscode.l10n.t('The API rejected the key (401 Unauthorized): it is invalid or has been revoked.');
  if (status === 403) {
    return vscode.l10n.t('This is not an admin API key (403 Forbidden): project and user keys cannot use the Administration API. An organization owner creates admin keys at {0}.', ADMIN_KEYS_PAGE);
  }
  const message = err instanceof Error ? err.message : String(err);
  return vscode.l10n.t('The key could not be checked: {0}', plainText(message));
}

/**
 * Validates with one cheap request before storing, so a mistyped or non-admin key never replaces a
 * working one. Returns whether a key was stored (tests pass the key as an argument).
 */
/** The masked box an admin key is typed into; it refuses text that cannot be a key before anything is sent. */
export function askAdminKey(title: string, prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: 'sk-admin-…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? checkApiKeyText(v.trim()) : undefined),
  });
}

export async function setAdminKey(session: Session, log: Logger, given?: string, organization?: string): Promise<boolean> {
  const key = (given ?? await askAdminKey(
    organization ? vscode.l10n.t('OpenAI Admin: Set Admin API Key of {0}', organization) : vscode.l10n.t('OpenAI Admin: Set Admin API Key'),
    vscode.l10n.t('Paste an organization admin API key. It is checked against the API, then kept in VS Code secret storage.'),
  ))?.trim();
  if (!key) return false;
  // A key passed as an argument skipped the input box's check.
  const keyProblem = checkApiKeyText(key);
  if (keyProblem) {
    void notify('error', vscode.l10n.t('{0} Nothing was stored.', keyProblem));
    return false;
  }
  log.protectSecret(key);

  const settings = session.settings();
  if (!settings.ok) {
    void notify('error', vscode.l10n.t('{0} The key was not stored.', settings.reason), vscode.l10n.t('Open Settings'))
      .then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'openaiAdmin.apiBaseUrl'));
    return false;
  }

  try {
    await runWithProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the admin API key…') },
      async () => {
        const client = await session.clientFor(key, settings.settings);
        await client.projects.listPage({ limit: 1 });
      },
    );
  } catch (err) {
    const reason = explainKeyFailure(err);
    log.warn(`Set Admin API Key: ${reason} Nothing was stored.`);
    void notify('error', vscode.l10n.t('{0} Nothing was stored.', reason));
    return false;
  }

  try {
    await session.keys.store(key);
  } catch (err) {
    const message = err instanceof KeyStorageError ? err.message : vscode.l10n.t('Could not store the key: {0}', String(err));
    log.error(message);
    void notify('error', message);
    return false;
  }
  await session.keyChanged();
  log.info(`Admin API key stored (checked against ${settings.settings.baseUrl}).`);
  void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('OpenAI admin key saved')}`, 4000);
  return true;
}

export async function clearAdminKey(session: Session, confirm: boolean, organization?: string): Promise<boolean> {
  if (confirm) {
    const remove = vscode.l10n.t('Remove Key');
    const choice = await askModal('warning',
      organization ? vscode.l10n.t('Remove the admin API key of {0} from VS Code secret storage?', organization) : vscode.l10n.t('Remove the admin API key from VS Code secret storage?'),
      vscode.l10n.t('The explorer disconnects until a key is set again. The key itself stays valid at OpenAI.'),
      remove,
    );
    if (choice !== remove) return false;
  }
  await session.keys.delete();
  await session.keyChanged();
  void vscode.window.setStatusBarMessage(vscode.l10n.t('OpenAI admin key removed'), 4000);
  return true;
}
