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
      { location: vscode.ProgressLocation.Notification, title: retry ? 'Loading the lists that failed' : 'Loading the organization', cancellable: true },
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
      const kept = last ? ` The ${last.listsDone - last.failed} list(s) read so far are kept.` : '';
      void notify('info', `Load Organization cancelled.${kept}`);
      return undefined;
    }
    const choice = await notify('error', `Couldn't load the organization: ${describeError(err)}`, 'Retry');
    return choice === 'Retry' ? runLoad(ctx, retry) : undefined;
  }
}

function progressText(p: LoadProgress): string {
  const projects = `${p.projects}${p.projectsListed ? '' : '+'} project(s)`;
  const failed = p.failed ? `, ${p.failed} failed` : '';
  return `${p.listsDone} of ${p.lists} lists read (${projects})${failed}`;
}

async function report(ctx: CommandContext, summary: LoadSummary): Promise<void> {
  const asOf = formatAsOf(summary.readAt, { locale: vscode.env.language });
  const read = `${summary.lists} list(s) of ${summary.projects} project(s) and the organization${asOf ? `, ${asOf}` : ''}`;
  if (!summary.failed.length) {
    void notify('info', `Loaded the organization: ${read}.`);
    return;
  }
  const named = summary.failed.slice(0, NAMED_FAILURES).map((f) => `${f.list} (${f.error})`).join('; ');
  const more = summary.failed.length > NAMED_FAILURES ? `; and ${summary.failed.length - NAMED_FAILURES} more` : '';
  const choice = await notify('warning', `Loaded ${read}. ${summary.failed.length} list(s) could not be read: ${named}${more}.`, 'Retry');
  if (choice === 'Retry') await runLoad(ctx, true);
}

/** "API keys of project proj_abc", "members": the failed list in words. */
function describeList(failure: LoadFailure): string {
  const { ref, what } = failure;
  if (ref.ids.length === 0) return what;
  const [first, second] = ref.ids;
  if (ref.resource.startsWith('project') || ref.resource === 'modelPermissions' || ref.resource === 'hostedToolPermissions' || ref.resource === 'serviceTier') {
    return second === undefined ? `${what} of project ${first}` : `${what} of ${second} in project ${first}`;
  }
  if (ref.resource.startsWith('group')) return `${what} of group ${first}`;
  if (ref.resource === 'memberRoles') return `${what} of member ${first}`;
  return `${what} (${ref.ids.join(', ')})`;
}
