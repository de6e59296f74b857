// The Project panel's service tier settings, host side: the default tier and the enabled tiers,
// saved in one request with a check that nobody changed them on the server meanwhile. The webview's
// values are checked here against the known tiers before anything is sent.
import * as vscode from 'vscode';
import { saveServiceTier } from '../../model/project/save';
import { invalidate } from '../../model/store';
import type { ServiceTierData } from '../../model/project/types';
import { isDefaultTier, isOptionalTier, normalTiers, type OptionalTier } from '../../model/serviceTier';
import { runWithProgress } from '../../notify';
import { q } from '../../ui/run';
import type { ProjectMethods } from './protocol';
import type { WriteContext } from './writes';

function enabledTiers(value: unknown): 'all' | OptionalTier[] {
  if (value === 'all') return 'all';
  if (!Array.isArray(value) || value.length > 10 || !value.every(isOptionalTier)) throw new TypeError(vscode.l10n.t('Enabled tiers must be "all" or a list of flex, fast and ultrafast.'));
  return normalTiers(value);
}

function settings(value: unknown, what: string): ServiceTierData {
  const v = value as { default?: unknown; enabled?: unknown } | null;
  if (!v || typeof v !== 'object' || !isDefaultTier(v.default)) throw new TypeError(vscode.l10n.t('{0}: the default tier must be standard, fast or scale.', what));
  return { default: v.default, enabled: enabledTiers(v.enabled) };
}

export function serviceTierWrites(w: WriteContext): Pick<ProjectMethods, 'saveServiceTier'> {
  const { ctx } = w;
  return {
    saveServiceTier: async (params) => {
      const wanted = settings(params, vscode.l10n.t('The new settings'));
      const before = settings(params?.before, vscode.l10n.t('The settings you started from'));
      const p = w.project();
      const client = await ctx.session.getClient();
      const result = await runWithProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving service tiers of {0}…', q(p.name)) },
        () => saveServiceTier(client, p.id, { wanted, before }, { force: params.force === true, signal: w.signal }),
      );
      if (result.status === 'conflict') ctx.log.warn(`Service tiers of ${q(p.name)} not saved: ${result.messages.join(' ')}`);
      if (result.status === 'saved') {
        ctx.store.apply([invalidate('serviceTier', p.id)]);

        void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Saved the service tiers of {0}', q(p.name))}`, 5000);
      }
      return result;
    },
  };
}
