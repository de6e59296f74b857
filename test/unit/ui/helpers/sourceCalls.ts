// Reads the extension's TypeScript sources (with the compiler's parser, no type checking) to answer
// one question: does the code behind a command or a panel method reach a given client call? A
// handler reaches a call when its body makes it, or calls (by name, a few levels deep) a function,
// arrow-function constant, object property or method defined in the scanned folders that makes it.
// A name is followed to its definition in the same file or to the file it is imported from (no
// types: `scope.create(…)` means the `create` properties of that file's scope objects).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

export const REPO = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): ts.SourceFile[] {
  return readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => {
      const path = join(REPO, dir, f);
      return ts.createSourceFile(relative(REPO, path), readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    });
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const isFunctionLike = (n: ts.Node | undefined): n is ts.Node =>
  !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isObjectLiteralExpression(n));

export class SourceIndex {
  private readonly files: ts.SourceFile[];
  /** Per file, definitions by name: function declarations, `const f = () => …`, `name: () => …`, methods. */
  private readonly defs = new Map<string, Map<string, ts.Node[]>>();
  /** Per file, imported name → [file it comes from, exported name]. */
  private readonly imports = new Map<string, Map<string, [string, string]>>();

  constructor(dirs: readonly string[]) {
    this.files = dirs.flatMap(sourceFiles);
    for (const file of this.files) {
      const defs = new Map<string, ts.Node[]>();
      const imports = new Map<string, [string, string]>();
      this.defs.set(file.fileName, defs);
      this.imports.set(file.fileName, imports);
      walk(file, (n) => {
        if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text.startsWith('.')) {
          const from = resolveModule(file.fileName, n.moduleSpecifier.text);
          const named = n.importClause?.namedBindings;
          if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, [from, (el.propertyName ?? el.name).text]);
          return;
        }
        let name: string | undefined;
        let body: ts.Node | undefined;
        if (ts.isFunctionDeclaration(n) && n.name) [name, body] = [n.name.text, n];
        else if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) [name, body] = [n.name.text, n];
        else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && isFunctionLike(n.initializer)) [name, body] = [n.name.text, n.initializer];
        else if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && isFunctionLike(n.initializer)) [name, body] = [n.name.text, n.initializer];
        if (name && body) defs.set(name, [...(defs.get(name) ?? []), body]);
      });
    }
  }

  /** The handler passed to `registerCommand('<id>', handler)`, with the file it is in. */
  commandHandlers(id: string): { file: string; handler: ts.Node }[] {
    const found: { file: string; handler: ts.Node }[] = [];
    for (const file of this.files) {
      walk(file, (n) => {
        if (!ts.isCallExpression(n) || !/(registerCommand|ctx\.register)$/.test(n.expression.getText(file))) return;
        const [first, handler] = n.arguments;
        if (first && ts.isStringLiteral(first) && first.text === id && handler) found.push({ file: file.fileName, handler });
      });
    }
    return found;
  }

  /** Object properties (or methods) named `name` in `file`: a panel's request handlers are properties of one object. */
  properties(file: string, name: string): ts.Node[] {
    return (this.defs.get(file)?.get(name) ?? []).filter((n) => ts.isPropertyAssignment(n.parent) || ts.isMethodDeclaration(n));
  }

  /** What a name called in `file` can mean: its import's definition, else a definition in the same file. */
  private resolve(file: string, name: string): ts.Node[] {
    const imported = this.imports.get(file)?.get(name);
    if (imported) return this.defs.get(imported[0])?.get(imported[1]) ?? [];
    return this.defs.get(file)?.get(name) ?? [];
  }

  /**
   * Whether `start` (or what it calls by name, up to `depth` levels) makes a call whose callee ends
   * with `.<dotted>`: `c.projectUsers.roles.assign(…)` for "projectUsers.roles.assign".
   */
  reaches(start: ts.Node, dotted: string, depth = 4): boolean {
    const suffix = `.${dotted}`;
    const seen = new Set<ts.Node>();
    let frontier = [start];
    for (let level = 0; level <= depth && frontier.length; level++) {
      const next: ts.Node[] = [];
      for (const node of frontier) {
        if (seen.has(node)) continue;
        seen.add(node);
        const file = node.getSourceFile().fileName;
        let hit = false;
        walk(node, (n) => {
          if (hit || !ts.isCallExpression(n)) return;
          const callee = n.expression;
          if (ts.isPropertyAccessExpression(callee) && callee.getText().replace(/\s+/g, '').endsWith(suffix)) hit = true;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
          if (name) next.push(...this.resolve(file, name));
        });
        if (hit) return true;
      }
      frontier = next;
    }
    return false;
  }
}

function resolveModule(fromFile: string, spec: string): string {
  const base = join(dirname(fromFile), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(join(REPO, candidate))) return candidate;
  }
  return base;
}

/** The method names of a type literal alias (`export type ProjectMethods = { init(…): …; … }`). */
export function typeMembers(file: string, typeName: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(REPO, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  walk(source, (n) => {
    if (ts.isTypeAliasDeclaration(n) && n.name.text === typeName && ts.isTypeLiteralNode(n.type)) {
      for (const m of n.type.members) if (m.name && ts.isIdentifier(m.name)) names.push(m.name.text);
    }
  });
  return names;
}
