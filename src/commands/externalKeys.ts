import * as vscode from 'vscode';
import type { ExternalKey } from '../api';
import { EXTERNAL_KEY_FORMS, externalKeyBody, formFor } from '../model/externalForms';
import type { CloudProvider } from '../model/externalProviders';
import { externalEffects } from '../model/writeEffects';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { askProviderForm } from './providerForm';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { rowOf } from './targets';

const FOLDER = 'externalKeys';
const providerName = (type: string) => formFor(EXTERNAL_KEY_FORMS, type)?.label ?? type;

function keyOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return rowOf<ExternalKey>(ctx, node, 'externalKey', FOLDER, title, vscode.l10n.t('Type to search external keys by name or id'));
}

/** "Used by 2 projects: proj_a, proj_b" in a confirmation's detail. */
function usedBy(projects: readonly string[]): string {
  if (!projects.length) return vscode.l10n.t('Used by no project.');
  return projects.length === 1
    ? vscode.l10n.t('Used by 1 project: {0}', projects.join(', '))
    : vscode.l10n.t('Used by {0} projects: {1}', projects.length, projects.join(', '));
}

/** Validation statuses are not enumerated by the API; these read as success, anything else deserves a warning. */
const GOOD = /^(valid|validated|ok|success|succeeded|healthy|active)$/i;

export function registerExternalKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.externalKey.create', async () => {
      const title = vscode.l10n.t('Register External Key');
      const name = await ask(title, vscode.l10n.t('A name for the key, as the organization will see it'), { validateInput: requiredName });
      if (!name) return undefined;
      const answers = await askProviderForm(vscode.l10n.t('Register External Key {0}', q(name)), EXTERNAL_KEY_FORMS, vscode.l10n.t('Where the key lives'));
      if (!answers) return undefined;
      const body = externalKeyBody(answers.form.type as CloudProvider, name, answers.values);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Registering external key {0}…', q(name)),
        call: (c) => c.externalKeys.create(body),
        effects: (k) => externalEffects.keyCreated(k),
        done: (k) => vscode.l10n.t('Registered external key {0}', q(k.name)),
      });
    }),

    ctx.register('openaiAdmin.externalKey.validate', async (node?: TreeNode) => {
      const key = await keyOf(ctx, node, vscode.l10n.t('Validate External Key'));
      if (!key) return undefined;
      const name = key.data.name || key.data.id;
      const result = await runWrite(ctx, {
        progress: vscode.l10n.t('Validating external key {0}…', q(name)),
        call: (c) => c.externalKeys.validate(key.data.id),
        effects: () => externalEffects.keyValidated(),
        done: (r) => vscode.l10n.t('External key {0}: {1}', q(name), plainText(r.status)),
      });
      if (!result) return undefined;
      if (GOOD.test(result.status)) {
        void notify('info', vscode.l10n.t('External key {0} ({1}): validation {2}.', q(name), providerName(key.data.type), q(result.status)));
      } else {
        void notify('warning', vscode.l10n.t('External key {0} ({1}): validation {2}. OpenAI could not confirm it can use this key; check the key\'s permissions in your cloud account.',
          q(name), providerName(key.data.type), q(result.status)));
      }
      return result;
    }),

    ctx.register('openaiAdmin.externalKey.delete', async (node?: TreeNode) => {
      const key = await keyOf(ctx, node, vscode.l10n.t('Delete External Key'));
      if (!key) return undefined;
      const k = key.data;
      const projects = k.api_project_ids ?? [];
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting external key {0}…', q(k.name || k.id)),
        confirm: {
          message: vscode.l10n.t('Delete external key {0} ({1})?', q(k.name || k.id), providerName(k.type)),
          detail: `${k.id}\n${usedBy(projects)}\n\n`
            + vscode.l10n.t('The registration is removed from the organization; the key itself stays in your cloud account. This cannot be undone.'),
          button: vscode.l10n.t('Delete External Key'),
        },
        call: (c) => c.externalKeys.delete(k.id),
        effects: () => externalEffects.keyDeleted(k.id),
        done: () => vscode.l10n.t('Deleted external key {0}', q(k.name || k.id)),
      });
    }),
  ];
}
