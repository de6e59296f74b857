// Plan and Apply of a `*.openai-org.yaml`. Plan only reads: every call the file implies, as a
// read-only document. Apply goes through the one plan UI (src/ui/plan.ts: plan document, one modal
// with the deletions listed apart, progress with Cancel, per-step results, Run Again), after reading
// the organization afresh; a new service account's key is shown once in the one-time-secret dialog.
// Apply is refused in an untrusted workspace (the manifest disables it there too): a file someone
// else wrote must not become writes before the admin has trusted the folder.
import * as vscode from 'vscode';
import { describeError } from '../../model/describeError';
import { planOrgFile, type LiveState, type OrgFile, type OrgPlanOptions } from '../../model/orgCode';
import { projectsToRead } from '../../model/orgCode/readScope';
import { oneLine, renderPlan, type Plan, type StepOutcome } from '../../model/plan';
import { notify } from '../../notify';
import type { UiContext } from '../../ui/context';
import { showSecretOnce } from '../../ui/oneTimeSecret';
import { showPlanAndRun } from '../../ui/plan';
import { openPlanDocument } from '../../ui/planDocuments';
import { q } from '../../ui/run';
import type { CommandContext } from '../context';
import { readLiveWithProgress } from './live';
import { fileLabel, orgFileSource } from './source';

const planTitle = () => vscode.l10n.t('Plan File against Organization');
const applyTitle = () => vscode.l10n.t('Apply File to Organization');
const noChanges = () => vscode.l10n.t('No changes: the organization matches the file.');

/** A plan of the file, with what the file asks for that cannot be sent (no step; said apart). */
export type FilePlan = Plan & { warnings: string[] };

/** The plan document's text: the plan (or the one line that says there is nothing to do), then the warnings. */
export function planDocumentText(plan: FilePlan): string {
  const body = plan.steps.length ? renderPlan(plan) : `${oneLine(plan.title)}\n${noChanges()}\n`;
  if (!plan.warnings.length) return body;
  return `${body}\n${vscode.l10n.t('Not planned (the file asks for it, but it cannot be sent):')}\n${plan.warnings.map((w) => `  ! ${oneLine(w)}`).join('\n')}\n`;
}

/** The warnings as one notification, so Apply does not start without them being seen. */
function notifyWarnings(title: string, plan: FilePlan): void {
  if (!plan.warnings.length) return;
  const shown = plan.warnings.slice(0, 3).map(oneLine).join(' ');
  const more = plan.warnings.length > 3 ? ` ${vscode.l10n.t('…and {0} more (Plan File against Organization lists them all).', plan.warnings.length - 3)}` : '';
  const message = plan.warnings.length === 1
    ? vscode.l10n.t('{0}: 1 thing in the file cannot be applied: {1}', title, shown)
    : vscode.l10n.t('{0}: {1} things in the file cannot be applied: {2}', title, plan.warnings.length, shown);
  void notify('warning', `${message}${more}`);
}

/** A new service account's key, shown once; the engine hands it to nothing else. */
export async function showServiceAccountKey(info: { project: string; serviceAccount: string; key: string }): Promise<void> {
  await showSecretOnce(
    vscode.l10n.t('Service account {0} was created in {1}. Copy its API key now: it will not be shown again.', q(info.serviceAccount), q(info.project)),
    info.key, vscode.l10n.t('if you lose it, create a new key or a new service account.'), vscode.l10n.t('Copied the new service account key'));
}

/** planOrgFile with the file's name as the plan's title; an engine error is shown, not thrown. */
export function buildPlan(ctx: UiContext, title: string, name: string, file: OrgFile, live: LiveState, options: OrgPlanOptions = {}): FilePlan | undefined {
  try {
    return { ...planOrgFile(file, live, options), title: vscode.l10n.t('{0}: {1}', title, q(name)) };
  } catch (err) {
    const message = vscode.l10n.t('{0}: couldn\'t plan {1}: {2}', title, q(name), describeError(err));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
}

export async function planFile(ctx: CommandContext, arg: unknown): Promise<FilePlan | undefined> {
  const title = planTitle();
  const source = await orgFileSource(arg, title);
  if (!source) return undefined;
  const live = await readLiveWithProgress(ctx, title, { projects: projectsToRead(source.file) });
  if (!live) return undefined;
  const name = fileLabel(source.uri);
  const plan = buildPlan(ctx, vscode.l10n.t('Plan'), name, source.file, live);
  if (!plan) return undefined;
  await openPlanDocument(vscode.l10n.t('Plan — {0}', name), planDocumentText(plan));
  notifyWarnings(title, plan);
  return plan;
}

export async function applyFile(ctx: CommandContext, arg: unknown): Promise<Map<string, StepOutcome> | undefined> {
  if (!vscode.workspace.isTrusted) {
    void notify('warning', vscode.l10n.t('Apply is disabled in an untrusted workspace: trust this folder first (a file in it must not change your organization before you trust it). Compare and Plan still work.'));
    return undefined;
  }
  const title = applyTitle();
  const source = await orgFileSource(arg, title);
  if (!source) return undefined;
  const { file } = source;
  const name = fileLabel(source.uri);
  // Every build (the first and each Run Again) plans the same file against the organization read afresh.
  return showPlanAndRun(ctx, async () => {
    const live = await readLiveWithProgress(ctx, title, { projects: projectsToRead(file), fresh: true });
    if (!live) return undefined;
    const plan = buildPlan(ctx, vscode.l10n.t('Apply'), name, file, live, { onServiceAccountKey: showServiceAccountKey });
    if (plan) notifyWarnings(title, plan);
    if (plan && !plan.steps.length) {
      void notify('info', vscode.l10n.t('{0}: {1}', title, noChanges()));
      return undefined;
    }
    return plan;
  });
}
