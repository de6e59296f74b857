// Entry point of dist/cli.js (`npm run org -- …`, or `node dist/cli.js …`).
import { redact } from '../util/redact';
import { main } from './main';

main(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => { process.exitCode = code; }, (error: unknown) => {
  // main reports its own errors; this is a bug's last word, without a stack, and without the key.
  const key = process.env.OPENAI_ADMIN_KEY?.trim();
  process.stderr.write(`error: ${redact(error instanceof Error ? error.message : String(error), key ? [key] : [])}\n`);
  process.exitCode = 1;
});
