import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient, type User } from '../../../src/api';
import { PagedCollection } from '../../../src/model/pagedCollection';
import { startFakeAdminApi, type FakeAdminApi } from '../../fake-admin-api';

describe('PagedCollection (the cache behind every tree folder and search pick)', () => {
  let fake: FakeAdminApi;
  let client: AdminClient;
  const usersPath = (r: { method: string; path: string }) => r.method === 'GET' && r.path === '/organization/users';
  const members = () => new PagedCollection<User>((after, signal) => client.users.listPage({ after }, { signal }));

  before(async () => {
    fake = await startFakeAdminApi({ users: 250, projects: 3 });
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => { fake.faults.clear(); fake.resetStats(); });

  it('loads page by page to the end, in API order, nothing lost or repeated', async () => {
    const c = members();
    await c.ensureLoaded();
    assert.equal(c.items.length, 100);
    assert.equal(c.hasMore, true);
    while (c.hasMore) await c.loadMore();
    const all = await client.users.all();
    assert.deepEqual(c.items.map((u) => u.id), all.map((u) => u.id));
    assert.equal(fake.requests.filter(usersPath).length, 3 + 3, 'three pages for the collection, three for the reference walk');
  });

  it('merges concurrent loads into one request', async () => {
    const c = members();
    await Promise.all([c.ensureLoaded(), c.ensureLoaded(), c.loadMore()]);
    assert.equal(fake.requests.filter(usersPath).length, 1);
    await Promise.all([c.loadMore(), c.loadMore()]);
    assert.equal(fake.requests.filter(usersPath).length, 2);
    assert.equal(c.items.length, 200);
  });

  it('keeps loaded items when a page fails, and the retry asks for the same page', async () => {
    const c = members();
    await c.ensureLoaded();
    fake.faults.add({ path: '^/organization/users$', kind: 'status', status: 503, times: 1 });
    await c.loadMore();
    assert.equal((c.error as { status?: number }).status, 503);
    assert.equal(c.items.length, 100, 'items already loaded were lost');
    await c.loadMore();
    assert.equal(c.error, undefined);
    assert.equal(c.items.length, 200);
    assert.equal(new Set(c.items.map((u) => u.id)).size, 200, 'a page was repeated');
  });

  it('loadUntil stops as soon as the predicate is satisfied (search fetches only what it needs)', async () => {
    const c = members();
    const all = await client.users.all();
    fake.resetStats();
    const target = all[150].id;
    await c.loadUntil((items) => items.some((u) => u.id === target));
    assert.equal(c.items.length, 200);
    assert.equal(fake.requests.filter(usersPath).length, 2);
  });

  it('cancel() aborts the request in flight (the fake sees it aborted) and the next load asks again', async () => {
    const c = members();
    fake.faults.add({ path: '^/organization/users$', kind: 'latency', latencyMs: 2000, times: 1 });
    const pending = c.ensureLoaded();
    for (let i = 0; i < 100 && fake.stats.inFlight === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(c.cancel(), true);
    await pending;
    for (let i = 0; i < 100 && fake.stats.aborted === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(fake.stats.aborted, 1, 'the server did not see the request aborted');
    assert.equal(c.isLoaded, false);
    assert.equal(c.error, undefined, 'a cancel is not an error');
    await c.ensureLoaded();
    assert.equal(c.items.length, 100);
  });

  it('reset() forgets everything', async () => {
    const c = members();
    await c.ensureLoaded();
    c.reset();
    assert.equal(c.items.length, 0);
    assert.equal(c.isLoaded, false);
    await c.ensureLoaded();
    assert.equal(c.items.length, 100);
  });

  it('hands a finished page\'s signal to a later load of any list, never a fired one, and cancel still aborts only that load', async () => {
    const seen: AbortSignal[] = [];
    const watched = () => new PagedCollection<User>((after, signal) => {
      seen.push(signal);
      return client.users.listPage({ after }, { signal });
    });
    // Signals are reused (building one per page was a measurable share of Load Organization's time).
    await watched().ensureLoaded();
    await watched().ensureLoaded();
    assert.equal(seen[1], seen[0], 'the second list did not reuse the first page\'s signal');

    // Two slow loads in flight: cancelling the one on a reused signal aborts its request only.
    fake.resetStats();
    fake.faults.add({ path: '^/organization/users$', kind: 'latency', latencyMs: 1500, times: 2 });
    const cancelled = watched();
    const other = watched();
    const pendingCancelled = cancelled.ensureLoaded();
    const pendingOther = other.ensureLoaded();
    assert.equal(seen[2], seen[0], 'the slow load did not get the reused signal');
    for (let i = 0; i < 200 && fake.stats.inFlight < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(cancelled.cancel(), true);
    await Promise.all([pendingCancelled, pendingOther]);
    assert.equal(seen[2]!.aborted, true);
    assert.equal(seen[3]!.aborted, false);
    assert.equal(other.items.length, 100, 'the other list was cut by a signal it shared');
    assert.equal(other.error, undefined);
    for (let i = 0; i < 100 && fake.stats.aborted === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(fake.stats.aborted, 1);

    // The fired signal is never handed out again: the next loads get live ones and succeed.
    await cancelled.ensureLoaded();
    await watched().ensureLoaded();
    assert.ok(seen.slice(4).every((signal) => signal !== seen[2] && !signal.aborted));
    assert.equal(cancelled.items.length, 100);
  });
});
