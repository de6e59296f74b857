// The manifest as the Marketplace and a person deciding to install see it: honest (no placeholder
// links, preview before 1.0, says it is unofficial), with our own icon, a changelog, and the
// extensionKind that keeps the key and its requests on the user's machine under Remote.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localizedManifest } from './localizedManifest';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = localizedManifest();

/** VS Code's allowed categories (vsce warns on any other). */
const CATEGORIES = new Set([
  'Azure', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs',
  'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing',
  'Themes', 'Visualization', 'AI', 'Chat', 'Other',
]);
const UNOFFICIAL = /\bUnofficial; not affiliated with or endorsed by OpenAI\./;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('package.json for the Marketplace', () => {
  it('links nowhere made up: every URL names a real host (no example.invalid, example.com, localhost)', () => {
    const urls = strings(manifest).flatMap((s) => s.match(/https?:\/\/[^\s)"'\]]+/g) ?? []);
    const made = urls.filter((u) => {
      const host = new URL(u).hostname;
      return /(^|\.)(invalid|example|test|localhost)$/.test(host) || /^example\.(com|org|net)$/.test(host) || host === '127.0.0.1';
    });
    assert.deepEqual(made, []);
    for (const field of ['repository', 'homepage', 'bugs']) {
      const v = manifest[field];
      if (v !== undefined) assert.doesNotMatch(JSON.stringify(v), /invalid|example|TODO|placeholder/i, field);
    }
  });

  it('is a preview while the version is below 1.0', () => {
    const major = Number(String(manifest.version).split('.')[0]);
    if (major < 1) assert.equal(manifest.preview, true);
  });

  it('says it is unofficial, in the description and near the top of the README', () => {
    assert.match(String(manifest.description), UNOFFICIAL);
    const top = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 12).join('\n');
    assert.match(top, /not affiliated with or endorsed by OpenAI/);
  });

  it('has categories VS Code knows and keywords people search for', () => {
    const categories = manifest.categories as string[];
    assert.ok(categories.length > 0 && categories.every((c) => CATEGORIES.has(c)), `categories: ${categories.join(', ')}`);
    const keywords = manifest.keywords as string[];
    assert.ok(keywords.length <= 30, 'the Marketplace keeps at most 30 keywords');
    for (const k of ['openai', 'api keys', 'usage', 'organization']) assert.ok(keywords.includes(k), `keyword ${k}`);
  });

  it('has an icon of its own: a square PNG of at least 128 pixels', () => {
    const file = join(ROOT, String(manifest.icon));
    assert.ok(existsSync(file), `${manifest.icon} is missing`);
    const png = readFileSync(file);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.ok(width >= 128 && width === height, `${width}×${height}`);
    assert.ok(existsSync(join(ROOT, 'media', 'icon.svg')), 'the icon\'s source, media/icon.svg, is missing');
  });

  it('has a CHANGELOG.md in Keep a Changelog form: Unreleased, then the current version', () => {
    const file = join(ROOT, 'CHANGELOG.md');
    assert.ok(existsSync(file), 'CHANGELOG.md is missing');
    const text = readFileSync(file, 'utf8');
    const headings = [...text.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    assert.equal(headings[0], 'Unreleased');
    assert.ok(headings.includes(String(manifest.version)), `no section for ${manifest.version}`);
  });

  it('prefers the UI side (the key and its requests stay on the local machine), and may run in the workspace', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });
});
