// @ts-check
// Mocha root hooks and global setup for the end-to-end specs (run by scripts/run-vscode-tests.mjs, or
// directly: `node node_modules/mocha/bin/mocha.js --config test/e2e/.mocharc.json`).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, VSIX, run, installSignalHandlers, assertCodeServerInstalled, cleanupAll } from '../../scripts/vscode/index.mjs';

/** The title of the running test, for failure screenshots. */
export let currentTest = '';

/** A copy of the .vsix taken once, so every spec installs the same package even if dist/ is rebuilt meanwhile. */
export let vsix = '';
let vsixDir = '';

export async function mochaGlobalSetup() {
  installSignalHandlers();
  assertCodeServerInstalled();
  // The runner packages once before the specs; run alone, the specs package the extension themselves.
  if (process.env.E2E_SKIP_PACKAGE !== '1' || !existsSync(VSIX)) {
    await run('npm', ['run', '--silent', 'package'], { cwd: ROOT, timeoutMs: 180_000 });
  }
  vsixDir = mkdtempSync(join(tmpdir(), 'oae-e2e-vsix-'));
  vsix = join(vsixDir, 'openai-admin-explorer.vsix');
  copyFileSync(VSIX, vsix);
}

export async function mochaGlobalTeardown() {
  await cleanupAll();
  if (vsixDir) rmSync(vsixDir, { recursive: true, force: true });
}

export const mochaHooks = {
  beforeEach() {
    currentTest = this.currentTest?.fullTitle() ?? '';
  },
};
