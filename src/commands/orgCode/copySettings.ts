// Copy Project Settings To…: one project's rate limits, model permissions, hosted tools and service
// tier onto the projects the admin ticks, as one plan through the plan UI (src/ui/plan.ts).
import * as vscode from 'vscode';
import { describeError } from '../../model/describeError';
import { copyProjectSettingsPlan } from '../../model/orgCode';
import type { StepOutcome } from '../../model/plan';
import { notify } from '../../notify';
import type { TreeNode } from '../../tree/treeNode';
import { pickProjects } from '../../ui/pickers';
import { showPlanAndRun } from '../../ui/plan';
import { q } from '../../ui/run';
import type { CommandContext } from '../context';
import { projectOf } from '../projects';
import { readLiveWithProgress } from './live';

export async function copyProjectSettings(ctx: CommandContext, node: TreeNode | undefined): Promise<Map<string, StepOutcome> | undefined> {
  const title = vscode.l10n.t('Copy Project Settings');
  const from = await projectOf(ctx, node, vscode.l10n.t('{0}: from which project?', title));
  if (!from) return undefined;
  const picked = await pickProjects(ctx, vscode.l10n.t('{0} from {1} to…', title, q(from.name)), vscode.l10n.t('Type to search projects; tick the projects to copy to, then press Enter'));
  if (!picked) return undefined;
  const targets = picked.filter((p) => p.id !== from.id);
  if (!targets.length) {
    void notify('info', vscode.l10n.t('{0}: tick at least one project other than {1}.', title, q(from.name)));
    return undefined;
  }
  // The file's format names projects by name: two projects of one name cannot be told apart there.
  const names = [from.name, ...targets.map((p) => p.name || p.id)];
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    void notify('warning', vscode.l10n.t('{0}: more than one of the chosen projects is named {1}; rename one first, so the plan knows which is which.', title, q(twice)));
    return undefined;
  }
  const [source, ...targetNames] = names as [string, ...string[]];
  return showPlanAndRun(ctx, async () => {
    const live = await readLiveWithProgress(ctx, title, { projects: names });
    if (!live) return undefined;
    // A name another project shares would be matched to whichever the API lists first.
    const shared = names.find((n) => live.index.ambiguousProjectNames.has(n));
    if (shared !== undefined) {
      void notify('warning', vscode.l10n.t('{0}: more than one project in the organization is named {1}; rename one first, so the plan knows which is which.', title, q(shared)));
      return undefined;
    }
    try {
      const { warnings, ...plan } = copyProjectSettingsPlan(live, source, targetNames);
      if (warnings.length) void notify('warning', vscode.l10n.t('{0}: {1}', title, warnings.join(' ')));
      return {
        ...plan,
        title: targetNames.length === 1
          ? vscode.l10n.t('Copy settings of {0} to 1 project', q(source))
          : vscode.l10n.t('Copy settings of {0} to {1} projects', q(source), targetNames.length),
      };
    } catch (err) {
      const message = vscode.l10n.t('{0}: couldn\'t plan the copy: {1}', title, describeError(err));
      ctx.log.error(message);
      void notify('error', message);
      return undefined;
    }
  });
}
