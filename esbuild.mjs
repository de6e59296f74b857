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
 * The API client (with undici, four fifths of the code) is its own file, dist/api.js: the extension
 * imports it lazily (`await import('../api')` on the first request), and in CommonJS esbuild would
 * otherwise inline it, so VS Code would still read and compile it at activation (issue 7: activation
 * ≤ 25 ms). This plugin makes that import of src/api/index.ts load dist/api.js instead.
 */
const apiIndex = resolve('src', 'api', 'index.ts');
const lazyApi = {
  name: 'lazy-api',
  setup(build) {
    build.onResolve({ filter: /^(\.\.\/)+api$/ }, (args) =>
      join(args.resolveDir, args.path, 'index.ts') === apiIndex ? { path: './api.js', external: true } : undefined);
  },
};

/** Extension host: CommonJS on Node 20; `vscode` is provided by the host. */
const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', api: 'src/api/index.ts' },
  outdir: outRoot,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  define: { EXTENSION_VERSION: JSON.stringify(pkg.version) },
  plugins: [lazyApi],
  // `await import('../api')` becomes a lazy require('./api.js'), loaded like the rest of the extension.
  supported: { 'dynamic-import': false },
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

const configs = [extension];
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
