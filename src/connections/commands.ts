// Add, rename and remove organizations, and set or remove an organization's key. Registered at
// activation (they read no API until a key is checked), each acting on the organization of the row
// it came from, or the one the user picks.
import * as vscode from 'vscode';
import { checkApiKeyText } from '../api/apiKey';
import { checkBaseUrl } from '../api/baseUrl';
import type { ConnectionRegistry } from '../auth/connections';
import { askAdminKey, clearAdminKey, explainKeyFailure, setAdminKey } from '../auth/keyCommands';
import { KeyStorageError } from '../auth/keyStore';
import type { Logger } from '../log';
import { checkConnectionName, DEFAULT_CONNECTION_ID } from '../model/connections';
import { askModal, notify, runWithProgress } from '../notify';
import type { Organizations } from './organizations';

/** What a test (Test and Development mode only) may pass instead of typing: see `scripted` below. */
interface AddArgs { name?: unknown; key?: unknown; baseUrl?: unknown }

/**
 * `scripted`: the commands take their answers as arguments (a key, a name, `{ confirm: false }`),
 * so tests skip the prompts. Only Test and Development mode allow it: in an installed extension any
 * other extension could run these commands, and a key must be typed and a removal confirmed.
 */
export function registerConnectionCommands(orgs: Organizations, registry: ConnectionRegistry, log: Logger, scripted = false): vscode.Disposable[] {
  const chosen = (args: unknown[], title: string) => orgs.of(args) ?? orgs.pick(title);
  const optionsOf = (arg: unknown) => (scripted && arg && typeof arg === 'object' ? arg as Record<string, unknown> : {});

  return [
    vscode.commands.registerCommand('openaiAdmin.setAdminKey', async (arg?: unknown) => {
      const org = await chosen([arg], vscode.l10n.t('Set Admin API Key'));
      if (!org) return false;
      const given = !scripted ? undefined : typeof arg === 'string' ? arg : typeof optionsOf(arg).key === 'string' ? optionsOf(arg).key as string : undefined;
      return setAdminKey(org.session, log, given, org.label);
    }),
    vscode.commands.registerCommand('openaiAdmin.clearAdminKey', async (arg?: unknown) => {
      const org = await chosen([arg], vscode.l10n.t('Remove Admin API Key'));
      if (!org) return false;
      return clearAdminKey(org.session, optionsOf(arg).confirm !== false, org.label);
    }),
    vscode.commands.registerCommand('openaiAdmin.addOrganization', (arg?: unknown) => addOrganization(orgs, registry, log, optionsOf(arg) as AddArgs)),
    vscode.commands.registerCommand('openaiAdmin.renameOrganization', async (arg?: unknown) => {
      const org = await chosen([arg], vscode.l10n.t('Rename Organization'));
      if (!org) return false;
      const given = optionsOf(arg).name;
      const name = typeof given === 'string' ? given : await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename Organization'),
        prompt: vscode.l10n.t('The name shown in the tree, tab titles and the status bar (only in VS Code; nothing changes at OpenAI).'),
        value: org.name,
        validateInput: (v) => checkConnectionName(v, registry.list(), org.id),
      });
      if (name === undefined || name.trim() === org.name) return false;
      try {
        await registry.rename(org.id, name);
        return true;
      } catch (err) {
        void notify('error', err instanceof Error ? err.message : String(err));
        return false;
      }
    }),
    vscode.commands.registerCommand('openaiAdmin.removeOrganization', async (arg?: unknown) => {
      const org = await chosen([arg], vscode.l10n.t('Remove Organization'));
      if (!org) return false;
      if (optionsOf(arg).confirm !== false) {
        const remove = vscode.l10n.t('Remove Organization');
        const choice = await askModal('warning', vscode.l10n.t('Remove the organization "{0}" from VS Code?', org.name),
          vscode.l10n.t('Its admin API key is deleted from VS Code secret storage, and everything read with it is dropped. The key itself stays valid at OpenAI.'),
          remove);
        if (choice !== remove) return false;
      }
      await registry.remove(org.id);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Removed the organization {0}', org.name), 4000);
      return true;
    }),
  ];
}

