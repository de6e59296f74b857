import * as vscode from 'vscode';
import type { ProjectServiceAccount, ProjectServiceAccountCreateResponse, ServiceAccountApiKey } from '../api';
import { notify } from '../notify';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { showSecretOnce } from './oneTimeSecret';
import { askExpiry, expiryPhrase, type ExpiryChoice } from './expiryPick';
import { pickOne, PROJECT_ROLES } from './pickers';
import { ask, q, required, runWrite } from './run';
import { folderIn, projectRefOf, projectRowOf, type ProjectRef } from './targets';

/** What the create command hands back: the account, its key's id and name, never the key itself. */
export type CreatedServiceAccount = Omit<ProjectServiceAccountCreateResponse, 'api_key' | 'role'> & {
  role: ProjectServiceAccount['role'];
  api_key: { id: string; name: string; created_at: number } | null;
};

/** Confirms naming the account and project, deletes it (and with it its keys). Also offered for a service account's key, which cannot be deleted alone. */
export function deleteServiceAccount(ctx: CommandContext, project: ProjectRef, account: { id: string; name?: string | null }, failure?: 'notify' | 'throw') {
  const name = account.name || account.id;
  return runWrite(ctx, {
    failure,
    progress: `Deleting service account ${q(name)}…`,
    confirm: {
      message: `Delete service account ${q(name)} from project ${q(project.name)}?`,
      detail: `${account.id}\n\nIts API keys stop working at once. This cannot be undone.`,
      button: 'Delete Service Account',
    },
    call: (c) => c.serviceAccounts.delete(project.id, account.id),
    // Its keys were listed in the project's API keys too.
    refresh: () => [folderIn(project, 'serviceAccounts'), folderIn(project, 'apiKeys')],
    done: () => `Deleted service account ${q(name)}`,
  });
}

/**
 * Creates the account (promoting it to owner when asked), then shows its one-time key in a modal.
 * Used by the command and the Project panel, so the key is handled in one place: protected in the
 * log before anything can print it, shown once, forgotten after, never returned.
 */
export async function createServiceAccount(
  ctx: CommandContext, project: ProjectRef, name: string, role: 'member' | 'owner', failure?: 'notify' | 'throw', expiresInSeconds?: number,
): Promise<CreatedServiceAccount | undefined> {
  const created = await runWrite(ctx, {
    failure,
    progress: `Creating service account ${q(name)}…`,
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
    refresh: () => [folderIn(project, 'serviceAccounts'), folderIn(project, 'apiKeys')],
    done: ({ account }) => `Created service account ${q(account.name)}`,
  });
  if (!created) return undefined;

  const { api_key: key, ...account } = created.account;
  if (key?.value) {
    await showSecretOnce(
      `Service account ${q(account.name)} was created in ${q(project.name)}. Copy its API key now: it will not be shown again.`,
      key.value, 'if you lose it, create a new key or a new service account.', 'Copied the new service account key');
  } else {
    void notify('warning', `Service account ${q(account.name)} was created without an API key.`);
  }
  if (created.roleError !== undefined) {
    const message = `Service account ${q(account.name)} was created as ${account.role}, but making it owner failed: ${plainText(describeError(created.roleError))}`;
    ctx.log.error(message);
    void notify('error', message);
  }
  ctx.log.forgetSecret(key?.value);
  return { ...account, role: created.finalRole, api_key: key && { id: key.id, name: key.name, created_at: key.created_at } };
}

function serviceAccountOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return projectRowOf<ProjectServiceAccount>(ctx, node, 'serviceAccount', 'serviceAccounts', title, 'Type to search service accounts by name or id');
}

/** What the key command hands back: never the secret. */
export type CreatedServiceAccountKey = Omit<ServiceAccountApiKey, 'value'>;

/** Creates another API key for a service account and shows its secret once, as account creation does. */
export async function createServiceAccountKey(
  ctx: CommandContext, project: ProjectRef, account: { id: string; name?: string | null }, name: string, expiry: ExpiryChoice,
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
    // The project's keys list it, and so does the account's own row.
    refresh: () => [folderIn(project, 'apiKeys'), `${folderIn(project, 'serviceAccounts')}/${account.id}`],
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
    vscode.commands.registerCommand('openaiAdmin.serviceAccount.create', async (node?: TreeNode): Promise<CreatedServiceAccount | undefined> => {
      const title = 'Create Service Account';
      const project = await projectRefOf(ctx, node, title);
      if (!project) return undefined;
      const name = await ask(title, `Name of the new service account in ${q(project.name)}`, { validateInput: required('A name') });
      if (!name) return undefined;
      const role = await pickOne(`Role of ${q(name)} in ${project.name}`, PROJECT_ROLES, { placeholder: 'Project role of the service account' });
      if (!role) return undefined;
      const expiry = await askExpiry(`Expiry of the API key of ${q(name)}`, { never: true });
      if (!expiry) return undefined;

      return createServiceAccount(ctx, project, name, role, undefined, expiry.kind === 'in' ? expiry.seconds : undefined);
    }),

    vscode.commands.registerCommand('openaiAdmin.serviceAccount.createApiKey', async (node?: TreeNode): Promise<CreatedServiceAccountKey | undefined> => {
      const title = 'Create API Key';
      const sa = await serviceAccountOf(ctx, node, title);
      if (!sa) return undefined;
      const accountName = sa.data.name || sa.data.id;
      const name = await ask(title, `Name of the new API key for service account ${q(accountName)}`, { validateInput: required('A name') });
      if (!name) return undefined;
      const expiry = await askExpiry(`Expiry of API key ${q(name)}`, { never: true });
      if (!expiry) return undefined;
      return createServiceAccountKey(ctx, sa.project, sa.data, name, expiry);
    }),

    vscode.commands.registerCommand('openaiAdmin.serviceAccount.changeRole', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Change Service Account Role');
      if (!sa) return undefined;
      const name = sa.data.name || sa.data.id;
      const role = await pickOne(`Role of ${q(name)} in ${q(sa.project.name)}`, PROJECT_ROLES, { current: sa.data.role as 'member' | 'owner' });
      if (!role || role === sa.data.role) return undefined;
      return runWrite(ctx, {
        progress: `Making service account ${q(name)} ${role} of ${q(sa.project.name)}…`,
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { role }),
        refresh: () => [folderIn(sa.project, 'serviceAccounts')],
        done: (r) => `Service account ${q(name)} is now ${r.role} of ${q(sa.project.name)}`,
      });
    }),

    vscode.commands.registerCommand('openaiAdmin.serviceAccount.rename', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Rename Service Account');
      if (!sa) return undefined;
      const was = sa.data.name || sa.data.id;
      const name = await ask('Rename Service Account', `New name for service account ${q(was)} in ${q(sa.project.name)}`, { value: sa.data.name, validateInput: required('A name') });
      if (!name || name === sa.data.name) return undefined;
      return runWrite(ctx, {
        progress: `Renaming service account ${q(was)}…`,
        call: (c) => c.serviceAccounts.update(sa.project.id, sa.data.id, { name }),
        // Its keys name their owner in the project's API keys.
        refresh: () => [folderIn(sa.project, 'serviceAccounts'), folderIn(sa.project, 'apiKeys')],
        done: (r) => `Renamed service account to ${q(r.name)}`,
      });
    }),

    vscode.commands.registerCommand('openaiAdmin.serviceAccount.delete', async (node?: TreeNode) => {
      const sa = await serviceAccountOf(ctx, node, 'Delete Service Account');
      return sa && deleteServiceAccount(ctx, sa.project, sa.data);
    }),
  ];
}
