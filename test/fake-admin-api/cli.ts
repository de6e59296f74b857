// npm run fake-api -- --port 8787 --projects 20 --users 200 --seed 1 [--latency-ms 50]
//                     [--admin-key sk-admin-demo] [--hostile] [--rate-limit 20]
// A realistic org by default; --hostile salts about 1 in 10 names with hostile-strings.ts (the security tests ask for it).
// The first stdout line is the contract other tooling waits for; keep it exact.
import { startFakeAdminApi } from './index';
import type { FakeOptions } from './types';

function parseArgs(argv: string[]): FakeOptions {
  // Nothing but the API changes a CLI fake's state, so listed items' JSON can be kept until a write.
  const opts: FakeOptions = { port: 8787, cacheViews: true };
  const num = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': opts.port = num(flag, value()); break;
      case '--projects': opts.projects = num(flag, value()); break;
      case '--users': opts.users = num(flag, value()); break;
      case '--seed': opts.seed = num(flag, value()); break;
      case '--latency-ms': opts.latencyMs = num(flag, value()); break;
      case '--admin-key': opts.adminKey = value(); break;
      case '--rate-limit': opts.rateLimit = num(flag, value()); break;
      case '--hostile': opts.hostile = true; break;
      case '--no-hostile': opts.hostile = false; break;
      case '--no-view-cache': opts.cacheViews = false; break;
      case '--help':
        process.stdout.write('usage: fake-api [--port 8787] [--projects 20] [--users 200] [--seed 1] [--latency-ms 0] [--admin-key sk-admin-demo] [--hostile] [--no-view-cache] [--rate-limit N]\n');
        process.exit(0);
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const fake = await startFakeAdminApi(parseArgs(process.argv.slice(2)));
  process.stdout.write(`OpenAI Admin API fake listening on ${fake.url} (admin key: ${fake.adminKey})\n`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
