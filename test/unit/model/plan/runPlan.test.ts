import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient, type ProjectApiKey } from '../../../../src/api';
import { deleteKeyStep, planTotals, removeMemberStep, renderPlan, renderResults, runPlan, setKeyExpiryStep, type Plan, type PlanStep, type StepOutcome } from '../../../../src/model/plan';
import { listRef, OrgStore, type ListRef } from '../../../../src/model/store';
import { startFakeAdminApi, type FakeAdminApi } from '../../../fake-admin-api';

/** The plan engine against the fake over HTTP: real deletes, real faults, the fake's request log as the witness. */
describe('Plan engine (runPlan: one path for changing many things)', () => {
  let fake: FakeAdminApi;
  let client: AdminClient;
  let store: OrgStore;
  let project: { id: string; name: string };

  // A fresh organization per test: every test deletes keys.
  beforeEach(async () => {
    fake = await startFakeAdminApi({ users: 60, projects: 6, seed: 3 });
    // No retries: a fault is the step's answer, as the engine must handle it.
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, maxRetries: 0 });
    // The project with the most keys, so every test has enough to delete.
    let best: { id: string; name: string; n: number } = { id: "", name: "", n: -1 };
    for (const p of await client.projects.all()) {
      const n = (await client.projectApiKeys.all(p.id)).length;
      if (n > best.n) best = { id: p.id, name: p.name ?? p.id, n };
    }
    project = best;
    assert.ok(best.n >= 6, `the seeded project needs at least 6 keys, has ${best.n}`);
    fake.resetStats();
    store = new OrgStore(async () => client);
  });
  afterEach(async () => {
    store.dispose();
    await fake.close();
  });

  const keysRef = () => listRef('projectApiKeys', project.id);
  const keyPath = (k: { id: string }) => `/organization/projects/${project.id}/api_keys/${k.id}`;
  const deletes = () => fake.requests.filter((r) => r.method === 'DELETE');
  const deletePlan = (keys: readonly ProjectApiKey[]): Plan => ({ title: 'Delete API keys', steps: keys.map((k) => deleteKeyStep(project, k)) });
  const statuses = (outcomes: Map<string, StepOutcome>) => [...outcomes.values()].map((o) => o.status);

  it('one failure does not stop the others: each step gets its own outcome, and the store drops exactly the keys deleted', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 4);
    fake.faults.add({ method: 'DELETE', path: `^${keyPath(keys[1])}$`, kind: 'status', status: 503 });
    const seen: string[] = [];
    const outcomes = await runPlan(deletePlan(keys), client, { store, onStep: (s, o) => seen.push(`${s.id}=${o.status}`) });
    assert.deepEqual(statuses(outcomes), ['done', 'failed', 'done', 'done']);
    assert.equal((outcomes.get(`delete-key:${project.id}:${keys[1].id}`) as { error: { status: number } }).error.status, 503);
    assert.equal(seen.length, 4, 'onStep hears every step once');
    const left = store.peek(keysRef())!.items.map((k) => k.id);
    assert.ok(left.includes(keys[1].id), 'the key that failed stays in the store');
    for (const k of [keys[0], keys[2], keys[3]]) assert.ok(!left.includes(k.id), `${k.id} left the store`);
    const onServer = (await client.projectApiKeys.all(project.id)).map((k) => k.id);
    assert.deepEqual(keys.map((k) => onServer.includes(k.id)), [false, true, false, false]);
  });

  it('a delete answering 404 is already done, and the store forgets the object', async () => {
    const [k] = await store.loadAll(keysRef());
    await client.projectApiKeys.delete(project.id, k.id);
    const outcomes = await runPlan(deletePlan([k]), client, { store });
    assert.deepEqual(statuses(outcomes), ['alreadyDone']);
    assert.ok(!store.peek(keysRef())!.items.some((x) => x.id === k.id));
  });

  it('a 404 on an update is a failure (only a delete finds its work done by a 404)', async () => {
    const [k] = await store.loadAll(keysRef());
    await client.projectApiKeys.delete(project.id, k.id);
    const outcomes = await runPlan({ title: 'Expire', steps: [setKeyExpiryStep(project, k, 30)] }, client, { store });
    assert.deepEqual(statuses(outcomes), ['failed']);
  });

  it('a step waits for its prerequisites, and is skipped with a reason naming the one that failed', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 3);
    const [a, b, c] = deletePlan(keys).steps;
    fake.faults.add({ method: 'DELETE', path: `^${keyPath(keys[0])}$`, kind: 'status', status: 500 });
    const order: string[] = [];
    const dependent: PlanStep = { ...b, after: [a.id] };
    const ok: PlanStep = { ...c, after: ['not-in-this-plan'] };
    const outcomes = await runPlan({ title: 't', steps: [dependent, a, ok] }, client, { onStart: (s) => order.push(s.id) });
    assert.equal(outcomes.get(a.id)!.status, 'failed');
    const skipped = outcomes.get(b.id) as { status: string; reason: string };
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.reason, /Delete API key .* failed/);
    assert.equal(outcomes.get(c.id)!.status, 'done', 'a prerequisite left out of a rebuilt plan counts as done');
    assert.ok(!order.includes(b.id), 'the dependent step sent nothing');
    assert.equal(deletes().filter((r) => r.path === keyPath(keys[1])).length, 0);
    // In plan order, whatever order they ran in.
    assert.deepEqual([...outcomes.keys()], [b.id, a.id, c.id]);
  });

  it('a step starts only after its prerequisites succeeded', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 2);
    const [a, b] = deletePlan(keys).steps;
    fake.faults.add({ method: 'DELETE', path: `^${keyPath(keys[0])}$`, kind: 'latency', latencyMs: 150 });
    const outcomes = await runPlan({ title: 't', steps: [{ ...b, after: [a.id] }, a] }, client, { concurrency: 4 });
    assert.deepEqual(statuses(outcomes), ['done', 'done']);
    const seq = (k: { id: string }) => fake.requests.find((r) => r.path === keyPath(k))!.seq;
    assert.ok(seq(keys[1]) > seq(keys[0]), 'the dependent delete arrived after its prerequisite');
  });

  it('steps waiting on each other are skipped, not left hanging', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 2);
    const [a, b] = deletePlan(keys).steps;
    const outcomes = await runPlan({ title: 't', steps: [{ ...a, after: [b.id] }, { ...b, after: [a.id] }] }, client);
    assert.deepEqual(statuses(outcomes), ['skipped', 'skipped']);
    assert.equal(deletes().length, 0);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 6);
    fake.faults.add({ method: 'DELETE', path: '/api_keys/', kind: 'latency', latencyMs: 60 });
    const outcomes = await runPlan(deletePlan(keys), client, { concurrency: 2 });
    assert.deepEqual(statuses(outcomes), Array(6).fill('done'));
    assert.equal(fake.stats.maxInFlight, 2);
  });

  it('cancel: nothing new starts, the rest is skipped as cancelled, and what ran is reported', async () => {
    const keys = (await store.loadAll(keysRef())).slice(0, 5);
    fake.faults.add({ method: 'DELETE', path: '/api_keys/', kind: 'latency', latencyMs: 80 });
    const controller = new AbortController();
    const outcomes = await runPlan(deletePlan(keys), client, {
      concurrency: 1,
      signal: controller.signal,
      onStep: (_s, o) => { if (o.status === 'done') controller.abort(); },
    });
    assert.deepEqual(statuses(outcomes), ['done', 'skipped', 'skipped', 'skipped', 'skipped']);
    assert.ok([...outcomes.values()].slice(1).every((o) => o.status === 'skipped' && o.reason === 'cancelled'));
    assert.equal(deletes().length, 1, 'nothing was sent after the cancel');
  });

  it('a rerun rebuilt from the store converges: only what is left, nothing deleted twice, nothing outside the plan touched', async () => {
    const all = await store.loadAll(keysRef());
    const chosen = all.slice(0, 5);
    const chosenIds = new Set(chosen.map((k) => k.id));
    // Rebuild = what the plan wants that the store still holds.
    const rebuild = (): Plan => deletePlan(store.peek(keysRef())!.items.filter((k) => chosenIds.has(k.id)));
    fake.faults.add({ method: 'DELETE', path: `^${keyPath(chosen[2])}$`, kind: 'status', status: 503, times: 1 });
    // A reset: the request never reaches the handler (nothing deleted), and the client sees a network error.
    fake.faults.add({ method: 'DELETE', path: `^${keyPath(chosen[4])}$`, kind: 'reset', times: 1 });
    const first = await runPlan(rebuild(), client, { store });
    assert.deepEqual(statuses(first), ['done', 'done', 'failed', 'done', 'failed']);

    const second = rebuild();
    assert.deepEqual(second.steps.map((s) => s.id), [chosen[2], chosen[4]].map((k) => `delete-key:${project.id}:${k.id}`));
    assert.deepEqual(statuses(await runPlan(second, client, { store })), ['done', 'done']);
    assert.equal(rebuild().steps.length, 0, 'a third plan has nothing left');

    const okDeletes = deletes().filter((r) => r.status === 200).map((r) => r.path);
    assert.deepEqual([...okDeletes].sort(), chosen.map(keyPath).sort(), 'each chosen key deleted exactly once');
    assert.ok(fake.requests.every((r) => r.method === 'GET' || chosen.some((k) => r.path === keyPath(k))), 'no call outside the plan');
    const onServer = new Set((await client.projectApiKeys.all(project.id)).map((k) => k.id));
    for (const k of all) assert.equal(onServer.has(k.id), !chosenIds.has(k.id), `${k.id}`);
  });

  it('removing a member: the project users and group members the store holds lose them too, so views showing them follow without a reload', async () => {
    const groups = await client.groups.all();
    const inGroup = new Map<string, string>();
    for (const g of groups) for (const u of await client.groups.users.all(g.id)) inGroup.set(u.id, g.id);
    const members = await store.loadAll(listRef('projectUsers', project.id));
    const leaver = members.find((u) => inGroup.has(u.id) && u.role !== 'owner');
    assert.ok(leaver, 'a project user who is also in a group');
    const groupRef = listRef('groupUsers', inGroup.get(leaver.id)!);
    await store.loadAll(groupRef);
    const user = (await store.loadAll(listRef('members'))).find((u) => u.id === leaver.id)!;

    const outcomes = await runPlan({ title: 'Remove a member', steps: [removeMemberStep(user)] }, client, { store });
    assert.deepEqual(statuses(outcomes), ['done']);
    const shows = async (ref: ListRef<'members' | 'projectUsers' | 'groupUsers'>) => (await store.loadAll(ref) as readonly { id: string }[]).some((u) => u.id === leaver.id);
    for (const ref of [listRef('members'), listRef('projectUsers', project.id), groupRef]) assert.ok(!await shows(ref), `${ref.resource} still shows the removed member`);
  });

  it('set expiry sends expires_in_seconds and puts the updated key in the store', async () => {
    const [k] = await store.loadAll(keysRef());
    const outcomes = await runPlan({ title: 'Expire', steps: [setKeyExpiryStep(project, k, 30)] }, client, { store });
    assert.deepEqual(statuses(outcomes), ['done']);
    const stored = store.find(keysRef(), k.id)!;
    assert.ok(stored.expires_at && Math.abs(stored.expires_at - (Date.now() / 1000 + 30 * 86400)) < 86400 + 120);
  });
});

