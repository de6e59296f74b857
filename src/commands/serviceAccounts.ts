import * as vscode from 'vscode';
import type { ProjectServiceAccount, ServiceAccountApiKey } from '../api';
import { serviceAccountEffects } from '../model/writeEffects';
import type { TreeNode } from '../tree/treeNode';
import type { ProjectRef, UiContext } from '../ui/context';
import { showSecretOnce } from '../ui/oneTimeSecret';
import { createServiceAccount, deleteServiceAccount, type CreatedServiceAccount } from '../ui/serviceAccountWrites';
import type { CommandContext } from './context';
import { askExpiry, expiryPhrase, type ExpiryChoice } from './expiryPick';
import { pickOne, projectRoles } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { projectRefOf, projectRowOf } from './targets';

function serviceAccountOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectServiceAccount>(ctx, node, 'serviceAccount', 'serviceAccounts', title, vscode.l10n.t('Type to search service accounts by name or id'));
}

/** What the key command hands back: never the secret. */
export type CreatedServiceAccountKey = Omit<ServiceAccountApiKey, 'value'>;

/** Creates another API key for a service account and shows its secret once, as account creation does. */
export async function createServiceAccountKey(
  ctx: UiContext, project: ProjectRef, account: { id: string; name?: string | null }, name: string, expiry: ExpiryChoice,
): Promise<CreatedServiceAccountKey | undefined> {
  const accountName = account.name || account.id;
  const key = await runWrite(ctx, {
    progress: vscode.l10n.t('Creating API key {0} for service account {1}…', q(name), q(accountName)),
    call: async (c) => {
      const created = await c.serviceAccounts.apiKeys.create(project.id, account.id, { name, ...(expiry.kind === 'in' ? { expires_in_seconds: expiry.seconds } : {}) });
      // Registered before anything else runs, so no later log line can carry it.
      ctx.log.protectSecret(created.value);
      return created;
    },
    // The project’s key list holds it (the account’s row filters that list).
    effects: () => serviceAccountEffects.keyCreated(project.id),
    done: (k) => vscode.l10n.t('Created API key {0} for service account {1}', q(k.name), q(accountName)),
  });
  if (!key) return undefined;
  const { value, ...rest } = key;
  await showSecretOnce(
    vscode.l10n.t('API key {0} was created for service account {1} in {2} ({3}). Copy it now: it will not be shown again.', q(key.name), q(accountName), q(project.name), expiryPhrase(expiry)),
    value, vscode.l10n.t('if you lose it, create a new key.'), vscode.l10n.t('Copied the new API key'));
  ctx.log.forgetSecret(value);
  return rest;
}

export function registerServiceAccountCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.serviceAccount.create', async (node?: TreeNode): Promise<CreatedServiceAccount | undefined> => {
      const title = vscode.l10n.t('Create Service Account');
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const name = await ask(title, vscode.l10n.t('Name of the new service account in {0}', q(project.name)), { validateInput: requiredName });
      if (!name) return undefined;
      const role = await pickOne(vscode.l10n.t('Role of {0} in {1}', q(name), project.name), projectRoles(), { placeholder: vscode.l10n.t('Project role of the service account') });
      if (!role) return undefined;
      const expiry = await askExpiry(vscode.l10n.t('Expiry of the API key of {0}', q(name)), { never: true });
      if (!expiry) return undefined;

      return createServiceAccount(ctx, project, name, role, undefined, expiry.kind === 'in' ? expiry.seconds : undefined);
    }),

    ctx.register('openaiAdmin.serviceAccount.createApiKey', async (node?: TreeNode): Promise<CreatedServiceAccountKey | undefined> => {
      const title = vscode.l10n.t('Create API Key');
      const sa = await serviceAccountOf(ctx, node, title);
      if (!sa) return undefined;
      const accountName = sa.data.name || sa.data.id;
      const name = await ask(title, vscode.l10n.t('Name of the new API key for service account {0}', q(accountName)), { validateInput: requiredName });
      if (!name) return undefined;
      const expiry = await askExpiry(vscode.l10n.t('Expiry of API key {0}', q(name)), { never: true });
      if (!expiry) return undefined;
      return createServiceAccountKey(ctx, sa.project, sa.data, name, expiry);
    }),

    ctx.register('openaiAdmin.serviceAccount.changeRole', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, vscode.l10n.t('Change Service Account Role'));
      if (!sa) return undefined;
      const name = sa.data.name || sa.data.id;
      const role = await pickOne(vscode.l10n.t('Role of {0} in {1}', q(name), q(sa.project.name)), projectRoles(), { current: sa.data.role as 'member' | 'owner' });
      if (!role || role === sa.data.role) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Making service account {0} {1} of {2}…', q(name), role, q(sa.project.name)),
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { role }),
        effects: (r) => serviceAccountEffects.updated(sa.project.id, r),
        done: (r) => vscode.l10n.t('Service account {0} is now {1} of {2}', q(name), r.role, q(sa.project.name)),
      });
    }),

    ctx.register('openaiAdmin.serviceAccount.rename', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, vscode.l10n.t('Rename Service Account'));
      if (!sa) return undefined;
      const was = sa.data.name || sa.data.id;
      const name = await ask(vscode.l10n.t('Rename Service Account'), vscode.l10n.t('New name for service account {0} in {1}', q(was), q(sa.project.name)), { value: sa.data.name, validateInput: requiredName });
      if (!name || name === sa.data.name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Renaming service account {0}…', q(was)),
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { name }),
        // Its keys name their owner in the project's API keys.
        effects: (r) => serviceAccountEffects.updated(sa.project.id, r),
        done: (r) => vscode.l10n.t('Renamed service account to {0}', q(r.name)),
      });
    }),

    ctx.register('openaiAdmin.serviceAccount.delete', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, vscode.l10n.t('Delete Service Account'));
      return sa && deleteServiceAccount(ctx, sa.project, sa.data);
    }),
  ];
}
