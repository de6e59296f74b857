#!/usr/bin/env node
// @ts-check
// The integration suite (out/integration/index.js) in desktop VS Code through @vscode/test-electron,
// for machines that have VS Code installed. It never downloads VS Code: point it at an executable with
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:electron
//   npm run test:electron -- --vscode "/Applications/Visual Studio Code.app/Contents/MacOS/Electron"
// Without one it says so and exits 0 (the suite runs in code-server through `npm run test:vscode`).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, INTEGRATION_BUNDLE, INTEGRATION_FAKE_OPTIONS, SECOND_FAKE_OPTIONS, integrationEnv, integrationWorkspaceSettings, run, startFakeApi, makeSandbox, writeJson, processTable,
  cleanupAll, installSignalHandlers, withTimeout,
} from './vscode/index.mjs';

const { values: opts } = parseArgs({ options: { vscode: { type: 'string' }, grep: { type: 'string' } } });
const executable = opts.vscode || process.env.VSCODE_EXECUTABLE_PATH;
if (!executable || !existsSync(executable)) {
  if (executable) console.log(`VS Code executable not found at ${executable}.`);
  console.log('No local VS Code executable found (set VSCODE_EXECUTABLE_PATH); @vscode/test-electron cannot download VS Code here.');
  console.log('The same suite runs in code-server: npm run test:vscode');
  process.exit(0);
}

installSignalHandlers();

/** runTests does not put VS Code in a process group of its own: on timeout, end our direct children by pid. */
function killChildren() {
  if (process.platform !== 'linux') return;
  for (const p of processTable().filter((row) => row.ppid === process.pid)) {
    try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

let code = 1;
try {
  const t0 = Date.now();
  await run(process.execPath, ['esbuild.mjs'], { cwd: ROOT, timeoutMs: 120_000 });
  const fake = await startFakeApi(INTEGRATION_FAKE_OPTIONS);
  const second = await startFakeApi(SECOND_FAKE_OPTIONS);
  console.log(`fake Admin API at ${fake.url}`);

  const { dir } = makeSandbox('oae-electron-');
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const workspace = join(dir, 'workspace');
  mkdirSync(extensionsDir, { recursive: true });
  // A local window reads machine-scoped settings from the user settings.
  writeJson(join(userDataDir, 'User', 'settings.json'), {
    'openaiAdmin.apiBaseUrl': fake.url,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  });
  writeJson(join(workspace, '.vscode', 'settings.json'), integrationWorkspaceSettings());

  const { runTests } = await import('@vscode/test-electron');
  code = await withTimeout(runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: INTEGRATION_BUNDLE,
    launchArgs: [
      workspace,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${extensionsDir}`,
      '--disable-extensions',
      // Without an OS keyring VS Code keeps secrets in memory and shows a warning; a basic store is enough for tests.
      ...(process.platform === 'linux' ? ['--password-store=basic'] : []),
    ],
    extensionTestsEnv: integrationEnv(fake, { grep: opts.grep, color: process.stdout.isTTY, second }),
  }).catch((err) => {
    console.error(err?.message ?? err);
    return typeof err?.code === 'number' ? err.code : 1;
  }), 300_000, 'VS Code (electron) tests').catch((err) => {
    console.error(err.message);
    killChildren();
    return 1;
  });
  console.log(`\nelectron integration tests: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (/** @type {any} */ err) {
  console.error(err?.stack ?? err);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);
