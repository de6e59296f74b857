// What the .vsix ships: only the runtime files listed in .vscodeignore, production bundles without maps.
// Packages the extension (`npm run package`) unless dist/openai-admin-explorer.vsix is newer than every input.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..', '..');
const VSIX = join(ROOT, 'dist', 'openai-admin-explorer.vsix');
const INPUTS = ['package.json', 'package.nls.json', 'l10n', '.vscodeignore', 'esbuild.mjs', 'README.md', 'LICENSE', 'CHANGELOG.md', 'src', 'media', 'docs', 'schemas'];

/** Shipped files (paths inside `extension/`) must match one of these (vsce renames README.md to readme.md, LICENSE to LICENSE.txt). */
const ALLOWED = [
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/, // the manifest's text and its translations
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/, // the code's strings (package.json "l10n") and their translations
  /^readme\.md$/i,
  /^LICENSE(\.md|\.txt)?$/i,
  /^changelog\.md$/i,
  /^dist\/extension\.js$/,
  /^dist\/api\.js$/, // the API client, loaded on the first request
  /^dist\/(usage|project|accessReview)Panel\.js$/, // the editor panels' host code, loaded when one opens
  /^dist\/commands\.js$/, // the organization commands, loaded when one first runs
  /^dist\/(l10n|locale)\.js$/, // @vscode/l10n and the display language, one copy every bundle shares (esbuild.mjs SHARED)
  /^dist\/(storeResources|webviewHost|organizationLoad|costAttribution|hygieneRules|format|asOf|expiry)\.js$/, // modules several bundles share (esbuild.mjs SHARED)
  /^dist\/orgCode\.js$/, // the org-code commands (the engine, the YAML writer), loaded when one of them first runs
  /^dist\/orgFile\.js$/, // the org file's parser, loaded when a *.openai-org.yaml file is opened
  /^schemas\/openai-org\.schema\.json$/, // the org file's JSON Schema, for package.json's yamlValidation
  /^dist\/spendStatus\.js$/, // the spend status bar item, loaded after the first use of the API
  /^dist\/webviews\/.+\.(js|css)$/,
  /^media\/.+\.(svg|png|css|woff2)$/,
  // The walkthrough's markdown steps (package.json contributes.walkthroughs).
  /^media\/walkthrough\/[^/]+\.md$/,
  // The README's screenshots, so its relative image links work on the installed extension's page.
  /^docs\/screenshots\/[^/]+\.png$/,
];
const FORBIDDEN = [
  /(^|\/)src\//, /\.ts$/, /(^|\/)test\//, /(^|\/)node_modules\//, /\.map$/, /(^|\/)artifacts\//,
  /(^|\/)\.vscode-test\//, /(^|\/)out\//, /(^|\/)scripts\//, /(^|\/)\.git\//, /(^|\/)\.ci\//, /package-lock\.json$/,
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

interface ZipEntry { name: string; read(): Buffer }

/** Reads a zip's central directory (no zip64, which a .vsix of this size never needs). */
function readZip(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'corrupt central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.push({
      name,
      read: () => {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressed);
        return method === 0 ? data : inflateRawSync(data);
      },
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('packaged .vsix', function () {
  this.timeout(240_000);
  let entries: ZipEntry[];
  let shipped: string[];

  before(() => {
    const newestInput = Math.max(...INPUTS.map((f) => newestMtime(join(ROOT, f))));
    if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < newestInput) {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 220_000 });
    }
    entries = readZip(VSIX);
    shipped = entries.map((e) => e.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  });

  it('contains only the manifest, the extension files and vsce metadata', () => {
    const outside = entries.map((e) => e.name).filter((n) => !n.startsWith('extension/'));
    assert.deepEqual(outside.sort(), ['[Content_Types].xml', 'extension.vsixmanifest']);
  });

  it('ships no sources, tests, maps, node_modules, artifacts or caches', () => {
    const bad = shipped.filter((n) => FORBIDDEN.some((re) => re.test(n)));
    assert.deepEqual(bad, []);
  });

  it('ships only allow-listed runtime files', () => {
    const unexpected = shipped.filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], 'a file outside the allow-list was packaged: extend .vscodeignore and this list together');
  });

  it('ships the entry point, the manifest, and every file the manifest points at', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // What the entry point requires later (esbuild.mjs splits them off): the client on the first
    // request, each panel's host code when it opens, the commands when one first runs.
    const mustHave = ['package.json', 'package.nls.json', pkg.main.replace(/^\.\//, ''), 'dist/api.js', 'dist/usagePanel.js', 'dist/projectPanel.js', 'dist/accessReviewPanel.js', 'dist/commands.js', 'dist/orgCode.js', 'dist/orgFile.js', 'dist/spendStatus.js', 'dist/l10n.js', 'dist/locale.js', 'dist/storeResources.js', 'dist/webviewHost.js', 'dist/organizationLoad.js', 'dist/costAttribution.js', 'dist/hygieneRules.js', 'dist/format.js', 'dist/asOf.js', 'dist/expiry.js'];
    for (const v of pkg.contributes?.yamlValidation ?? []) mustHave.push(v.url);
    if (pkg.l10n) mustHave.push(`${pkg.l10n.replace(/^\.\//, '')}/bundle.l10n.json`);
    if (pkg.icon) mustHave.push(pkg.icon);
    for (const c of pkg.contributes?.viewsContainers?.activitybar ?? []) if (typeof c.icon === 'string') mustHave.push(c.icon);
    for (const w of pkg.contributes?.walkthroughs ?? []) {
      for (const step of w.steps) mustHave.push(...[step.media.markdown, step.media.svg, ...(typeof step.media.image === 'string' ? [step.media.image] : Object.values(step.media.image ?? {}))].filter((f) => typeof f === 'string'));
    }
    if (existsSync(join(ROOT, 'README.md'))) mustHave.push('README.md');
    if (existsSync(join(ROOT, 'CHANGELOG.md'))) mustHave.push('CHANGELOG.md');
    if (existsSync(join(ROOT, 'LICENSE'))) mustHave.push('LICENSE.txt');
    const lower = shipped.map((n) => n.toLowerCase());
    for (const f of mustHave) assert.ok(lower.includes(f.replace(/^\.\//, '').toLowerCase()), `${f} is not in the .vsix`);
  });

  it('ships every image the README shows, so its relative links work on the installed extension\'s page', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((src) => !/^https?:/.test(src));
    assert.ok(images.length > 0, 'the README shows no image');
    const missing = images.filter((src) => !shipped.includes(src.replace(/^\.\//, '')));
    assert.deepEqual(missing, [], 'README images not in the .vsix');
  });

  it('ships production bundles: minified, no source map references', () => {
    for (const entry of entries.filter((e) => /^extension\/dist\/.+\.js$/.test(e.name))) {
      const text = entry.read().toString('utf8');
      assert.ok(!/sourceMappingURL=/.test(text), `${entry.name} references a source map`);
      // Minified code has no indented statements; the newlines left are inside template literals (lit's CSS).
      const indented = text.split('\n').filter((l) => /^\s+(const|let|var|return|function|if \(|for \()\b/.test(l)).length;
      assert.ok(indented < 20, `${entry.name} does not look minified (${indented} indented statements)`);
    }
  });
});
