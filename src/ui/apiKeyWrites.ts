// Deleting a project API key, as the tree's command and the Project panel both offer it.
import * as vscode from 'vscode';
import type { ProjectApiKey } from '../api';
import { relativeTime } from '../model/format';
import { apiKeyEffects } from '../model/writeEffects';
import type { ProjectRef, UiContext } from './context';
import { q, runWrite } from './run';

/** "service account “ci”" / "“Ada Lovelace”": whose work stops when the key goes. */
function ownerPhrase(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return vscode.l10n.t('service account {0}', q(o.service_account?.name || o.service_account?.id));
  const who = o?.user?.name || o?.user?.email || o?.user?.id;
  return who ? q(who) : vscode.l10n.t('an unknown owner');
}

/**
 * Deletes a project API key after a confirmation naming it, its owner and when it was last used. A
 * service account's key goes on its own (November 2026 spec): the account and its other keys stay.
 */
export async function deleteProjectApiKey(ctx: UiContext, project: ProjectRef, k: ProjectApiKey, failure?: 'notify' | 'throw') {
  const account = k.owner?.type === 'service_account' ? k.owner.service_account : undefined;
  const name = q(k.name || k.id);
  return runWrite(ctx, {
    failure,
    progress: vscode.l10n.t('Deleting API key {0}…', q(k.name || k.redacted_value)),
    confirm: {
      message: k.last_used_at
        ? vscode.l10n.t('Delete API key {0} ({1}), owned by {2}, last used {3}?', name, k.redacted_value, ownerPhrase(k), relativeTime(k.last_used_at))
        : vscode.l10n.t('Delete API key {0} ({1}), owned by {2}, never used?', name, k.redacted_value, ownerPhrase(k)),
      detail: account
        ? vscode.l10n.t('{0} in project {1}\n\nRequests made with this key fail from now on. The service account and its other keys stay. This cannot be undone.', k.id, q(project.name))
        : vscode.l10n.t('{0} in project {1}\n\nRequests made with this key fail from now on. This cannot be undone.', k.id, q(project.name)),
      button: vscode.l10n.t('Delete API Key'),
    },
    call: (c) => c.projectApiKeys.delete(project.id, k.id),
    effects: () => apiKeyEffects.deleted(project.id, k.id),
    done: () => vscode.l10n.t('Deleted API key {0}', q(k.name || k.redacted_value)),
  });
}