/**
 * Asks for a name and a key, checks the key with one request (to the connection's base URL) and
 * only then stores it: a mistyped or non-admin key never becomes a connection.
 */
async function addOrganization(orgs: Organizations, registry: ConnectionRegistry, log: Logger, given: AddArgs): Promise<string | undefined> {
  const name = typeof given.name === 'string' ? given.name : await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Organization (1/3)'),
    prompt: vscode.l10n.t('A name for the organization, shown in the tree, tab titles and the status bar.'),
    placeHolder: vscode.l10n.t('e.g. Acme Production'),
    ignoreFocusOut: true,
    validateInput: (v) => checkConnectionName(v, registry.list()),
  });
  if (name === undefined) return undefined;
  const nameProblem = checkConnectionName(name, registry.list());
  if (nameProblem) {
    void notify('error', vscode.l10n.t('{0} Nothing was added.', nameProblem));
    return undefined;
  }
  const key = (typeof given.key === 'string' ? given.key : await askAdminKey(
    vscode.l10n.t('Add Organization (2/3)'),
    vscode.l10n.t('Paste an admin API key of {0}. It is checked against the API, then kept in VS Code secret storage.', name.trim()),
  ))?.trim();
  if (!key) return undefined;
  const keyProblem = checkApiKeyText(key);
  if (keyProblem) {
    void notify('error', vscode.l10n.t('{0} Nothing was added.', keyProblem));
    return undefined;
  }
  log.protectSecret(key);

  const first = orgs.all()[0]!;
  const settings = first.session.settings();
  if (!settings.ok) {
    void notify('error', vscode.l10n.t('{0} Nothing was added.', settings.reason));
    return undefined;
  }
  // Most organizations use the default; a gateway or another API host is the exception, so the
  // step is pre-filled and Enter keeps the setting's URL (which then keeps following the setting).
  const typedUrl = typeof given.baseUrl === 'string' ? given.baseUrl : typeof given.key === 'string' ? undefined : await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Organization (3/3)'),
    prompt: vscode.l10n.t('The API base URL for this organization. Press Enter to use the default.'),
    value: settings.settings.baseUrl,
    ignoreFocusOut: true,
    validateInput: (v) => { const checked = checkBaseUrl(v); return checked.ok ? undefined : checked.reason; },
  });
  if (typedUrl === undefined && typeof given.key !== 'string') return undefined;
  const differs = typedUrl !== undefined && typedUrl.trim().replace(/\/+$/, '') !== settings.settings.baseUrl;
  // Checked before the key goes anywhere: plain http only to this machine (src/api/baseUrl.ts).
  const ownUrl = differs ? checkBaseUrl(typedUrl) : undefined;
  if (ownUrl && !ownUrl.ok) {
    void notify('error', vscode.l10n.t('{0} Nothing was added.', ownUrl.reason));
    return undefined;
  }
  const baseUrl = ownUrl?.url;
  try {
    await runWithProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the admin API key…') }, async () => {
      const client = await first.session.clientFor(key, baseUrl === undefined ? settings.settings : { ...settings.settings, baseUrl });
      await client.projects.listPage({ limit: 1 });
    });
  } catch (err) {
    const reason = explainKeyFailure(err);
    log.warn(`Add Organization: ${reason} Nothing was added.`);
    void notify('error', vscode.l10n.t('{0} Nothing was added.', reason));
    return undefined;
  }

  // A window that never had a key holds only the empty first connection: the new one takes its place.
  const empty = registry.list().length === 1 && first.id === DEFAULT_CONNECTION_ID && first.keyState === 'missing';
  try {
    const added = await registry.add(name, key, baseUrl);
    if (empty) await registry.remove(DEFAULT_CONNECTION_ID);
    // Its folder lists its objects as soon as the command returns.
    await orgs.get(added.id)?.session.refreshState();
    log.info(`Added the organization ${added.name} (key checked against ${baseUrl ?? settings.settings.baseUrl}).`);
    void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Added the organization {0}', added.name)}`, 4000);
    return added.id;
  } catch (err) {
    const message = err instanceof KeyStorageError || err instanceof Error ? err.message : String(err);
    log.error(message);
    void notify('error', vscode.l10n.t('{0} Nothing was added.', message));
    return undefined;
  }
}
