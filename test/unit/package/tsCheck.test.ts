// Every tracked .mjs script is type-checked: it starts with `// @ts-check` (after a shebang) and
// tsconfig.scripts.json (run by `npm run typecheck`) includes it, so a new script cannot slip past tsc.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const CONFIG = 'tsconfig.scripts.json';

const tracked = execFileSync('git', ['ls-files', '-z', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);

describe('.mjs scripts are type-checked', () => {
  it('git tracks some .mjs scripts (the list is not empty by mistake)', () => {
    assert.ok(tracked.includes('esbuild.mjs'), `git ls-files found: ${tracked.join(', ')}`);
  });

  it('each starts with // @ts-check (after a shebang)', () => {
    const missing = tracked.filter((file) => {
      const firstTwo = readFileSync(join(ROOT, file), 'utf8').split('\n', 2);
      return !firstTwo.some((line) => line.trim() === '// @ts-check');
    });
    assert.deepEqual(missing, [], 'add `// @ts-check` as the first line (or the second, after a shebang)');
  });

  it(`${CONFIG} includes each of them and checks JavaScript`, () => {
    const read = ts.readConfigFile(join(ROOT, CONFIG), ts.sys.readFile);
    assert.equal(read.error, undefined, read.error && ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, join(ROOT, CONFIG));
    assert.equal(parsed.options.checkJs, true, `${CONFIG} must set checkJs`);
    assert.equal(parsed.options.allowJs, true, `${CONFIG} must set allowJs`);
    const included = new Set(parsed.fileNames.map((f) => resolve(f)));
    const missing = tracked.filter((file) => !included.has(resolve(ROOT, file)));
    assert.deepEqual(missing, [], `${CONFIG}'s include globs must cover every tracked .mjs file`);
  });

  it('npm run typecheck runs it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.typecheck, new RegExp(`tsc -p ${CONFIG.replace(/\./g, '\\.')}`));
  });
});
