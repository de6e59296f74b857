// The offboarding plan against the fake Admin API: for a seeded leaver it lists exactly what the
// fake's state says they hold (every project, group and key of theirs, nothing of anyone else), in
// the order the API needs, calls the spec's own operations, surfaces lists it could not read, and
// after its steps ran leaves nothing to plan.
import assert from 'node:assert/strict';
import { OPERATIONS, type AdminClient, type OperationId } from '../../../../src/api';
import { buildOffboardPlan, HoldingsReadError } from '../../../../src/model/offboard';
import { runPlan, type StepOutcome } from '../../../../src/model/plan';
import { listRef, OrgStore } from '../../../../src/model/store';
import { clientFor, useFakeApi, type FakeAdminApi } from '../../api/helpers/fake';
import { seedLeaver, type Leaver } from './seed';

/** Which spec operation a step's call is: method and path matched against the operation's route. */
function operationOf(call: string): OperationId | undefined {
  const [method, path] = call.split(' ');
  return (Object.keys(OPERATIONS) as OperationId[]).find((op) => {
    const route = OPERATIONS[op];
    const pattern = new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
    return route.method === method && pattern.test(path!);
  });
}


describe('model: offboarding plan (fake Admin API)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 12, users: 60, seed: 5 });
  let client: AdminClient;
  let store: OrgStore;
  let leaver: Leaver;
  const gets = (f: FakeAdminApi) => f.requests.filter((r) => r.method === 'GET');

  before(() => {
    client = clientFor(fake(), { maxRetries: 0 });
  });
  beforeEach(() => {
    leaver = seedLeaver(fake());
    store = new OrgStore(async () => client);
    fake().resetStats();
  });
  afterEach(() => store.dispose());

  it('lists every project, group and key the member holds, and nothing of anyone else', async () => {
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const ids = plan.steps.map((s) => s.id).sort();
    assert.deepEqual(ids, [
      ...leaver.keys.map((k) => `delete-key:${k.projectId}:${k.id}`),
      ...leaver.groups.map((g) => `remove-from-group:${g}`),
      `remove-member:${leaver.id}`,
      ...leaver.projects.map((p) => `remove-from-project:${p}`),
    ].sort());
    // Every call names the leaver or one of their keys, and nothing else.
    const theirKeys = new Set(leaver.keys.map((k) => k.id));
    for (const step of plan.steps) {
      const target = step.call.split('/').at(-1)!;
      assert.ok(target === leaver.id || theirKeys.has(target), `${step.call} targets someone else`);
    }
    assert.match(plan.title, new RegExp(`Offboard “${leaver.name}” <${leaver.email}> \\(${leaver.id}\\)`));
    assert.ok(plan.steps.find((s) => s.id.startsWith('delete-key:') && /no longer in the project/.test(s.title)), 'the key left behind in a project they left is listed too');
  });

  it('orders the steps: keys before their project, the organization last after everything else', async () => {
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const last = plan.steps.at(-1)!;
    assert.equal(last.id, `remove-member:${leaver.id}`);
    assert.deepEqual([...last.after!].sort(), plan.steps.slice(0, -1).map((s) => s.id).sort());
    for (const projectId of leaver.projects) {
      const removal = plan.steps.find((s) => s.id === `remove-from-project:${projectId}`)!;
      const keys = leaver.keys.filter((k) => k.projectId === projectId).map((k) => `delete-key:${projectId}:${k.id}`);
      assert.deepEqual([...(removal.after ?? [])].sort(), keys.sort(), `${projectId}: removal waits for exactly its keys`);
      for (const key of keys) assert.ok(plan.steps.findIndex((s) => s.id === key) < plan.steps.indexOf(removal));
    }
    for (const step of plan.steps.filter((s) => s.id.startsWith('delete-key:') || s.id.startsWith('remove-from-group:'))) {
      assert.equal(step.after, undefined, `${step.id} has no prerequisite`);
    }
  });

  it('calls the spec\'s operations: project user delete, group user remove, user delete, project API key delete', async () => {
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const expected: Record<string, OperationId> = {
      'delete-key': 'delete-project-api-key',
      'remove-from-project': 'delete-project-user',
      'remove-from-group': 'remove-group-user',
      'remove-member': 'delete-user',
    };
    for (const step of plan.steps) assert.equal(operationOf(step.call), expected[step.id.split(':')[0]!], step.call);
  });

  it('without key deletion: no key steps and no key list read', async () => {
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: false });
    assert.deepEqual(plan.steps.filter((s) => s.id.includes('key')), []);
    assert.equal(gets(fake()).filter((r) => /api_keys/.test(r.path)).length, 0);
    assert.match(plan.title, /keeping the API keys they own/);
    assert.equal(plan.steps.filter((s) => s.id.startsWith('remove-from-project:')).every((s) => s.after === undefined), true);
  });

  it('a member of no project or group: only the organization removal', async () => {
    const loner = seedLeaver(fake(), { projects: 0, groups: 0, keys: false });
    const plan = await buildOffboardPlan(store, loner.id, { deleteKeys: true });
    assert.deepEqual(plan.steps.map((s) => [s.id, s.call, s.after]), [[`remove-member:${loner.id}`, `DELETE /organization/users/${loner.id}`, []]]);
  });

  it('reads each list once through the store: a second build sends no request', async () => {
    await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const activeProjects = fake().state.projects.values().filter((p) => p.status === 'active').length;
    assert.equal(gets(fake()).filter((r) => r.operationId === 'list-project-users').length, activeProjects);
    const keyReads = gets(fake()).filter((r) => r.operationId === 'list-project-api-keys');
    assert.equal(keyReads.length, 2 * activeProjects, 'each project\'s keys of owners with access, and of owners who left');
    assert.equal(keyReads.filter((r) => r.query.includes('owner_project_access=inactive')).length, activeProjects);
    const before = fake().requests.length;
    await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    assert.equal(fake().requests.length, before);
  });

  it('fresh: a change made behind the store\'s back is planned; without it the store\'s lists answer', async () => {
    await buildOffboardPlan(store, leaver.id, { deleteKeys: false });
    const joined = fake().state.groups.values().find((g) => !leaver.groups.includes(g.id))!.id;
    fake().state.groupMembersOf(joined).insert({ id: leaver.id, added_at: fake().state.now() });
    const stale = await buildOffboardPlan(store, leaver.id, { deleteKeys: false });
    assert.equal(stale.steps.some((s) => s.id === `remove-from-group:${joined}`), false);
    const fresh = await buildOffboardPlan(store, leaver.id, { deleteKeys: false, fresh: true });
    assert.equal(fresh.steps.some((s) => s.id === `remove-from-group:${joined}`), true);
  });

  it('a project or group list that cannot be read is in the plan, with the error, never dropped', async () => {
    const [unreadProject] = leaver.projects;
    const keyProject = leaver.keys[0]!.projectId;
    const otherProject = fake().state.projects.values().find((p) => p.status === 'active' && !leaver.projects.includes(p.id) && p.id !== keyProject)!.id;
    const unreadGroup = fake().state.groups.values().find((g) => !leaver.groups.includes(g.id))!.id;
    fake().faults.add({ method: 'GET', path: `^/organization/projects/${unreadProject}/users$`, kind: 'status', status: 503 });
    fake().faults.add({ method: 'GET', path: `^/organization/projects/${otherProject}/users$`, kind: 'status', status: 503 });
    fake().faults.add({ method: 'GET', path: `^/organization/projects/${keyProject}/api_keys$`, kind: 'status', status: 500 });
    fake().faults.add({ method: 'GET', path: `^/organization/groups/${unreadGroup}/users$`, kind: 'status', status: 502 });
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const step = (id: string) => plan.steps.find((s) => s.id === id);

    // Membership unknown: the removal is planned anyway (a 404 then means they were not in it), saying why.
    for (const pid of [unreadProject, otherProject]) {
      assert.match(step(`remove-from-project:${pid}`)?.title ?? 'missing', /if they are in it: its users could not be read \(503 /);
    }
    assert.match(step(`remove-from-group:${unreadGroup}`)?.title ?? 'missing', /if they are in it: its members could not be read \(502 /);
    // Keys unknown: a step that says so and holds up the project's removal and the organization's.
    const check = step(`check-keys:${keyProject}`);
    assert.match(check?.title ?? 'missing', /key list could not be read \(500 .*deletes nothing/);
    assert.equal(plan.steps.some((s) => s.id.startsWith(`delete-key:${keyProject}:`)), false);
    const removal = step(`remove-from-project:${keyProject}`);
    assert.ok(removal?.after?.includes(check!.id), "the project removal waits for the key check");
    assert.ok(step(`remove-member:${leaver.id}`)!.after!.includes(check!.id));

    // The check fails while the member owns keys there, and deletes nothing.
    fake().faults.clear();
    const before = fake().requests.length;
    await assert.rejects(check!.run(client, new AbortController().signal), /owns \d+ API keys? here that the plan did not list: run again/);
    assert.deepEqual(fake().requests.slice(before).map((r) => r.method), ['GET']);
  });

  it('an organization-wide list that cannot be read: no plan, and the error says which list', async () => {
    fake().faults.add({ method: 'GET', path: '^/organization/groups$', kind: 'status', status: 503 });
    await assert.rejects(buildOffboardPlan(store, leaver.id, { deleteKeys: true }), (e: unknown) => e instanceof HoldingsReadError && /^Couldn't read the groups: 503 /.test(e.message));
  });

  it('after its steps ran, the member is gone, their keys with them, everyone else untouched, and nothing is left to plan', async () => {
    const state = fake().state;
    const othersBefore = JSON.stringify(otherwise(fake(), leaver));
    const plan = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const outcomes = await runPlan(plan, client, { store });
    assert.deepEqual(new Set([...outcomes.values()].map((o) => o.status)), new Set(['done']));
    assert.equal(state.users.has(leaver.id), false);
    for (const k of leaver.keys) assert.equal(state.project(k.projectId)!.apiKeys.has(k.id), false);
    assert.equal(JSON.stringify(otherwise(fake(), leaver)), othersBefore);

    const before = fake().requests.length;
    const again = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    assert.deepEqual(again.steps, []);
    assert.match(again.title, /not a member of the organization/);
    // The store took each step's effects: the rebuild read again only the lists the steps invalidated.
    const reread = fake().requests.slice(before).map((r) => r.operationId);
    assert.ok(reread.every((op) => op === 'list-project-api-keys'), reread.join(', '));
    assert.ok(store.peek(listRef('members'))!.items.every((u) => u.id !== leaver.id));
  });

  it('under injected faults it does what it can; the rebuilt plan holds only what is left, converges, and nothing is deleted twice or outside the plan', async () => {
    const state = fake().state;
    const othersBefore = JSON.stringify(otherwise(fake(), leaver));
    const first = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    const failingKey = leaver.keys.find((k) => k.projectId === leaver.projects[1])!;
    const [lostAnswerGroup, resetGroup] = leaver.groups;
    const otherProject = leaver.projects[2]!;
    fake().faults.add({ method: 'DELETE', path: `^/organization/projects/${failingKey.projectId}/api_keys/${failingKey.id}$`, kind: 'status', status: 503 });
    // The group removal happens but its answer is cut off; the other group's request never arrives.
    fake().faults.add({ method: 'DELETE', path: `^/organization/groups/${lostAnswerGroup}/users/${leaver.id}$`, kind: 'truncated' });
    fake().faults.add({ method: 'DELETE', path: `^/organization/groups/${resetGroup}/users/${leaver.id}$`, kind: 'reset' });
    fake().faults.add({ method: 'DELETE', path: `^/organization/projects/${otherProject}/users/${leaver.id}$`, kind: 'status', status: 500 });
    const run1 = await runPlan(first, client, { store });
    const status = (outcomes: Map<string, StepOutcome>) => Object.fromEntries([...outcomes].map(([id, o]) => [id, o.status]));
    const s1 = status(run1);
    assert.equal(s1[`delete-key:${failingKey.projectId}:${failingKey.id}`], 'failed');
    assert.equal(s1[`remove-from-project:${failingKey.projectId}`], 'skipped');
    assert.equal(s1[`remove-from-project:${otherProject}`], 'failed');
    assert.equal(s1[`remove-from-group:${lostAnswerGroup}`], 'failed');
    assert.equal(s1[`remove-from-group:${resetGroup}`], 'failed');
    assert.equal(s1[`remove-member:${leaver.id}`], 'skipped');
    assert.match((run1.get(`remove-member:${leaver.id}`) as { reason: string }).reason, /failed|skipped/);
    assert.equal(state.users.has(leaver.id), true, 'the organization removal waited');
    assert.equal(state.groupMembersOf(lostAnswerGroup!).has(leaver.id), false, 'the cut-off removal did happen');

    fake().faults.clear();
    const second = await buildOffboardPlan(store, leaver.id, { deleteKeys: true });
    assert.deepEqual(second.steps.map((s) => s.id).sort(), [
      `delete-key:${failingKey.projectId}:${failingKey.id}`,
      `remove-from-group:${lostAnswerGroup}`,
      `remove-from-group:${resetGroup}`,
      `remove-member:${leaver.id}`,
      `remove-from-project:${failingKey.projectId}`,
      `remove-from-project:${otherProject}`,
    ].sort(), 'only what did not succeed');
    const run2 = await runPlan(second, client, { store });
    assert.deepEqual(status(run2), Object.fromEntries(second.steps.map((s) => [s.id, s.id === `remove-from-group:${lostAnswerGroup}` ? 'alreadyDone' : 'done'])));
    assert.deepEqual((await buildOffboardPlan(store, leaver.id, { deleteKeys: true })).steps, [], 'converged');

    assert.equal(state.users.has(leaver.id), false);
    for (const k of leaver.keys) assert.equal(state.project(k.projectId)!.apiKeys.has(k.id), false);
    assert.equal(JSON.stringify(otherwise(fake(), leaver)), othersBefore, 'nothing of anyone else changed');
    const writes = fake().requests.filter((r) => r.method !== 'GET');
    const planned = new Set(first.steps.map((s) => s.call));
    for (const w of writes) assert.ok(planned.has(`${w.method} ${w.path}`), `${w.method} ${w.path} is not in the plan`);
    const succeeded = writes.filter((w) => w.status === 200).map((w) => `${w.method} ${w.path}`);
    assert.deepEqual(succeeded.filter((w, i) => succeeded.indexOf(w) !== i), [], 'deleted twice');
  });
});

/** Everything in the fake's state that does not belong to the leaver: members, memberships, group members, keys. */
function otherwise(fake: FakeAdminApi, leaver: Leaver): unknown {
  const s = fake.state;
  return {
    users: s.users.values().filter((u) => u.id !== leaver.id).map((u) => u.id),
    projects: s.projects.values().map((p) => ({
      id: p.id,
      members: s.project(p.id)!.members.values().filter((m) => m.id !== leaver.id).map((m) => `${m.id}:${m.role}`),
      keys: s.project(p.id)!.apiKeys.values().filter((k) => k.owner.id !== leaver.id).map((k) => k.id),
    })),
    groups: s.groups.values().map((g) => ({ id: g.id, members: s.groupMembersOf(g.id).values().filter((m) => m.id !== leaver.id).map((m) => m.id) })),
  };
}
