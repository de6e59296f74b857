// Size budgets of the shipped bundles (BENCHMARKS.md fig. 3): the extension ≤ 700 KB minified (dist/extension.js plus
// what it loads later: api.js, the client, on the first request; usagePanel.js and projectPanel.js when
// a panel opens; commands.js when a command first runs; spendStatus.js after the first use of the API),
// each webview ≤ 300 KB, the org file's parser (orgFile.js, loaded only when a *.openai-org.yaml file is
// opened) ≤ 300 KB on its own.
// Sizes are deterministic for a given source tree, so this is an ordinary unit test: it runs the
// production build (`node esbuild.mjs --production`) into a temporary folder, never into dist/.
// KB here is 1,000 bytes, the stricter reading (esbuild.mjs prints KiB).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BUNDLE_BUDGETS = { extension: 700_000, webview: 300_000, orgFile: 300_000, orgCode: 350_000 } as const;
/**
 * Loaded only when a `*.openai-org.yaml` file is opened or an org-file command runs (yaml, Ajv and the
 * schema: Ajv compiled ahead of time saved 37 KB of 256, not worth a generated file), so it has its own
 * budget rather than counting against what every user's extension host loads. The org-code commands
 * (Export/Compare/Plan/Apply: the engine and the YAML writer) likewise load only when one of them runs.
 */
const OWN_BUDGET = ['orgFile.js', 'orgCode.js'];

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

describe('bundle sizes (production build)', function () {
  this.timeout(120_000);
  let out: string;

  before(() => {
    out = mkdtempSync(join(tmpdir(), 'oae-bundle-size-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${join(out, 'dist')}`], { cwd: ROOT, stdio: 'pipe' });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it(`extension bundle ≤ ${kb(BUNDLE_BUDGETS.extension)} (what the extension host loads: extension.js and the lazily loaded client, panels and commands together)`, () => {
    // dist/cli.js is the command-line tool (npm run org): plain Node, never loaded by the extension host, not in the .vsix.
    const files = readdirSync(join(out, 'dist')).filter((f) => f.endsWith('.js') && f !== 'cli.js').sort();
    assert.deepEqual(files, ['accessReviewPanel.js', 'api.js', 'asOf.js', 'commands.js', 'costAttribution.js', 'expiry.js', 'extension.js', 'format.js', 'hygieneRules.js', 'l10n.js', 'locale.js', 'orgCode.js', 'orgFile.js', 'organizationLoad.js', 'projectPanel.js', 'spendStatus.js', 'storeResources.js', 'usagePanel.js', 'webviewHost.js'], 'the extension host bundles');
    files.splice(0, files.length, ...files.filter((f) => !OWN_BUDGET.includes(f)));
    const sizes = files.map((f) => statSync(join(out, 'dist', f)).size);
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(total <= BUNDLE_BUDGETS.extension,
      `the extension bundles are ${kb(total)} (${files.map((f, i) => `${f} ${kb(sizes[i]!)}`).join(', ')}), over their budget of ${kb(BUNDLE_BUDGETS.extension)}`);
  });

  it(`the org file's parser (dist/orgFile.js, loaded when an org file is opened) ≤ ${kb(BUNDLE_BUDGETS.orgFile)}`, () => {
    const size = statSync(join(out, 'dist', 'orgFile.js')).size;
    assert.ok(size <= BUNDLE_BUDGETS.orgFile, `dist/orgFile.js is ${kb(size)}, over its budget of ${kb(BUNDLE_BUDGETS.orgFile)}`);
  });

  it(`the org-code commands' bundle ≤ ${kb(BUNDLE_BUDGETS.orgCode)} (dist/orgCode.js: the engine and the YAML writer, loaded when one of them first runs)`, () => {
    const size = statSync(join(out, 'dist', 'orgCode.js')).size;
    assert.ok(size <= BUNDLE_BUDGETS.orgCode, `dist/orgCode.js is ${kb(size)}, over its budget of ${kb(BUNDLE_BUDGETS.orgCode)}`);
  });

  it(`each webview bundle ≤ ${kb(BUNDLE_BUDGETS.webview)}`, () => {
    const dir = join(out, 'dist', 'webviews');
    const entries = existsSync(join(ROOT, 'media'))
      ? readdirSync(join(ROOT, 'media'), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(ROOT, 'media', d.name, 'main.ts'))).map((d) => d.name)
      : [];
    const built = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')) : [];
    assert.deepEqual(built.map((f) => f.replace(/\.js$/, '')).sort(), entries.sort(), 'one bundle per media/<name>/main.ts');
    const over = built.map((f) => [f, statSync(join(dir, f)).size] as const).filter(([, size]) => size > BUNDLE_BUDGETS.webview);
    assert.deepEqual(over.map(([f, size]) => `dist/webviews/${f} is ${kb(size)}`), [], `over the webview budget of ${kb(BUNDLE_BUDGETS.webview)}`);
  });

  it('the host bundles share one @vscode/l10n and one display language (esbuild.mjs SHARED): none holds a copy activation would leave unset', () => {
    const hostFiles = readdirSync(join(out, 'dist')).filter((f) => f.endsWith('.js') && f !== 'cli.js');
    // Text only the module itself holds: @vscode/l10n's error for a bad template, model/locale.ts's call.
    const own = { 'l10n.js': 'expected a string as the first argument to l10n.t', 'locale.js': 'getCanonicalLocales' };
    for (const [file, marker] of Object.entries(own)) {
      const holders = hostFiles.filter((f) => readFileSync(join(out, 'dist', f), 'utf8').includes(marker));
      assert.deepEqual(holders, [file], `only ${file} may hold its code; the others require('./${file}')`);
    }
  });

  it('the host bundles use the VS Code API object as required, not a getter copy of it per module (activation, BENCHMARKS.md fig. 3)', () => {
    const hostFiles = readdirSync(join(out, 'dist')).filter((f) => f.endsWith('.js') && f !== 'cli.js');
    const texts = hostFiles.map((f) => [f, readFileSync(join(out, 'dist', f), 'utf8')] as const);
    const wrapped = texts.filter(([, text]) => /[\w$]\(require\("vscode"\)\)/.test(text)).map(([f]) => f);
    assert.deepEqual(wrapped, [], 'esbuild.mjs plainVscodeRequire leaves no __toESM(require("vscode"))');
    assert.ok(texts.some(([f, text]) => f === 'extension.js' && text.includes('require("vscode")')), 'extension.js requires vscode');
  });

  it('ships no source maps in the production build', () => {
    const maps: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.map')) maps.push(e.name);
      }
    };
    walk(join(out, 'dist'));
    assert.deepEqual(maps, []);
  });
});
