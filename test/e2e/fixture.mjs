// @ts-check
// The end-to-end fixture: a fresh fake Admin API, code-server with the packaged .vsix and a fresh
// chromium profile for each call. Add a spec as test/e2e/<name>.e2e.mjs:
//
//   import { withVSCode } from './fixture.mjs';
//   it('…', () => withVSCode({ theme: 'light', key: 'sk-admin-demo' }, async ({ page, vs, fake }) => { … }));
//
// `vs` holds the workbench helpers (test/e2e/workbench.mjs); `fake` the fake's control plane
// (requests(), setFaults(), …); `shot(name)` writes artifacts/e2e/<name>.png; `codeServer` and
// `profileDir` (the browser's) are the folders the run writes to.
import { join } from 'node:path';
import {
  DARK, LIGHT, startFakeApi, startCodeServer, launchBrowser, screenshot, cleanupAll,
} from '../../scripts/vscode/index.mjs';
import { Workbench } from './workbench.mjs';
import { currentTest, vsix } from './setup.mjs';

const THEMES = { dark: DARK, light: LIGHT };

/**
 * options:
 *   theme            'dark' | 'light' | a theme name (default dark)
 *   key              when given, stored through the palette (and accepted) before `fn` runs: `fn` starts connected
 *   fakeOptions      { projects, users, seed, extraArgs } for the fake (defaults: the CLI's, a realistic org;
 *                    extraArgs ['--hostile'] makes about 1 in 10 generated names a hostile string)
 *   machineSettings  extra machine-scoped settings (the base URL always points at the fake)
 *   userSettings     extra user settings
 *   viewport         { width, height } (default 1400×900)
 */
export async function withVSCode(options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  const { theme = 'dark', key, fakeOptions = {}, machineSettings = {}, userSettings = {}, viewport } = options;
  let page;
  try {
    const fake = await startFakeApi(fakeOptions);
    const codeServer = await startCodeServer({
      theme: THEMES[theme] ?? theme,
      vsix,
      machineSettings: { 'openaiAdmin.apiBaseUrl': fake.url, ...machineSettings },
      userSettings,
    });
    const { context, profileDir } = await launchBrowser({ viewport });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000); // CI machines have 2 cores and may be busy
    await page.goto(codeServer.workbenchUrl());
    const vs = new Workbench(page);
    await vs.ready();
    if (key) await vs.connect(key);
    const shot = async (name) => {
      await vs.settle();
      return screenshot(page, join('e2e', name));
    };
    return await fn({ page, vs, fake, codeServer, shot, profileDir });
  } catch (/** @type {any} */ err) {
    if (page) {
      const name = join('e2e', 'failures', (currentTest || 'unnamed').replace(/[^\w.-]+/g, '_').slice(0, 120));
      const shot = await screenshot(page, name).catch(() => undefined);
      if (shot) err.message += `\n    screenshot: ${shot}`;
    }
    throw err;
  } finally {
    await cleanupAll();
  }
}
