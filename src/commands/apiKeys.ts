import * as vscode from 'vscode';
import type { ProjectApiKey, ProjectApiKeyUpdateRequest } from '../api';
import { keyExpiry } from '../model/expiry';
import { listRef, remove } from '../model/store';
import { relativeTime } from '../model/format';
import { checkScopes, parseScopes } from '../model/scopes';
import type { TreeNode } from '../tree/treeNode';
import { deleteSelectedKeys, selectedKeys } from './bulkKeys';
import type { CommandContext } from './context';
import { askExpiry, expiryPhrase } from './expiryPick';
import { pickOne } from './pickers';
import { ask, q, runWrite } from './run';
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
 * service account's key goes on its own (November 2026 spec): the account and its other keys stay.
 * Used by the command and the Project panel.
 */
export async function deleteProjectApiKey(ctx: CommandContext, project: ProjectRef, k: ProjectApiKey, failure?: 'notify' | 'throw') {
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
    refresh: () => keyFolders(project, k),
    // Views that name keys from the store (Usage & Costs) say the key is deleted.
    effects: () => [remove(listRef('projectApiKeys', project.id), k.id)],
    done: () => `Deleted API key ${q(k.name || k.redacted_value)}`,
  });
}

/** The tree nodes listing a key: the API keys folder, and its service account's row (which lists its keys too). */
function keyFolders(project: ProjectRef, k: ProjectApiKey): string[] {
  const account = k.owner?.type === 'service_account' ? k.owner.service_account : undefined;
  return [folderIn(project, 'apiKeys'), ...(account?.id ? [`${folderIn(project, 'serviceAccounts')}/${account.id}`] : [])];
}

type ScopeChoice = 'keep' | 'all' | 'read' | 'custom';

/** New scopes for a key, or 'keep'. The API does not report a key's current scopes, so none is marked. */
async function askScopes(title: string): Promise<string[] | 'keep' | undefined> {
  const choice = await pickOne<ScopeChoice>(title, [
    { label: 'Keep the current scopes', value: 'keep' },
    { label: 'All permissions', value: 'all', detail: "Removes the key's own restrictions (owner roles still apply)." },
    { label: 'Read only', value: 'read', detail: 'api.all.read' },
    { label: 'Custom scopes…', value: 'custom', detail: 'Type the scope ids, e.g. api.responses.write' },
  ], { placeholder: 'What may requests with this key do?' });
  if (!choice) return undefined;
  if (choice === 'keep') return 'keep';
  if (choice === 'all') return [];
  if (choice === 'read') return ['api.all.read'];
  const text = await ask(title, 'Scopes, separated by commas', { placeHolder: 'api.responses.write, api.files.read', validateInput: checkScopes });
  return text ? parseScopes(text) : undefined;
}

/**
 * Changes a key's scopes and/or expiry. The API takes an expiry as seconds from now (1 to 365
 * days) and never `null`, so an expiry can be moved but not removed; nothing is offered that the
 * API would refuse. Choosing to keep both sends nothing.
 */
export async function editProjectApiKey(ctx: CommandContext, project: ProjectRef, k: ProjectApiKey) {
  const name = k.name || k.redacted_value;
  const title = `Edit API Key ${q(name)}`;
  const scopes = await askScopes(title);
  if (scopes === undefined) return undefined;
  const expiry = await askExpiry(title, { keep: keyExpiry(k.expires_at).text });
  if (!expiry) return undefined;
  const body: Partial<ProjectApiKeyUpdateRequest> = {
    ...(scopes === 'keep' ? {} : { scopes }),
    ...(expiry.kind === 'in' ? { expires_in_seconds: expiry.seconds } : {}),
  };
  if (!Object.keys(body).length) {
    void vscode.window.setStatusBarMessage(`API key ${q(name)} left as it was`, 5000);
    return undefined;
  }
  const changed = [scopes === 'keep' ? undefined : scopes.length ? `scopes ${scopes.join(', ')}` : 'all permissions',
    expiry.kind === 'in' ? expiryPhrase(expiry) : undefined].filter(Boolean).join(', ');
  return runWrite(ctx, {
    progress: `Updating API key ${q(name)}…`,
    call: (c) => c.projectApiKeys.update(project.id, k.id, body as ProjectApiKeyUpdateRequest),
    refresh: () => keyFolders(project, k),
    done: () => `Updated API key ${q(name)}: ${changed}`,
  });
}

export function registerApiKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openaiAdmin.projectApiKey.delete', async (node?: TreeNode, nodes?: TreeNode[]) => {
      // Several keys selected together: one plan for all of them (./bulkKeys).
      const selected = selectedKeys(nodes ?? []);
      if (selected.length > 1) return deleteSelectedKeys(ctx, selected);
      const key = await projectRowOf<ProjectApiKey>(ctx, node, 'projectApiKey', 'apiKeys', 'Delete API Key', 'Type to search API keys by name or id');
      if (!key) return undefined;
      return deleteProjectApiKey(ctx, key.project, key.data);
    }),

    vscode.commands.registerCommand('openaiAdmin.projectApiKey.edit', async (node?: TreeNode) => {
      const key = await projectRowOf<ProjectApiKey>(ctx, node, 'projectApiKey', 'apiKeys', 'Edit API Key', 'Type to search API keys by name or id');
      return key && editProjectApiKey(ctx, key.project, key.data);
    }),
  ];
}
