// The Project panel's API key edits, host side: new expiry and scopes for several keys in one save,
// each key with its own result. Every key must be one this panel loaded for its project; the
// webview's values are checked again here before anything is sent.
import * as vscode from 'vscode';
import { readKeyChanges, saveApiKeys } from '../../model/project/saveKeys';
import { invalidate } from '../../model/store';
import { runWithProgress } from '../../notify';
import { q } from '../../ui/run';
import { requireOffered } from './offered';
import type { ProjectMethods } from './protocol';
import type { WriteContext } from './writes';

export function apiKeyWrites(w: WriteContext): Pick<ProjectMethods, 'saveApiKeys'> {
  const { ctx } = w;
  return {
    saveApiKeys: async (params) => {
      const changes = readKeyChanges(params?.changes);
      if (!changes.length) return { status: 'saved', results: [] };
      const src = { data: w.data, reload: w.reload, projectName: () => w.project().name };
      for (const c of changes) await requireOffered(src, 'apiKeys', (keys) => keys.some((k) => k.id === c.id), vscode.l10n.t('API key {0}', q(c.name)));
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: changes.length === 1 ? vscode.l10n.t('Saving 1 API key of {0}…', q(p.name)) : vscode.l10n.t('Saving {0} API keys of {1}…', changes.length, q(p.name)) },
        () => saveApiKeys(client, p.id, changes, { force: params.force === true, signal: w.signal }),
      );
      if (result.status === 'conflict') {
        ctx.log.warn(`API keys of ${q(p.name)} not saved: ${result.messages.join(' ')}`);
        return result;
      }
      const failed = result.results.filter((r) => !r.ok);
      for (const r of failed) if (!r.ok) ctx.log.error(`Updating API key ${q(r.name)} of ${q(p.name)} failed: ${r.error}`);
      const saved = result.results.length - failed.length;
      if (saved) {
        // Each row's result is shaped for the page, not the key as listed: the project's key list is read again.
        ctx.store.apply([invalidate('projectApiKeys', p.id)]);

        const what = saved === 1 ? vscode.l10n.t('Saved 1 API key of {0}', q(p.name)) : vscode.l10n.t('Saved {0} API keys of {1}', saved, q(p.name));
        void vscode.window.setStatusBarMessage(`$(check) ${what}${failed.length ? ` ${vscode.l10n.t('({0} failed)', failed.length)}` : ''}`, 5000);
      }
      return result;
    },
  };
}
