// Organization as code in the extension host against the fake: Compare opens a diff editor whose
// left side is our read-only document of the live organization; Plan lists the call a file implies
// and sends nothing; Apply asks once (cancel sends nothing; confirm makes the call, shows each
// result, and leaves nothing to do); a file with errors is listed in Problems and nothing is sent;
// Export writes the chosen projects as a file.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake } from './helpers';
import { connectedToFake, describeRequests, fakeState, newProject, received as fakeRequests, runAsUser as run, uniqueName, writes } from './fixtures';

const PLAN_SCHEME = 'openai-admin-plan';

/** The newest read-only plan document of a kind ('Plan', 'Results'), as the admin reads it. */
function newestDocument(kind: 'Plan' | 'Results'): string {
  const docs = vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === PLAN_SCHEME && d.uri.path.startsWith(`/${kind}`))
    .sort((a, b) => Number(a.uri.query) - Number(b.uri.query));
  assert.ok(docs.length, `no ${kind} document was opened`);
  return docs.at(-1)!.getText();
}

describe('commands: organization as code (Compare, Plan, Apply, Export)', function () {
  this.timeout(120_000);
  connectedToFake();
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'oae-orgcode-')); });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  function orgFile(name: string, text: string): vscode.Uri {
    const path = join(dir, name);
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  }
  const oneGroup = (group: string) => `version: 1\norganization:\n  groups:\n    - name: ${group}\n`;

  it('Compare opens “Organization ↔ file”: the left side is our read-only scheme with the live groups, the right side the file; nothing is sent', async () => {
    const group = uniqueName('Drift group');
    const uri = orgFile('compare.openai-org.yaml', oneGroup(group));
    await vscode.window.showTextDocument(uri);
    await run('openaiAdmin.orgCode.compare', [], uri);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is a diff editor (got ${tab?.label})`);
    assert.equal(tab.label, 'Organization ↔ file');
    assert.equal(tab.input.original.scheme, PLAN_SCHEME);
    assert.equal(tab.input.modified.toString(), uri.toString());
    const left = (await vscode.workspace.openTextDocument(tab.input.original)).getText();
    const existing = (await fakeState()).groups[0]!.name;
    assert.ok(left.includes(existing), 'the live side lists the organization\'s groups');
    assert.ok(!left.includes(group), 'the file\'s new group is not on the live side');
    assert.deepEqual(await writes(), [], `Compare sent ${describeRequests(await writes())}`);
  });

  it('Plan opens a read-only document listing the call the file implies, and sends nothing; a file that asks for nothing says so', async () => {
    const group = uniqueName('Planned group');
    const uri = orgFile('plan.openai-org.yaml', oneGroup(group));
    await run('openaiAdmin.orgCode.plan', [], uri);
    const text = newestDocument('Plan');
    assert.match(text, /POST \/organization\/groups/);
    assert.ok(text.includes(group));
    assert.match(text, /1 change: 1 to create/);
    assert.deepEqual(await writes(), []);

    await run('openaiAdmin.orgCode.plan', [], orgFile('empty.openai-org.yaml', 'version: 1\n'));
    assert.match(newestDocument('Plan'), /No changes: the organization matches the file\./);
  });

  it('Apply: cancel at the one modal sends nothing; confirm creates the group, shows each result, and a second Plan has nothing to do', async () => {
    const group = uniqueName('Applied group');
    const uri = orgFile('apply.openai-org.yaml', oneGroup(group));
    const cancelled = await run('openaiAdmin.orgCode.apply', [{ confirm: false }], uri);
    const modal = cancelled.user.of('confirm')[0]!;
    assert.match(modal.text, /Apply: “apply\.openai-org\.yaml”/);
    assert.match(modal.detail ?? '', /1 change: 1 to create/);
    assert.equal(cancelled.result, undefined);
    assert.deepEqual(await writes(), [], `cancel sent ${describeRequests(await writes())}`);

    await run('openaiAdmin.orgCode.apply', [{ confirm: true }], uri);
    const sent = await writes();
    assert.deepEqual(sent.map((r) => `${r.method} ${r.path} → ${r.status}`), ['POST /organization/groups → 200']);
    assert.ok((await fakeState()).groups.some((g) => g.name === group), 'the group exists');
    assert.match(newestDocument('Results'), /result: done/);

    await run('openaiAdmin.orgCode.plan', [], uri);
    assert.match(newestDocument('Plan'), /No changes: the organization matches the file\./);
  });

  it('a file with errors: the message points to the Problems panel, which lists it at its line, and nothing is read or sent', async () => {
    const uri = orgFile('broken.openai-org.yaml', 'version: 1\nprojects:\n  - name: Alpha\n    members:\n      - email: a@example.com\n        role: emperor\n');
    for (const command of ['openaiAdmin.orgCode.plan', 'openaiAdmin.orgCode.apply', 'openaiAdmin.orgCode.compare']) {
      const { user } = await run(command, [], uri);
      assert.match(user.errors.join('\n'), /broken\.openai-org\.yaml” has 1 error \(see the Problems panel\); nothing was sent\. The first, at line 6/);
    }
    const problems = vscode.languages.getDiagnostics(uri);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.range.start.line, 5);
    assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    const requests = await writes();
    assert.deepEqual(requests, []);
  });

  it('Export of chosen projects opens them as YAML (an untitled document) and sends no write', async () => {
    const project = await newProject();
    // Made behind the extension's back: the picker lists what the store has read, so read again.
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const { result } = await run('openaiAdmin.orgCode.export', [
      { pick: 'Choose projects…' }, { search: [project.id] }, { pick: 'Open as an untitled document' },
    ]);
    const doc = await vscode.workspace.openTextDocument(result as vscode.Uri);
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^version: 1$/m);
    assert.ok(doc.getText().includes(`name: ${project.name}`));
    assert.doesNotMatch(doc.getText(), /^organization:/m, 'chosen projects only');
    assert.deepEqual(await writes(), []);
  });

  it('Apply in an untrusted workspace is refused in code too (the manifest hides it; a direct call still sends nothing)', async () => {
    const uri = orgFile('untrusted.openai-org.yaml', oneGroup(uniqueName('Untrusted group')));
    // The test host is trusted (code-server runs with --disable-workspace-trust): the API object's getter is
    // replaced for the length of this call, the way the tests replace the window's prompts.
    const own = Object.getOwnPropertyDescriptor(vscode.workspace, 'isTrusted');
    Object.defineProperty(vscode.workspace, 'isTrusted', { get: () => false, configurable: true });
    try {
      assert.equal(vscode.workspace.isTrusted, false);
      const { result, user } = await run('openaiAdmin.orgCode.apply', [], uri);
      assert.equal(result, undefined);
      assert.match(user.notes.join('\n'), /Apply is disabled in an untrusted workspace/);
    } finally {
      if (own) Object.defineProperty(vscode.workspace, 'isTrusted', own);
    }
    assert.deepEqual(await fakeRequests(), [], 'not even a read');
  });
});
