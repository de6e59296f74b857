// @ts-check
// Debian's chromium driven by playwright-core (no browser download), and screenshots into artifacts/.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, ROOT } from './paths.mjs';
import { cleanupDir, onCleanup } from './processes.mjs';

/** Flags measured on these machines; without the background-networking ones chromium fights the closed network. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * A persistent context in a fresh profile folder (secrets stored by VS Code live in the profile, so
 * pass the same `profileDir` to keep them across launches). Closed by the harness cleanup.
 * @param {{ profileDir?: string, viewport?: { width: number, height: number } | null, headless?: boolean }} [options]
 */
export async function launchBrowser({ profileDir, viewport = { width: 1400, height: 900 }, headless = true } = {}) {
  if (!profileDir) {
    profileDir = mkdtempSync(join(tmpdir(), 'oae-chromium-'));
    cleanupDir(profileDir);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless,
    args: headless ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((a) => a !== '--headless'),
    viewport,
    deviceScaleFactor: 1,
  });
  const close = onCleanup(() => context.close().catch(() => {}));
  return { context, profileDir, close };
}

/** Saves a PNG under artifacts/ (e.g. 'e2e/welcome-dark') and returns its path relative to the repo. */
export async function screenshot(target, name) {
  const file = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await target.screenshot({ path: file });
  return relative(ROOT, file);
}
