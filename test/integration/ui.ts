// A scripted user for command tests. The tests share the extension's `vscode` API object, so the
// window's prompts are replaced for the length of one command: each prompt takes the next scripted
// step (and fails the test when it is not the kind of prompt the script expected), and everything
// shown is recorded for assertions. Restored afterwards whatever happens.
import * as vscode from 'vscode';

type PickItem = vscode.QuickPickItem;

export type Step =
  /** An input box: the text typed, or undefined for Escape; a function gets the pre-filled value. `reject` expects validation to refuse it (the box is then escaped). */
  | { input: string | undefined | ((prefilled: string | undefined) => string); reject?: RegExp }
  /** A showQuickPick: the label chosen (labels for a multi-select, or a function of the items), or undefined for Escape. */
  | { pick: string | string[] | undefined | ((items: readonly PickItem[]) => PickItem[]) }
  /** A search quick pick (createQuickPick): the id or label to search for and choose (several for a multi-select; [] accepts nothing ticked), or undefined for Escape. */
  | { search: string | string[] | undefined }
  /** A modal warning (confirmation): press its button, or cancel. */
  | { confirm: boolean }
  /** A modal information message: press the button with this label, or dismiss. */
  | { info: string | undefined };

/** The same prompt answered with Escape (or No, for a confirmation). */
export function cancelled(step: Step): Step {
  if ('input' in step) return { input: undefined };
  if ('pick' in step) return { pick: undefined };
  if ('search' in step) return { search: undefined };
  if ('confirm' in step) return { confirm: false };
  return { info: undefined };
}

export interface Prompt {
  kind: 'input' | 'pick' | 'search' | 'confirm' | 'info';
  /** Title/prompt or message text. */
  text: string;
  detail?: string;
  prefilled?: string;
  items?: string[];
  /** Items ticked when a multi-select opened. */
  ticked?: string[];
  buttons?: string[];
}

export class ScriptedUser {
  readonly prompts: Prompt[] = [];
  /** showErrorMessage texts. */
  readonly errors: string[] = [];
  /** Non-modal information and warning notifications. */
  readonly notes: string[] = [];
  /** Validation messages the input boxes showed for scripted text. */
  readonly rejected: string[] = [];
  readonly problems: string[] = [];
  private readonly steps: Step[];

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  /** Every scripted step was used and nothing unexpected was asked. */
  assertDone(): void {
    const left = this.steps.length ? [`${this.steps.length} scripted step(s) never asked: ${JSON.stringify(this.steps)}`] : [];
    const all = [...this.problems, ...left];
    if (all.length) throw new Error(`${all.join('\n')}\nprompts seen:\n${this.prompts.map((p) => `  ${p.kind}: ${p.text}`).join('\n')}`);
  }

  /** Prompts of one kind, e.g. every confirmation shown. */
  of(kind: Prompt['kind']): Prompt[] {
    return this.prompts.filter((p) => p.kind === kind);
  }

  next<K extends 'input' | 'pick' | 'search' | 'confirm' | 'info'>(kind: K, text: string): Extract<Step, Record<K, unknown>> | undefined {
    const step = this.steps[0];
    if (!step || !(kind in step)) {
      this.problems.push(`unexpected ${kind} prompt ${JSON.stringify(text)} (next scripted step: ${JSON.stringify(step)})`);
      return undefined;
    }
    this.steps.shift();
    return step as Extract<Step, Record<K, unknown>>;
  }
}

function isOptions(x: unknown): x is vscode.MessageOptions {
  return typeof x === 'object' && x !== null && !('title' in x);
}

function messageArgs(rest: unknown[]): { options?: vscode.MessageOptions; buttons: string[] } {
  const [first, ...more] = rest;
  const options = isOptions(first) ? first : undefined;
  const items = (options ? more : rest) as Array<string | vscode.MessageItem>;
  return { options, buttons: items.map((i) => (typeof i === 'string' ? i : i.title)) };
}

/** A QuickPick that searches for the scripted text, waits for the matching row to load, then accepts it. */
function fakeQuickPick(user: ScriptedUser): vscode.QuickPick<PickItem> {
  const changeValue = new vscode.EventEmitter<string>();
  const accept = new vscode.EventEmitter<void>();
  const hidden = new vscode.EventEmitter<void>();
  let visible = false;
  const qp = {
    title: undefined as string | undefined,
    placeholder: undefined as string | undefined,
    value: '',
    items: [] as readonly PickItem[],
    selectedItems: [] as readonly PickItem[],
    activeItems: [] as readonly PickItem[],
    busy: false,
    canSelectMany: false,
    matchOnDescription: false,
    matchOnDetail: false,
    ignoreFocusOut: false,
    onDidChangeValue: changeValue.event,
    onDidAccept: accept.event,
    onDidHide: hidden.event,
    onDidChangeSelection: new vscode.EventEmitter<readonly PickItem[]>().event,
    onDidChangeActive: new vscode.EventEmitter<readonly PickItem[]>().event,
    onDidTriggerButton: new vscode.EventEmitter<vscode.QuickInputButton>().event,
    onDidTriggerItemButton: new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<PickItem>>().event,
    hide() {
      if (!visible) return;
      visible = false;
      hidden.fire();
    },
    dispose() {
      changeValue.dispose();
      accept.dispose();
      hidden.dispose();
    },
    show() {
      visible = true;
      setTimeout(() => void drive(), 0);
    },
  };

  const matches = (item: PickItem, target: string) => item.detail === target || item.label === target;

  /** Types the target as a filter (which makes the real searchPick fetch more pages) and waits for a matching row. */
  async function find(target: string): Promise<PickItem | undefined> {
    qp.value = target;
    changeValue.fire(target);
    const deadline = Date.now() + 15_000;
    let idleSince: number | undefined;
    while (Date.now() < deadline && visible) {
      await new Promise((r) => setTimeout(r, 25));
      if (qp.busy) { idleSince = undefined; continue; }
      const found = qp.items.find((i) => matches(i, target));
      if (found) return found;
      idleSince ??= Date.now();
      if (Date.now() - idleSince > 1_000) break;
    }
    user.problems.push(`search quick pick ${JSON.stringify(qp.title)}: nothing matches ${JSON.stringify(target)} among ${qp.items.length} rows`);
    return undefined;
  }

  async function drive(): Promise<void> {
    const text = qp.title ?? '';
    const step = user.next('search', text);
    user.prompts.push({ kind: 'search', text, detail: qp.placeholder });
    if (!step || step.search === undefined) { qp.hide(); return; }
    const targets = Array.isArray(step.search) ? step.search : [step.search];
    const chosen: PickItem[] = [];
    for (const target of targets) {
      const item = await find(target);
      if (!item) { qp.hide(); return; }
      chosen.push(item);
    }
    qp.selectedItems = chosen;
    accept.fire();
  }

  return qp as unknown as vscode.QuickPick<PickItem>;
}

