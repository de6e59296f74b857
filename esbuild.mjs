// Builds every bundle the extension ships plus the bundle the in-editor tests run from.
//   node esbuild.mjs               dev bundles with source maps
//   node esbuild.mjs --production  minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       dev bundles, rebuilt on change
//   --outdir=DIR                   instead of dist/ (the bundle-size test and the benchmark build elsewhere)
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outRoot = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) || 'dist';

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};

/**
 * Code the extension host loads only when it is first needed, each in its own file: the API client
 * (`await import('../api')` on the first request), the editor panels (`await import('./panel')`
 * when one opens), the organization commands (`await import('./index')` when one first runs), the org file's
 * parser (when a `*.openai-org.yaml` file is first opened) and the spend status bar item (after the first use
 * of the API). In CommonJS esbuild would otherwise
 * inline them, so VS Code would read and compile them at activation (BENCHMARKS.md fig. 3: activation ≤ 25 ms).
 * This plugin makes an import of such a module, from any other module, load its own file instead.
 * Modules both sides use are bundled into both; none of them keeps module-level state, and errors
 * are told apart by status, not `instanceof`, so two copies behave as one.
 */
const LAZY = {
  api: 'src/api/index.ts',
  usagePanel: 'src/webviews/usage/panel.ts',
  projectPanel: 'src/webviews/project/panel.ts',
  accessReviewPanel: 'src/webviews/accessReview/panel.ts',
  commands: 'src/commands/index.ts',
  // The org-code commands with the YAML parser and schema validator, loaded when one of them first runs.
  orgCode: 'src/commands/orgCode/commands.ts',
  // The org file's parser and validator (yaml, Ajv, the schema), loaded when a *.openai-org.yaml is first seen.
  orgFile: 'src/model/orgCode/parse.ts',
  spendStatus: 'src/status/spendStatus.ts',
};
const lazyFiles = new Map(Object.entries(LAZY).map(([name, file]) => [resolve(file), `./${name}.js`]));
/**
 * `@vscode/l10n` (the model's translations: src/model has no `vscode`) keeps the bundle that
 * `l10n.config` loads at activation in module state, so the extension host must load exactly one copy:
 * bundled into each lazy file, every file but extension.js would keep answering in English (and the
 * extension bundles would carry it eight times). It gets its own file, dist/l10n.js, which every
 * bundle requires.
 */
const SHARED = { l10n: 'node_modules/@vscode/l10n/dist/main.js' };
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: './l10n.js', external: true }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      const lazy = lazyFiles.get(`${base}.ts`) ?? lazyFiles.get(join(base, 'index.ts'));
      return lazy ? { path: lazy, external: true } : undefined;
    });
  },
};

/** Extension host: CommonJS on Node 20; `vscode` is provided by the host. */
const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', ...LAZY, ...SHARED },
  outdir: outRoot,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  define: { EXTENSION_VERSION: JSON.stringify(pkg.version) },
  plugins: [lazyModules],
  // `await import(…)` of a lazy module becomes a require('./<name>.js') when it runs.
  supported: { 'dynamic-import': false },
};

/**
 * The organization-as-code CLI (src/cli, `npm run org`): one self-contained file for plain Node. It
 * imports no `vscode` (the build fails if anything it reaches does) and is not part of the .vsix.
 */
const cli = {
  ...common,
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: outRoot,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
};

/** Webview front-ends: one browser bundle per panel, entries are media/<name>/main.ts. */
const webviewEntries = existsSync('media')
  ? readdirSync('media', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('media', d.name, 'main.ts')))
      .map((d) => [d.name, join('media', d.name, 'main.ts')])
  : [];
const webviews = {
  ...common,
  entryPoints: Object.fromEntries(webviewEntries),
  outdir: join(outRoot, 'webviews'),
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

/** Tests that run inside the real extension host (code-server); never shipped. */
const integrationEntry = 'test/integration/index.ts';
const integration = {
  ...common,
  minify: false,
  sourcemap: 'inline',
  entryPoints: { index: integrationEntry },
  outdir: 'out/integration',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
};

// A production build must not leave a dev build's source maps behind for the .vsix to pick up.
if (production) rmSync(outRoot, { recursive: true, force: true });

const configs = [extension, cli];
if (webviewEntries.length) configs.push(webviews);
if (!production && existsSync(integrationEntry)) configs.push(integration);

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file}  ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
