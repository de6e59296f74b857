// The CLI's command line: a command, its file, and a few options. The admin key never comes from
// here: an argument shaped like a key is refused (a key typed on a command line stays in the shell's
// history and shows in the process list), and the refusal does not repeat it.

export type CliCommand = 'export' | 'plan' | 'apply';

export interface CliArgs {
  command: CliCommand;
  /** `plan FILE`, `apply FILE`. */
  file?: string;
  /** `export --project NAME` (repeatable): only these projects. */
  projects: string[];
  /** `export --out FILE`; stdout without it. */
  out?: string;
  /** `apply --yes`: send the changes (without it apply only plans). */
  yes: boolean;
  baseUrl?: string;
}

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: true; help: true } | { ok: false; error: string };

export const USAGE = `Usage: openai-org <command> [options]

Organization as code for the OpenAI Admin API: a *.openai-org.yaml file describes the organization's
desired state; these commands read the organization, compare it with a file and change it to match.

Commands:
  export [--project NAME]... [--out FILE]   Write the organization (or the named projects) as a file;
                                            to stdout without --out.
  plan FILE                                 List every API call FILE implies. Sends no write.
                                            Exit 0: no changes, 2: changes planned, 1: error.
  apply FILE --yes                          Make those calls, each with its result. Without --yes it
                                            only plans. Exit 0: every change applied, 1: otherwise.

Options:
  --base-url URL   API base URL (default https://api.openai.com/v1). https only, or plain http to
                   this machine (127.0.0.1, localhost, [::1]).
  --help           This text.

The admin key is read only from the OPENAI_ADMIN_KEY environment variable. It never appears in any
output, and keys of service accounts created by apply are not printed.
`;

const KEY_SHAPE = /\bsk-[A-Za-z0-9_\-]{8,}/;
const KEY_OPTIONS = new Set(['--key', '--api-key', '--admin-key', '--token']);

/** Refuses an argument that is, or carries, an API key; says which argument without repeating it. */
function keyArgument(argv: readonly string[], key: string | undefined): string | undefined {
  for (const [i, arg] of argv.entries()) {
    const name = arg.split('=')[0]!;
    if (KEY_OPTIONS.has(name) || KEY_SHAPE.test(arg) || (key && key.length >= 6 && arg.includes(key))) {
      return `argument ${i + 1} looks like an API key, and keys are not taken on the command line (shell history and the process list would keep it). Set the OPENAI_ADMIN_KEY environment variable instead.`;
    }
  }
  return undefined;
}

export function parseArgs(argv: readonly string[], key?: string): ParsedArgs {
  const refused = keyArgument(argv, key);
  if (refused) return { ok: false, error: refused };
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { ok: true, help: true };
  const [command, ...rest] = argv;
  if (command !== 'export' && command !== 'plan' && command !== 'apply') {
    return { ok: false, error: command === undefined ? 'no command given (export, plan or apply).' : `unknown command ${JSON.stringify(command)} (export, plan or apply).` };
  }
  const args: CliArgs = { command, projects: [], yes: false };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : rest[++i]);
    switch (name) {
      case '--project': {
        const v = value();
        if (!v || command !== 'export') return { ok: false, error: command !== 'export' ? '--project is an option of export.' : '--project needs a project name.' };
        args.projects.push(v);
        break;
      }
      case '--out': {
        const v = value();
        if (!v || command !== 'export') return { ok: false, error: command !== 'export' ? '--out is an option of export.' : '--out needs a file name.' };
        args.out = v;
        break;
      }
      case '--yes': case '-y':
        if (command !== 'apply') return { ok: false, error: '--yes is an option of apply.' };
        args.yes = true;
        break;
      case '--base-url': {
        const v = value();
        if (!v) return { ok: false, error: '--base-url needs a URL.' };
        args.baseUrl = v;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return { ok: false, error: `unknown option ${JSON.stringify(name)}.` };
        positional.push(arg);
    }
  }
  if (command === 'export') {
    if (positional.length) return { ok: false, error: `export takes no file argument (use --out FILE).` };
  } else {
    if (positional.length !== 1) return { ok: false, error: `${command} takes one file: ${command} FILE.` };
    args.file = positional[0];
  }
  return { ok: true, args };
}
