// The manifest's text lives in package.nls.json (and its translations, package.nls.<lang>.json): VS Code
// and the Marketplace replace each "%key%" in package.json with the display language's text. A key
// package.json names but package.nls.json lacks would show as "%key%"; a string typed straight into
// package.json could never be translated.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NLS_PLACEHOLDER, readJson } from './localizedManifest';

const ROOT = join(__dirname, '..', '..', '..');
type Json = Record<string, unknown>;
const pkg = readJson<Json>('package.json');
const nls = readJson<Record<string, string>>('package.nls.json');

/** Every string value in the manifest with its path, e.g. ["contributes.commands[3].title", "%…%"]. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** The manifest fields a person reads: in the Marketplace, the Extensions view, menus, the palette, Settings, the walkthrough. */
const SHOWN = [
  /^(displayName|description)$/,
  /^capabilities\.untrustedWorkspaces\.description$/,
  /^contributes\.viewsContainers\.\w+\[\d+\]\.title$/,
  /^contributes\.views\.\w+\[\d+\]\.(name|contextualTitle)$/,
  /^contributes\.viewsWelcome\[\d+\]\.contents$/,
  /^contributes\.walkthroughs\[\d+\]\.(title|description)$/,
  /^contributes\.walkthroughs\[\d+\]\.steps\[\d+\]\.(title|description|media\.altText)$/,
  /^contributes\.commands\[\d+\]\.(title|shortTitle|category)$/,
  /^contributes\.submenus\[\d+\]\.label$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(description|markdownDescription|deprecationMessage|markdownDeprecationMessage)$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(enumDescriptions|markdownEnumDescriptions)\[\d+\]$/,
];

const placeholders = strings(pkg).flatMap(([path, s]) => {
  const key = NLS_PLACEHOLDER.exec(s)?.[1];
  return key === undefined ? [] : [[path, key] as const];
});

describe('package.nls.json: the manifest\'s text', () => {
  it('every text a person reads in package.json is a "%key%" placeholder', () => {
    const typed = strings(pkg).filter(([path, s]) => SHOWN.some((re) => re.test(path)) && !NLS_PLACEHOLDER.test(s));
    assert.deepEqual(typed.map(([path]) => path), [], 'move these strings into package.nls.json');
    assert.ok(placeholders.length > 100, `only ${placeholders.length} placeholders: the field list above no longer matches package.json`);
  });

  it('every "%key%" in package.json is in package.nls.json, with text', () => {
    const missing = placeholders.filter(([, key]) => typeof nls[key] !== 'string' || !nls[key]!.trim());
    assert.deepEqual(missing.map(([path, key]) => `${path}: %${key}%`), []);
  });

  it('package.nls.json holds no key package.json does not use', () => {
    const used = new Set(placeholders.map(([, key]) => key));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });

  it('each translation (package.nls.<lang>.json) translates only keys package.nls.json has', () => {
    for (const file of readdirSync(ROOT).filter((f) => /^package\.nls\.[\w-]+\.json$/.test(f))) {
      const extra = Object.keys(readJson<Json>(file)).filter((k) => !(k in nls));
      assert.deepEqual(extra, [], `${file} has keys package.nls.json lacks`);
    }
  });
});
