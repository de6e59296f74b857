// Copy Project Settings To…: one project's rate limits, model permissions, hosted tools and service
// tier onto the projects the admin ticks, as one plan through the plan UI (src/ui/plan.ts).
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

const TITLE = 'Copy Project Settings';

export async function copyProjectSettings(ctx: CommandContext, node: TreeNode | undefined): Promise<Map<string, StepOutcome> | undefined> {
  const from = await projectOf(ctx, node, `${TITLE}: from which project?`);
  if (!from) return undefined;
  const picked = await pickProjects(ctx, `${TITLE} from ${q(from.name)} to…`, 'Type to search projects; tick the projects to copy to, then press Enter');
  if (!picked) return undefined;
  const targets = picked.filter((p) => p.id !== from.id);
  if (!targets.length) {
    void notify('info', `${TITLE}: tick at least one project other than ${q(from.name)}.`);
    return undefined;
  }
  // The file's format names projects by name: two projects of one name cannot be told apart there.
  const names = [from.name, ...targets.map((p) => p.name || p.id)];
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    void notify('warning', `${TITLE}: more than one of the chosen projects is named ${q(twice)}; rename one first, so the plan knows which is which.`);
    return undefined;
  }
  const [source, ...targetNames] = names as [string, ...string[]];
  return showPlanAndRun(ctx, async () => {
    const live = await readLiveWithProgress(ctx, TITLE, { projects: names });
    if (!live) return undefined;
    // A name another project shares would be matched to whichever the API lists first.
    const shared = names.find((n) => live.index.ambiguousProjectNames.has(n));
    if (shared !== undefined) {
      void notify('warning', `${TITLE}: more than one project in the organization is named ${q(shared)}; rename one first, so the plan knows which is which.`);
      return undefined;
    }
    try {
      const { warnings, ...plan } = copyProjectSettingsPlan(live, source, targetNames);
      if (warnings.length) void notify('warning', `${TITLE}: ${warnings.join(' ')}`);
      return { ...plan, title: `Copy settings of ${q(source)} to ${targetNames.length} ${targetNames.length === 1 ? 'project' : 'projects'}` };
    } catch (err) {
      const message = `${TITLE}: couldn't plan the copy: ${describeError(err)}`;
      ctx.log.error(message);
      void notify('error', message);
      return undefined;
    }
  });
}
