// The Get Started walkthrough (package.json contributes.walkthroughs): every step can be completed
// by something the extension really contributes or sets, every button runs a command that exists,
// and every picture or page it shows is in the repository (and so in the .vsix: see vsix.test.ts).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { localizedManifest } from './localizedManifest';

const ROOT = join(__dirname, '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string | Record<string, string>; altText?: string; markdown?: string; svg?: string };
  completionEvents?: string[];
}
interface Manifest {
  publisher: string;
  name: string;
  contributes: {
    walkthroughs?: Array<{ id: string; title: string; description: string; steps: Step[] }>;
    commands: Array<{ command: string }>;
    views: Record<string, Array<{ id: string }>>;
  };
}

const pkg = localizedManifest<Manifest>();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Context keys the extension sets (`setContext`, 'key') anywhere in src/. */
const contextKeys = new Set(sources(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'setContext',\s*'([^']+)'/g)].map((m) => m[1]!)));
const commands = new Set(pkg.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(pkg.contributes.views).flat().map((v) => v.id));
/** VS Code's own commands a step may link to (each checked by hand: they exist in VS Code 1.100). */
const BUILT_IN = new Set(['workbench.action.openGlobalKeybindings']);

/** Whether a command id exists at run time: contributed, a view's generated `<view>.focus`, or VS Code's own. */
const runnable = (id: string) => commands.has(id) || BUILT_IN.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));

/** The problem with a completion event, or undefined when something the extension contributes or sets can fire it. */
function eventProblem(event: string): string | undefined {
  const [kind, ...rest] = event.split(':');
  const arg = rest.join(':');
  if (kind === 'onCommand') return runnable(arg) ? undefined : `no command ${arg}`;
  if (kind === 'onView') return views.has(arg) ? undefined : `no view ${arg}`;
  if (kind === 'onContext') {
    const keys = [...arg.matchAll(/([A-Za-z][\w.]*)\s*(?:==|!=|=~|$|&&|\|\|)/g)].map((m) => m[1]!).filter((k) => k.includes('.'));
    const unknown = keys.filter((k) => !contextKeys.has(k));
    return keys.length && !unknown.length ? undefined : `context keys the extension never sets: ${unknown.join(', ') || arg}`;
  }
  return `unsupported completion event ${event}`;
}

const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]!);

describe('the Get Started walkthrough (contributes.walkthroughs)', () => {
  const walkthroughs = pkg.contributes.walkthroughs ?? [];
  const steps = walkthroughs.flatMap((w) => w.steps);

  it('is one walkthrough whose id the Get Started command opens, with unique step ids', () => {
    assert.equal(walkthroughs.length, 1);
    const extension = readFileSync(join(ROOT, 'src', 'extension.ts'), 'utf8');
    assert.equal(extension.match(/WALKTHROUGH_ID = '([^']+)'/)?.[1], walkthroughs[0]!.id);
    assert.ok(commands.has('openaiAdmin.getStarted'));
    assert.match(extension, /registerCommand\('openaiAdmin\.getStarted'[^]*?workbench\.action\.openWalkthrough[^]*?WALKTHROUGH_ID/);
    const ids = steps.map((s) => s.id);
    assert.ok(ids.length >= 5, `${ids.length} steps`);
    assert.deepEqual(ids, [...new Set(ids)], 'step ids are unique');
  });

  it('covers the key, the tree, Usage & Costs, the Project panel and the organization-wide views', () => {
    const events = steps.flatMap((s) => s.completionEvents ?? []);
    for (const e of ['onContext:openaiAdmin.keyState == ok', 'onView:openaiAdmin.explorer', 'onCommand:openaiAdmin.openUsage', 'onCommand:openaiAdmin.openProject',
      'onCommand:openaiAdmin.loadOrganization', 'onCommand:openaiAdmin.openAccessReview', 'onView:openaiAdmin.keyHygiene', 'onCommand:openaiAdmin.offboardMember']) {
      assert.ok(events.includes(e), `no step completes on ${e}`);
    }
  });

  it('every step has a completion event that something the extension contributes or sets can fire', () => {
    for (const s of steps) {
      assert.ok(s.completionEvents?.length, `${s.id} has no completion event`);
      for (const e of s.completionEvents!) assert.equal(eventProblem(e), undefined, `${s.id}: ${e}`);
    }
  });

  it('the completion check itself fails on a command, view or context key that does not exist', () => {
    assert.match(eventProblem('onCommand:openaiAdmin.nope') ?? '', /no command/);
    assert.match(eventProblem('onView:openaiAdmin.nope') ?? '', /no view/);
    assert.match(eventProblem('onContext:openaiAdmin.nope == ok') ?? '', /never sets/);
    assert.equal(eventProblem('onView:openaiAdmin.keyHygiene'), undefined);
  });

  it('every step has a button (a command link on a line of its own), and every command link names a command that exists', () => {
    for (const s of steps) {
      assert.ok(s.description.split('\n').some((line) => /^\[[^\]]+\]\(command:[\w.-]+(\?[^)]*)?\)$/.test(line.trim())), `${s.id} has no button`);
      for (const id of commandLinks(s.description)) assert.ok(runnable(id), `${s.id} links to ${id}, which is not registered`);
    }
    assert.ok(!runnable('openaiAdmin.nope') && !runnable('openaiAdmin.nope.focus'));
  });

  it('every image and page a step shows exists, and images say what they show', () => {
    for (const s of steps) {
      const { image, markdown, svg, altText } = s.media;
      const files = [markdown, svg, ...(typeof image === 'string' ? [image] : Object.values(image ?? {}))].filter((f): f is string => typeof f === 'string');
      assert.ok(files.length, `${s.id} shows nothing`);
      for (const f of files) assert.ok(existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).size > 0, `${s.id}: ${f} is missing`);
      if (image) assert.ok(altText && altText.length > 10, `${s.id}: the image has no alt text`);
    }
  });
});
