// The organization-as-code CLI (dist/cli.js): export, plan and apply a `*.openai-org.yaml` with the
// same engine the editor's commands use (src/model/orgCode, src/model/plan), over the API client and
// the org store directly; no `vscode`. `main` takes its arguments, environment and output streams so
// tests run it in-process against the fake.
import { readFile, writeFile } from 'node:fs/promises';
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../api';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../api/baseUrl';
import { secretPattern } from '../api/secretPattern';
import { describeError } from '../model/describeError';
import { exportOrgFile, parseOrgFile, planOrgFile, readLiveState, stringifyOrgFile, type FileProblem, type LiveState, type OrgFile } from '../model/orgCode';
import { problemsText } from '../model/orgCode/problems';
import { projectsToRead } from '../model/orgCode/readScope';
import { oneLine, outcomeSummary, renderPlan, renderResults, runPlan, totalsPhrase, type Plan } from '../model/plan';
import { OrgStore } from '../model/store';
import { redact } from '../util/redact';
import { parseArgs, USAGE, type CliArgs } from './args';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: plan says whether changes are planned; any failure is 1. */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

export const NO_CHANGES = l10n.t('No changes: the organization matches the file.');
export const KEY_NOT_SHOWN = l10n.t('a key was created; it is not shown in CLI output');
const USER_AGENT = 'openai-admin-explorer-cli';

/** `file:line:col: error: message`, one line per problem (the words the Problems panel shows). */
function formatProblems(file: string, problems: readonly FileProblem[]): string {
  return problems.length ? `${problemsText(file, problems)}\n` : '';
}

/**
 * Runs one CLI command and resolves with its exit code. Everything printed passes through a filter
 * that removes the admin key (stdout: the exact key; stderr: also anything key-shaped), so even an
 * error that quoted it could not print it.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const key = env.OPENAI_ADMIN_KEY?.trim() || undefined;
  const secrets = key ? [key] : [];
  const out = (text: string) => io.stdout(secrets.reduce((t, s) => t.replace(secretPattern(s), '[redacted]'), text));
  const err = (text: string) => io.stderr(redact(text, secrets));
  const fail = (message: string) => { err(`error: ${message}\n`); return EXIT.error; };

  const parsed = parseArgs(argv, key);
  if (!parsed.ok) return fail(`${parsed.error}\n${l10n.t('Run with --help for usage.')}`);
  if ('help' in parsed) { out(USAGE); return EXIT.ok; }
  const args = parsed.args;

  const base = checkBaseUrl(args.baseUrl ?? DEFAULT_BASE_URL);
  if (!base.ok) return fail(base.reason);

  // The file is checked before anything is sent: a file with errors never reaches the API.
  let file: OrgFile | undefined;
  if (args.file !== undefined) {
    let text: string;
    try {
      text = await readFile(args.file, 'utf8');
    } catch (e) {
      return fail(l10n.t("couldn't read {0}: {1}", args.file, (e as NodeJS.ErrnoException).code ?? describeError(e)));
    }
    const result = parseOrgFile(text);
    if (!result.ok) {
      err(formatProblems(args.file, result.problems));
      const n = result.problems.filter((p) => p.severity === 'error').length;
      return fail(n === 1 ? l10n.t('{0} has 1 error; nothing was sent.', args.file) : l10n.t('{0} has {1} errors; nothing was sent.', args.file, n));
    }
    if (result.problems.length) err(formatProblems(args.file, result.problems));
    file = result.file;
  }

  if (!key) return fail(l10n.t('set the OPENAI_ADMIN_KEY environment variable to an admin API key (it is read only from there).'));

  const api = await import('../api');
  const client = api.createAdminClient({ apiKey: key, baseUrl: base.url, userAgent: USER_AGENT, concurrency: 8, maxRetries: 2, env });
  const store = new OrgStore(async () => client);
  try {
    switch (args.command) {
      case 'export': return await exportCommand(args, store, out, err);
      case 'plan': return await planCommand(args, file!, store, out, err, false);
      case 'apply': return await planCommand(args, file!, store, out, err, true, client);
    }
  } catch (e) {
    return fail(describeError(e));
  } finally {
    store.dispose();
    await api.closeSharedDispatchers();
  }
}

type Write = (text: string) => void;

async function exportCommand(args: CliArgs, store: OrgStore, out: Write, err: Write): Promise<number> {
  const projects = args.projects.length ? args.projects : undefined;
  const live = await readLiveState(store, { projects });
  const text = stringifyOrgFile(exportOrgFile(live, { projects }));
  if (args.out) {
    await writeFile(args.out, text, 'utf8');
    err(`${l10n.t('Wrote {0}.', args.out)}\n`);
  } else {
    out(text);
  }
  return EXIT.ok;
}

async function planCommand(
  args: CliArgs, file: OrgFile, store: OrgStore, out: Write, err: Write, apply: boolean,
  client?: AdminClient,
): Promise<number> {
  const live: LiveState = await readLiveState(store, { projects: projectsToRead(file) });
  const keys: string[] = [];
  const { warnings, ...planned } = planOrgFile(file, live, {
      // The key is the API's only copy; a terminal (and its scrollback, and CI logs) is no place for it.
    onServiceAccountKey: (info) => { keys.push(l10n.t('Service account “{0}” in project “{1}”: {2}. Create a new key for it in the editor or the OpenAI Platform when you need one.', oneLine(info.serviceAccount), oneLine(info.project), KEY_NOT_SHOWN)); },
  });
  const plan: Plan = { ...planned, title: apply && args.yes ? l10n.t('Apply {0}', String(args.file)) : l10n.t('Plan {0}', String(args.file)) };
  // What the file asks for that cannot be sent (an unknown email, a missing group): no step, said first.
  for (const w of warnings) err(`warning: ${oneLine(w)}\n`);
  if (!plan.steps.length) {
    out(`${plan.title}\n${NO_CHANGES}\n`);
    return EXIT.ok;
  }
  if (!apply || !args.yes) {
    out(renderPlan(plan));
    if (apply) err(`${l10n.t('Nothing was sent. Run again with --yes to make these {0} changes ({1}).', plan.steps.length, totalsPhrase(plan))}\n`);
    return EXIT.changes;
  }
  let finished = 0;
  const outcomes = await runPlan(plan, client!, {
    store,
    onStep: (step, outcome) => {
      finished++;
      err(`[${finished}/${plan.steps.length}] ${outcome.status}: ${oneLine(step.title)}\n`);
    },
  });
  out(renderResults(plan, outcomes));
  for (const line of keys) err(`${line}\n`);
  const complete = [...outcomes.values()].every((o) => o.status === 'done' || o.status === 'alreadyDone');
  err(`${outcomeSummary(outcomes)}.${complete ? '' : ` ${l10n.t('Run apply again to finish what failed or was skipped.')}`}\n`);
  return complete ? EXIT.ok : EXIT.error;
}
