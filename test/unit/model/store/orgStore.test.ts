import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient } from '../../../../src/api';
import { invalidate, listRef, OrgStore, remove, upsert, type StoreChange } from '../../../../src/model/store';
import { startFakeAdminApi, type FakeAdminApi } from '../../../fake-admin-api';

describe('OrgStore (one cache of the organization for every view)', () => {
  let fake: FakeAdminApi;
  let client: AdminClient;
  let store: OrgStore;
  let changes: StoreChange[];
  let projectId: string;
  const gets = (path: RegExp) => fake.requests.filter((r) => r.method === 'GET' && path.test(r.path)).length;

  before(async () => {
    fake = await startFakeAdminApi({ users: 250, projects: 4 });
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, maxRetries: 0 });
    projectId = (await client.projects.all())[0].id;
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.faults.clear();
    fake.resetStats();
    store = new OrgStore(async () => client);
    changes = [];
    store.onDidChange((c) => changes.push(c));
  });
  afterEach(() => store.dispose());

  it('hands out one list per resource and parent, and merges concurrent loads of it into one request', async () => {
    const a = store.list(listRef('projectUsers', projectId));
    const b = store.list(listRef('projectUsers', projectId));
    assert.equal(a, b, 'the same list must be shared');
    await Promise.all([a.ensureLoaded(), b.ensureLoaded(), store.loadAll(listRef('projectUsers', projectId))]);
    assert.equal(gets(/\/projects\/[^/]+\/users$/), Math.max(1, Math.ceil(a.items.length / 100)));
    assert.notEqual(store.list(listRef('projectUsers', 'proj_other')), a);
  });

  it('loadAll reads every page once, in order, and records when the list was read', async () => {
    const before = Date.now();
    const members = await store.loadAll(listRef('members'));
    const truth = await client.users.all();
    assert.deepEqual(members.map((u) => u.id), truth.map((u) => u.id));
    assert.equal(gets(/^\/organization\/users$/), 3 + 3, 'three pages for the store, three for the reference walk');
    const at = store.peek(listRef('members'))!.readAt!;
    assert.ok(at >= before && at <= Date.now());
    assert.equal(store.readAt([listRef('members'), listRef('invites')]), at, 'lists never read do not count');
  });

  it('announces each page as a change of that list only', async () => {
    await store.list(listRef('invites')).ensureLoaded();
    assert.deepEqual(changes.map((c) => [c.key, c.reason]), [['invites', 'loaded']]);
  });

  it('a failed page is a change too, and the items already read stay', async () => {
    const list = store.list(listRef('members'));
    await list.ensureLoaded();
    fake.faults.add({ path: '^/organization/users$', kind: 'status', status: 503, times: 1 });
    await assert.rejects(store.loadAll(listRef('members')), (e: { status?: number }) => e.status === 503);
    assert.equal(list.items.length, 100);
    assert.equal(changes.length, 2);
  });

  it('an upsert replaces the item in place and tells only that list', async () => {
    const ref = listRef('projectUsers', projectId);
    const users = await store.loadAll(ref);
    await store.loadAll(listRef('members'));
    changes = [];
    fake.resetStats();
    const changed = { ...users[0], role: users[0].role === 'owner' ? 'member' as const : 'owner' as const };
    store.apply([upsert(ref, changed)]);
    assert.equal(store.find(ref, users[0].id)?.role, changed.role);
    assert.equal(store.list(ref).items.length, users.length, 'nothing added or lost');
    assert.deepEqual(changes.map((c) => [c.key, c.reason]), [[`projectUsers:${projectId}`, 'edited']]);
    assert.equal(fake.requests.length, 0, 'an edit in place sends nothing');
  });

  it('an upsert of a new item appends to a list read to its end, and re-reads a list still paging', async () => {
    const users = store.list(listRef('projectUsers', projectId));
    await store.loadAll(listRef('projectUsers', projectId));
    const members = store.list(listRef('members'));
    await members.ensureLoaded();
    assert.ok(members.hasMore);
    const newcomer = { ...users.items[0], id: 'user-new' };
    store.apply([upsert(listRef('projectUsers', projectId), newcomer), upsert(listRef('members'), { ...members.items[0], id: 'user-new' })]);
    assert.equal(users.items.at(-1)?.id, 'user-new');
    assert.equal(members.isLoaded, false, 'a list still paging is read again rather than guessed at');
    assert.deepEqual(changes.slice(-2).map((c) => c.reason).sort(), ['edited', 'invalidated']);
  });

  it('a remove drops the item without a request', async () => {
    const ref = listRef('projectApiKeys', projectId);
    const keys = await store.loadAll(ref);
    assert.ok(keys.length > 0, 'the seeded project has keys');
    fake.resetStats();
    store.apply([remove(ref, keys[0].id)]);
    assert.equal(store.find(ref, keys[0].id), undefined);
    assert.equal(store.list(ref).items.length, keys.length - 1);
    assert.equal(fake.requests.length, 0);
  });

  it('invalidates exactly the lists in scope, and leaves the others loaded', async () => {
    const [p1, p2] = (await client.projects.all()).map((p) => p.id);
    await Promise.all([
      store.loadAll(listRef('projectUsers', p1)), store.loadAll(listRef('projectUsers', p2)),
      store.loadAll(listRef('projectApiKeys', p1)), store.loadAll(listRef('members')),
    ]);
    const users = await store.loadAll(listRef('projectUsers', p1));
    await store.loadAll(listRef('projectUserRoles', p1, users[0].id));
    changes = [];
    store.apply([invalidate('projectUsers', p1), invalidate('projectUserRoles', p1)]);
    assert.equal(store.peek(listRef('projectUsers', p1))!.isLoaded, false);
    assert.equal(store.peek(listRef('projectUserRoles', p1, users[0].id))!.isLoaded, false);
    assert.equal(store.peek(listRef('projectUsers', p2))!.isLoaded, true);
    assert.equal(store.peek(listRef('projectApiKeys', p1))!.isLoaded, true);
    assert.equal(store.peek(listRef('members'))!.isLoaded, true);
    assert.deepEqual(changes.map((c) => c.key).sort(), [`projectUserRoles:${p1}/${encodeURIComponent(users[0].id)}`, `projectUsers:${p1}`].sort());
    assert.ok(changes.every((c) => c.reason === 'invalidated'));
    fake.resetStats();
    await store.list(listRef('projectUsers', p1)).ensureLoaded();
    assert.equal(gets(/\/users$/), 1, 'an invalidated list reads again when next asked for');
  });

  it('a write during a load makes the list read again, so an answer older than the write is not kept', async () => {
    const ref = listRef('invites');
    const list = store.list(ref);
    const loading = list.ensureLoaded();
    store.apply([remove(ref, 'anything')]);
    await loading;
    assert.equal(list.isLoaded, false, 'the answer that raced the write was dropped');
    await list.ensureLoaded();
    assert.equal(list.isLoaded, true);
  });

  it('loadAll answers with the whole list even when the list is dropped while it loads', async () => {
    const ref = listRef('members');
    const loading = store.loadAll(ref);
    // The first page is in flight; a write's effects (or a Refresh) drop the list meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.invalidate('members');
    const members = await loading;
    assert.equal(members.length, (await client.users.all()).length, 'a part (or nothing) of the list was returned');
  });

  it('one-object settings are lists of zero or one item, and a 404 means not set', async () => {
    fake.faults.add({ path: `^/organization/projects/${projectId}/model_permissions$`, kind: 'status', status: 404, times: 1 });
    const ref = listRef('modelPermissions', projectId);
    assert.deepEqual(await store.loadAll(ref), []);
    store.invalidate('modelPermissions', [projectId]);
    const [policy] = await store.loadAll(ref);
    assert.ok(policy && 'mode' in policy);
    assert.equal(store.find(ref, ''), policy);
  });

  it('rejects a list reference with the wrong number of parent ids', () => {
    assert.throws(() => listRef('projectUsers'), /takes 1 parent id/);
    assert.throws(() => listRef('members', 'x'), /takes 0 parent id/);
    assert.throws(() => listRef('projectUsers', ''), /empty/);
  });

  it('ids with separators cannot make two lists share a key', () => {
    assert.notEqual(store.list(listRef('projectUserRoles', 'a/b', 'c')), store.list(listRef('projectUserRoles', 'a', 'b/c')));
  });

  it('onDidChangeIn hears only its scope, and a disposed listener hears nothing', async () => {
    const heard: string[] = [];
    const sub = store.onDidChangeIn({ resource: 'projectUsers', ids: [projectId] }, (c) => heard.push(c.key));
    await store.list(listRef('members')).ensureLoaded();
    await store.list(listRef('projectUsers', projectId)).ensureLoaded();
    sub.dispose();
    store.invalidate('projectUsers');
    assert.deepEqual(heard, [`projectUsers:${projectId}`]);
  });
});
