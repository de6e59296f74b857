// Creating and deleting a project's service account, as the tree's commands and the Project panel
// both offer them. A new account's one-time key is handled here only: protected in the log before
// anything can print it, shown once in a modal, forgotten after, never returned or stored.
import * as vscode from 'vscode';
import type { ProjectServiceAccount, ProjectServiceAccountCreateResponse } from '../api';
import { describeError } from '../model/describeError';
import { serviceAccountEffects } from '../model/writeEffects';
import { notify } from '../notify';
import { plainText } from '../util/plainText';
import type { ProjectRef, UiContext } from './context';
import { showSecretOnce } from './oneTimeSecret';
import { q, runWrite } from './run';

/** What the create command hands back: the account, its key's id and name, never the key itself. */
export type CreatedServiceAccount = Omit<ProjectServiceAccountCreateResponse, 'api_key' | 'role'> & {
  role: ProjectServiceAccount['role'];
  api_key: { id: string; name: string; created_at: number } | null;
};

/** Confirms naming the account and project, deletes it (and with it its keys). Also offered for a service account's key, which cannot be deleted alone. */
export function deleteServiceAccount(ctx: UiContext, project: ProjectRef, account: { id: string; name?: string | null }, failure?: 'notify' | 'throw') {
  const name = account.name || account.id;
  return runWrite(ctx, {
    failure,
    progress: vscode.l10n.t('Deleting service account {0}…', q(name)),
    confirm: {
      message: vscode.l10n.t('Delete service account {0} from project {1}?', q(name), q(project.name)),
      detail: vscode.l10n.t('{0}\n\nIts API keys stop working at once. This cannot be undone.', account.id),
      button: vscode.l10n.t('Delete Service Account'),
    },
    call: (c) => c.serviceAccounts.delete(project.id, account.id),
    effects: () => serviceAccountEffects.deleted(project.id, account.id),
    done: () => vscode.l10n.t('Deleted service account {0}', q(name)),
  });
}

/**
 * Creates the account (promoting it to owner when asked), then shows its one-time key in a modal.
 * Used by the command and the Project panel, so the key is handled in one place: protected in the
 * log before anything can print it, shown once, forgotten after, never returned.
 */
export async function createServiceAccount(
  ctx: UiContext, project: ProjectRef, name: string, role: 'member' | 'owner', failure?: 'notify' | 'throw', expiresInSeconds?: number,
): Promise<CreatedServiceAccount | undefined> {
  const created = await runWrite(ctx, {
    failure,
    progress: vscode.l10n.t('Creating service account {0}…', q(name)),
    call: async (c) => {
      // Left out, the key does not expire (unless a policy says otherwise).
      const account = await c.serviceAccounts.create(project.id, { name, ...(expiresInSeconds === undefined ? {} : { expires_in_seconds: expiresInSeconds }) });
      // Registered before anything else runs, so no later log line can carry it.
      ctx.log.protectSecret(account.api_key?.value);
      // The API creates members only. A failed promotion must not lose the one-time key, so it is reported after the key is shown.
      let roleError: unknown;
      let finalRole: ProjectServiceAccount['role'] = account.role;
      if (role === 'owner') {
        try {
          finalRole = (await c.serviceAccounts.update(project.id, account.id, { role: 'owner' })).role;
        } catch (err) {
          roleError = err;
        }
      }
      return { account, finalRole, roleError };
    },
    effects: ({ account, finalRole }) => serviceAccountEffects.created(project.id, account, finalRole),

    done: ({ account }) => vscode.l10n.t('Created service account {0}', q(account.name)),
  });
  if (!created) return undefined;

  const { api_key: key, ...account } = created.account;
  if (key?.value) {
    await showSecretOnce(
      vscode.l10n.t('Service account {0} was created in {1}. Copy its API key now: it will not be shown again.', q(account.name), q(project.name)),
      key.value, vscode.l10n.t('if you lose it, create a new key or a new service account.'), vscode.l10n.t('Copied the new service account key'));
  } else {
    void notify('warning', vscode.l10n.t('Service account {0} was created without an API key.', q(account.name)));
  }
  if (created.roleError !== undefined) {
    const message = vscode.l10n.t('Service account {0} was created as {1}, but making it owner failed: {2}', q(account.name), account.role, plainText(describeError(created.roleError)));
    ctx.log.error(message);
    void notify('error', message);
  }
  ctx.log.forgetSecret(key?.value);
  return { ...account, role: created.finalRole, api_key: key && { id: key.id, name: key.name, created_at: key.created_at } };
}

