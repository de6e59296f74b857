// Load Organization: every list of the organization read into the org store (src/model/organization/load.ts),
// with a progress notification (counts, Cancel). The views read the store, so they fill as the lists
// arrive and what is read stays usable after a Cancel. At the end, a summary: lists read and as of
// when, or the lists that failed with Retry, which reads only those (lists read to their end are
// skipped). Refresh (the explorer's title) forgets everything, so the next load reads afresh.
import * as vscode from 'vscode';
import { readApiSettings } from '../config';
import { formatAsOf } from '../model/asOf';
import { describeError } from '../model/describeError';
import { DEFAULT_LOAD_CONCURRENCY, loadOrganization, type LoadFailure, type LoadProgress } from '../model/organization/load';
import { notify, runWithProgress } from '../notify';
import type { CommandContext } from './context';

/** What the command resolves to (undefined when cancelled or when nothing could be read). */
export interface LoadSummary {
  lists: number;
  projects: number;
  failed: { list: string; error: string }[];
  requests: number;
  readAt?: number;
}

/** Progress is redrawn at most this often: a fast load finishes hundreds of lists a second. */
const PROGRESS_EVERY_MS = 250;
/** Failed lists named in the summary; the rest are counted. */
const NAMED_FAILURES = 3;

export function registerLoadOrganizationCommands(ctx: CommandContext): vscode.Disposable[] {
  return [ctx.register('openaiAdmin.loadOrganization', () => runLoad(ctx))];
}

async function runLoad(ctx: CommandContext, retry = false): Promise<LoadSummary | undefined> {
  let cancelled = false;
  let last: LoadProgress | undefined;
  try {
    // A missing or unusable key fails here, before any progress is shown.
    await ctx.session.getClient();
    const settings = readApiSettings();
    const concurrency = settings.ok ? settings.settings.maxConcurrentRequests : DEFAULT_LOAD_CONCURRENCY;
    const result = await runWithProgress(
      { location: vscode.ProgressLocation.Notification, title: retry ? vscode.l10n.t('Loading the lists that failed') : vscode.l10n.t('Loading the organization'), cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => {
          cancelled = true;
          controller.abort();
        });
        let shownAt = 0;
        return loadOrganization(ctx.store, {
          concurrency,
          signal: controller.signal,
          onProgress: (p) => {
            last = p;
            const now = Date.now();
            if (now - shownAt < PROGRESS_EVERY_MS) return;
            shownAt = now;
            progress.report({ message: progressText(p) });
          },
        });
      },
    );
    const summary: LoadSummary = {
      lists: result.lists.length,
      projects: last?.projects ?? 0,
      failed: result.errors.map((e) => ({ list: describeList(e), error: describeError(e.error) })),
      requests: result.requests,
      readAt: result.readAt,
    };
    void report(ctx, summary);
    return summary;
  } catch (err) {
    if (cancelled) {
      const cancelledText = vscode.l10n.t('Load Organization cancelled.');
      void notify('info', last ? `${cancelledText} ${vscode.l10n.t('The {0} list(s) read so far are kept.', last.listsDone - last.failed)}` : cancelledText);
      return undefined;
    }
    const retryLabel = vscode.l10n.t('Retry');
    const choice = await notify('error', vscode.l10n.t('Couldn\'t load the organization: {0}', describeError(err)), retryLabel);
    return choice === retryLabel ? runLoad(ctx, retry) : undefined;
  }
}

function progressText(p: LoadProgress): string {
  const projects = p.projectsListed ? vscode.l10n.t('{0} project(s)', p.projects) : vscode.l10n.t('{0}+ project(s)', p.projects);
  const read = vscode.l10n.t('{0} of {1} lists read ({2})', p.listsDone, p.lists, projects);
  return p.failed ? vscode.l10n.t('{0}, {1} failed', read, p.failed) : read;
}

async function report(ctx: CommandContext, summary: LoadSummary): Promise<void> {
  const asOf = formatAsOf(summary.readAt, { locale: vscode.env.language });
  const read = asOf
    ? vscode.l10n.t('{0} list(s) of {1} project(s) and the organization, {2}', summary.lists, summary.projects, asOf)
    : vscode.l10n.t('{0} list(s) of {1} project(s) and the organization', summary.lists, summary.projects);
  if (!summary.failed.length) {
    void notify('info', vscode.l10n.t('Loaded the organization: {0}.', read));
    return;
  }
  const named = summary.failed.slice(0, NAMED_FAILURES).map((f) => `${f.list} (${f.error})`).join('; ');
  const more = summary.failed.length > NAMED_FAILURES ? vscode.l10n.t('; and {0} more', summary.failed.length - NAMED_FAILURES) : '';
  const retryLabel = vscode.l10n.t('Retry');
  const choice = await notify('warning', vscode.l10n.t('Loaded {0}. {1} list(s) could not be read: {2}{3}.', read, summary.failed.length, named, more), retryLabel);
  if (choice === retryLabel) await runLoad(ctx, true);
}

/** "API keys of project proj_abc", "members": the failed list in words. */
function describeList(failure: LoadFailure): string {
  const { ref, what } = failure;
  if (ref.ids.length === 0) return what;
  const [first, second] = ref.ids;
  if (ref.resource.startsWith('project') || ref.resource === 'modelPermissions' || ref.resource === 'hostedToolPermissions' || ref.resource === 'serviceTier') {
    return second === undefined ? vscode.l10n.t('{0} of project {1}', what, first!) : vscode.l10n.t('{0} of {1} in project {2}', what, second, first!);
  }
  if (ref.resource.startsWith('group')) return vscode.l10n.t('{0} of group {1}', what, first!);
  if (ref.resource === 'memberRoles') return vscode.l10n.t('{0} of member {1}', what, first!);
  return `${what} (${ref.ids.join(', ')})`;
}
