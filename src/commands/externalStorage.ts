import * as vscode from 'vscode';
import type { ExternalStorage } from '../api';
import { EXTERNAL_STORAGE_FORMS, externalStorageBody, formFor } from '../model/externalForms';
import type { CloudProvider } from '../model/externalProviders';
import { externalEffects } from '../model/writeEffects';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { pickProject } from './pickers';
import { askProviderForm } from './providerForm';
import { q, runWrite } from '../ui/run';
import { rowOf } from './targets';

const FOLDER = 'externalStorage';
const providerName = (type: string) => formFor(EXTERNAL_STORAGE_FORMS, type)?.label ?? type;

/** A bucket reads as its bucket or container name. */
function storageName(s: ExternalStorage): string {
  const p = s.provider as { bucket?: string; container?: string };
  return p.bucket ?? p.container ?? s.id;
}

function storageOf(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  return rowOf<ExternalStorage>(ctx, node, 'externalStorage', FOLDER, title, vscode.l10n.t('Type to search external storage by bucket, project or id'));
}

export function registerExternalStorageCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.externalStorage.create', async () => {
      const title = vscode.l10n.t('Register External Storage');
      const project = await pickProject(ctx, title);
      if (!project) return undefined;
      const answers = await askProviderForm(vscode.l10n.t('Register External Storage for {0}', project.name || project.id), EXTERNAL_STORAGE_FORMS, vscode.l10n.t('Where the bucket lives'));
      if (!answers) return undefined;
      const body = externalStorageBody(answers.form.type as CloudProvider, project.id, answers.values);
      const where = answers.values.bucket ?? answers.values.container ?? '';
      return runWrite(ctx, {
        progress: vscode.l10n.t('Registering {0} {1} for project {2}…', answers.form.label, q(where), q(project.name || project.id)),
        call: (c) => c.externalStorage.create(body),
        effects: (s) => externalEffects.storageCreated(s),
        done: (s) => vscode.l10n.t('Registered external storage {0}: {1}', q(storageName(s)), s.status),
      });
    }),

    ctx.register('openaiAdmin.externalStorage.validate', async (node?: TreeNode) => {
      const row = await storageOf(ctx, node, vscode.l10n.t('Validate External Storage'));
      if (!row) return undefined;
      const name = storageName(row.data);
      const result = await runWrite(ctx, {
        progress: vscode.l10n.t('Validating external storage {0}…', q(name)),
        call: (c) => c.externalStorage.validate(row.data.id),
        effects: (s) => externalEffects.storageValidated(s),
        done: (s) => vscode.l10n.t('External storage {0}: {1}', q(name), s.status),
      });
      if (!result) return undefined;
      if (result.status === 'validated' || result.status === 'pending') {
        void notify('info', vscode.l10n.t('External storage {0} ({1}): {2}.', q(name), providerName(result.provider.type), q(result.status)));
      } else {
        void notify('warning', vscode.l10n.t('External storage {0} ({1}): {2}. OpenAI cannot fully reach this bucket; check its role or permissions in your cloud account.',
          q(name), providerName(result.provider.type), q(result.status)));
      }
      return result;
    }),

    ctx.register('openaiAdmin.externalStorage.delete', async (node?: TreeNode) => {
      const row = await storageOf(ctx, node, vscode.l10n.t('Delete External Storage'));
      if (!row) return undefined;
      const s = row.data;
      const name = storageName(s);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting external storage {0}…', q(name)),
        confirm: {
          message: vscode.l10n.t('Delete external storage {0} ({1}) of project {2}?', q(name), providerName(s.provider.type), q(s.project_id)),
          detail: vscode.l10n.t('{0}\n\nThe registration is removed; the bucket and its contents stay in your cloud account. This cannot be undone.', s.id),
          button: vscode.l10n.t('Delete External Storage'),
        },
        call: (c) => c.externalStorage.delete(s.id),
        effects: () => externalEffects.storageDeleted(s.id),
        done: () => vscode.l10n.t('Deleted external storage {0}', q(name)),
      });
    }),
  ];
}
