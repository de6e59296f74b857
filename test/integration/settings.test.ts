import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, env, extension, fake } from './helpers';

/**
 * The runner writes `openaiAdmin.apiBaseUrl` = OPENAI_ADMIN_WORKSPACE_URL into the opened folder's
 * .vscode/settings.json before code-server starts, and the fake's URL into the machine settings.
 * A repository must never be able to send the admin key somewhere else.
 */
describe('settings scope', () => {
  const properties = () =>
    (extension().packageJSON.contributes.configuration.properties ?? {}) as Record<string, { scope?: string }>;

  for (const name of ['openaiAdmin.apiBaseUrl', 'openaiAdmin.requestTimeoutMs', 'openaiAdmin.maxRetries']) {
    it(`${name} is contributed with machine or application scope`, () => {
      assert.ok(properties()[name], `${name} is not contributed`);
      assert.ok(['machine', 'machine-overridable', 'application'].includes(properties()[name].scope ?? ''),
        `${name} has scope ${properties()[name].scope}`);
    });
  }

  it('the workspace folder really tries to set the base URL', async () => {
    const workspaceUrl = env('OPENAI_ADMIN_WORKSPACE_URL');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no folder is open');
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.ok(text.includes(workspaceUrl), `${file.toString()} does not contain ${workspaceUrl}`);
  });

  it('a workspace value is never the effective base URL', async () => {
    const workspaceUrl = env('OPENAI_ADMIN_WORKSPACE_URL');
    const config = vscode.workspace.getConfiguration('openaiAdmin');
    const inspected = config.inspect<string>('apiBaseUrl');
    assert.ok(inspected, 'apiBaseUrl cannot be inspected');
    assert.notEqual(config.get('apiBaseUrl'), workspaceUrl, 'VS Code resolved the workspace value');
    assert.equal(config.get('apiBaseUrl'), fake.url(), 'the machine value is not the effective one');
    assert.notEqual(inspected.workspaceValue, config.get('apiBaseUrl'));
    assert.equal((await api()).baseUrl(), fake.url(), 'the extension uses another base URL');
  });

  it('refuses to write the base URL into workspace settings', async () => {
    const config = vscode.workspace.getConfiguration('openaiAdmin');
    await assert.rejects(
      Promise.resolve(config.update('apiBaseUrl', 'http://127.0.0.1:9/written-by-test/v1', vscode.ConfigurationTarget.Workspace)),
    );
    assert.equal((await api()).baseUrl(), fake.url());
  });
});
