import * as vscode from 'vscode';
import type { FederationRule, FederationRuleCreateRequest, FederationRulePermissions, FederationRuleUpdateRequest, ProjectServiceAccount } from '../api';
import { checkScopes, parseScopes } from '../model/scopes';
import { workloadIdentityEffects } from '../model/writeEffects';

import { checkMatchers, describePermissions, formatMatchers, parseMatchers } from '../model/workloadIdentity';
import { workloadIdentityProviderId } from '../tree/ids';
import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { pickInFolder, pickOne, pickProject } from './pickers';
import { projectFolderId } from './projects';
import { ask, q, runWrite } from '../ui/run';
import { isKind, itemOf, rowOf } from './targets';
import { providerOf } from './workloadIdentityProviders';

const matchersPrompt = () => vscode.l10n.t('Token attributes that must all match, as attribute=value pairs separated by commas (or a JSON object)');
const MATCHERS_EXAMPLE = 'sub=repo:acme/app:ref:refs/heads/main, repository_owner=acme';

/** What a token accepted by the rule may do: the service account's permissions, or only some scopes. */
async function askPermissions(title: string, current?: FederationRulePermissions): Promise<FederationRulePermissions | undefined> {
  const choice = await pickOne(title, [
    { label: vscode.l10n.t('The service account\'s permissions'), value: 'service_account_default' as const },
    { label: vscode.l10n.t('Restricted to scopes…'), value: 'restricted' as const, detail: vscode.l10n.t('Only the scopes you list, e.g. api.responses.write') },
  ], { current: current?.type, placeholder: vscode.l10n.t('What may a matching token do?') });
  if (!choice) return undefined;
  if (choice === 'service_account_default') return { type: 'service_account_default' };
  const text = await ask(title, vscode.l10n.t('Scopes the token may use, separated by commas'), {
    value: current?.type === 'restricted' ? current.scopes.join(', ') : undefined,
    placeHolder: 'api.responses.write, api.files.read', validateInput: checkScopes,
  });
  return text ? { type: 'restricted', scopes: parseScopes(text) } : undefined;
}

function matchersOf(text: string) {
  const parsed = parseMatchers(text);
  if ('error' in parsed) throw new RangeError(parsed.error); // the input box refused it already
  return parsed.matchers;
}

/** The rule row the command was invoked on, else provider then rule picked by search. */
async function ruleOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<{ rule: FederationRule; providerName: string } | undefined> {
  if (isKind(node, 'federationRule')) {
    const rule = await itemOf<FederationRule>(ctx, node.spec);
    return rule && { rule, providerName: node.lookup('providerName') ?? rule.workload_identity_provider_id };
  }
  const provider = await providerOf(ctx, node, title);
  if (!provider) return undefined;
  const row = await rowOf<FederationRule>(ctx, undefined, 'federationRule', workloadIdentityProviderId(provider.data.id), title, vscode.l10n.t('Type to search federation rules by name or id'));
  return row && { rule: row.data, providerName: provider.data.name || provider.data.id };
}

const ruleName = (r: FederationRule) => r.name || r.id;

type Field = 'name' | 'description' | 'matchers' | 'permissions' | 'enabled';

async function askRuleChange(title: string, r: FederationRule): Promise<FederationRuleUpdateRequest | undefined> {
  const field = await pickOne<Field>(title, [
    { label: vscode.l10n.t('Name'), value: 'name', description: r.name ? plainText(r.name) : vscode.l10n.t('none') },
    { label: vscode.l10n.t('Description'), value: 'description', description: r.description ? plainText(r.description) : vscode.l10n.t('none') },
    { label: vscode.l10n.t('Attribute matchers'), value: 'matchers', description: plainText(formatMatchers(r.attribute_matchers)) },
    { label: vscode.l10n.t('Permissions'), value: 'permissions', description: plainText(describePermissions(r.permissions)) },
    r.enabled
      ? { label: vscode.l10n.t('Disable'), value: 'enabled', detail: vscode.l10n.t('Stop accepting tokens through this rule') }
      : { label: vscode.l10n.t('Enable'), value: 'enabled', detail: vscode.l10n.t('Accept matching tokens again') },
  ], { placeholder: vscode.l10n.t('What to change') });
  switch (field) {
    case undefined: return undefined;
    case 'name':
    case 'description': {
      const prompt = field === 'name' ? vscode.l10n.t('New name (empty removes it)') : vscode.l10n.t('New description (empty removes it)');
      const text = await ask(title, prompt, { value: r[field] ?? '' });
      if (text === undefined) return undefined;
      return (text || null) === (r[field] || null) ? {} : { [field]: text || null };
    }
    case 'matchers': {
      const text = await ask(title, matchersPrompt(), { value: formatMatchers(r.attribute_matchers), placeHolder: MATCHERS_EXAMPLE, validateInput: checkMatchers });
      if (!text) return undefined;
      const attribute_matchers = matchersOf(text);
      return JSON.stringify(attribute_matchers) === JSON.stringify(r.attribute_matchers) ? {} : { attribute_matchers };
    }
    case 'permissions': {
      const permissions = await askPermissions(title, r.permissions);
      if (!permissions) return undefined;
      return JSON.stringify(permissions) === JSON.stringify(r.permissions) ? {} : { permissions };
    }
    case 'enabled': return { enabled: !r.enabled };
  }
}

