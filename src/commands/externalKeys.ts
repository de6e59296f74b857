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
  return rowOf<ExternalKey>(ctx, node, 'externalKey', FOLDER, title, 'Type to search external keys by name or id');
}

/** Validation statuses are not enumerated by the API; these read as success, anything else deserves a warning. */
const GOOD = /^(valid|validated|ok|success|succeeded|healthy|active)$/i;

export function registerExternalKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.externalKey.create', async () => {
      const title = 'Register External Key';
      const name = await ask(title, 'A name for the key, as the organization will see it', { validateInput: requiredName });
      if (!name) return undefined;
      const answers = await askProviderForm(`${title} ${q(name)}`, EXTERNAL_KEY_FORMS, 'Where the key lives');
      if (!answers) return undefined;
      const body = externalKeyBody(answers.form.type as CloudProvider, name, answers.values);
      return runWrite(ctx, {
        progress: `Registering external key ${q(name)}…`,
        call: (c) => c.externalKeys.create(body),
        effects: (k) => externalEffects.keyCreated(k),
        done: (k) => `Registered external key ${q(k.name)}`,
      });
    }),

    ctx.register('openaiAdmin.externalKey.validate', async (node?: TreeNode) => {
      const key = await keyOf(ctx, node, 'Validate External Key');
      if (!key) return undefined;
      const name = key.data.name || key.data.id;
      const result = await runWrite(ctx, {
        progress: `Validating external key ${q(name)}…`,
        call: (c) => c.externalKeys.validate(key.data.id),
        effects: () => externalEffects.keyValidated(),
        done: (r) => `External key ${q(name)}: ${plainText(r.status)}`,
      });
      if (!result) return undefined;
      const message = `External key ${q(name)} (${providerName(key.data.type)}): validation ${q(result.status)}.`;
      if (GOOD.test(result.status)) void notify('info', message);
      else void notify('warning', `${message} OpenAI could not confirm it can use this key; check the key's permissions in your cloud account.`);
      return result;
    }),

    ctx.register('openaiAdmin.externalKey.delete', async (node?: TreeNode) => {
      const key = await keyOf(ctx, node, 'Delete External Key');
      if (!key) return undefined;
      const k = key.data;
      const projects = k.api_project_ids ?? [];
      return runWrite(ctx, {
        progress: `Deleting external key ${q(k.name || k.id)}…`,
        confirm: {
          message: `Delete external key ${q(k.name || k.id)} (${providerName(k.type)})?`,
          detail: `${k.id}\n${projects.length ? `Used by ${projects.length} project${projects.length === 1 ? '' : 's'}: ${projects.join(', ')}` : 'Used by no project.'}\n\n`
            + 'The registration is removed from the organization; the key itself stays in your cloud account. This cannot be undone.',
          button: 'Delete External Key',
        },
        call: (c) => c.externalKeys.delete(k.id),
        effects: () => externalEffects.keyDeleted(k.id),
        done: () => `Deleted external key ${q(k.name || k.id)}`,
      });
    }),
  ];
}
