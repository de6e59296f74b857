import * as vscode from 'vscode';
import type { ProjectOptionalServiceTier, ProjectServiceTierSettings, ProjectServiceTierSettingsUpdate } from '../api';
import {
  DEFAULT_TIERS, describeEnabledTiers, enabledTiers, OPTIONAL_TIERS, sameEnabledTiers, serviceTierProblem, tierName,
} from '../model/serviceTier';
import { listRef, upsert } from '../model/store';
import { notify } from '../notify';

import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './context';
import { fetchFor, pickOne } from './pickers';
import { q, runWrite } from '../ui/run';
import { projectRefOf, type ProjectRef } from './targets';

interface TierItem extends vscode.QuickPickItem {
  tier: ProjectOptionalServiceTier | 'all';
}

/** Ticks the tiers enabled now; "all" is its own item because it also covers tiers added later. */
async function pickEnabledTiers(title: string, current: ProjectServiceTierSettings): Promise<ProjectServiceTierSettings['enabled_tiers'] | undefined> {
  const on = enabledTiers(current);
  const items: TierItem[] = [
    { label: vscode.l10n.t('All optional tiers'), description: vscode.l10n.t('including tiers added later'), picked: current.enabled_tiers === 'all', tier: 'all' },
    ...OPTIONAL_TIERS.map((tier): TierItem => ({ label: tierName(tier), picked: current.enabled_tiers !== 'all' && on.has(tier), tier })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title, canPickMany: true, ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Tiers this project may request besides Standard (none ticked: Standard only)'),
  });
  if (!picked) return undefined;
  if (picked.some((i) => i.tier === 'all')) return 'all';
  return OPTIONAL_TIERS.filter((tier) => picked.some((i) => i.tier === tier));
}

/** Reads the current settings, asks for the default and the optional tiers, and sends only what changed. */
export async function editServiceTier(ctx: CommandContext, project: ProjectRef) {
  const title = vscode.l10n.t('Edit Service Tier: {0}', project.name);
  const current = await fetchFor(ctx, vscode.l10n.t('service tier settings'), (c) => c.serviceTierSettings.retrieve(project.id));
  if (!current) return undefined;
  const def = await pickOne(title, DEFAULT_TIERS.map((tier) => ({ label: tierName(tier), value: tier })),
    { current: current.default, placeholder: vscode.l10n.t('Default tier for requests that name none (or send "auto")') });
  if (!def) return undefined;
  const tiers = await pickEnabledTiers(title, current);
  if (!tiers) return undefined;
  // The Project panel refuses the same combinations (model/serviceTier.ts), before anything is sent.
  const problem = serviceTierProblem(def, tiers);
  if (problem) {
    void notify('error', vscode.l10n.t('Service tier of {0} not changed. {1}', q(project.name), problem));
    return undefined;
  }
  const body: ProjectServiceTierSettingsUpdate = {
    ...(def === current.default ? {} : { default: def }),
    ...(sameEnabledTiers(tiers, current.enabled_tiers) ? {} : { enabled_tiers: tiers }),
  };
  if (!Object.keys(body).length) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Service tier of {0} left as it was', q(project.name)), 5000);
    return undefined;
  }
  return runWrite(ctx, {
    progress: vscode.l10n.t('Updating the service tier of {0}…', q(project.name)),
    call: (c) => c.serviceTierSettings.update(project.id, body),
    effects: (t) => [upsert(listRef('serviceTier', project.id), t)],
    done: (t) => vscode.l10n.t('Service tier of {0}: default {1}, optional tiers {2}', q(project.name), tierName(t.default), describeEnabledTiers(t)),
  });
}

export function registerServiceTierCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.serviceTier.edit', async (node?: TreeNode) => {
      const project = await projectRefOf(ctx, node, vscode.l10n.t('Edit Service Tier'));
      return project && editServiceTier(ctx, project);
    }),
  ];
}
