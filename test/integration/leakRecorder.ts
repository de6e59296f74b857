// Records, for the whole integration run, what the extension puts in front of the user or into its
// webviews: notifications and their details, progress titles, status bar text, every webview's HTML and each message between host and webview. The canary suite (last) searches
// it for the admin key. Installed before the first suite; the tests share the extension's `vscode`
// object, so wrapping its functions sees the extension's own calls. Scripted dialogs (ui.ts) replace
// the message functions while a command runs: those prompts are checked by the suites themselves.
import * as vscode from 'vscode';

export interface Recorded {
  kind: string;
  text: string;
}

const recorded: Recorded[] = [];
let installed = false;

export function recordings(): readonly Recorded[] {
  return recorded;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function wrapWebview(webview: vscode.Webview, viewType: string): void {
  const post = webview.postMessage.bind(webview);
  (webview as Writable<vscode.Webview>).postMessage = (message: unknown) => {
    recorded.push({ kind: `${viewType} host→webview`, text: textOf(message) });
    return post(message);
  };
  webview.onDidReceiveMessage((message: unknown) => recorded.push({ kind: `${viewType} webview→host`, text: textOf(message) }));
  // The HTML is an accessor on the prototype: an own accessor in front of it sees every assignment.
  const proto = Object.getPrototypeOf(webview) as object;
  const html = Object.getOwnPropertyDescriptor(proto, 'html');
  if (html?.set && html.get) {
    Object.defineProperty(webview, 'html', {
      configurable: true,
      get() { return html.get!.call(this); },
      set(value: string) { recorded.push({ kind: `${viewType} html`, text: value }); html.set!.call(this, value); },
    });
  }
}

export function startRecording(): void {
  if (installed) return;
  installed = true;
  const win = vscode.window as Writable<typeof vscode.window>;
  for (const name of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const) {
    const real = win[name] as (...args: unknown[]) => Thenable<unknown>;
    (win as Record<string, unknown>)[name] = (...args: unknown[]) => {
      recorded.push({ kind: name, text: args.map(textOf).join(' | ') });
      return real.apply(vscode.window, args);
    };
  }
  const withProgress = win.withProgress;
  win.withProgress = ((options: vscode.ProgressOptions, task: Parameters<typeof withProgress>[1]) => {
    recorded.push({ kind: 'progress', text: options.title ?? '' });
    return withProgress.call(vscode.window, options, task);
  }) as typeof withProgress;
  const status = win.setStatusBarMessage as (text: string, arg?: unknown) => vscode.Disposable;
  win.setStatusBarMessage = ((text: string, arg?: unknown) => {
    recorded.push({ kind: 'status bar', text });
    return status.call(vscode.window, text, arg);
  }) as typeof win.setStatusBarMessage;
  const create = win.createWebviewPanel;
  win.createWebviewPanel = ((...args: Parameters<typeof create>) => {
    const panel = create.apply(vscode.window, args);
    wrapWebview(panel.webview, args[0]);
    return panel;
  }) as typeof create;
}
