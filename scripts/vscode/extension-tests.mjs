// @ts-check
// Runs an `extensionTestsPath` suite inside the extension host of code-server, through the browser.
import { mkdirSync, createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, screenshot } from './browser.mjs';
import { withTimeout } from './processes.mjs';

/** Workbench-internal lines that say nothing about the extension (still written to the full log). */
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/,
  /^Started local extension host/,
  /^\[Extension Host\] /,
  /^Creation of workbench contribution /,
];

/**
 * Opens the workbench with `extensionDevelopmentPath` + `extensionTestsPath` and resolves with the exit
 * code VS Code reports through `codeAutomationExit`. Every log line goes to `logFile`; lines from the
 * tests (and anything that is not workbench noise) also go to stdout.
 */
export async function runTestsInWorkbench({ codeServer, extensionDevelopmentPath, extensionTestsPath, logFile, timeoutMs = 180_000, screenshotName, profileDir }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const { context, close } = await launchBrowser({ profileDir });
  const page = context.pages()[0] ?? await context.newPage();
  let resolveExit;
  const exited = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    // VS Code forwards console calls unformatted: ['%s%s', 'a', 'b'].
    const text = format(...(Array.isArray(args) ? args : [args]));
    log.write(`[${level}] ${text}\n`);
    if (process.env.HARNESS_VERBOSE || !NOISE.some((re) => re.test(text))) {
      (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('pageerror', (err) => log.write(`[pageerror] ${err.stack ?? err}\n`));
  const url = codeServer.workbenchUrl({ extensionDevelopmentPath, extensionTestsPath });
  log.write(`[harness] ${url}\n`);
  try {
    await page.goto(url);
    return await withTimeout(exited, timeoutMs, 'extension host tests');
  } catch (err) {
    if (screenshotName) {
      const shot = await screenshot(page, screenshotName).catch(() => undefined);
      if (shot) console.error(`[harness] screenshot of the workbench: ${shot}`);
    }
    throw err;
  } finally {
    await close();
    await new Promise((r) => log.end(r));
  }
}
