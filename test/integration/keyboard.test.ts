// F2 and Delete in the explorer (package.json keybindings → openaiAdmin.renameFocused / deleteFocused):
// a key passes no row, so the commands act on the tree's selection and run that row kind's own
// command, with its own prompts. The key presses themselves are in test/e2e/keyboard.e2e.mjs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { projectFolderId, projectNodeId } from '../../src/tree/ids';
import { fake } from './helpers';
import { connectedToFake, freshNode, newProject, noWrites, onlyWrite, runAsUser, uniqueName, v1 } from './fixtures';

/** Selects a row as a click would (its folders expanded), so the view's selection is that row. */
async function select(id: string): Promise<void> {
  await freshNode(id);
  assert.equal(await vscode.commands.executeCommand('openaiAdmin.revealInExplorer', id), true, `could not reveal ${id}`);
  // Only what the key's command sends counts.
  await fake.clearRequests();
}

describe('explorer keys act on the selected row', function () {
  this.timeout(60_000);
  connectedToFake();

  it('F2 on a project renames that project (the Rename Project prompt, pre-filled with its name)', async () => {
    const p = await newProject();
    await select(projectNodeId(p.id));
    const name = uniqueName('Keyed');
    const { user } = await runAsUser('openaiAdmin.renameFocused', [{ input: name }]);
    assert.equal(user.prompts[0]!.prefilled, p.name);
    await onlyWrite('POST', `/organization/projects/${p.id}`);
    assert.equal((await v1<{ name: string }>('GET', `/organization/projects/${p.id}`)).name, name);
  });

  it('Delete on an API key asks in a modal naming the key; Cancel sends nothing', async () => {
    const p = await newProject();
    const account = await v1<{ api_key: { id: string; name: string } }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: uniqueName('svc') });
    await select(`${projectFolderId(p.id, 'apiKeys')}/${account.api_key.id}`);
    const { user } = await runAsUser('openaiAdmin.deleteFocused', [{ confirm: false }]);
    assert.match(user.prompts[0]!.text, new RegExp(`^Delete API key “${account.api_key.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
    await noWrites();
  });

  it('a row without the action (a folder) runs nothing and asks nothing', async () => {
    await select('members');
    await runAsUser('openaiAdmin.deleteFocused', []);
    await runAsUser('openaiAdmin.renameFocused', []);
    await noWrites();
  });
});
