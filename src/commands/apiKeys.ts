import * as vscode from 'vscode';
import type { ProjectApiKey, ProjectApiKeyUpdateRequest } from '../api';
import { keyExpiry } from '../model/expiry';
import { checkScopes, parseScopes } from '../model/scopes';
import { apiKeyEffects } from '../model/writeEffects';
import type { TreeNode } from '../tree/treeNode';
import { deleteSelectedKeys, selectedKeys } from './bulkKeys';
import type { CommandContext } from './context';
import { askExpiry, expiryPhrase } from './expiryPick';
import { pickOne } from './pickers';
import { deleteProjectApiKey } from '../ui/apiKeyWrites';
import type { ProjectRef } from '../ui/context';
import { ask, q, runWrite } from '../ui/run';
import { projectRowOf } from './targets';

type ScopeChoice = 'keep' | 'all' | 'read' | 'custom';

/** New scopes for a key, or 'keep'. The API does not report a key's current scopes, so none is marked. */
async function askScopes(title: string): Promise<string[] | 'keep' | undefined> {
  const choice = await pickOne<ScopeChoice>(title, [
    { label: vscode.l10n.t('Keep the current scopes'), value: 'keep' },
    { label: vscode.l10n.t('All permissions'), value: 'all', detail: vscode.l10n.t('Removes the key\'s own restrictions (owner roles still apply).') },
    { label: vscode.l10n.t('Read only'), value: 'read', detail: 'api.all.read' },
    { label: vscode.l10n.t('Custom scopes…'), value: 'custom', detail: vscode.l10n.t('Type the scope ids, e.g. api.responses.write') },
  ], { placeholder: vscode.l10n.t('What may requests with this key do?') });
  if (!choice) return undefined;
  if (choice === 'keep') return 'keep';
  if (choice === 'all') return [];
  if (choice === 'read') return ['api.all.read'];
  const text = await ask(title, vscode.l10n.t('Scopes, separated by commas'), { placeHolder: 'api.responses.write, api.files.read', validateInput: checkScopes });
  return text ? parseScopes(text) : undefined;
}

/**
 * Changes a key's scopes and/or expiry. The API takes an expiry as seconds from now (1 to 365
 * days) and never `null`, so an expiry can be moved but not removed; nothing is offered that the
 * API would refuse. Choosing to keep both sends nothing.
 */
export async function editProjectApiKey(ctx: CommandContext, project: ProjectRef, k: ProjectApiKey) {
  const name = k.name || k.redacted_value;
  const title = vscode.l10n.t('Edit API Key {0}', q(name));
  const scopes = await askScopes(title);
  if (scopes === undefined) return undefined;
  const expiry = await askExpiry(title, { keep: keyExpiry(k.expires_at).text });
  if (!expiry) return undefined;
  const body: Partial<ProjectApiKeyUpdateRequest> = {
    ...(scopes === 'keep' ? {} : { scopes }),
    ...(expiry.kind === 'in' ? { expires_in_seconds: expiry.seconds } : {}),
  };
  if (!Object.keys(body).length) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('API key {0} left as it was', q(name)), 5000);
    return undefined;
  }
  const changed = [scopes === 'keep' ? undefined : scopes.length ? vscode.l10n.t('scopes {0}', scopes.join(', ')) : vscode.l10n.t('all permissions'),
    expiry.kind === 'in' ? expiryPhrase(expiry) : undefined].filter(Boolean).join(', ');
  return runWrite(ctx, {
    progress: vscode.l10n.t('Updating API key {0}…', q(name)),
    call: (c) => c.projectApiKeys.update(project.id, k.id, body as ProjectApiKeyUpdateRequest),
    effects: (updated) => apiKeyEffects.updated(project.id, updated),
    done: () => vscode.l10n.t('Updated API key {0}: {1}', q(name), changed),
  });
}

export function registerApiKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.projectApiKey.delete', async (node?: TreeNode, nodes?: TreeNode[]) => {
      // Several keys selected together: one plan for all of them (./bulkKeys).
      const selected = selectedKeys(nodes ?? []);
      if (selected.length > 1) return deleteSelectedKeys(ctx, selected);
      const key = await projectRowOf<ProjectApiKey>(ctx, node, 'projectApiKey', 'apiKeys', vscode.l10n.t('Delete API Key'), vscode.l10n.t('Type to search API keys by name or id'));
      if (!key) return undefined;
      return deleteProjectApiKey(ctx, key.project, key.data);
    }),

    ctx.register('openaiAdmin.projectApiKey.edit', async (node?: TreeNode) => {
      const key = await projectRowOf<ProjectApiKey>(ctx, node, 'projectApiKey', 'apiKeys', vscode.l10n.t('Edit API Key'), vscode.l10n.t('Type to search API keys by name or id'));
      return key && editProjectApiKey(ctx, key.project, key.data);
    }),
  ];
}
