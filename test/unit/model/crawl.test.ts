// The organization crawl against the fake: complete (compared with the fake's own state), every
// request once, never more in flight than the limit (counted by the fake), cancellable, and
// patient with 429s.
import assert from 'node:assert/strict';
import { CancelledError, type AdminClient } from '../../../src/api';
import { crawlOrganization, DEFAULT_CRAWL_CONCURRENCY, type ProjectCrawl } from '../../../src/model/crawl';
import { ownerHasAccess } from '../../fake-admin-api/views';
import { clientFor, eventually, useFakeApi, type FakeAdminApi } from '../api/helpers/fake';

const ids = (items: readonly { id: string }[] | undefined) => items?.map((i) => i.id);

/** Makes some lists longer than a page: 250 members in one project, 130 service accounts (and their keys) in another. */
function enlarge(fake: FakeAdminApi): void {
  const active = fake.state.projects.values().filter((p) => p.status === 'active');
  const big = fake.state.project(active[1]!.id)!;
  for (const u of fake.state.users.values()) {
    if (big.members.size >= 250) break;
    if (!big.members.has(u.id)) big.members.insert({ id: u.id, role: 'member', added_at: u.added_at });
  }
  const many = fake.state.project(active[2]!.id)!;
  for (let i = 0; i < 130; i++) {
    const id = `svc_acct_crawltest${String(i).padStart(4, '0')}`;
    many.serviceAccounts.insert({ id, name: `crawl test ${i}`, role: 'member', created_at: 1_700_000_000 + i });
    many.apiKeys.insert({
      id: `key_crawltest${String(i).padStart(4, '0')}`, name: 'Secret Key', created_at: 1_700_000_000 + i, last_used_at: null,
      redacted_value: 'sk-svcacct...test', owner: { type: 'service_account', id }, scopes: [],
    });
  }
  fake.state.touch();
}

/** What the crawl should have found for a project, read from the fake's state (not through the client). */
function assertMatchesState(fake: FakeAdminApi, entry: ProjectCrawl): void {
  const id = entry.project.id;
  const data = fake.state.project(id)!;
  const archived = entry.project.status === 'archived';
  assert.deepEqual(ids(entry.users), archived ? undefined : data.members.values().map((m) => m.id), `${id} users`);
  assert.deepEqual(ids(entry.serviceAccounts), archived ? undefined : data.serviceAccounts.values().map((s) => s.id), `${id} service accounts`);
  assert.deepEqual(ids(entry.apiKeys), data.apiKeys.values().filter((k) => ownerHasAccess(fake.state, id, k)).map((k) => k.id), `${id} API keys`);
  assert.deepEqual(ids(entry.rateLimits), data.rateLimits.values().map((r) => r.id), `${id} rate limits`);
  if (data.modelPermissions) assert.deepEqual(entry.modelPermissions && { mode: entry.modelPermissions.mode, model_ids: entry.modelPermissions.model_ids }, { mode: data.modelPermissions.mode, model_ids: data.modelPermissions.model_ids }, `${id} model permissions`);
  else assert.equal(entry.modelPermissions, null, `${id} has no model permissions policy`);
  for (const [tool, setting] of Object.entries(data.hostedTools)) {
    assert.equal((entry.hostedToolPermissions as unknown as Record<string, { enabled: boolean }>)[tool]?.enabled, setting.enabled, `${id} ${tool}`);
  }
}

function requestKeys(fake: FakeAdminApi): string[] {
  return fake.requests.map((r) => `${r.method} ${r.path}${r.query}`);
}

