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
  return projectRowOf<ProjectServiceAccount>(ctx, node, 'serviceAccount', 'serviceAccounts', title, 'Type to search service accounts by name or id');
}

/** What the key command hands back: never the secret. */
export type CreatedServiceAccountKey = Omit<ServiceAccountApiKey, 'value'>;

/** Creates another API key for a service account and shows its secret once, as account creation does. */
export async function createServiceAccountKey(
  ctx: UiContext, project: ProjectRef, account: { id: string; name?: string | null }, name: string, expiry: ExpiryChoice,
): Promise<CreatedServiceAccountKey | undefined> {
  const accountName = account.name || account.id;
  const key = await runWrite(ctx, {
    progress: `Creating API key ${q(name)} for service account ${q(accountName)}…`,
    call: async (c) => {
      const created = await c.serviceAccounts.apiKeys.create(project.id, account.id, { name, ...(expiry.kind === 'in' ? { expires_in_seconds: expiry.seconds } : {}) });
      // Registered before anything else runs, so no later log line can carry it.
      ctx.log.protectSecret(created.value);
      return created;
    },
    // The project’s key list holds it (the account’s row filters that list).
    effects: () => serviceAccountEffects.keyCreated(project.id),
    done: (k) => `Created API key ${q(k.name)} for service account ${q(accountName)}`,
  });
  if (!key) return undefined;
  const { value, ...rest } = key;
  await showSecretOnce(
    `API key ${q(key.name)} was created for service account ${q(accountName)} in ${q(project.name)} (${expiryPhrase(expiry)}). Copy it now: it will not be shown again.`,
    value, 'if you lose it, create a new key.', 'Copied the new API key');
  ctx.log.forgetSecret(value);
  return rest;
}

export function registerServiceAccountCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.serviceAccount.create', async (node?: TreeNode): Promise<CreatedServiceAccount | undefined> => {
      const title = 'Create Service Account';
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const name = await ask(title, `Name of the new service account in ${q(project.name)}`, { validateInput: requiredName });
      if (!name) return undefined;
      const role = await pickOne(`Role of ${q(name)} in ${project.name}`, projectRoles(), { placeholder: 'Project role of the service account' });
      if (!role) return undefined;
      const expiry = await askExpiry(`Expiry of the API key of ${q(name)}`, { never: true });
      if (!expiry) return undefined;

      return createServiceAccount(ctx, project, name, role, undefined, expiry.kind === 'in' ? expiry.seconds : undefined);
    }),

    ctx.register('openaiAdmin.serviceAccount.createApiKey', async (node?: TreeNode): Promise<CreatedServiceAccountKey | undefined> => {
      const title = 'Create API Key';
      const sa = await serviceAccountOf(ctx, node, title);
      if (!sa) return undefined;
      const accountName = sa.data.name || sa.data.id;
      const name = await ask(title, `Name of the new API key for service account ${q(accountName)}`, { validateInput: requiredName });
      if (!name) return undefined;
      const expiry = await askExpiry(`Expiry of API key ${q(name)}`, { never: true });
      if (!expiry) return undefined;
      return createServiceAccountKey(ctx, sa.project, sa.data, name, expiry);
    }),

    ctx.register('openaiAdmin.serviceAccount.changeRole', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Change Service Account Role');
      if (!sa) return undefined;
      const name = sa.data.name || sa.data.id;
      const role = await pickOne(`Role of ${q(name)} in ${q(sa.project.name)}`, projectRoles(), { current: sa.data.role as 'member' | 'owner' });
      if (!role || role === sa.data.role) return undefined;
      return runWrite(ctx, {
        progress: `Making service account ${q(name)} ${role} of ${q(sa.project.name)}…`,
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { role }),
        effects: (r) => serviceAccountEffects.updated(sa.project.id, r),
        done: (r) => `Service account ${q(name)} is now ${r.role} of ${q(sa.project.name)}`,
      });
    }),

    ctx.register('openaiAdmin.serviceAccount.rename', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Rename Service Account');
      if (!sa) return undefined;
      const was = sa.data.name || sa.data.id;
      const name = await ask('Rename Service Account', `New name for service account ${q(was)} in ${q(sa.project.name)}`, { value: sa.data.name, validateInput: requiredName });
      if (!name || name === sa.data.name) return undefined;
      return runWrite(ctx, {
        progress: `Renaming service account ${q(was)}…`,
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { name }),
        // Its keys name their owner in the project's API keys.
        effects: (r) => serviceAccountEffects.updated(sa.project.id, r),
        done: (r) => `Renamed service account to ${q(r.name)}`,
      });
    }),

    ctx.register('openaiAdmin.serviceAccount.delete', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Delete Service Account');
      return sa && deleteServiceAccount(ctx, sa.project, sa.data);
    }),
  ];
}
