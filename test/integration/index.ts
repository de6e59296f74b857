// Mocha inside the real VS Code extension host. Bundled by esbuild.mjs into out/integration/index.js
// and loaded by VS Code through the `extensionTestsPath` payload (scripts/run-vscode-tests.mjs) or by
// @vscode/test-electron (scripts/run-electron-tests.mjs). `mocha` stays external: it is required from
// the repository's node_modules at run time.
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRecording } from './leakRecorder';

/**
 * The suites, in the order they run. They are imported only after mocha has installed its globals
 * (`describe`, `it`, …), which is why each one is a lazy import. Activation runs first: it checks
 * that activating makes no request, which only means something before another suite used the extension.
 */
const suites: Record<string, () => Promise<unknown>> = {
  'activation.test.ts': () => import('./activation.test'),
  'adminKey.test.ts': () => import('./adminKey.test'),
  'settings.test.ts': () => import('./settings.test'),
  'tree.test.ts': () => import('./tree.test'),
  'commands.test.ts': () => import('./commands.test'),
  'commands.project.test.ts': () => import('./commands.project.test'),
  'commands.org.test.ts': () => import('./commands.org.test'),
  'commands.roles.test.ts': () => import('./commands.roles.test'),
  'commands.certificates.test.ts': () => import('./commands.certificates.test'),
  'commands.settings.test.ts': () => import('./commands.settings.test'),
  'commands.identity.test.ts': () => import('./commands.identity.test'),
  'commands.keys.test.ts': () => import('./commands.keys.test'),
  'loadOrganization.test.ts': () => import('./loadOrganization.test'),
  'usage.test.ts': () => import('./usage.test'),
  'spendStatus.test.ts': () => import('./spendStatus.test'),
  'organizations.test.ts': () => import('./organizations.test'),
  'project.test.ts': () => import('./project.test'),
  'accessReview.test.ts': () => import('./accessReview.test'),
  'keyHygiene.test.ts': () => import('./keyHygiene.test'),
  'orgFileDiagnostics.test.ts': () => import('./orgFileDiagnostics.test'),
  'security.test.ts': () => import('./security.test'),
  'reliability.test.ts': () => import('./reliability.test'),
  'commands.offboard.test.ts': () => import('./commands.offboard.test'),
  'keyboard.test.ts': () => import('./keyboard.test'),
  'orgCode.test.ts': () => import('./orgCode.test'),
  // Last: looks for the canary key in everything the suites above made the extension show or send.
  'security.canary.test.ts': () => import('./security.canary.test'),
};

/** A suite file that is not in the list above would silently never run: refuse to start instead. */
function checkEverySuiteIsListed(): void {
  const sourceDir = join(__dirname, '..', '..', 'test', 'integration');
  if (!existsSync(sourceDir)) return;
  const missing = readdirSync(sourceDir).filter((f) => f.endsWith('.test.ts') && !(f in suites));
  if (missing.length) throw new Error(`test/integration/index.ts does not load: ${missing.join(', ')}`);
}

export async function run(): Promise<void> {
  checkEverySuiteIsListed();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.env.MOCHA_COLOR !== '0',
    timeout: 30_000,
    slow: 2_000,
    grep: process.env.MOCHA_GREP || undefined,
  });
  startRecording();
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  for (const load of Object.values(suites)) await load();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
}
