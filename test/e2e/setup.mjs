// Mocha root hooks and global setup for the end-to-end specs (run by scripts/run-vscode-tests.mjs, or
// directly: `node node_modules/mocha/bin/mocha.js --config test/e2e/.mocharc.json`).
import { existsSync } from 'node:fs';
import { ROOT, VSIX, run, installSignalHandlers, assertCodeServerInstalled, cleanupAll } from '../../scripts/vscode/index.mjs';

/** The title of the running test, for failure screenshots. */
export let currentTest = '';

export async function mochaGlobalSetup() {
  installSignalHandlers();
  assertCodeServerInstalled();
  // The runner packages once before the specs; run alone, the specs package the extension themselves.
  if (process.env.E2E_SKIP_PACKAGE !== '1' || !existsSync(VSIX)) {
    await run('npm', ['run', '--silent', 'package'], { cwd: ROOT, timeoutMs: 180_000 });
  }
}

export async function mochaGlobalTeardown() {
  await cleanupAll();
}

export const mochaHooks = {
  beforeEach() {
    currentTest = this.currentTest?.fullTitle() ?? '';
  },
};
