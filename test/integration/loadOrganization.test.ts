// Load Organization in the extension host against the fake: every active project's lists and the
// organization's are read (once each), the summary says how many and as of when, the store then holds
// them (running it again, or Find Member's Projects, sends nothing), a failed list is named and a
// second run reads only it, and Refresh forgets what was read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LoadSummary } from '../../src/commands/loadOrganization';
import { fake } from './helpers';
import { connectedToFake, fakeState, runAsUser as run } from './fixtures';

const PROJECT_LISTS = ['users', 'service_accounts', 'api_keys', 'rate_limits', 'model_permissions', 'hosted_tool_permissions', 'service_tier_settings', 'groups'];
const key = (r: { method: string; path: string; query?: string }) => `${r.method} ${r.path}${r.query ?? ''}`;

describe('Load Organization (command)', function () {
  this.timeout(120_000);
  connectedToFake();

  it('reads every active project\'s lists and the organization\'s, each once; then the store holds them and nothing is read again', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    const { result, user } = await run('openaiAdmin.loadOrganization', []);
    const summary = result as LoadSummary;
    assert.deepEqual(summary.failed, []);
    const state = await fakeState();
    const active = state.projects.filter((p) => p.status === 'active');
    const sent = await fake.requests() as unknown as { method: string; path: string; query?: string; status: number }[];
    const paths = new Set(sent.map((r) => r.path));
    for (const p of active) {
      for (const list of PROJECT_LISTS) assert.ok(paths.has(`/organization/projects/${p.id}/${list}`), `${list} of ${p.id}`);
      assert.ok(paths.has(`/projects/${p.id}/roles`), `roles of ${p.id}`);
    }
    for (const path of ['/organization/users', '/organization/invites', '/organization/groups', '/organization/roles', '/organization/admin_api_keys']) assert.ok(paths.has(path), path);
    for (const g of state.groups) assert.ok(paths.has(`/organization/groups/${g.id}/users`), `members of group ${g.id}`);
    const keys = sent.map(key);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], 'a request was made twice');
    assert.equal(summary.projects, active.length);
    assert.ok(summary.lists >= active.length * (PROJECT_LISTS.length + 1));
    assert.ok(user.notes.some((n) => n.startsWith(`Loaded the organization: ${summary.lists} list(s) of ${active.length} project(s)`) && /, as of .+\.$/.test(n)), JSON.stringify(user.notes));

    await fake.clearRequests();
    const again = await run('openaiAdmin.loadOrganization', []);
    assert.equal((again.result as LoadSummary).lists, summary.lists);
    assert.deepEqual(await fake.requests(), [], 'the store held every list');
    const member = state.users.find((u) => state.projectData[active[0]!.id]!.members.some((m) => m.id === u.id))!;
    const found = await run('openaiAdmin.findMemberProjects', [{ search: member.id }, { pick: undefined }]);
    assert.ok((found.result as { projects: { id: string }[] }).projects.some((p) => p.id === active[0]!.id));
    assert.deepEqual((await fake.requests()).filter((r) => !r.path.startsWith('/organization/users')), [], "Find Member's Projects read the store");
  });

  it('names a list that failed, keeps the rest, and a second run reads only that list; Refresh forgets everything', async () => {
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const state = await fakeState();
    const project = state.projects.find((p) => p.status === 'active')!;
    await fake.setFaults({ method: 'GET', path: `^/organization/projects/${project.id}/api_keys$`, kind: 'status', status: 500 });
    const { result, user } = await run('openaiAdmin.loadOrganization', []);
    const summary = result as LoadSummary;
    assert.deepEqual(summary.failed.map((f) => f.list), [`API keys of project ${project.id}`]);
    assert.ok(user.notes.some((n) => n.includes('1 list(s) could not be read: API keys of project') && n.includes('500')), JSON.stringify(user.notes));

    await fake.clearFaults();
    await fake.clearRequests();
    const retry = await run('openaiAdmin.loadOrganization', []);
    assert.deepEqual((retry.result as LoadSummary).failed, []);
    assert.deepEqual((await fake.requests()).map((r) => `${r.method} ${r.path}`), [`GET /organization/projects/${project.id}/api_keys`]);

    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.loadOrganization', []);
    assert.ok((await fake.requests()).some((r) => r.path === '/organization/projects'), 'Refresh forgot what was read');
  });
});
