// fast-check runs with a failure message short enough to read: generated API bodies are large, and
// the counterexample of a whole tree walk runs to megabytes.
import fc from 'fast-check';

const MAX_SHOWN = 3_000;

function report<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const example = fc.stringify(details.counterexample);
  const cause = details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
  const error = new Error(`Property failed after ${details.numRuns} run(s) (seed ${details.seed}, path "${details.counterexamplePath}"): ${cause.message}\n`
    + `counterexample${example.length > MAX_SHOWN ? ` (first ${MAX_SHOWN} of ${example.length} characters)` : ''}: ${example.slice(0, MAX_SHOWN)}`);
  error.stack = `${error.message}\n${cause.stack?.split('\n').slice(1).join('\n') ?? ''}`;
  throw error;
}

export async function holds<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): Promise<void> {
  report(await fc.check(property as fc.IAsyncProperty<Ts>, params));
}
