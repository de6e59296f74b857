// @ts-check
// What the extension host reports but nobody else sees: promises rejected without a handler (VS Code
// prints "rejected promise not handled within 1 second" to the host's console, which the harness
// writes to artifacts/…/workbench.log) and errors its log files record as unexpected. A clean
// integration run has none.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function logFiles(path) {
  let st;
  try { st = statSync(path); } catch { return []; }
  if (!st.isDirectory()) return /\.log$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => logFiles(join(path, name)));
}

/** Each report of an unhandled rejection or uncaught error in the .log files under `roots`, with the next lines of its stack. */
export function unhandledInExtensionHost(roots) {
  const found = [];
  for (const file of roots.flatMap(logFiles)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/rejected promise not handled|unhandled (error|rejection)|uncaught exception/i.test(line)) found.push(`${file}:\n${lines.slice(i, i + 4).join('\n')}`);
    });
  }
  return found;
}
