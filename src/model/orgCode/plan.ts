// Plan: every API call a file implies against the live state, with dependencies (`after`) where an
// object the plan creates is needed by a later step. Steps name objects by what the file calls them
// and show real ids (or `{new group “X”}` for objects created earlier in the same run, whose ids the
// create steps record). The plan is always built from a fresh read, so running it again after a
// partial failure plans only what is left and never creates an object twice.
import * as l10n from '@vscode/l10n';
import type { Plan } from '../plan';
import type { OrgFile, ProjectSpec } from './format';
import type { LiveState } from './live';
import type { PlanContext } from './planContext';
import { planProviders } from './planIdentity';
import { planGroups, planOrganizationAssignments, planOrganizationRoles, planOrganizationSettings } from './planOrganization';
import { planProject, planProjectTargets } from './planProject';
import { PlanBuilder } from './steps';
import { quoted } from '../plan/apiKeySteps';

export interface OrgPlanOptions {
  /**
   * A service account created by Apply comes with its key, which the API shows only then. The editor
   * shows it once in the existing one-time-secret dialog; the CLI says a key was created and never
   * prints it. Nothing else ever sees it.
   */
  onServiceAccountKey?: (info: { project: string; serviceAccount: string; key: string }) => void | Promise<void>;
}

/**
 * A plan plus the problems found while planning: things the file asks for that cannot be sent
 * (an email that is not an organization member, a group that does not exist). They produce no
 * step; the editor and the CLI show them before the confirmation.
 */
export type OrgPlan = Plan & { warnings: string[] };

/** Every API call the file implies against the live state, in dependency order (`after`). */
export function planOrgFile(file: OrgFile, live: LiveState, options: OrgPlanOptions = {}): OrgPlan {
  const ctx: PlanContext = { b: new PlanBuilder(), live, options, groups: new Map(), orgRoles: new Map(), projects: new Map() };
  const org = file.organization;
  // Objects other sections point at are planned first, so their targets are known.
  if (org) {
    planOrganizationSettings(ctx, org);
    planOrganizationRoles(ctx, org);
    planGroups(ctx, org);
  }
  const projects = file.projects ? planProjectTargets(ctx, file.projects, !!file.prune?.projects) : [];
  for (const spec of projects) planProject(ctx, spec);
  if (org) {
    planOrganizationAssignments(ctx, org);
    planProviders(ctx, org);
  }
  return ctx.b.plan(l10n.t('Apply organization file'));
}

/** Rate limits, model permissions, hosted tools and service tier of one project, onto others. */
export function copyProjectSettingsPlan(live: LiveState, source: string, targets: readonly string[], options: OrgPlanOptions = {}): OrgPlan {
  const sourceId = live.index.projectIdByName.get(source);
  const from = sourceId ? live.index.projects.get(sourceId)?.spec : undefined;
  const title = targets.length === 1
    ? l10n.t('Copy settings of project {0} to 1 project', quoted(source))
    : l10n.t('Copy settings of project {0} to {1} projects', quoted(source), targets.length);
  if (!from) return { title, steps: [], warnings: [l10n.t('Project {0} was not found or not read; nothing to copy.', quoted(source))] };
  const warnings: string[] = [];
  const projects: ProjectSpec[] = [];
  for (const name of targets) {
    if (name === source) continue;
    const id = live.index.projectIdByName.get(name);
    if (!id) {
      // Copying settings never creates a project.
      warnings.push(l10n.t('Project {0} does not exist; nothing is copied to it.', quoted(name)));
      continue;
    }
    projects.push({
      name,
      rate_limits: from.rate_limits,
      model_permissions: from.model_permissions ?? null,
      hosted_tools: from.hosted_tools,
      service_tier: from.service_tier,
    });
  }
  // The same diff as Apply, so a copy and a file that says the same thing plan the same calls.
  const plan = planOrgFile({ version: 1, projects }, live, options);
  return { ...plan, title, warnings: [...warnings, ...plan.warnings] };
}
