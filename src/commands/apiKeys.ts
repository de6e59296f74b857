import * as vscode from 'vscode';
import type { ProjectApiKey } from '../api';
import { relativeTime } from '../model/format';
import { askModal } from '../notify';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { q, runWrite } from './run';
import { deleteServiceAccount } from './serviceAccounts';
import { folderIn, projectRowOf, type ProjectRef } from './targets';

/** "service account “ci”" / "“Ada Lovelace”": whose work stops when the key goes. */
function ownerPhrase(k: ProjectApiKey): string {
  const o = k.owner;
  if (o?.type === 'service_account') return `service account ${q(o.service_account?.name || o.service_account?.id)}`;
  const who = o?.user?.name || o?.user?.email || o?.user?.id;
  return who ? q(who) : 'an unknown owner';
}

/**
 * Deletes a project API key after a confirmation naming it, its owner and when it was last used. A
 * service account's key cannot be deleted on its own: deleting the account is offered instead.
 * Used by the command and the Project panel.
 */
export async function deleteProjectApiKey(ctx: CommandContext, project: ProjectRef, k: ProjectApiKey, failure?: 'notify' | 'throw') {
  const lastUsed = k.last_used_at ? `last used ${relativeTime(k.last_used_at)}` : 'never used';
  const account = k.owner?.type === 'service_account' ? k.owner.service_account : undefined;
  if (account) {
    // The API refuses to delete a service account's key on its own; revoking it means deleting the account.
    const offer = `Delete Service Account ${q(account.name || account.id)}…`;
    const choice = await askModal('warning',
      `API key ${q(k.name || k.id)} (${k.redacted_value}) belongs to ${ownerPhrase(k)} and cannot be deleted on its own.`,
      `To revoke it, delete the service account: its keys are deleted with it. It was ${lastUsed}.`,
      offer,
    );
    return choice === offer ? deleteServiceAccount(ctx, project, account, failure) : undefined;
  }
  return runWrite(ctx, {
    failure,
    progress: `Deleting API key ${q(k.name || k.redacted_value)}…`,
    confirm: {
      message: `Delete API key ${q(k.name || k.id)} (${k.redacted_value}), owned by ${ownerPhrase(k)}, ${lastUsed}?`,
      detail: `${k.id} in project ${q(project.name)}\n\nRequests made with this key fail from now on. This cannot be undone.`,
      button: 'Delete API Key',
    },
    call: (c) => c.projectApiKeys.delete(project.id, k.id),
    refresh: () => [folderIn(project, 'apiKeys')],
    done: () => `Deleted API key ${q(k.name || k.redacted_value)}`,
  });
}

export function registerApiKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openaiAdmin.projectApiKey.delete', async (node?: TreeNode) => {
      const key = await projectRowOf<ProjectApiKey>(ctx, node, 'projectApiKey', 'apiKeys', 'Delete API Key', 'Type to search API keys by name or id');
      if (!key) return undefined;
      return deleteProjectApiKey(ctx, key.project, key.data);
    }),
  ];
}