describe('Plan documents (renderPlan / renderResults)', () => {
  const step = (id: string, group: string, change: PlanStep['change'], title: string, after?: string[]): PlanStep => ({
    id, group, change, title, call: `${change === 'delete' ? 'DELETE' : 'POST'} /x/${id}`, after, run: async () => [],
  });
  const plan: Plan = {
    title: 'Key Hygiene: delete 2, expire 1',
    steps: [
      step('a', 'Project “Alpha” (proj_a)', 'delete', 'Delete API key “ci”'),
      step('b', 'Project “Beta” (proj_b)', 'update', 'Set API key “web” to expire in 30 days'),
      step('c', 'Project “Alpha” (proj_a)', 'delete', 'Delete API key “evil\nProject “Forged”', ['a']),
      step('d', 'Project “Beta” (proj_b)', 'create', 'Add user'),
    ],
  };

  it('groups steps under their object, signs each change, names the call and what it waits for, and totals them', () => {
    assert.deepEqual(planTotals(plan), { create: 1, update: 1, delete: 2 });
    const text = renderPlan(plan);
    assert.equal(text, [
      'Key Hygiene: delete 2, expire 1',
      '4 changes: 1 to create, 1 to update, 2 to delete',
      '',
      'Project “Alpha” (proj_a)',
      '  − Delete API key “ci”',
      '    DELETE /x/a',
      '  − Delete API key “evil Project “Forged”',
      '    DELETE /x/c',
      '    after: Delete API key “ci”',
      '',
      'Project “Beta” (proj_b)',
      '  ~ Set API key “web” to expire in 30 days',
      '    POST /x/b',
      '  + Add user',
      '    POST /x/d',
      '',
      'Signs: + create, ~ update, − delete.',
      '',
    ].join('\n'));
  });

  it('the results document gives every step its result and a summary line', () => {
    const outcomes = new Map<string, StepOutcome>([
      ['a', { status: 'done' }],
      ['b', { status: 'failed', error: { status: 503, apiMessage: 'The server is overloaded' } }],
      ['c', { status: 'alreadyDone' }],
      ['d', { status: 'skipped', reason: 'cancelled' }],
    ]);
    const text = renderResults(plan, outcomes);
    assert.match(text, /^Key Hygiene: delete 2, expire 1\n1 done, 1 already done, 1 failed, 1 skipped\n/);
    assert.match(text, /DELETE \/x\/a\n {4}result: done\n/);
    assert.match(text, /POST \/x\/b\n {4}result: FAILED: 503 The server is overloaded\n/);
    assert.match(text, /result: already done/);
    assert.match(text, /POST \/x\/d\n {4}result: skipped: cancelled\n/);
  });
});
