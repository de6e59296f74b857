// @ts-check
// What figures 3 and 4 need around code-server: the production bundles staged as an extension folder
// (built into a temp folder, so dist/ is never touched while others run tests), the extension-host
// suite bundle, and a browser page on the workbench with the harness' automation hooks. Everything
// else (code-server, chromium, the fake, process cleanup) is the harness' own helpers.
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { ROOT, cleanupDir, launchBrowser, run } from '../vscode/index.mjs';

/** A folder with package.json (and its text, package.nls*.json, l10n/), media/ and the production dist/: what the .vsix would hold. */
export async function stageProductionExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'oae-bench-ext-'));
  cleanupDir(dir);
  for (const f of readdirSync(ROOT).filter((n) => /^package(\.nls(\.[\w-]+)?)?\.json$/.test(n))) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'l10n'), join(dir, 'l10n'), { recursive: true });
  cpSync(join(ROOT, 'media'), join(dir, 'media'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  await run(process.execPath, ['esbuild.mjs', '--production', `--outdir=${join(dir, 'dist')}`], { cwd: ROOT, quiet: true, timeoutMs: 180_000 });
  const sizes = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) sizes.push({ file: relative(dir, p), bytes: statSync(p).size });
    }
  };
  walk(join(dir, 'dist'));
  return { dir, sizes };
}

/** test/bench/extensionHost.ts as one CommonJS file for `extensionTestsPath`. */
export async function buildHostSuite() {
  const dir = mkdtempSync(join(tmpdir(), 'oae-bench-host-'));
  cleanupDir(dir);
  const outfile = join(dir, 'extensionHost.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'bench', 'extensionHost.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * A browser page with the hooks the workbench calls when an extension test run logs and finishes
 * (as scripts/vscode/extension-tests.mjs sets them up), kept open so the bench can look at the DOM.
 */
export async function openWorkbenchPage({ logFile }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const logStream = createWriteStream(logFile);
  const { context, close } = await launchBrowser({ viewport: { width: 1400, height: 1000 } });
  const page = context.pages()[0] ?? await context.newPage();
  /** @type {(code: number) => void} */
  let onExit = () => {};
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    logStream.write(`[${level}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  page.on('pageerror', (err) => logStream.write(`[pageerror] ${err.stack ?? err}\n`));
  return {
    page,
    /** Resolves with the exit code of the current run of the suite. */
    exited: () => new Promise((resolve) => { onExit = resolve; }),
    close: async () => {
      await close();
      await new Promise((r) => logStream.end(r));
    },
  };
}
