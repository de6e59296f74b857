// Layers only look down (DESIGN.md): api ← model ← auth / tree / ui ← commands / webviews ← extension.ts.
// Every import in src/ (static, `import type`, `export … from` and dynamic `import()`) is resolved to
// the folder it lands in and checked against the table below, so a webview that reaches into the
// command layer, or a model file that reaches into the tree, fails here with the file and the import.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** Folder (first path segment under src/, or a top-level file's name) → the folders it may import. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  api: ['api'],
  model: ['api', 'model'],
  util: ['api', 'util'],
  log: ['api', 'util'],
  notify: ['util'],
  // VS Code's display language handed to the model's strings and formatters (src/l10n.ts).
  l10n: ['model'],
  config: ['api', 'model', 'util'],
  auth: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config'],
  // Shared VS Code glue of commands and webviews: below both, so neither needs the other.
  ui: ['api', 'model', 'auth', 'notify', 'log', 'util', 'ui'],
  tree: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config', 'tree'],
  commands: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config', 'tree', 'ui', 'commands'],
  webviews: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config', 'ui', 'webviews'],
  // The organization-as-code CLI runs in plain Node: no VS Code glue at all.
  cli: ['api', 'model', 'util', 'cli'],
  // Status bar items: glue beside tree and webviews, reading the model and opening views by command id.
  status: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config', 'status'],
  // Several organizations: builds each one's session, store and explorer, so it sits above the
  // tree and the commands (whose contexts it implements), below only extension.ts.
  connections: ['api', 'model', 'auth', 'notify', 'log', 'util', 'config', 'tree', 'ui', 'commands', 'connections'],
};

function layerOf(file: string): string {
  const first = relative(SRC, file).split(sep)[0]!;
  return first.replace(/\.ts$/, '');
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative module specifiers a file imports (package imports such as 'vscode' are not layers). */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (m[1]!.startsWith('.')) found.add(m[1]!);
  return [...found];
}

/** Every import that breaks the table: "src/webviews/x.ts → src/commands/run (webviews may not import commands)". */
export function layerViolations(files: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const allowed = MAY_IMPORT[from];
    if (!allowed) continue; // extension.ts wires everything
    for (const spec of importsOf(read(file))) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + sep)) continue;
      const to = layerOf(target);
      if (!allowed.includes(to)) problems.push(`${relative(ROOT, file)} → ${relative(ROOT, target)} (${from} may not import ${to})`);
    }
  }
  return problems;
}

describe('layers only look down', () => {
  const files = sources(SRC);

  it('every file in src/ belongs to a known layer (or is extension.ts)', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !MAY_IMPORT[l] && l !== 'extension');
    assert.deepEqual(unknown, [], 'a new folder under src/ needs its row in MAY_IMPORT');
  });

  it('no import points up or sideways: webviews ↛ commands, model ↛ tree/commands/webviews/ui/auth, api ↛ anything above, tree ↛ commands/webviews, ui only to api/model/auth/notify/log/util', () => {
    assert.deepEqual(layerViolations(files), []);
  });

  it('catches each kind of import that would break a layer', () => {
    const at = (path: string) => join(SRC, path);
    const fake: Record<string, string> = {
      [at('webviews/project/x.ts')]: "import { runWrite } from '../../commands/run';",
      [at('model/x.ts')]: "import type { TreeNode } from '../tree/treeNode';\nexport { q } from '../ui/run';",
      [at('api/x.ts')]: "const m = await import('../model/store');",
      [at('tree/x.ts')]: "import '../webviews/panel';",
      [at('ui/x.ts')]: "import { pickProject } from '../commands/pickers';\nimport { node } from '../tree/kinds/projects';",
      [at('commands/ok.ts')]: "import { q } from '../ui/run';\nimport * as vscode from 'vscode';",
    };
    const found = layerViolations(Object.keys(fake), (f) => fake[f]!);
    assert.deepEqual(found.map((p) => p.replace(/^src\/(\w+)\/.*\((.*)\)$/, '$2')), [
      'webviews may not import commands',
      'model may not import tree',
      'model may not import ui',
      'api may not import model',
      'tree may not import webviews',
      'ui may not import commands',
      'ui may not import tree',
    ]);
  });
});
