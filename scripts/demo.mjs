#!/usr/bin/env node
// @ts-check
// `npm run demo`: the packaged extension in code-server against the fake Admin API with demo data.
//   1. npm run package (production build + .vsix)
//   2. the fake Admin API on 127.0.0.1:8787 (or a free port): --projects 20 --users 200 --seed 1, a
//      realistic organization (--hostile: about 1 in 10 names is markup, RTL text or 10,000 characters,
//      as the security tests use)
//   3. code-server on 127.0.0.1:8080 (or a free port) with the .vsix installed and
//      openaiAdmin.apiBaseUrl (machine setting) pointing at the fake
//   4. the demo key stored through the UI the way a person does it (palette → masked input), in a
//      chromium profile of the demo's own, and a screenshot of the connected explorer in artifacts/demo/
// Then it prints the URL and stays up until Ctrl-C, which stops everything.
//
// The key is never put in settings, files or the environment. VS Code in the browser keeps secrets in
// the browser profile, so the key stored in step 4 lives only in the demo's chromium profile:
//   --open   (default when a display is available) open that chromium window, already connected
//   any other browser: paste the demo key once via "OpenAI Admin: Set Admin API Key"
//   --smoke  bring everything up, check it, tear it down and exit (no waiting for Ctrl-C)
//   --hostile  the fake's hostile names (see step 2)
//   --light  a light colour theme
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, VSIX, DARK, LIGHT, run, startFakeApi, startCodeServer, launchBrowser, screenshot,
  installSignalHandlers, cleanupAll,
} from './vscode/index.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';

const { values: opts } = parseArgs({
  options: {
    open: { type: 'boolean' },
    smoke: { type: 'boolean', default: false },
    light: { type: 'boolean', default: false },
    hostile: { type: 'boolean', default: false },
    'skip-package': { type: 'boolean', default: false },
  },
});
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const openWindow = opts.open ?? (hasDisplay && !opts.smoke);

const FAKE_PORT = 8787;
const CODE_PORT = 8080;
const DEMO = { projects: 20, users: 200, seed: 1 };

const portFree = (port) => new Promise((resolve) => {
  const srv = createServer();
  srv.once('error', () => resolve(false));
  srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
});
const step = (text) => console.log(`\n▸ ${text}`);

installSignalHandlers();
const t0 = Date.now();
try {
  await run('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { cwd: ROOT, timeoutMs: 600_000 });
  if (!opts['skip-package']) {
    step('npm run package');
    await run('npm', ['run', '--silent', 'package'], { cwd: ROOT, timeoutMs: 180_000 });
  }

  step('fake Admin API');
  const fakePort = (await portFree(FAKE_PORT)) ? FAKE_PORT : 0;
  const fake = await startFakeApi({ port: fakePort, ...DEMO, extraArgs: opts.hostile ? ['--hostile'] : [] });
  if (!fakePort) console.log(`  port ${FAKE_PORT} is taken, using ${fake.port}`);
  console.log(`  ${fake.url}  (${DEMO.projects} projects, ${DEMO.users} users, seed ${DEMO.seed}${opts.hostile ? ', hostile names' : ''})`);

  step('code-server with the packaged extension');
  const codePort = (await portFree(CODE_PORT)) ? CODE_PORT : 0;
  const codeServer = await startCodeServer({
    port: codePort,
    theme: opts.light ? LIGHT : DARK,
    vsix: VSIX,
    machineSettings: { 'openaiAdmin.apiBaseUrl': fake.url },
  });
  if (!codePort) console.log(`  port ${CODE_PORT} is taken, using ${codeServer.port}`);
  const url = codeServer.workbenchUrl();
  console.log(`  ${codeServer.origin}`);

  step('storing the demo key through the palette (headless chromium, demo profile)');
  let { context, profileDir, close } = await launchBrowser();
  let page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  const vs = new Workbench(page);
  await vs.ready();
  await vs.openContainer();
  await vs.connect(fake.adminKey);
  // Read it back after a reload: proves it is in the profile's storage (and flushes it there before
  // the headless browser closes, so the --open window finds it).
  await page.reload();
  await vs.ready();
  await vs.openContainer();
  await vs.treeItems().first().waitFor({ state: 'visible' });
  await vs.settle();
  const shot = await screenshot(page, 'demo/connected');
  console.log(`  stored, checked against the fake, still there after a reload; screenshot: ${shot}`);
  await close(); // the profile folder stays until the demo ends

  if (openWindow) {
    step('opening the demo chromium window (already connected)');
    ({ context, close } = await launchBrowser({ profileDir, headless: false, viewport: null }));
    page = context.pages()[0] ?? await context.newPage();
    await page.goto(url);
  }

  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`
════════════════════════════════════════════════════════════════════════════
  OpenAI Admin Explorer demo is up (${seconds} s)

  Open:      ${url}
  Fake API:  ${fake.url}   (admin key: ${fake.adminKey})

  ${openWindow
    ? 'The chromium window that opened is already connected.'
    : 'The key was stored in the demo\'s own (headless) browser profile only: VS Code in the\n  browser keeps secrets per browser profile.'}
  In your own browser: click the "OpenAI Admin" icon in the activity bar, then
  "Set Admin API Key" (or F1 → "OpenAI Admin: Set Admin API Key") and paste
      ${fake.adminKey}
  Remote machine? Forward the ports first, e.g. ssh -L ${codeServer.port}:127.0.0.1:${codeServer.port} <host>

  Ctrl-C stops code-server, the fake and the browser.
════════════════════════════════════════════════════════════════════════════`);

  if (opts.smoke) {
    const res = await fetch(`${codeServer.origin}/healthz`);
    if (!res.ok) throw new Error(`code-server /healthz → ${res.status}`);
    console.log('\n--smoke: everything came up; stopping.');
  } else {
    await new Promise(() => {}); // until SIGINT/SIGTERM (installSignalHandlers tears everything down)
  }
} catch (/** @type {any} */ err) {
  console.error(`\ndemo failed: ${err?.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
