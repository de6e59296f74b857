// Just enough of the `vscode` module for the glue (Session, Logger, notifications, commands,
// activation) to run in plain Node: its messages, progress, status bar texts, commands and context
// keys are recorded, prompts answer from scripted queues, settings come from `settings`. Install it
// before the first import of a module that needs `vscode` (require, not import, so it is resolved
// late). One stand-in per process: every test file gets the same one, as every module shares it.
import Module from 'node:module';

/** One thing the extension put on screen. */
export interface Shown {
  kind: 'info' | 'warning' | 'error' | 'progress' | 'progress report' | 'status bar' | 'input box' | 'refused input';
  text: string;
  detail?: string;
  modal?: boolean;
  buttons?: string[];
}

export interface VscodeStub {
  errors: string[];
  contexts: Map<string, unknown>;
  settings: Record<string, unknown>;
  /** Everything shown, in order. */
  shown: Shown[];
  /** Registered commands by id. */
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** Webview panels created, newest last. */
  panels: StubPanel[];
  /** What the next prompts answer, first in first out; an empty queue (or undefined) is Escape. */
  answers: { choice: (string | undefined)[]; input: (string | undefined)[]; pick: (string | undefined)[] };
  /** Forgets what was shown and answered (`errors` too). */
  reset(): void;
}

/** A webview panel: its HTML, and `receive` plays its webview sending a message to the host. */
export interface StubPanel {
  webview: { html: string; options: unknown; cspSource: string; posted: unknown[] };
  receive(message: unknown): void;
}

class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  event = (listener: (e: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners.clear(); }
}

class Uri {
  constructor(readonly scheme: string, readonly path: string) {}
  static file(path: string) { return new Uri('file', path); }
  static parse(text: string) { return new Uri(text.split(':')[0] ?? 'file', text); }
  static joinPath(base: Uri, ...parts: string[]) { return new Uri(base.scheme, [base.path, ...parts].join('/')); }
  get fsPath() { return this.path; }
  toString() { return `${this.scheme}://${this.path}`; }
}

const disposable = () => ({ dispose() {} });

/** `vscode.l10n.t` with no bundle (English): {0}, {1} (or {name}) replaced by the arguments, unknown ones kept. */
function l10nFormat(message: string, args: readonly unknown[] | Record<string, unknown>): string {
  return message.replace(/\{([^}]+)\}/g, (whole, key: string) => {
    const value = (args as Record<string, unknown>)[key];
    return value === undefined ? whole : String(value);
  });
}
type L10nMessage = string | { message: string; args?: unknown[] | Record<string, unknown>; comment?: string | string[] };
function l10nT(message: L10nMessage, ...args: unknown[]): string {
  if (typeof message !== 'string') return l10nFormat(message.message, message.args ?? []);
  const named = args.length === 1 && typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]);
  return l10nFormat(message, named ? args[0] as Record<string, unknown> : args);
}

const STUB_ID = '/virtual/vscode-stub.js';
let installed: VscodeStub | undefined;