describe('model: organization crawl (fake Admin API)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 40, users: 400, seed: 11 });
  let client: AdminClient;

  before(() => {
    enlarge(fake());
    client = clientFor(fake(), { maxRetries: 0 });
  });
  beforeEach(() => fake().resetStats());
  afterEach(async () => {
    await fetch(`${fake().origin}/__fake/latency`, { method: 'POST', body: JSON.stringify({ latencyMs: 0 }), headers: { 'content-type': 'application/json' } });
  });

  const setLatency = (latencyMs: number) =>
    fetch(`${fake().origin}/__fake/latency`, { method: 'POST', body: JSON.stringify({ latencyMs }), headers: { 'content-type': 'application/json' } });

  it('loads every page of every resource of every active project, in API order, each request once', async () => {
    const result = await crawlOrganization(client, { concurrency: 4 });
    const active = fake().state.projects.values().filter((p) => p.status === 'active');
    assert.deepEqual(result.projects.map((p) => p.project.id), active.map((p) => p.id));
    assert.deepEqual(result.errors, []);
    for (const entry of result.projects) assertMatchesState(fake(), entry);

    const keys = requestKeys(fake());
    assert.equal(new Set(keys).size, keys.length, `a request was made twice: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(', ')}`);
    assert.equal(keys.length, result.requests);
    assert.ok(fake().requests.every((r) => r.status === 200 || (r.status === 404 && r.route.endsWith('/model_permissions'))),
      'only model permissions may 404 (no policy)');
    // The long lists really were paged.
    const big = result.projects[1]!;
    assert.equal(big.users?.length, 250);
    assert.equal(fake().requests.filter((r) => r.path === `/organization/projects/${big.project.id}/users`).length, 3);
    assert.equal(result.projects[2]!.serviceAccounts?.length, fake().state.project(result.projects[2]!.project.id)!.serviceAccounts.size);
  });

  it('never has more requests in flight than the limit (measured at the fake), and uses the limit', async () => {
    await setLatency(15);
    for (const concurrency of [1, 3, DEFAULT_CRAWL_CONCURRENCY]) {
      fake().resetStats();
      const result = await crawlOrganization(client, { concurrency, resources: ['apiKeys', 'rateLimits', 'hostedToolPermissions'] });
      assert.ok(fake().stats.maxInFlight <= concurrency, `limit ${concurrency}: the fake saw ${fake().stats.maxInFlight} at once`);
      assert.equal(fake().stats.maxInFlight, concurrency, `limit ${concurrency}: the crawl never filled its slots`);
      assert.equal(result.maxInFlight, concurrency);
    }
  });

  it('streams projects as they complete and reports progress', async () => {
    const seen: string[] = [];
    let last = { requests: 0, projects: 0, projectsDone: 0, projectsListed: false };
    const result = await crawlOrganization(client, { onProject: (p) => seen.push(p.project.id), onProgress: (p) => { last = p; } });
    assert.deepEqual([...seen].sort(), result.projects.map((p) => p.project.id).sort());
    assert.deepEqual(last, { requests: result.requests, projects: result.projects.length, projectsDone: result.projects.length, projectsListed: true });
  });

  it('crawls archived projects on request, without the lists the API refuses for them', async () => {
    const result = await crawlOrganization(client, { includeArchived: true });
    const archived = result.projects.filter((p) => p.project.status === 'archived');
    assert.ok(archived.length > 0, 'the fake has archived projects');
    assert.deepEqual(result.errors, []);
    for (const entry of result.projects) assertMatchesState(fake(), entry);
    assert.ok(!fake().requests.some((r) => r.status === 400), 'no request the API refuses');
  });

  it('cancels: rejects with the reason, cancels what is in flight and starts nothing more', async () => {
    await setLatency(100);
    const cancelled: string[] = [];
    const logged = clientFor(fake(), { maxRetries: 0, onRequest: (e) => { if (/cancelled/i.test(e.error ?? '')) cancelled.push(e.path); } });
    const controller = new AbortController();
    const stop = () => controller.abort(new CancelledError('stop', { method: 'GET', path: '' }));
    // After the first wave: the requests that replaced it are in flight.
    const crawl = crawlOrganization(logged, { signal: controller.signal, onProgress: (p) => { if (p.requests >= 9) stop(); } });
    await assert.rejects(crawl, (err: Error) => err.name === 'CancelledError' && err.message === 'stop');
    assert.ok(cancelled.length > 0, 'no request in flight was cancelled');
    await eventually(() => fake().stats.inFlight === 0);
    const total = fake().stats.total;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(fake().stats.total, total, 'requests reached the fake after the crawl was cancelled');
    assert.ok(total < 40, `the crawl went on after it was cancelled (${total} requests)`);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('before'));
    await assert.rejects(crawlOrganization(client, { signal: controller.signal }), /before/);
    assert.equal(fake().stats.total, 0);
  });

  it('waits out a 429 that outlives the client\'s retries: the page is queued again after a pause, and the crawl completes', async () => {
    const target = fake().state.projects.values().filter((p) => p.status === 'active')[3]!.id;
    const path = `^/organization/projects/${target}/rate_limits$`;
    fake().faults.add({ path, kind: 'status', status: 429, retryAfter: '0', times: 2 });
    const retrying = clientFor(fake(), { maxRetries: 1 });
    const result = await crawlOrganization(retrying, { concurrency: 4, rateLimitPauseMs: 20 });
    assert.deepEqual(result.errors, []);
    for (const entry of result.projects) assertMatchesState(fake(), entry);
    const attempts = fake().requests.filter((r) => r.path === `/organization/projects/${target}/rate_limits`).map((r) => r.status);
    assert.deepEqual(attempts, [429, 429, 200], 'two client attempts, then the crawl queued it again');
  });

  it('gives up on a page rate limited too often, and reports it without stopping the rest', async () => {
    const target = fake().state.projects.values().filter((p) => p.status === 'active')[4]!.id;
    fake().faults.add({ path: `^/organization/projects/${target}/service_accounts$`, kind: 'status', status: 429, retryAfter: '0' });
    const result = await crawlOrganization(client, { rateLimitRetries: 2, rateLimitPauseMs: 5 });
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.projectId, target);
    assert.equal(result.errors[0]!.resource, 'serviceAccounts');
    assert.equal((result.errors[0]!.error as { status?: number }).status, 429);
    assert.equal(fake().requests.filter((r) => r.path === `/organization/projects/${target}/service_accounts`).length, 3);
    const entry = result.projects.find((p) => p.project.id === target)!;
    assert.equal(entry.serviceAccounts, undefined);
    assert.deepEqual(ids(entry.users), fake().state.project(target)!.members.values().map((m) => m.id));
  });

  it('records a failed list as an error and finishes the rest', async () => {
    const target = fake().state.projects.values().filter((p) => p.status === 'active')[5]!.id;
    fake().faults.add({ path: `^/organization/projects/${target}/api_keys$`, kind: 'status', status: 500 });
    const result = await crawlOrganization(client);
    assert.deepEqual(result.errors.map((e) => [e.projectId, e.resource, (e.error as { status?: number }).status]), [[target, 'apiKeys', 500]]);
    for (const entry of result.projects.filter((p) => p.project.id !== target)) assertMatchesState(fake(), entry);
  });

  it('fails as a whole when the projects list fails, and stops the work already started', async () => {
    // Pages of 10, so the list needs more than one page; the second one fails.
    const paging = { ...client, projects: { ...client.projects, listPage: (q?: object, o?: object) => client.projects.listPage({ ...q, limit: 10 }, o) } } as AdminClient;
    fake().faults.add({ path: '^/organization/projects$', kind: 'status', status: 500, skip: 1 });
    await assert.rejects(crawlOrganization(paging, { concurrency: 2 }), (err: { status?: number }) => err.status === 500);
    await eventually(() => fake().stats.inFlight === 0);
  });
});
