import * as vscode from 'vscode';
import type { WorkloadIdentityProvider, WorkloadIdentityProviderCreateRequest, WorkloadIdentityProviderUpdateRequest, WorkloadIdentityVerification } from '../api';
import { checkAudience, checkHttpsUrl } from '../model/workloadIdentity';
import { workloadIdentityEffects } from '../model/writeEffects';

import { notify } from '../notify';
import { rootId, workloadIdentityProviderId } from '../tree/ids';
import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { pickOne } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { rowOf, type Row } from './targets';

const PROVIDERS_FOLDER = rootId('workloadIdentity');

/** The provider row the command was invoked on, else one picked by search. */
export async function providerOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Row<WorkloadIdentityProvider> | undefined> {
  return rowOf<WorkloadIdentityProvider>(ctx, node, 'workloadIdentityProvider', PROVIDERS_FOLDER, title, vscode.l10n.t('Type to search providers by name or id'));
}

const checkIssuer = (v: string) => checkHttpsUrl(v, vscode.l10n.t('The issuer'));
const checkDiscoveryUrl = (v: string) => checkHttpsUrl(v, vscode.l10n.t('The discovery URL'));

/** Where token signing keys come from: the issuer's discovery document (null URL) or another discovery URL. */
async function askVerification(title: string, current?: WorkloadIdentityVerification): Promise<WorkloadIdentityVerification | undefined> {
  const now = current?.type === 'discovery' ? (current.discovery_url ? 'custom' : 'issuer') : current ? 'jwks' : undefined;
  const choice = await pickOne(title, [
    { label: vscode.l10n.t('The issuer\'s discovery document'), value: 'issuer' as const, detail: vscode.l10n.t('Signing keys are found through <issuer>/.well-known/openid-configuration') },
    { label: vscode.l10n.t('Another discovery URL…'), value: 'custom' as const, detail: vscode.l10n.t('For issuers that publish their discovery document elsewhere') },
  ], { current: now, placeholder: vscode.l10n.t('How are the tokens\' signatures verified?') });
  if (!choice) return undefined;
  if (choice === 'issuer') return { type: 'discovery', discovery_url: null };
  const url = await ask(title, vscode.l10n.t('Discovery document URL'), {
    value: current?.type === 'discovery' ? current.discovery_url ?? undefined : undefined,
    placeHolder: 'https://issuer.example.com/.well-known/openid-configuration', validateInput: checkDiscoveryUrl,
  });
  return url ? { type: 'discovery', discovery_url: url } : undefined;
}

function verificationText(v: WorkloadIdentityVerification): string {
  if (v.type === 'uploaded_jwks') return vscode.l10n.t('uploaded JSON Web Key Set');
  return v.discovery_url ?? vscode.l10n.t('the issuer\'s discovery document');
}

const sameVerification = (a: WorkloadIdentityVerification, b: WorkloadIdentityVerification) => JSON.stringify(a) === JSON.stringify(b);

type Field = 'name' | 'description' | 'issuer' | 'audience' | 'verification' | 'enabled';

/** One field per edit, pre-filled; an unchanged value sends nothing. */
async function askProviderChange(title: string, p: WorkloadIdentityProvider): Promise<WorkloadIdentityProviderUpdateRequest | undefined> {
  const field = await pickOne<Field>(title, [
    { label: vscode.l10n.t('Name'), value: 'name', description: plainText(p.name) },
    { label: vscode.l10n.t('Description'), value: 'description', description: p.description ? plainText(p.description) : vscode.l10n.t('none') },
    { label: vscode.l10n.t('Issuer'), value: 'issuer', description: plainText(p.issuer) },
    { label: vscode.l10n.t('Audience'), value: 'audience', description: plainText(p.audience) },
    { label: vscode.l10n.t('Signing keys'), value: 'verification', description: plainText(verificationText(p.verification)) },
    p.enabled
      ? { label: vscode.l10n.t('Disable'), value: 'enabled', detail: vscode.l10n.t('Stop accepting its tokens (federation rules stay)') }
      : { label: vscode.l10n.t('Enable'), value: 'enabled', detail: vscode.l10n.t('Accept its tokens again') },
  ], { placeholder: vscode.l10n.t('What to change') });
  switch (field) {
    case undefined: return undefined;
    case 'name': {
      const name = await ask(title, vscode.l10n.t('New display name'), { value: p.name, validateInput: requiredName });
      return name && name !== p.name ? { name } : {};
    }
    case 'description': {
      const text = await ask(title, vscode.l10n.t('New description (empty removes it)'), { value: p.description ?? '' });
      if (text === undefined) return undefined;
      const description = text || null;
      return description === (p.description || null) ? {} : { description };
    }
    case 'issuer': {
      const issuer = await ask(title, vscode.l10n.t('New token issuer (iss)'), { value: p.issuer, validateInput: checkIssuer });
      return issuer && issuer !== p.issuer ? { issuer } : {};
    }
    case 'audience': {
      const audience = await ask(title, vscode.l10n.t('New audience (aud) the tokens must carry'), { value: p.audience, validateInput: checkAudience });
      return audience && audience !== p.audience ? { audience } : {};
    }
    case 'verification': {
      const verification = await askVerification(title, p.verification);
      if (!verification) return undefined;
      return sameVerification(verification, p.verification) ? {} : { verification };
    }
    case 'enabled': return { enabled: !p.enabled };
  }
}

export function registerWorkloadIdentityProviderCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.workloadIdentityProvider.create', async () => {
      const title = vscode.l10n.t('Create Workload Identity Provider');
      const name = await ask(title, vscode.l10n.t('Display name of the OIDC provider'), { placeHolder: 'GitHub Actions', validateInput: requiredName });
      if (!name) return undefined;
      const issuer = await ask(title, vscode.l10n.t('Token issuer (iss) of {0}', q(name)), { placeHolder: 'https://token.actions.githubusercontent.com', validateInput: checkIssuer });
      if (!issuer) return undefined;
      const audience = await ask(title, vscode.l10n.t('Audience (aud) the tokens must carry'), { placeHolder: 'https://github.com/acme', validateInput: checkAudience });
      if (!audience) return undefined;
      const description = await ask(title, vscode.l10n.t('Description (optional: press Enter to leave it empty)'));
      if (description === undefined) return undefined;
      const verification = await askVerification(title);
      if (!verification) return undefined;
      const body: WorkloadIdentityProviderCreateRequest = {
        name, type: 'oidc', issuer, audience,
        ...(description ? { description } : {}),
        // The issuer's own discovery document is what the API uses when none is given.
        ...(verification.type === 'discovery' && !verification.discovery_url ? {} : { verification }),
      };
      const created = await runWrite(ctx, {
        progress: vscode.l10n.t('Creating workload identity provider {0}…', q(name)),
        call: (c) => c.workloadIdentityProviders.create(body),
        effects: (created) => workloadIdentityEffects.providerSaved(created),
        done: (p) => vscode.l10n.t('Created workload identity provider {0}', q(p.name)),
      });
      if (created) {
        // Without a rule no token is accepted; offer the next step (not awaited: the toast stays until dismissed).
        const next = vscode.l10n.t('Add Federation Rule…');
        void notify('info',
          vscode.l10n.t('Provider {0} accepts no tokens until a federation rule maps them to a service account.', q(created.name)), next,
        ).then(async (choice) => {
          if (choice !== next) return;
          const node = await ctx.explorer.resolve(workloadIdentityProviderId(created.id));
          await vscode.commands.executeCommand('openaiAdmin.federationRule.create', node);
        });
      }
      return created;
    }),

    ctx.register('openaiAdmin.workloadIdentityProvider.edit', async (node?: TreeNode) => {
      const row = await providerOf(ctx, node, vscode.l10n.t('Edit Workload Identity Provider'));
      if (!row) return undefined;
      const p = row.data;
      const body = await askProviderChange(vscode.l10n.t('Edit Workload Identity Provider {0}', q(p.name)), p);
      if (!body) return undefined;
      if (!Object.keys(body).length) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Provider {0} left as it was', q(p.name)), 5000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: vscode.l10n.t('Updating workload identity provider {0}…', q(p.name)),
        confirm: body.enabled === false ? {
          message: vscode.l10n.t('Disable workload identity provider {0}?', q(p.name)),
          detail: vscode.l10n.t('{0}\nIssuer: {1}\n\nIts tokens are refused until it is enabled again: workloads that sign in with them stop working.', p.id, plainText(p.issuer)),
          button: vscode.l10n.t('Disable Provider'),
        } : undefined,
        call: (c) => c.workloadIdentityProviders.update(p.id, body),
        effects: (r) => workloadIdentityEffects.providerSaved(r),
        done: (r) => vscode.l10n.t('Updated workload identity provider {0}', q(r.name)),
      });
    }),

    ctx.register('openaiAdmin.workloadIdentityProvider.delete', async (node?: TreeNode) => {
      const row = await providerOf(ctx, node, vscode.l10n.t('Delete Workload Identity Provider'));
      if (!row) return undefined;
      const p = row.data;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting workload identity provider {0}…', q(p.name)),
        confirm: {
          message: vscode.l10n.t('Delete workload identity provider {0}?', q(p.name)),
          detail: vscode.l10n.t('{0}\nIssuer: {1}\n\nWorkloads that sign in with its tokens stop working. This cannot be undone.', p.id, plainText(p.issuer)),
          button: vscode.l10n.t('Delete Provider'),
        },
        call: (c) => c.workloadIdentityProviders.delete(p.id),
        effects: () => workloadIdentityEffects.providerDeleted(p.id),
        done: () => vscode.l10n.t('Deleted workload identity provider {0}', q(p.name)),
      });
    }),
  ];
}
