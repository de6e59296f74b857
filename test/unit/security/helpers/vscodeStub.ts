// Just enough of the `vscode` module for the auth layer (Session, Logger) to run in plain Node: its
// messages and context keys are recorded, settings come from the manifest's defaults. Install it
// before the first import of a module that needs `vscode` (require, not import, so it is resolved late).
import Module from 'node:module';

export interface VscodeStub {
  errors: string[];
  contexts: Map<string, unknown>;
  settings: Record<string, unknown>;
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

const STUB_ID = '/virtual/vscode-stub.js';

export function installVscodeStub(): VscodeStub {
  const stub: VscodeStub = { errors: [], contexts: new Map(), settings: {} };
  const configuration = (section: string) => ({
    inspect: (key: string) => ({ key: `${section}.${key}`, defaultValue: undefined, globalValue: stub.settings[`${section}.${key}`] }),
    get: (key: string) => stub.settings[`${section}.${key}`],
  });
  const api = {
    EventEmitter,
    workspace: { getConfiguration: configuration, onDidChangeConfiguration: () => ({ dispose() {} }) },
    commands: { executeCommand: async (id: string, key: string, value: unknown) => { if (id === 'setContext') stub.contexts.set(key, value); } },
    window: { showErrorMessage: async (message: string) => { stub.errors.push(message); return undefined; } },
  };
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  require.cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: api } as unknown as NodeJS.Module;
  return stub;
}
