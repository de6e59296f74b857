// The org file's problems in the Problems panel: opening a `*.openai-org.yaml` with a mistake shows it
// at the right place, fixing the text clears it, other YAML files are left alone, and none of it
// (open, edit, save) sends a request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, eventually, fake, sleep } from './helpers';

const BROKEN = ['version: 1', 'projects:', '  - name: web', '    ownr: me', ''].join('\n');

describe('org file diagnostics (*.openai-org.yaml)', () => {
  const created: vscode.Uri[] = [];
  const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'OpenAI Admin');

  async function write(name: string, text: string): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = vscode.Uri.joinPath(folder.uri, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    return uri;
  }

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('shows a mistake at its range when the file opens, clears it when the text is fixed, and sends no request', async function () {
    this.timeout(60_000);
    await api();
    await fake.clearRequests();
    const uri = await write(`diagnostics-${Date.now()}.openai-org.yaml`, BROKEN);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);

    await eventually(() => ours(uri).length > 0, 15_000, 'a diagnostic for the unknown field');
    const [d, ...rest] = ours(uri);
    assert.deepEqual(rest, []);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d!.message, /^Unknown field “ownr” in projects\[0\]\. Allowed: name, id, /);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [3, 4, 3, 8], 'the key on line 4');

    // Typing the fix: the debounced check clears the problem.
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(3, 4, 3, 12), 'id: proj_1')));
    await eventually(() => ours(uri).length === 0, 15_000, 'the diagnostic to clear');
    assert.ok(await doc.save(), 'the file was not saved');

    // A new mistake while typing shows again, at the value this time.
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(4, 0), '    rate_limits: {gpt-4o: {max_tokens_per_1_minute: lots}}\n')));
    await eventually(() => ours(uri).length === 1, 15_000, 'the wrong type to show');
    const typed = ours(uri)[0]!;
    assert.equal(typed.message, 'projects[0].rate_limits.gpt-4o.max_tokens_per_1_minute must be a whole number, not text “lots”.');
    assert.deepEqual([typed.range.start.line, typed.range.start.character], [4, 52]);
    assert.ok(await doc.save());

    await sleep(500);
    assert.deepEqual((await fake.requests()).map((r) => `${r.method} ${r.path}`), [], 'opening, editing or saving an org file sent a request');
  });

  it('leaves other YAML files alone', async function () {
    this.timeout(30_000);
    const org = await write(`witness-${Date.now()}.openai-org.yaml`, BROKEN);
    const other = await write(`other-${Date.now()}.yaml`, BROKEN);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(org));
    // The org file opened after the other one is checked: by then the other one would have been too.
    await eventually(() => ours(org).length > 0, 15_000, 'the org file to be checked');
    assert.deepEqual(ours(other), []);
  });
});
