// Offboard Member… in the extension host against the fake: a run under injected faults does what it
// can, a second run does only what is left and converges, nothing is deleted twice, and every write
// the fake received is a call the first plan listed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StepOutcome } from '../../src/model/plan';
import { fake } from './helpers';
import {
  connectedToFake, describeRequests, fakeState, freshNode, itCancelsAtEveryPrompt, plainName, rowIds, runAsUser as run, v1, writes,
  type FakeStateJson,
} from './fixtures';

const COMMAND = 'openaiAdmin.offboardMember';
const PLAN_SCHEME = 'openai-admin-plan';

interface Leaver {
  id: string;
  name: string;
  /** Active projects they are in or own keys in (also keys left from a project they left), with those keys. */
  projects: { id: string; member: boolean; keys: string[] }[];
  groups: string[];
}

/**
 * A reader on the first page of Members (so the tree has their row) with a plain name, in at least two
 * active projects and owning keys in two of them; added to two more groups and one more project.
 */
async function leaverWithHoldings(): Promise<Leaver> {
  const s = await fakeState();
  const active = s.projects.filter((p) => p.status === 'active');
  const keysOf = (uid: string, pid: string) => s.projectData[pid]!.apiKeys.filter((k) => k.owner.type === 'user' && k.owner.id === uid).map((k) => k.id);
  const user = s.users.slice(0, 100).find((u) => u.role === 'reader' && plainName(u)
    && active.filter((p) => s.projectData[p.id]!.members.some((m) => m.id === u.id) && keysOf(u.id, p.id).length).length >= 2);
  assert.ok(user, 'no reader on the first page owns keys in two projects');
  const extraProject = active.find((p) => !p.is_default && !s.projectData[p.id]!.members.some((m) => m.id === user.id) && !keysOf(user.id, p.id).length)!;
  await v1('POST', `/organization/projects/${extraProject.id}/users`, { user_id: user.id, role: 'member' });
  for (const g of s.groups.filter((g) => !(s.groupMembers[g.id] ?? []).some((m) => m.id === user.id)).slice(0, 2)) {
    await v1('POST', `/organization/groups/${g.id}/users`, { user_id: user.id });
  }
  const now = await fakeState();
  return {
    id: user.id,
    name: user.name,
    projects: active
      .map((p) => ({ id: p.id, member: now.projectData[p.id]!.members.some((m) => m.id === user.id), keys: keysOf(user.id, p.id) }))
      .filter((p) => p.member || p.keys.length),
    groups: now.groups.filter((g) => (now.groupMembers[g.id] ?? []).some((m) => m.id === user.id)).map((g) => g.id),
  };
}

/** Everything in the fake that is not the leaver's: members, memberships, group members, keys. */
function everyoneElse(s: FakeStateJson, uid: string): string {
  return JSON.stringify({
    users: s.users.filter((u) => u.id !== uid).map((u) => `${u.id}:${u.role}`),
    projects: Object.entries(s.projectData).map(([pid, d]) => ({
      pid,
      members: d.members.filter((m) => m.id !== uid).map((m) => `${m.id}:${m.role}`),
      keys: d.apiKeys.filter((k) => k.owner.id !== uid).map((k) => k.id),
    })),
    groups: Object.entries(s.groupMembers).map(([gid, ms]) => [gid, ms.filter((m) => m.id !== uid).map((m) => m.id)]),
  });
}

/** What differs between two `everyoneElse` snapshots, entry by entry (a bare string diff is unreadable). */
function changesBetween(before: string, after: string): string[] {
  const flat = (json: string): Set<string> => {
    const o = JSON.parse(json) as { users: string[]; projects: Array<{ pid: string; members: string[]; keys: string[] }>; groups: Array<[string, string[]]> };
    return new Set([
      ...o.users.map((u) => `user ${u}`),
      ...o.projects.flatMap((p) => [...p.members.map((m) => `${p.pid} member ${m}`), ...p.keys.map((k) => `${p.pid} key ${k}`)]),
      ...o.groups.flatMap(([g, ms]) => ms.map((m) => `${g} member ${m}`)),
    ]);
  };
  const a = flat(before);
  const b = flat(after);
  return [...[...a].filter((x) => !b.has(x)).map((x) => `- ${x}`), ...[...b].filter((x) => !a.has(x)).map((x) => `+ ${x}`)];
}

