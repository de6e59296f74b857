// The code's strings (vscode.l10n.t in the glue, l10n.t from @vscode/l10n in src/model, the CLI and the
// webviews) are extracted by `npm run l10n` into l10n/bundle.l10n.json, the file translators translate
// (l10n/bundle.l10n.<lang>.json). This runs the same extraction into a temporary folder: a string added
// or changed without re-running `npm run l10n` fails here, and so does one a translation still names
// after the code dropped it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson } from './localizedManifest';

const ROOT = join(__dirname, '..', '..', '..');
type Bundle = Record<string, string | { message: string; comment: string[] }>;
const pkg = readJson<{ l10n?: string; scripts: Record<string, string> }>('package.json');

describe('l10n bundle: every string the code looks up', function () {
  this.timeout(60_000);
  let out: string;
  let extracted: Bundle;
  let committed: Bundle;

  before(() => {
    out = mkdtempSync(join(tmpdir(), 'oae-l10n-'));
    const script = /^vscode-l10n-dev export --outDir \.\/l10n ((?:\S+ ?)+)$/.exec(pkg.scripts.l10n ?? '');
    assert.ok(script, `the npm script l10n is not \`vscode-l10n-dev export --outDir ./l10n <folders>\`: ${pkg.scripts.l10n}`);
    const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'export', '--outDir', out, ...script[1]!.split(' ')], { cwd: ROOT, stdio: 'pipe' });
    const file = join(out, 'bundle.l10n.json');
    extracted = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Bundle) : {};
    committed = readJson<Bundle>('l10n/bundle.l10n.json');
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('package.json points VS Code at the l10n folder', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  it('finds the strings of the host (vscode.l10n.t) and of code without vscode (l10n.t from @vscode/l10n)', async () => {
    // src/model/format.ts looks these up with @vscode/l10n.
    for (const s of ['never', 'just now']) assert.ok(s in extracted, `"${s}" was not extracted`);
    // Both forms as CONTRIBUTING.md tells them, through the extractor `npm run l10n` runs.
    const { getL10nJson } = await import('@vscode/l10n-dev');
    const found = await getL10nJson([
      { extension: '.ts', contents: "import * as vscode from 'vscode';\nvscode.l10n.t('Deleted {0}.', name);" },
      { extension: '.ts', contents: "import * as l10n from '@vscode/l10n';\nexport const f = (n: number) => l10n.t('{0} rows', n);" },
    ]);
    assert.deepEqual(Object.keys(found).sort(), ['Deleted {0}.', '{0} rows']);
  });

  it('every extracted string is in the committed l10n/bundle.l10n.json, as the code writes it (run `npm run l10n`)', () => {
    const missing = Object.keys(extracted).filter((k) => JSON.stringify(committed[k]) !== JSON.stringify(extracted[k]));
    assert.deepEqual(missing, [], 'strings missing from l10n/bundle.l10n.json or different there: run `npm run l10n`');
  });

  it('l10n/bundle.l10n.json and its translations hold no string the code no longer uses', () => {
    for (const file of readdirSync(join(ROOT, 'l10n')).filter((f) => /^bundle\.l10n(\.[\w-]+)?\.json$/.test(f))) {
      const stale = Object.keys(readJson<Bundle>(`l10n/${file}`)).filter((k) => !(k in extracted));
      assert.deepEqual(stale, [], `l10n/${file} has strings the code no longer looks up: run \`npm run l10n\` (and drop them from translations)`);
    }
  });
});