export function installVscodeStub(): VscodeStub {
  if (installed) return installed;
  const stub: VscodeStub = {
    errors: [],
    contexts: new Map(),
    settings: {},
    shown: [],
    commands: new Map(),
    panels: [],
    answers: { choice: [], input: [], pick: [] },
    reset() {
      this.errors.length = 0;
      this.shown.length = 0;
      this.answers = { choice: [], input: [], pick: [] };
    },
  };
  const configuration = (section: string) => ({
    inspect: (key: string) => ({ key: `${section}.${key}`, defaultValue: undefined, globalValue: stub.settings[`${section}.${key}`] }),
    get: (key: string) => stub.settings[`${section}.${key}`],
  });
  const message = (kind: 'info' | 'warning' | 'error') => async (text: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? rest.shift() as { modal?: boolean; detail?: string } : undefined;
    if (kind === 'error') stub.errors.push(text);
    stub.shown.push({ kind, text, detail: options?.detail, modal: options?.modal, buttons: rest as string[] });
    return stub.answers.choice.shift();
  };
  const api = {
    EventEmitter,
    Uri,
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ViewColumn: { Active: -1 },
    TreeItem: class { constructor(readonly label: unknown, readonly collapsibleState?: number) {} },
    ThemeIcon: class { constructor(readonly id: string, readonly color?: unknown) {} },
    ThemeColor: class { constructor(readonly id: string) {} },
    MarkdownString: class { value = ''; appendText(t: string) { this.value += t; return this; } appendMarkdown(t: string) { this.value += t; return this; } },
    workspace: {
      getConfiguration: configuration, onDidChangeConfiguration: () => disposable(), workspaceFolders: undefined, registerTextDocumentContentProvider: () => disposable(),
      // The org file's diagnostics watch documents; the stand-in has none open.
      textDocuments: [], onDidOpenTextDocument: () => disposable(), onDidChangeTextDocument: () => disposable(), onDidCloseTextDocument: () => disposable(), onDidSaveTextDocument: () => disposable(),
    },
    languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }) },
    l10n: { t: l10nT, bundle: undefined, uri: undefined },
    env: { clipboard: { writeText: async () => {} }, openExternal: async () => true, language: 'en' },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        stub.commands.set(id, fn);
        return { dispose: () => { if (stub.commands.get(id) === fn) stub.commands.delete(id); } };
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        if (id === 'setContext') return void stub.contexts.set(args[0] as string, args[1]);
        return stub.commands.get(id)?.(...args);
      },
    },
    window: {
      showErrorMessage: message('error'),
      showWarningMessage: message('warning'),
      showInformationMessage: message('info'),
      setStatusBarMessage: (text: string) => { stub.shown.push({ kind: 'status bar', text }); return disposable(); },
      withProgress: async <R>(options: { title?: string }, task: (progress: unknown, token: unknown) => Promise<R>) => {
        stub.shown.push({ kind: 'progress', text: options.title ?? '' });
        const progress = { report: (v: { message?: string }) => { if (v.message !== undefined) stub.shown.push({ kind: 'progress report', text: v.message }); } };
        return task(progress, { isCancellationRequested: false, onCancellationRequested: () => disposable() });
      },
      // As in VS Code, a value its validateInput refuses cannot be accepted: the person can only press Escape.
      showInputBox: async (options: { title?: string; prompt?: string; validateInput?: (v: string) => unknown }) => {
        stub.shown.push({ kind: 'input box', text: options.title ?? options.prompt ?? '' });
        const value = stub.answers.input.shift();
        const refusal = value === undefined ? undefined : await options.validateInput?.(value);
        if (refusal) {
          stub.shown.push({ kind: 'refused input', text: String(refusal) });
          return undefined;
        }
        return value;
      },
      showQuickPick: async (items: readonly { label: string }[] | Promise<readonly { label: string }[]>) => {
        const label = stub.answers.pick.shift();
        return label === undefined ? undefined : (await items).find((i) => i.label === label);
      },
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, append() {}, appendLine() {}, show() {}, dispose() {} }),
      createTreeView: () => ({ onDidCollapseElement: () => disposable(), reveal: async () => {}, dispose() {} }),
      registerWebviewPanelSerializer: () => disposable(),
      createWebviewPanel: (viewType: string, title: string) => {
        const received = new EventEmitter<unknown>();
        const disposed = new EventEmitter<void>();
        const posted: unknown[] = [];
        const panel = {
          viewType, title, iconPath: undefined as unknown,
          webview: {
            html: '', options: {} as unknown, cspSource: 'https://webview.test', posted,
            asWebviewUri: (uri: Uri) => uri,
            onDidReceiveMessage: received.event,
            postMessage: async (m: unknown) => { posted.push(m); return true; },
          },
          onDidDispose: disposed.event,
          reveal() {},
          dispose() { disposed.fire(); },
          receive: (message: unknown) => received.fire(message),
        };
        stub.panels.push(panel);
        return panel;
      },
    },
  };
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  require.cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: api } as unknown as NodeJS.Module;
  installed = stub;
  return stub;
}
