// Test hooks exist only where tests run the extension. activate() in Production mode (an installed
// extension) hands other extensions nothing; the key commands ignore scripted answers and prompt;
// the webviews are not asked for, and the host ignores, render reports. Test and Development mode
// keep all of it for the integration tests and the bench. Activation runs against a vscode stand-in.
import assert from 'node:assert/strict';
import type * as ExtensionModule from '../../../src/extension';
import type * as PanelModule from '../../../src/webviews/panel';
import { useFakeApi } from '../api/helpers/fake';
import { installVscodeStub } from './helpers/vscodeStub';

const PRODUCTION = 1;
const DEVELOPMENT = 2;
const TEST = 3;

describe('test hooks only in Test and Development mode (vscode stand-in)', () => {
  const vscode = installVscodeStub();
  // Loaded after the stand-in is in place.
  const { activate, hasTestHooks } = require('../../../src/extension') as typeof ExtensionModule;
  const { RpcHost, panelHtml } = require('../../../src/webviews/panel') as typeof PanelModule;
  const fake = useFakeApi();
  let subscriptions: { dispose(): unknown }[] = [];
  let stored: string | undefined;

  /** Activates as VS Code would, with an empty secret storage. */
  function activateIn(extensionMode: number) {
    stored = undefined;
    const secrets = {
      get: async () => stored,
      store: async (_: string, v: string) => { stored = v; },
      delete: async () => { stored = undefined; },
      onDidChange: () => ({ dispose() {} }),
    };
    const state = new Map<string, unknown>();
    const globalState = { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => { state.set(k, v); } };
    const context = { extensionMode, subscriptions: [] as { dispose(): unknown }[], secrets, globalState, extensionUri: { scheme: 'file', path: '/ext' } };
    const api = activate(context as never);
    subscriptions = context.subscriptions;
    return api;
  }

  beforeEach(() => {
    vscode.reset();
    vscode.settings['openaiAdmin.apiBaseUrl'] = fake().url;
  });
  afterEach(() => {
    for (const d of subscriptions.splice(0)) d.dispose();
    vscode.reset();
    delete vscode.settings['openaiAdmin.apiBaseUrl'];
  });

  it('Production: activate() returns nothing', () => {
    assert.equal(activateIn(PRODUCTION), undefined);
    assert.equal(hasTestHooks(PRODUCTION as never), false);
    assert.ok(vscode.commands.has('openaiAdmin.setAdminKey'), 'the extension did activate');
  });

  it('Test and Development: activate() returns the hooks the integration tests and the bench use', () => {
    for (const mode of [TEST, DEVELOPMENT]) {
      const api = activateIn(mode);
      assert.equal(typeof api?.usagePanel.exportTo, 'function', `mode ${mode}`);
      assert.equal(typeof api?.projectPanel.request, 'function', `mode ${mode}`);
      assert.equal(typeof api?.treeChildren, 'function', `mode ${mode}`);
      for (const d of subscriptions.splice(0)) d.dispose();
    }
  });

  it('Production: Set Admin API Key ignores a key passed by a caller and asks for one', async () => {
    activateIn(PRODUCTION);
    const saved = await vscode.commands.get('openaiAdmin.setAdminKey')!(fake().adminKey);
    assert.equal(saved, false);
    assert.equal(stored, undefined, 'a key passed as an argument was stored');
    assert.deepEqual(vscode.shown.map((s) => s.kind), ['input box'], 'no prompt for the key');
  });

  it('Test: Set Admin API Key takes the key as an argument (checked against the API first)', async () => {
    activateIn(TEST);
    assert.equal(await vscode.commands.get('openaiAdmin.setAdminKey')!(fake().adminKey), true);
    assert.equal(stored, fake().adminKey);
    assert.ok(!vscode.shown.some((s) => s.kind === 'input box'));
  });

  it('Production: Remove Admin API Key asks in a modal even when a caller says { confirm: false }', async () => {
    activateIn(PRODUCTION);
    stored = fake().adminKey;
    assert.equal(await vscode.commands.get('openaiAdmin.clearAdminKey')!({ confirm: false }), false);
    assert.equal(stored, fake().adminKey, 'the key was removed without asking');
    const asked = vscode.shown.filter((s) => s.kind === 'warning');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.modal, true);
  });

  it('Test: Remove Admin API Key skips the modal for { confirm: false }', async () => {
    activateIn(TEST);
    stored = fake().adminKey;
    assert.equal(await vscode.commands.get('openaiAdmin.clearAdminKey')!({ confirm: false }), true);
    assert.equal(stored, undefined);
  });

  it('the Usage & Costs webview is asked for render reports only in Test mode', async () => {
    for (const [mode, asked] of [[PRODUCTION, false], [TEST, true]] as const) {
      activateIn(mode);
      await vscode.commands.get('openaiAdmin.openUsage')!();
      const html = vscode.panels.at(-1)!.webview.html;
      assert.match(html, /<main id="app"/);
      assert.equal(/<body[^>]*data-render-report/.test(html), asked, `mode ${mode}: ${html}`);
      for (const d of subscriptions.splice(0)) d.dispose();
    }
  });

  it('the host hands a render report on only when it asked for one', async () => {
    const webview = { onDidReceiveMessage: (fn: (m: unknown) => void) => { deliver = fn; return { dispose() {} }; }, postMessage: async () => true };
    let deliver: (m: unknown) => void = () => {};
    for (const renderReports of [false, true]) {
      const events: string[] = [];
      const host = new RpcHost(webview as never, {}, (name) => events.push(name), undefined, renderReports);
      deliver({ kind: 'event', name: 'rendered', data: { status: 'data' } });
      deliver({ kind: 'event', name: 'dirty', data: { count: 1 } });
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(events, renderReports ? ['rendered', 'dirty'] : ['dirty']);
      host.dispose();
    }
    const webviewForHtml = { cspSource: 'https://webview.test', asWebviewUri: (u: unknown) => u };
    const spec = { viewType: 'x', title: 'X', entry: 'usage', styles: [] };
    assert.doesNotMatch(panelHtml(webviewForHtml as never, { scheme: 'file', path: '/ext' } as never, spec, 'nonce'), /data-render-report/);
    assert.match(panelHtml(webviewForHtml as never, { scheme: 'file', path: '/ext' } as never, spec, 'nonce', true), /<body data-render-report>/);
  });
});
