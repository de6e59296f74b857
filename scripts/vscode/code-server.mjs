// @ts-check
// code-server (VS Code 1.100.3 in the browser, with a real Node extension host) for tests and the demo.
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_BIN, CODE_SERVER_INSTALLED, ROOT } from './paths.mjs';
import { spawnGroup, cleanupGroup, cleanupDir, waitForLine, run, sleep } from './processes.mjs';

export const DARK = 'Default Dark Modern';
export const LIGHT = 'Default Light Modern';

/** Fails with the fix when the cached install is missing. */
export function assertCodeServerInstalled() {
  if (!existsSync(CODE_SERVER_INSTALLED) || !existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed in ${CODE_SERVER_BIN}.\nRun: bash scripts/install-code-server.sh`);
  }
}

/** A temporary root with XDG_* folders, so code-server writes nothing into the home folder. */
export function makeSandbox(prefix = 'oae-vscode-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanupDir(dir);
  const xdg = {
    XDG_CONFIG_HOME: join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(dir, 'xdg', 'cache'),
  };
  for (const d of Object.values(xdg)) mkdirSync(d, { recursive: true });
  return { dir, xdg };
}

export function writeJson(file, value) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/** Installs a packaged extension into `extensionsDir` (under a second). */
export async function installVsix(vsix, { extensionsDir, sandbox }) {
  assertCodeServerInstalled();
  await run(CODE_SERVER_BIN, ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    quiet: true,
    timeoutMs: 60_000,
    env: { ...process.env, ...sandbox.xdg },
  });
}

/**
 * Starts code-server in a fresh user-data-dir.
 *   theme            workbench.colorTheme (default: dark)
 *   machineSettings  written to UD/Machine/settings.json: where code-server reads machine-scoped settings
 *   userSettings     merged into UD/User/settings.json
 *   folder           folder to open (default: an empty temp folder); workspaceSettings go into its .vscode/settings.json
 *   extensionsDir    (default: an empty temp folder) vsix  installed into it before start
 *   env              extra environment (the extension host inherits code-server's environment)
 * Returns { origin, port, folder, userDataDir, extensionsDir, sandbox, workbenchUrl(opts), stop() }.
 * @param {{
 *   theme?: string, machineSettings?: object, userSettings?: object, workspaceSettings?: object,
 *   folder?: string, extensionsDir?: string, vsix?: string, env?: NodeJS.ProcessEnv, port?: number,
 *   echo?: boolean, timeoutMs?: number,
 * }} [options]
 */
export async function startCodeServer({
  theme = DARK,
  machineSettings = {},
  userSettings = {},
  workspaceSettings,
  folder,
  extensionsDir,
  vsix,
  env = {},
  port = 0,
  echo = !!process.env.HARNESS_VERBOSE,
  timeoutMs = 60_000,
} = {}) {
  assertCodeServerInstalled();
  const sandbox = makeSandbox();
  const userDataDir = join(sandbox.dir, 'user-data');
  extensionsDir ??= join(sandbox.dir, 'extensions');
  folder ??= join(sandbox.dir, 'workspace');
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(folder, { recursive: true });

  writeJson(join(userDataDir, 'User', 'settings.json'), {
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': theme,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false,
    'window.commandCenter': false,
    'remote.autoForwardPorts': false, // else the status bar counts the harness' own ports
    ...userSettings,
  });
  writeJson(join(userDataDir, 'Machine', 'settings.json'), machineSettings);
  if (workspaceSettings) writeJson(join(folder, '.vscode', 'settings.json'), workspaceSettings);
  if (vsix) await installVsix(vsix, { extensionsDir, sandbox });

  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const child = /** @type {import('./processes.mjs').PipedChild} */ (spawnGroup(CODE_SERVER_BIN, args, {
    name: 'code-server',
    cwd: ROOT,
    env: { ...process.env, ...sandbox.xdg, ...env },
  }));
  // Its state lives in temp folders that go away: no need to wait for a graceful shutdown (which takes ~2 s).
  const stop = cleanupGroup(child, 500);
  let origin;
  try {
    const m = await waitForLine(child, /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs, 'code-server');
    origin = m[1];
    await waitForHealthz(origin, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  if (echo) {
    child.stdout.on('data', (c) => process.stderr.write(`[code-server] ${c}`));
    child.stderr.on('data', (c) => process.stderr.write(`[code-server] ${c}`));
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  const portNumber = Number(new URL(origin).port);
  return {
    origin,
    port: portNumber,
    folder,
    userDataDir,
    extensionsDir,
    sandbox,
    child,
    stop,
    /**
     * The workbench URL; `extensionDevelopmentPath`/`extensionTestsPath` are absolute paths on this machine.
     * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string, folder?: string }} [options]
     */
    workbenchUrl({ extensionDevelopmentPath, extensionTestsPath, folder: f = folder } = {}) {
      const remote = (p) => `vscode-remote://127.0.0.1:${portNumber}${p}`;
      const payload = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      const q = new URLSearchParams({ folder: f });
      if (payload.length) q.set('payload', JSON.stringify(payload));
      return `${origin}/?${q}`;
    },
  };
}

async function waitForHealthz(origin, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error(`code-server ${origin}/healthz: no answer within ${Math.round(timeoutMs / 1000)} s`);
}