type Window = { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };

/** Runs `fn` (usually executeCommand) with the window's prompts answered by `steps`. */
export async function asUser<T>(steps: Step[], fn: () => Thenable<T>): Promise<{ result: T; user: ScriptedUser }> {
  const user = new ScriptedUser(steps);
  const win = vscode.window as Window;
  const saved = {
    showInputBox: win.showInputBox,
    showQuickPick: win.showQuickPick,
    createQuickPick: win.createQuickPick,
    showWarningMessage: win.showWarningMessage,
    showInformationMessage: win.showInformationMessage,
    showErrorMessage: win.showErrorMessage,
  };

  win.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    const text = [options?.title, options?.prompt].filter(Boolean).join(' — ');
    user.prompts.push({ kind: 'input', text, prefilled: options?.value });
    const step = user.next('input', text);
    if (!step) return undefined;
    const typed = typeof step.input === 'function' ? step.input(options?.value) : step.input;
    if (typed === undefined) return undefined;
    const verdict = await options?.validateInput?.(typed);
    const message = typeof verdict === 'string' ? verdict : verdict?.message;
    if (message) {
      user.rejected.push(message);
      if (!step.reject) user.problems.push(`input ${JSON.stringify(typed)} for ${JSON.stringify(text)} was refused: ${message}`);
      else if (!step.reject.test(message)) user.problems.push(`input ${JSON.stringify(typed)} was refused with ${JSON.stringify(message)}, expected ${step.reject}`);
      return undefined;
    }
    if (step.reject) user.problems.push(`input ${JSON.stringify(typed)} for ${JSON.stringify(text)} was accepted, expected a refusal matching ${step.reject}`);
    return typed;
  }) as typeof win.showInputBox;

  win.showQuickPick = (async (itemsOrPromise: readonly (string | PickItem)[] | Thenable<readonly (string | PickItem)[]>, options?: vscode.QuickPickOptions) => {
    const raw = await itemsOrPromise;
    const items = raw.map((i) => (typeof i === 'string' ? { label: i } : i));
    const text = [options?.title, options?.placeHolder].filter(Boolean).join(' — ');
    user.prompts.push({ kind: 'pick', text, items: items.map((i) => i.label), ticked: items.filter((i) => i.picked).map((i) => i.label) });
    const step = user.next('pick', text);
    if (!step || step.pick === undefined) return undefined;
    const chosen = typeof step.pick === 'function' ? step.pick(items)
      : (Array.isArray(step.pick) ? step.pick : [step.pick]).map((label) => items.find((i) => i.label === label));
    if (chosen.some((c) => c === undefined)) {
      user.problems.push(`pick ${JSON.stringify(step.pick)} is not among ${JSON.stringify(items.map((i) => i.label))} in ${JSON.stringify(text)}`);
      return undefined;
    }
    const back = (item: PickItem) => raw[items.indexOf(item)];
    return options?.canPickMany ? (chosen as PickItem[]).map(back) : back(chosen[0]!);
  }) as typeof win.showQuickPick;

  win.createQuickPick = (() => fakeQuickPick(user)) as typeof win.createQuickPick;

  const message = (kind: 'confirm' | 'info') => (async (text: string, ...rest: unknown[]) => {
    const { options, buttons } = messageArgs(rest);
    if (!options?.modal) {
      user.notes.push(text);
      return undefined;
    }
    user.prompts.push({ kind, text, detail: options.detail, buttons });
    const step = user.next(kind, text) as { confirm: boolean } | { info: string | undefined } | undefined;
    if (!step) return undefined;
    const wanted = 'confirm' in step ? (step.confirm ? buttons[0] : undefined) : step.info;
    if (wanted === undefined) return undefined;
    if (!buttons.includes(wanted)) {
      user.problems.push(`${kind} ${JSON.stringify(text)} has no button ${JSON.stringify(wanted)} (buttons: ${JSON.stringify(buttons)})`);
      return undefined;
    }
    // Hand back the caller's own item (string or MessageItem), as VS Code does.
    const items = (options === rest[0] ? rest.slice(1) : rest) as Array<string | vscode.MessageItem>;
    return items[buttons.indexOf(wanted)];
  });
  win.showWarningMessage = message('confirm') as typeof win.showWarningMessage;
  win.showInformationMessage = message('info') as typeof win.showInformationMessage;
  win.showErrorMessage = (async (text: string) => {
    user.errors.push(text);
    return undefined;
  }) as typeof win.showErrorMessage;

  try {
    return { result: await fn(), user };
  } finally {
    Object.assign(win, saved);
  }
}