/** The newest plan document the command opened, as the admin reads it, and the calls it lists. */
function newestPlanDocument(kind: 'Plan' | 'Results'): { text: string; calls: string[] } {
  const docs = vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === PLAN_SCHEME && d.uri.path.startsWith(`/${kind}`))
    .sort((a, b) => Number(a.uri.query) - Number(b.uri.query));
  const doc = docs.at(-1);
  assert.ok(doc, `no ${kind} document was opened`);
  const text = doc.getText();
  return { text, calls: text.split('\n').filter((l) => /^ {4}(DELETE|POST|GET) \//.test(l)).map((l) => l.trim()) };
}

const statuses = (outcomes: Map<string, StepOutcome>) => Object.fromEntries([...outcomes].map(([id, o]) => [id, o.status]));

describe('commands: Offboard Member', function () {
  this.timeout(180_000);
  connectedToFake();

  it('Offboard under injected faults, then again: only what is left, converged, nothing deleted twice or outside the plan', async () => {
    const leaver = await leaverWithHoldings();
    const [p1, p2] = leaver.projects.filter((p) => p.member && p.keys.length);
    const plainProject = leaver.projects.find((p) => p.member && !p.keys.length)!;
    const failingKey = p1!.keys[0]!;
    const [cutGroup] = leaver.groups;
    const othersBefore = everyoneElse(await fakeState(), leaver.id);
    await fake.setFaults([
      // This key cannot be deleted (every retry too): its project's removal and the organization's wait.
      { method: 'DELETE', path: `^/organization/projects/${p1!.id}/api_keys/${failingKey}$`, kind: 'status', status: 503 },
      // The group removal happens but its answer is cut off: a retry, or the next run, finds it gone (404).
      { method: 'DELETE', path: `^/organization/groups/${cutGroup}/users/${leaver.id}$`, kind: 'truncated', times: 1 },
      // The connection drops before the project removal arrives: the client sends it again.
      { method: 'DELETE', path: `^/organization/projects/${plainProject.id}/users/${leaver.id}$`, kind: 'reset', times: 1 },
    ]);
    await fake.clearRequests();

    // From the member's context menu.
    const first = await run(COMMAND, [{ pick: 'Delete their API keys' }, { confirm: true }], await freshNode(`members/${leaver.id}`));
    const plan1 = newestPlanDocument('Plan');
    const expected = [
      ...leaver.projects.flatMap((p) => [
        ...p.keys.map((k) => `DELETE /organization/projects/${p.id}/api_keys/${k}`),
        ...(p.member ? [`DELETE /organization/projects/${p.id}/users/${leaver.id}`] : []),
      ]),
      ...leaver.groups.map((g) => `DELETE /organization/groups/${g}/users/${leaver.id}`),
      `DELETE /organization/users/${leaver.id}`,
    ];
    assert.deepEqual([...plan1.calls].sort(), expected.sort(), 'the plan lists every key, project and group of theirs, and the organization');
    assert.match(plan1.text, new RegExp(`Offboard “${leaver.name}”`));
    const modal = first.user.of('confirm')[0]!;
    assert.match(modal.text, new RegExp(`Offboard “${leaver.name}”`));
    assert.match(modal.detail ?? '', new RegExp(`Remove “${leaver.name}”.* from the organization`));

    const s1 = statuses(first.result as Map<string, StepOutcome>);
    assert.equal(s1[`delete-key:${p1!.id}:${failingKey}`], 'failed');
    assert.equal(s1[`remove-from-project:${p1!.id}`], 'skipped');
    assert.equal(s1[`remove-member:${leaver.id}`], 'skipped');
    assert.equal(s1[`remove-from-project:${plainProject.id}`], 'done');
    assert.equal(s1[`remove-from-project:${p2!.id}`], 'done');
    assert.ok(['done', 'alreadyDone', 'failed'].includes(s1[`remove-from-group:${cutGroup}`]!));
    assert.match(newestPlanDocument('Results').text, /FAILED: 503 /);
    const afterFirst = await fakeState();
    assert.ok(afterFirst.users.some((u) => u.id === leaver.id), 'still a member: the organization removal waited');
    assert.ok(afterFirst.projectData[p1!.id]!.apiKeys.some((k) => k.id === failingKey));
    assert.ok(!(afterFirst.groupMembers[cutGroup!] ?? []).some((m) => m.id === leaver.id), 'the cut-off removal happened');

    // Again, from the palette: only what is left.
    await fake.clearFaults();
    const second = await run(COMMAND, [{ search: leaver.id }, { pick: 'Delete their API keys' }, { confirm: true }]);
    const plan2 = newestPlanDocument('Plan');
    const left = [
      `DELETE /organization/projects/${p1!.id}/api_keys/${failingKey}`,
      `DELETE /organization/projects/${p1!.id}/users/${leaver.id}`,
      `DELETE /organization/users/${leaver.id}`,
      ...(s1[`remove-from-group:${cutGroup}`] === 'failed' ? [`DELETE /organization/groups/${cutGroup}/users/${leaver.id}`] : []),
    ];
    assert.deepEqual([...plan2.calls].sort(), left.sort(), 'the second plan holds only what is left');
    const s2 = statuses(second.result as Map<string, StepOutcome>);
    assert.ok(Object.values(s2).every((s) => s === 'done' || s === 'alreadyDone'), JSON.stringify(s2));

    // Converged: nothing of theirs is left, and everyone else's is as it was.
    const end = await fakeState();
    assert.ok(!end.users.some((u) => u.id === leaver.id));
    for (const p of leaver.projects) {
      assert.deepEqual(end.projectData[p.id]!.apiKeys.filter((k) => k.owner.id === leaver.id).map((k) => k.id), [], `keys left in ${p.id}`);
    }
    // The fake's request log over both runs (first: it names a stray write, where the state comparison
    // below can only show a difference): every write is a call of the first plan, none succeeded twice.
    const sent = await writes();
    for (const w of sent) assert.ok(expected.includes(`${w.method} ${w.path}`), `${w.method} ${w.path} is not in the plan (${describeRequests(sent)})`);
    const succeeded = sent.filter((w) => w.status === 200).map((w) => `${w.method} ${w.path}`);
    assert.deepEqual(succeeded.filter((w, i) => succeeded.indexOf(w) !== i), [], 'deleted twice');
    assert.deepEqual([...new Set(succeeded)].sort(), [...expected].sort(), 'every planned call succeeded once');
    assert.deepEqual(changesBetween(othersBefore, everyoneElse(end, leaver.id)), [], 'something outside the plan changed');
    assert.ok(!(await rowIds('members')).includes(`members/${leaver.id}`), 'the Members folder was reloaded');

  });

  describe('cancelling', () => {
    let who = '';
    before(async () => {
      const s = await fakeState();
      who = s.users.find((u) => u.role === 'reader' && plainName(u))!.id;
    });
    itCancelsAtEveryPrompt([[COMMAND, () => [{ search: who }, { pick: 'Keep their API keys' }, { confirm: true }]]]);
  });
});