export function registerFederationRuleCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.federationRule.create', async (node?: TreeNode) => {
      const title = vscode.l10n.t('Add Federation Rule');
      const provider = await providerOf(ctx, node, title);
      if (!provider) return undefined;
      const p = provider.data;
      const stepTitle = vscode.l10n.t('Add Federation Rule to {0}', q(p.name));
      const project = await pickProject(ctx, vscode.l10n.t('{0}: project of the service account', stepTitle));
      if (!project) return undefined;
      const projectName = project.name || project.id;
      const accountRow = await pickInFolder(ctx, projectFolderId(project.id, 'serviceAccounts'),
        vscode.l10n.t('{0}: service account in {1}', stepTitle, q(projectName)), vscode.l10n.t('The service account a matching token acts as'));
      const account = accountRow && await itemOf<ProjectServiceAccount>(ctx, accountRow);
      if (!account) return undefined;
      const matchers = await ask(stepTitle, matchersPrompt(), { placeHolder: MATCHERS_EXAMPLE, validateInput: checkMatchers });
      if (!matchers) return undefined;
      const permissions = await askPermissions(stepTitle);
      if (!permissions) return undefined;
      const name = await ask(stepTitle, vscode.l10n.t('Name of the rule (optional: press Enter to leave it empty)'));
      if (name === undefined) return undefined;
      const body: FederationRuleCreateRequest = {
        project_id: project.id, service_account_id: account.id, attribute_matchers: matchersOf(matchers), permissions,
        ...(name ? { name } : {}),
      };
      return runWrite(ctx, {
        progress: vscode.l10n.t('Adding a federation rule to {0}…', q(p.name)),
        call: (c) => c.workloadIdentityProviders.federationRules.create(p.id, body),
        effects: (r) => workloadIdentityEffects.ruleSaved(r),
        done: (r) => vscode.l10n.t('Added federation rule {0} for {1}', q(ruleName(r)), q(account.name || account.id)),
      });
    }),

    ctx.register('openaiAdmin.federationRule.edit', async (node?: TreeNode) => {
      const target = await ruleOf(ctx, node, vscode.l10n.t('Edit Federation Rule'));
      if (!target) return undefined;
      const { rule } = target;
      const body = await askRuleChange(vscode.l10n.t('Edit Federation Rule {0}', q(ruleName(rule))), rule);
      if (!body) return undefined;
      if (!Object.keys(body).length) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Federation rule {0} left as it was', q(ruleName(rule))), 5000);
        return undefined;
      }
      return runWrite(ctx, {
        progress: vscode.l10n.t('Updating federation rule {0}…', q(ruleName(rule))),
        call: (c) => c.workloadIdentityProviders.federationRules.update(rule.workload_identity_provider_id, rule.id, body),
        effects: (r) => workloadIdentityEffects.ruleSaved(r),
        done: (r) => vscode.l10n.t('Updated federation rule {0}', q(ruleName(r))),
      });
    }),

    ctx.register('openaiAdmin.federationRule.delete', async (node?: TreeNode) => {
      const target = await ruleOf(ctx, node, vscode.l10n.t('Delete Federation Rule'));
      if (!target) return undefined;
      const { rule, providerName } = target;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting federation rule {0}…', q(ruleName(rule))),
        confirm: {
          message: vscode.l10n.t('Delete federation rule {0} of provider {1}?', q(ruleName(rule)), q(providerName)),
          detail: vscode.l10n.t('{0}\nMatching tokens act as service account {1} in project {2}.\n\nFrom now on they are refused (unless another rule matches). This cannot be undone.',
            rule.id, rule.service_account_id, rule.project_id),
          button: vscode.l10n.t('Delete Federation Rule'),
        },
        call: (c) => c.workloadIdentityProviders.federationRules.delete(rule.workload_identity_provider_id, rule.id),
        effects: () => workloadIdentityEffects.ruleDeleted(rule.workload_identity_provider_id, rule.id),
        done: () => vscode.l10n.t('Deleted federation rule {0}', q(ruleName(rule))),
      });
    }),
  ];
}
