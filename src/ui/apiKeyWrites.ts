// Deleting a project API key, as the tree's command and the Project panel both offer it.
import type { ProjectApiKey } from '../api';
import { relativeTime } from '../model/format';
import { apiKeyEffects } from '../model/writeEffects';
import type { ProjectRef, UiContext } from './context';
import { q, runWrite } from './run';

/** "service account “ci”" / "“Ada Lovelace”": whose work stops when the key goes. */
function ownerPhrase(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return `service account ${q(o.service_account?.name || o.service_account?.id)}`;
  const who = o?.user?.name || o?.user?.email || o?.user?.id;
  return who ? q(who) : 'an unknown owner';
}

/**
 * Deletes a project API key after a confirmation naming it, its owner and when it was last used. A
 * service account's key goes on its own (November 2026 spec): the account and its other keys stay.
 */
export async function deleteProjectApiKey(ctx: UiContext, project: ProjectRef, k: ProjectApiKey, failure?: 'notify' | 'throw') {
  const lastUsed = k.last_used_at ? `last used ${relativeTime(k.last_used_at)}` : 'never used';
  const account = k.owner?.type === 'service_account' ? k.owner.service_account : undefined;
  return runWrite(ctx, {
    failure,
    progress: `Deleting API key ${q(k.name || k.redacted_value)}…`,
    confirm: {
      message: `Delete API key ${q(k.name || k.id)} (${k.redacted_value}), owned by ${ownerPhrase(k)}, ${lastUsed}?`,
      detail: `${k.id} in project ${q(project.name)}\n\nRequests made with this key fail from now on.${account ? ' The service account and its other keys stay.' : ''} This cannot be undone.`,
      button: 'Delete API Key',
    },
    call: (c) => c.projectApiKeys.delete(project.id, k.id),
    effects: () => apiKeyEffects.deleted(project.id, k.id),
    done: () => `Deleted API key ${q(k.name || k.redacted_value)}`,
  });
}
