// @ts-check
// Builds every bundle the extension ships plus the bundle the in-editor tests run from.
//   node esbuild.mjs               dev bundles with source maps
//   node esbuild.mjs --production  minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       dev bundles, rebuilt on change
//   --outdir=DIR                   instead of dist/ (the bundle-size test and the benchmark build elsewhere)
//   --metafile=FILE                also writes the extension host build's inputs per bundle (esbuild's metafile), to see what a bundle holds
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outRoot = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) || 'dist';

/** @type {import('esbuild').BuildOptions} */
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
/**
 * Modules with state every extension host bundle must share: the strings bundle @vscode/l10n is
 * configured with and the display language (src/l10n.ts sets both at activation). Each is a file of
 * its own that every bundle requires, so the lazily loaded ones see what activation set; bundled into
 * each they would be copies left unset. Both are tiny (about 3 KB together).
 */
const SHARED = {
  locale: 'src/model/locale.ts',
  // Modules several bundles use, in one file each rather than a copy in each: the resource table
  // (six bundles), the webview host (three panels), the organization loader, cost attribution, the
  // hygiene rules, the formatters, "as of" and key expiry. Together 45 KB of copies (BENCHMARKS.md fig. 3's size budget).
  storeResources: 'src/model/store/resources.ts',
  webviewHost: 'src/webviews/panel.ts',
  organizationLoad: 'src/model/organization/load.ts',
  costAttribution: 'src/model/usage/attribution.ts',
  hygieneRules: 'src/model/hygiene/rules.ts',
  format: 'src/model/format.ts',
  asOf: 'src/model/asOf.ts',
  expiry: 'src/model/expiry.ts',
};
const SHARED_PACKAGES = { l10n: '@vscode/l10n' };
const sharedPackageEntries = Object.fromEntries(Object.entries(SHARED_PACKAGES).map(([name, pkg]) => [name, createRequire(import.meta.url).resolve(pkg)]));
const sharedPackageFiles = new Map(Object.entries(SHARED_PACKAGES).map(([name, pkg]) => [pkg, `./${name}.js`]));
const lazyFiles = new Map(Object.entries({ ...LAZY, ...SHARED }).map(([name, file]) => [resolve(file), `./${name}.js`]));
/** @type {import('esbuild').Plugin} */
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^@/ }, (args) => {
      const shared = args.kind === 'entry-point' ? undefined : sharedPackageFiles.get(args.path);
      return shared ? { path: shared, external: true } : undefined;
    });
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      const lazy = lazyFiles.get(`${base}.ts`) ?? lazyFiles.get(join(base, 'index.ts'));
      return lazy ? { path: lazy, external: true } : undefined;
    });
  },
};

/**
 * `vscode.l10n.t(` is written at about 1,300 call sites (the extractor, `npm run l10n`, reads that
 * form). Minified, each stays `x.l10n.t(`; calling one imported function instead makes each `x(`,
 * about 10 KB less of the extension bundles (BENCHMARKS.md fig. 3: ≤ 700 KB). Same function, same
 * arguments: src/util/l10nCall.ts only forwards to vscode.l10n.t.
 */
const L10N_SHIM = resolve('src/util/l10nCall.ts');
/** @type {import('esbuild').Plugin} */
const shortL10nCalls = {
  name: 'short-l10n-calls',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('vscode.l10n.t(')) return undefined;
      const shim = relative(dirname(args.path), L10N_SHIM).replace(/\\/g, '/').replace(/\.ts$/, '');
      return {
        contents: `import { __vscodeL10nT } from '${shim.startsWith('.') ? shim : `./${shim}`}';\n${text.replaceAll('vscode.l10n.t(', '__vscodeL10nT(')}`,
        loader: 'ts',
      };
    });
  },
};

/**
 * `import * as vscode from 'vscode'` compiles, in each of the 80-odd modules that write it, to a
 * __toESM(require("vscode")) call: a copy of every property of the VS Code API (some 250) as a getter.
 * With 24 such modules in extension.js alone that was several milliseconds of its load, about a fifth of
 * the activation figure (BENCHMARKS.md fig. 3). Every use of the namespace is a property read, which the
 * API object answers itself, so the bundles use the required object as it is
 * (test/unit/bundleSize.test.ts checks that no wrapped require is left).
 * @type {import('esbuild').Plugin}
 */
const plainVscodeRequire = {
  name: 'plain-vscode-require',
  setup(build) {
    build.onEnd((result) => {
      for (const file of Object.keys(result.metafile?.outputs ?? {})) {
        if (!file.endsWith('.js')) continue;
        const text = readFileSync(file, 'utf8');
        const plain = text.replace(VSCODE_REQUIRE_WRAPPED, 'require("vscode")');
        if (plain !== text) writeFileSync(file, plain);
      }
    });
  },
};
/** The wrapped form esbuild emits: `__toESM(require("vscode"))`, or a short name for it when minified. */
const VSCODE_REQUIRE_WRAPPED = /\b[A-Za-z_$][\w$]*\(require\("vscode"\)\)/g;

/**
 * Extension host: CommonJS on Node 20; `vscode` is provided by the host.
 * @type {import('esbuild').BuildOptions}
 */
const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', ...LAZY, ...SHARED, ...sharedPackageEntries },
  outdir: outRoot,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  define: { EXTENSION_VERSION: JSON.stringify(pkg.version) },
  plugins: [lazyModules, shortL10nCalls, plainVscodeRequire],
  // `await import(…)` of a lazy module becomes a require('./<name>.js') when it runs.
  supported: { 'dynamic-import': false },
};

/**
 * The organization-as-code CLI (src/cli, `npm run org`): one self-contained file for plain Node. It
 * imports no `vscode` (the build fails if anything it reaches does) and is not part of the .vsix.
 * @type {import('esbuild').BuildOptions}
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
/** @type {import('esbuild').BuildOptions} */
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
/** @type {import('esbuild').BuildOptions} */
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

/** @type {import('esbuild').BuildOptions[]} */
const configs = [extension, cli];
if (webviewEntries.length) configs.push(webviews);
if (!production && existsSync(integrationEntry)) configs.push(integration);

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  const metafile = process.argv.find((a) => a.startsWith('--metafile='))?.slice('--metafile='.length);
  if (metafile) writeFileSync(metafile, JSON.stringify(results[0].metafile));
  for (const r of results) {
    for (const [file, info] of Object.entries(/** @type {import('esbuild').Metafile} */ (r.metafile).outputs)) {
      if (!file.endsWith('.map')) console.log(`${file}  ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
