// Load Organization against the fake: every list of the store equals the API's truth, each request
// once (also beside a tree loading the same lists), a failed list reported while the rest loads and
// retried alone, Cancel, 429s slowing the whole load down through the client's limiter, and never
// more requests in flight than allowed (counted by the fake).
import assert from 'node:assert/strict';
import { CancelledError, type AdminClient } from '../../../../src/api';
import { loadOrganization, PROJECT_LISTS } from '../../../../src/model/organization/load';
import { listKey, listRef, OrgStore, RESOURCES, type ResourceName } from '../../../../src/model/store';
import { ownerHasAccess } from '../../../fake-admin-api/views';
import { clientFor, eventually, useFakeApi, type FakeAdminApi } from '../../api/helpers/fake';

const ids = (items: readonly unknown[] | undefined) => items?.map((i) => (i as { id: string }).id);
const keysOf = (fake: FakeAdminApi) => fake.requests.map((r) => `${r.method} ${r.path}${r.query}`);
const twice = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
const control = (fake: FakeAdminApi, what: string, body: unknown) =>
  fetch(`${fake.origin}/__fake/${what}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const activeProjects = (fake: FakeAdminApi) => fake.state.projects.values().filter((p) => p.status === 'active');

/** Longer lists than a page: 250 members in one project, 130 service accounts in another. */
function enlarge(fake: FakeAdminApi): void {
  const active = activeProjects(fake);
  const big = fake.state.project(active[1]!.id)!;
  for (const u of fake.state.users.values()) {
    if (big.members.size >= 250) break;
    if (!big.members.has(u.id)) big.members.insert({ id: u.id, role: 'member', added_at: u.added_at });
  }
  const many = fake.state.project(active[2]!.id)!;
  for (let i = 0; i < 130; i++) {
    many.serviceAccounts.insert({ id: `svc_acct_loadtest${String(i).padStart(4, '0')}`, name: `load test ${i}`, role: 'member', created_at: 1_700_000_000 + i });
  }
  // One project with a custom role (its users' role assignments are read), the others without.
  for (const p of active) for (const r of fake.state.project(p.id)!.roles.values()) fake.state.project(p.id)!.roles.delete(r.id);
  fake.state.project(active[3]!.id)!.roles.insert({
    id: 'role_loadtest', name: 'Key Manager', description: null, permissions: ['api.organization.projects.api_keys.read'],
    resource_type: 'api.project', predefined_role: false, created_at: 1_700_000_000, updated_at: 1_700_000_000, created_by: null,
    metadata: {}, project_id: active[3]!.id, mirrors: null,
  });
  fake.state.touch();
}

/** Every list the store holds, compared with the same list read afresh, page after page, by another store. */
async function assertEveryListIsTruth(store: OrgStore, client: AdminClient): Promise<number> {
  const fresh = new OrgStore(async () => client);
  let compared = 0;
  for (const resource of Object.keys(RESOURCES) as ResourceName[]) {
    for (const [ref, list] of store.listsOf(resource)) {
      assert.equal(list.error, undefined, `${listKey(ref)} failed`);
      assert.ok(list.isLoaded && !list.hasMore, `${listKey(ref)} is not read to its end`);
      assert.ok(list.readAt !== undefined, `${listKey(ref)} has no read time`);
      assert.deepEqual(list.items, await fresh.loadAll(ref), listKey(ref));
      compared++;
    }
  }
  fresh.dispose();
  return compared;
}

describe('model: Load Organization (fake Admin API)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 30, users: 300, seed: 11 });
  let client: AdminClient;
  let store: OrgStore;

  before(() => {
    enlarge(fake());
    client = clientFor(fake(), { maxRetries: 0 });
  });
  beforeEach(() => {
    fake().resetStats();
    store = new OrgStore(async () => client);
  });
  afterEach(async () => {
    store.dispose();
    await control(fake(), 'latency', { latencyMs: 0 });
    await control(fake(), 'rate-limit', { requestsPerSecond: null });
  });

  it('reads every list of the organization into the store, each equal to the API\'s and the fake\'s truth, each request once', async () => {
    const result = await loadOrganization(store, { concurrency: 4 });
    assert.deepEqual(result.errors, []);
    const keys = keysOf(fake());
    assert.deepEqual(twice(keys), [], 'a request was made twice');
    assert.equal(keys.length, result.requests);
    assert.ok(fake().requests.every((r) => r.status === 200 || (r.status === 404 && r.route.endsWith('/model_permissions'))), 'only "no model permissions policy" may 404');

    // The lists a full load must hold, from the fake's state.
    const state = fake().state;
    const active = activeProjects(fake());
    assert.deepEqual(ids(store.peek(listRef('projects'))?.items), active.map((p) => p.id));
    assert.deepEqual(ids(store.peek(listRef('members'))?.items), state.users.values().map((u) => u.id));
    assert.deepEqual(ids(store.peek(listRef('groups'))?.items), state.groups.values().map((g) => g.id));
    assert.deepEqual(ids(store.peek(listRef('roles'))?.items), state.orgRoles.values().map((r) => r.id));
    assert.deepEqual(ids(store.peek(listRef('invites'))?.items), state.invites.values().map((i) => i.id));
    assert.deepEqual(ids(store.peek(listRef('adminKeys'))?.items), state.adminKeys.values().map((k) => k.id));
    for (const g of state.groups.values()) {
      // (The group members list has its own order; the same members is what matters here.)
      assert.deepEqual(ids(store.peek(listRef('groupUsers', g.id))?.items)?.sort(), state.groupMembers.get(g.id)!.values().map((m) => m.id).sort(), `group ${g.id}`);
    }
    for (const p of active) {
      const data = state.project(p.id)!;
      for (const resource of PROJECT_LISTS) assert.ok(store.peek(listRef(resource, p.id))?.isLoaded, `${resource} of ${p.id}`);
      assert.deepEqual(ids(store.peek(listRef('projectUsers', p.id))?.items), data.members.values().map((m) => m.id));
      assert.deepEqual(ids(store.peek(listRef('projectServiceAccounts', p.id))?.items), data.serviceAccounts.values().map((s) => s.id));
      assert.deepEqual(ids(store.peek(listRef('projectApiKeys', p.id))?.items), data.apiKeys.values().filter((k) => ownerHasAccess(state, p.id, k)).map((k) => k.id));
      assert.deepEqual(ids(store.peek(listRef('projectRateLimits', p.id))?.items), data.rateLimits.values().map((r) => r.id));
      assert.equal(store.peek(listRef('modelPermissions', p.id))?.items.length, data.modelPermissions ? 1 : 0);
      // Project users' role assignments only where the project has a custom role (see includeRoleAssignments).
      for (const m of data.members.values()) {
        assert.equal(store.peek(listRef('projectUserRoles', p.id, m.id))?.isLoaded ?? false, data.roles.size > 0, `roles of ${m.id} in ${p.id}`);
      }
    }
    assert.ok(active.some((p) => state.project(p.id)!.roles.size > 0) && active.some((p) => state.project(p.id)!.roles.size === 0), 'the seed has projects with and without custom roles');
    // The organization has custom roles: every member's and group's assignments are read.
    assert.ok(state.orgRoles.values().some((r) => !r.predefined_role));
    for (const u of state.users.values()) {
      const stored = ids(store.peek(listRef('memberRoles', u.id))?.items);
      for (const a of state.assignmentsOf('org', 'user', u.id).values()) assert.ok(stored?.includes(a.id), `${u.id} holds ${a.id}`);
    }
    for (const g of state.groups.values()) assert.ok(store.peek(listRef('groupRoles', g.id))?.isLoaded, `roles of group ${g.id}`);
    // The long lists really were paged.
    assert.equal(fake().requests.filter((r) => r.path === `/organization/projects/${active[1]!.id}/users`).length, 3);
    assert.equal(result.lists.length, await assertEveryListIsTruth(store, client));
    assert.ok(result.readAt !== undefined && result.readAt <= Date.now());
  });

  it('reads a list\'s next page before anything queued after it (one page at a time: the members\' pages come in a row)', async () => {
    await loadOrganization(store, { concurrency: 1, includeRoleAssignments: false });
    const order = fake().requests.map((r) => r.path);
    const members = order.flatMap((path, i) => (path === '/organization/users' ? [i] : []));
    assert.equal(members.length, 3, 'three pages of members');
    assert.deepEqual(members, [members[0], members[0]! + 1, members[0]! + 2], `${members[2]! - members[0]! - 2} other requests came between the members' pages`);
    const users = order.flatMap((path, i) => (path === `/organization/projects/${activeProjects(fake())[1]!.id}/users` ? [i] : []));
    assert.deepEqual(users, [users[0], users[0]! + 1, users[0]! + 2], 'the big project\'s three pages of users came in a row');
  });

  it('reads no role assignments when told not to, and every project user\'s when told to', async () => {
    await loadOrganization(store, { includeRoleAssignments: false });
    assert.deepEqual(fake().requests.filter((r) => r.path.endsWith('/roles') && !/^\/(organization|projects\/[^/]+)\/roles$/.test(r.path)).map((r) => r.path), []);
    fake().resetStats();
    const result = await loadOrganization(store, { includeRoleAssignments: true, resources: ['projectUserRoles'] });
    assert.deepEqual(result.errors, []);
    const users = activeProjects(fake()).reduce((n, p) => n + fake().state.project(p.id)!.members.size, 0);
    assert.equal(fake().requests.filter((r) => /^\/projects\/[^/]+\/users\/[^/]+\/roles$/.test(r.path)).length, users);
    assert.equal(fake().requests.filter((r) => !r.path.endsWith('/roles')).length, 0, 'the projects and their users were loaded already');
  });

  it('merges with a tree loading the same lists at the same time: no list is read twice, and lists read before are not read again', async () => {
    await store.loadAll(listRef('members'));
    fake().resetStats();
    await control(fake(), 'latency', { latencyMs: 10 });
    // A tree: the projects folder open, and each project's Users and API keys folders expanded as the projects arrive.
    const tree: Promise<unknown>[] = [store.list(listRef('projects')).ensureLoaded()];
    const opened = new Set<string>();
    const sub = store.onDidChangeIn({ resource: 'projects' }, () => {
      for (const p of store.peek(listRef('projects'))!.items) {
        if (opened.has(p.id)) continue;
        opened.add(p.id);
        tree.push(store.list(listRef('projectUsers', p.id)).ensureLoaded(), store.list(listRef('projectApiKeys', p.id)).loadMore());
      }
    });
    const result = await loadOrganization(store, { includeRoleAssignments: false });
    await Promise.all(tree);
    sub.dispose();
    assert.ok(opened.size > 0);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(twice(keysOf(fake())), [], 'a request was made twice');
    assert.equal(fake().requests.filter((r) => r.path === '/organization/users').length, 0, 'members were read already');
    await assertEveryListIsTruth(store, client);
  });

  it('reports a failed list and loads the rest; running it again reads only the failed lists', async () => {
    const [, , , p3, p4] = activeProjects(fake()).map((p) => p.id);
    fake().faults.add({ path: `^/organization/projects/${p3}/api_keys$`, kind: 'status', status: 500, times: 1 });
    fake().faults.add({ path: '^/organization/groups$', kind: 'status', status: 503, times: 1 });
    fake().faults.add({ path: `^/organization/projects/${p4}/users$`, kind: 'status', status: 500, times: 1 });
    const result = await loadOrganization(store, { includeRoleAssignments: false });
    assert.deepEqual(result.errors.map((e) => [listKey(e.ref), (e.error as { status?: number }).status, e.what]).sort(), [
      ['groups', 503, 'groups'], [`projectApiKeys:${p3}`, 500, 'API keys'], [`projectUsers:${p4}`, 500, 'users'],
    ]);
    assert.ok(store.peek(listRef('projectApiKeys', p3))?.error, 'the failure stays on the list, for its Retry row');
    assert.equal(store.peek(listRef('groupUsers', fake().state.groups.values()[0]!.id)), undefined, 'nothing hangs off a failed list');
    for (const p of activeProjects(fake()).filter((x) => x.id !== p3 && x.id !== p4)) {
      assert.ok(store.peek(listRef('projectApiKeys', p.id))?.isLoaded && store.peek(listRef('projectUsers', p.id))?.isLoaded, p.id);
    }

    fake().resetStats();
    const retry = await loadOrganization(store, { includeRoleAssignments: false });
    assert.deepEqual(retry.errors, []);
    const groups = fake().state.groups.values().map((g) => `/organization/groups/${g.id}/users`);
    assert.deepEqual(fake().requests.map((r) => r.path).sort(), [
      '/organization/groups', ...groups, `/organization/projects/${p3}/api_keys`, `/organization/projects/${p4}/users`,
    ].sort(), 'only the failed lists and what hangs off them');
    await assertEveryListIsTruth(store, client);
  });

  it('cancels: rejects with the reason, aborts its requests in flight, starts nothing more, and keeps what was read', async () => {
    await control(fake(), 'latency', { latencyMs: 60 });
    const cancelled: string[] = [];
    const logged = clientFor(fake(), { maxRetries: 0, onRequest: (e) => { if (/cancelled/i.test(e.error ?? '')) cancelled.push(e.path); } });
    const own = new OrgStore(async () => logged);
    const controller = new AbortController();
    const load = loadOrganization(own, {
      signal: controller.signal,
      onProgress: (p) => { if (p.requests >= 12) controller.abort(new CancelledError('stop', { method: 'GET', path: '' })); },
    });
    await assert.rejects(load, (err: Error) => err.name === 'CancelledError' && err.message === 'stop');
    assert.ok(cancelled.length > 0, 'no request in flight was aborted');
    await eventually(() => fake().stats.inFlight === 0);
    const total = fake().stats.total;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(fake().stats.total, total, 'requests reached the fake after the load was cancelled');
    assert.ok(total < 30, `the load went on after it was cancelled (${total} requests)`);
    const read = [...own.listsOf('projects'), ...own.listsOf('members')].filter(([, l]) => l.isLoaded);
    assert.ok(read.length > 0, 'what was read stays in the store');
    own.dispose();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('before'));
    await assert.rejects(loadOrganization(store, { signal: controller.signal }), /before/);
    assert.equal(fake().stats.total, 0);
  });

  it('never has more pages in flight than its concurrency, nor requests than the client\'s limit (counted by the fake)', async () => {
    await control(fake(), 'latency', { latencyMs: 15 });
    const resources = ['projectApiKeys', 'projectRateLimits', 'hostedToolPermissions'] as const;
    for (const concurrency of [1, 3, 8]) {
      fake().resetStats();
      const own = new OrgStore(async () => client);
      const result = await loadOrganization(own, { concurrency, resources });
      own.dispose();
      assert.equal(fake().stats.maxInFlight, concurrency, `concurrency ${concurrency}: the fake saw ${fake().stats.maxInFlight} at once`);
      assert.equal(result.maxInFlight, concurrency);
    }
    // The client's limit (openaiAdmin.maxConcurrentRequests) holds a load asking for more.
    fake().resetStats();
    const limited = clientFor(fake(), { maxRetries: 0, concurrency: 2 });
    const own = new OrgStore(async () => limited);
    await loadOrganization(own, { concurrency: 8, resources });
    own.dispose();
    assert.equal(fake().stats.maxInFlight, 2);
  });

  it('under a rate limit the whole load slows down (the client\'s limit drops), recovers once the limit is lifted, and no request is made twice except 429s', async () => {
    // Well below what the load asks for even on a busy machine (8 in flight at 5 ms latency).
    await control(fake(), 'rate-limit', { requestsPerSecond: 25 });
    await control(fake(), 'latency', { latencyMs: 5 });
    const limited = clientFor(fake(), { maxRetries: 2, concurrency: 8 });
    const own = new OrgStore(async () => limited);
    const limits: number[] = [];
    let lifted: Promise<unknown> | undefined;
    const result = await loadOrganization(own, {
      concurrency: 8,
      includeRoleAssignments: false,
      resources: ['projectUsers', 'projectServiceAccounts', 'projectApiKeys', 'projectRateLimits', 'hostedToolPermissions', 'modelPermissions', 'members', 'groups'],
      onProgress: () => {
        limits.push(limited.concurrencyLimit!);
        // Once the load has slowed down, the API stops rate limiting: the limit must grow back to the setting.
        if (limited.concurrencyLimit! < 8) lifted ??= control(fake(), 'rate-limit', { requestsPerSecond: null });
      },
    });
    await lifted;
    own.dispose();
    assert.deepEqual(result.errors, []);
    const records = fake().requests;
    assert.ok(records.some((r) => r.status === 429), 'the fake rate limited the load');
    const low = Math.min(...limits);
    assert.ok(low < 8, `the client's limit never dropped (${low})`);
    assert.equal(Math.max(...limits.slice(limits.indexOf(low))), 8, `the limit never grew back from ${low} to 8: ${limits.join(' ')}`);
    assert.ok(fake().stats.maxInFlight <= 8);
    // Every repeated request repeats a 429.
    const last = new Map<string, number>();
    records.forEach((r, i) => last.set(`${r.method} ${r.path}${r.query}`, i));
    const repeatsOfNon429 = records.filter((r, i) => last.get(`${r.method} ${r.path}${r.query}`) !== i && r.status !== 429);
    assert.deepEqual(repeatsOfNon429.map((r) => r.path), []);
    assert.equal(new Set(records.filter((r) => r.status !== 429).map((r) => `${r.method} ${r.path}${r.query}`)).size, records.filter((r) => r.status !== 429).length);
  });

  it('queues a page rate limited beyond the client\'s retries again after the server\'s wait, and gives up after a few times', async () => {
    const [, , , , , p5, p6] = activeProjects(fake()).map((p) => p.id);
    fake().faults.add({ path: `^/organization/projects/${p5}/rate_limits$`, kind: 'status', status: 429, retryAfter: '0', times: 2 });
    fake().faults.add({ path: `^/organization/projects/${p6}/service_accounts$`, kind: 'status', status: 429, retryAfter: '0.05' });
    const retrying = clientFor(fake(), { maxRetries: 1 });
    const own = new OrgStore(async () => retrying);
    const result = await loadOrganization(own, { resources: ['projectRateLimits', 'projectServiceAccounts'], rateLimitRetries: 2 });
    own.dispose();
    const attempts = (path: string) => fake().requests.filter((r) => r.path === path).map((r) => r.status);
    assert.deepEqual(attempts(`/organization/projects/${p5}/rate_limits`), [429, 429, 200], 'two client attempts, then the load queued it again');
    assert.deepEqual(attempts(`/organization/projects/${p6}/service_accounts`), [429, 429, 429, 429, 429, 429], '(1 + 1 client retry) × (1 + 2 queued again)');
    assert.deepEqual(result.errors.map((e) => [listKey(e.ref), (e.error as { status?: number }).status]), [[`projectServiceAccounts:${p6}`, 429]]);
    assert.equal((result.errors[0]!.error as { retryAfterMs?: number }).retryAfterMs, 50, 'the error carries the server\'s wait, which the load waited out');
    const tries = fake().requests.filter((r) => r.path === `/organization/projects/${p6}/service_accounts`);
    for (let i = 2; i < tries.length; i += 2) assert.ok(tries[i]!.startedAt - tries[i - 1]!.endedAt! >= 45, `queued again ${tries[i]!.startedAt - tries[i - 1]!.endedAt!} ms after a 429 asking for 50`);
  });

  it('fails a list whose API answers with a cursor it gave before (instead of reading it forever), and loads the rest', async () => {
    // The members' third page names the second page's cursor again.
    const pages: Record<string, { data: { id: string }[]; hasMore: boolean; nextCursor: string | null }> = {
      first: { data: [{ id: 'user_a' }], hasMore: true, nextCursor: 'c1' },
      c1: { data: [{ id: 'user_b' }], hasMore: true, nextCursor: 'c2' },
      c2: { data: [{ id: 'user_c' }], hasMore: true, nextCursor: 'c1' },
    };
    let memberPages = 0;
    const looping = {
      ...client,
      users: { ...client.users, listPage: async (query?: { after?: string }) => {
        if (++memberPages > 10) throw new Error('read on and on');
        return pages[query?.after ?? 'first']!;
      } },
    } as unknown as AdminClient;
    const looped = new OrgStore(async () => looping);
    try {
      const result = await loadOrganization(looped, { resources: ['members', 'invites'], includeRoleAssignments: false });
      assert.equal(memberPages, 3);
      assert.deepEqual(result.errors.map((e) => [listKey(e.ref), String((e.error as Error).message)]), [
        ['members', 'Pagination stopped: the members list repeated the cursor c1'],
      ]);
      assert.ok(result.lists.some((ref) => ref.resource === 'invites'), 'the invites were not loaded');
    } finally {
      looped.dispose();
    }
  });
});
