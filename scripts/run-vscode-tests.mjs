#!/usr/bin/env node
// @ts-check
// Runs the extension in real VS Code (code-server 4.100.3 = VS Code 1.100.3) against the fake Admin API:
//   1. install   code-server + chromium, cached in .vscode-test/ (scripts/install-code-server.sh)
//   2. build     node esbuild.mjs (dev bundles + out/integration/index.js)
//   3. integration  mocha inside the extension host (test/integration), driven through the workbench URL
//   4. package   npm run package → dist/openai-admin-explorer.vsix
//   5. e2e       mocha + playwright-core specs (test/e2e/*.e2e.mjs) against code-server with the .vsix installed
//
// Options: --only integration|e2e   --grep <pattern>   --keep (keep temp folders)   --verbose (all workbench logs)
// Environment: HARNESS_TIMEOUT_MS (whole run, default 1500000), KEEP_TMP, HARNESS_VERBOSE.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, ARTIFACTS, INTEGRATION_BUNDLE, run, startFakeApi, startCodeServer, runTestsInWorkbench,
  installSignalHandlers, cleanupAll, cleanupDir, INTEGRATION_FAKE_OPTIONS, INTEGRATION_ADMIN_KEY, SECOND_FAKE_OPTIONS, SECOND_ORG_ADMIN_KEY, integrationEnv, integrationWorkspaceSettings,
  startDecoy, leakCheck, unhandledInExtensionHost,
} from './vscode/index.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
if (opts.only && !['integration', 'e2e'].includes(opts.only)) {
  console.error(`--only takes integration or e2e, not ${opts.only}`);
  process.exit(2);
}
if (opts.keep) process.env.KEEP_TMP = '1';
if (opts.verbose) process.env.HARNESS_VERBOSE = '1';

installSignalHandlers();
const totalMs = Number(process.env.HARNESS_TIMEOUT_MS || 1_500_000);
const overall = setTimeout(async () => {
  console.error(`\n[harness] the whole run exceeded ${totalMs / 1000} s: stopping.`);
  await cleanupAll();
  process.exit(1);
}, totalMs);

const results = [];
const startedAll = Date.now();

function header(title) {
  const line = '═'.repeat(78);
  console.log(`\n${line}\n  ${title}\n${line}`);
}

/** Runs one stage, records its outcome and duration; a failed stage does not stop the next ones unless `fatal`. */
async function stage(name, fn, { fatal = false } = {}) {
  header(name);
  const t0 = Date.now();
  let ok = false;
  let note = '';
  try {
    const r = await fn();
    // A stage returns an exit code, false, or anything else (e.g. a command's output) when it succeeded.
    ok = typeof r === 'number' ? r === 0 : r !== false;
    if (!ok) note = typeof r === 'number' ? `exit code ${r}` : 'failed';
  } catch (/** @type {any} */ err) {
    note = err?.message?.split('\n')[0] ?? String(err);
    console.error(`\n[harness] ${name} failed: ${err?.stack ?? err}`);
  } finally {
    await cleanupAll();
  }
  const seconds = (Date.now() - t0) / 1000;
  results.push({ name, ok, seconds, note });
  console.log(`\n[harness] ${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
  if (!ok && fatal) finish();
  return ok;
}

function finish() {
  clearTimeout(overall);
  header('Summary');
  for (const r of results) {
    console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(44)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `   ${r.note}` : ''}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n  ${failed ? `${failed} stage(s) failed` : 'all stages passed'} in ${((Date.now() - startedAll) / 1000).toFixed(1)} s; artifacts in ${ARTIFACTS.replace(ROOT + '/', '')}/`);
  process.exit(failed ? 1 : 0);
}

await stage('install: code-server + chromium (cached)', () =>
  run('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { cwd: ROOT, timeoutMs: 600_000 }), { fatal: true });

if (opts.only !== 'e2e') {
  await stage('build: node esbuild.mjs', () => run(process.execPath, ['esbuild.mjs'], { cwd: ROOT, timeoutMs: 120_000 }), { fatal: true });

  await stage('integration: mocha in the extension host', async () => {
    const fake = await startFakeApi({ ...INTEGRATION_FAKE_OPTIONS, echo: !!process.env.HARNESS_VERBOSE });
    const second = await startFakeApi({ ...SECOND_FAKE_OPTIONS, echo: !!process.env.HARNESS_VERBOSE });
    const decoy = await startDecoy();
    console.log(`[harness] fake Admin API at ${fake.url}, a second organization's at ${second.url}`);
    const codeServer = await startCodeServer({
      machineSettings: { 'openaiAdmin.apiBaseUrl': fake.url },
      workspaceSettings: integrationWorkspaceSettings(decoy),
      env: integrationEnv(fake, { grep: opts.grep, color: process.stdout.isTTY, decoy, second }),
    });
    console.log(`[harness] code-server at ${codeServer.origin}\n`);
    const profileDir = mkdtempSync(join(tmpdir(), 'oae-chromium-'));
    cleanupDir(profileDir);
    const code = await runTestsInWorkbench({
      codeServer,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: INTEGRATION_BUNDLE,
      logFile: join(ARTIFACTS, 'integration', 'workbench.log'),
      screenshotName: 'integration/timeout',
      timeoutMs: 600_000,
      profileDir,
    });
    // The canary key may have been nowhere but SecretStorage and the fake's Authorization headers.
    const clean = await leakCheck({
      label: 'key-leak canary',
      secrets: [INTEGRATION_ADMIN_KEY, SECOND_ORG_ADMIN_KEY],
      roots: [codeServer.sandbox.dir, profileDir, join(ARTIFACTS, 'integration')],
      decoy,
    });
    const unhandled = unhandledInExtensionHost([join(codeServer.userDataDir, 'logs'), join(ARTIFACTS, 'integration', 'workbench.log')]);
    if (unhandled.length) console.error(`\n[harness] the extension host reported unhandled errors:\n${unhandled.join('\n---\n')}`);
    return clean && !unhandled.length ? code : 1;
  });
}

if (opts.only !== 'integration') {
  const packaged = await stage('package: npm run package (.vsix)', () =>
    run('npm', ['run', '--silent', 'package'], { cwd: ROOT, timeoutMs: 180_000 }));

  if (packaged) {
    await stage('e2e: playwright-core + chromium', () => run(process.execPath, [
      join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--config', join(ROOT, 'test', 'e2e', '.mocharc.json'),
      ...(opts.grep ? ['--grep', opts.grep] : []),
    ], { cwd: ROOT, timeoutMs: 1_200_000, env: { ...process.env, E2E_SKIP_PACKAGE: '1' } }));
  } else {
    results.push({ name: 'e2e: playwright-core + chromium', ok: false, seconds: 0, note: 'not run: packaging failed' });
  }
}

finish();
