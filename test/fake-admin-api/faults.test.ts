// Each fault kind behaves as documented, including whether a faulted write happened.
import assert from 'node:assert/strict';
import { busyProject, call, outsider } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi } from './types';

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const projectCount = (fake: FakeAdminApi, name: string) => fake.state.projects.values().filter((p) => p.name === name).length;

describe('fake-admin-api: faults', () => {
  let fake: FakeAdminApi;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 2, projects: 6, users: 30 });
  });
  beforeEach(() => {
    fake.faults.clear();
    fake.resetStats();
  });
  after(() => fake.close());

  it('status 429 with Retry-After headers, `times` limits it, and the write did not happen', async () => {
    fake.faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'status', status: 429, retryAfter: '2', retryAfterMs: 1500, times: 1 });
    const r = await call(fake, 'POST', '/organization/projects', { body: { name: 'rate limited' } });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '2');
    assert.equal(r.headers.get('retry-after-ms'), '1500');
    assert.deepEqual([r.json.error.type, r.json.error.code], ['requests', 'rate_limit_exceeded']);
    assert.match(r.headers.get('x-request-id') ?? '', /^req_/);
    assert.equal(projectCount(fake, 'rate limited'), 0);
    assert.equal((await call(fake, 'POST', '/organization/projects', { body: { name: 'rate limited' } })).status, 200);
    assert.equal(projectCount(fake, 'rate limited'), 1);
  });

  it('5xx statuses carry server_error bodies and change nothing', async () => {
    const project = fake.state.projects.values().find((p) => p.status === 'active')!.id;
    const userId = outsider(fake, project);
    for (const status of [500, 502, 503]) {
      fake.faults.clear();
      fake.faults.add({ path: '/users$', kind: 'status', status });
      const r = await call(fake, 'POST', `/organization/projects/${project}/users`, { body: { user_id: userId, role: 'member' } });
      assert.equal(r.status, status);
      assert.equal(r.json.error.type, 'server_error');
    }
    assert.equal(fake.state.project(project)!.members.has(userId), false);
  });

  it('skip lets matching requests through first; method and path narrow the rule', async () => {
    fake.faults.add({ method: 'GET', path: '^/organization/users$', kind: 'status', status: 500, skip: 2, times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(fake, 'GET', '/organization/users')).status);
    assert.deepEqual(statuses, [200, 200, 500, 200]);
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
  });

  it('probability uses the seeded RNG: same seed, same pattern', async () => {
    const pattern = async (f: FakeAdminApi) => {
      f.faults.add({ path: '^/organization/invites$', kind: 'status', status: 503, probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(f, 'GET', '/organization/invites')).status);
      return out;
    };
    const other = await startFakeAdminApi({ seed: 2, projects: 6, users: 30 });
    try {
      const a = await pattern(fake);
      const b = await pattern(other);
      assert.deepEqual(a, b);
      assert.ok(a.includes(503) && a.includes(200));
    } finally {
      await other.close();
    }
  });

  it('faults apply after auth: a bad key still gets 401', async () => {
    fake.faults.add({ path: '.*', kind: 'status', status: 500 });
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: 'sk-bad-key-0000000000' })).status, 401);
    assert.equal((await call(fake, 'GET', '/organization/projects', { key: fake.nonAdminKey })).status, 403);
  });

  it('reset destroys the socket before handling: the client errors and the write did not happen', async () => {
    fake.faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'reset', times: 1 });
    await assert.rejects(call(fake, 'POST', '/organization/projects', { body: { name: 'reset me' } }));
    assert.equal(projectCount(fake, 'reset me'), 0);
    await eventually(() => fake.requests.at(-1)?.endedAt !== undefined);
    const rec = fake.requests.at(-1)!;
    assert.deepEqual([rec.status, rec.aborted], [0, false]);
  });

  it('timeout never answers: the client gives up, the request is recorded as aborted, nothing is written', async () => {
    fake.faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'timeout' });
    await assert.rejects(call(fake, 'POST', '/organization/projects', { body: { name: 'hung' }, signal: AbortSignal.timeout(300) }));
    await eventually(() => fake.stats.aborted === 1);
    const rec = fake.requests.at(-1)!;
    assert.deepEqual([rec.status, rec.aborted], [0, true]);
    assert.equal(fake.stats.inFlight, 0);
    assert.equal(projectCount(fake, 'hung'), 0);
  });

  it('malformed: 200 with invalid JSON, and the write happened', async () => {
    fake.faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'malformed', times: 1 });
    const r = await call(fake, 'POST', '/organization/projects', { body: { name: 'mangled' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.throws(() => JSON.parse(r.text));
    assert.equal(projectCount(fake, 'mangled'), 1);
  });

  it('truncated: Content-Length promises more than arrives, the client errors, and the write happened', async () => {
    fake.faults.add({ method: 'POST', path: '^/organization/projects$', kind: 'truncated', times: 1 });
    await assert.rejects(call(fake, 'POST', '/organization/projects', { body: { name: 'cut short' } }));
    assert.equal(projectCount(fake, 'cut short'), 1);
    await eventually(() => fake.requests.at(-1)?.endedAt !== undefined);
    assert.equal(fake.requests.at(-1)!.aborted, false);
  });

  it('slow-body trickles a valid body over latencyMs', async () => {
    fake.faults.add({ path: '^/organization/users$', kind: 'slow-body', latencyMs: 400 });
    const t0 = Date.now();
    const r = await call(fake, 'GET', '/organization/users');
    assert.ok(Date.now() - t0 >= 350, `took ${Date.now() - t0}ms`);
    assert.equal(r.json.object, 'list');
  });

  it('latency rules delay the response; a client that gives up during the delay writes nothing', async () => {
    fake.faults.add({ path: '^/organization/projects$', kind: 'latency', latencyMs: 300 });
    const t0 = Date.now();
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
    assert.ok(Date.now() - t0 >= 280);
    await assert.rejects(call(fake, 'POST', '/organization/projects', { body: { name: 'impatient' }, signal: AbortSignal.timeout(100) }));
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(projectCount(fake, 'impatient'), 0);
  });

  it('latency and another fault combine (delay, then the fault)', async () => {
    fake.faults.add([
      { path: '^/organization/invites$', kind: 'latency', latencyMs: 150 },
      { path: '^/organization/invites$', kind: 'status', status: 502 },
    ]);
    const t0 = Date.now();
    assert.equal((await call(fake, 'GET', '/organization/invites')).status, 502);
    assert.ok(Date.now() - t0 >= 140);
  });

  it('rejects rules that cannot work', () => {
    assert.throws(() => fake.faults.add({ path: '(', kind: 'status', status: 500 }));
    assert.throws(() => fake.faults.add({ path: '.*', kind: 'status' }));
    assert.throws(() => fake.faults.add({ path: '.*', kind: 'explode' as never }));
  });
});

describe('fake-admin-api: latency option and concurrency stats', () => {
  it('counts in-flight requests at the server and applies latencyMs to every /v1 response', async () => {
    const fake = await startFakeAdminApi({ projects: 3, users: 10, latencyMs: 200 });
    try {
      const t0 = Date.now();
      const replies = await Promise.all(Array.from({ length: 8 }, () => call(fake, 'GET', '/organization/projects')));
      assert.ok(replies.every((r) => r.status === 200));
      assert.ok(Date.now() - t0 >= 190);
      assert.ok(fake.stats.maxInFlight >= 8, `maxInFlight ${fake.stats.maxInFlight}`);
      assert.equal(fake.stats.total, 8);
      await eventually(() => fake.stats.inFlight === 0);
      fake.resetStats();
      assert.deepEqual([fake.requests.length, fake.stats.total, fake.stats.aborted], [0, 0, 0]);
    } finally {
      await fake.close();
    }
  });

  it('answers no read sooner than latencyMs after it arrived, also when many arrive together', async () => {
    const fake = await startFakeAdminApi({ projects: 40, users: 400, latencyMs: 30 });
    try {
      const timed = async (path: string) => {
        const t0 = performance.now();
        const r = await call(fake, 'GET', path);
        return { status: r.status, ms: performance.now() - t0 };
      };
      const paths = fake.state.projects.values().filter((p) => p.status === 'active').flatMap((p) => [`/organization/projects/${p.id}/users`, `/organization/projects/${p.id}/api_keys`]);
      const replies = await Promise.all(paths.map(timed));
      assert.ok(replies.every((r) => r.status === 200));
      const early = replies.filter((r) => r.ms < 30);
      assert.deepEqual(early, [], `answered before the latency: ${early.map((r) => r.ms.toFixed(2)).join(', ')} ms`);
      // At the fake itself, from each request's arrival to its answer.
      const atFake = fake.requests.map((r) => r.durationMs!).filter((ms) => !(ms >= 30));
      assert.deepEqual(atFake, [], `answered before the latency at the fake: ${atFake.map((ms) => ms.toFixed(2)).join(', ')} ms`);
    } finally {
      await fake.close();
    }
  });

  it('does a read\'s work when it arrives and a write\'s after the wait, so a client that gives up writes nothing', async () => {
    const fake = await startFakeAdminApi({ projects: 3, users: 10, latencyMs: 200 });
    try {
      const project = fake.state.projects.get(busyProject(fake))!;
      const before = project.name;
      const read = call(fake, 'GET', `/organization/projects/${project.id}`);
      await eventually(() => fake.stats.inFlight === 1);
      // Changed behind the API while the read waits out its latency: the read was answered as of its arrival.
      project.name = 'changed during the wait';
      assert.equal((await read).json.name, before);
      project.name = before;

      const t0 = Date.now();
      await assert.rejects(call(fake, 'POST', `/organization/projects/${project.id}`, { body: { name: 'impatient' }, signal: AbortSignal.timeout(80) }));
      await new Promise((r) => setTimeout(r, 250));
      assert.ok(Date.now() - t0 >= 250);
      assert.equal(fake.state.projects.get(project.id)!.name, before);
      assert.equal((await call(fake, 'POST', `/organization/projects/${project.id}`, { body: { name: 'patient' } })).json.name, 'patient');
    } finally {
      await fake.close();
    }
  });

  it('close() ends requests hung by a timeout fault', async () => {
    const fake = await startFakeAdminApi({ projects: 2, users: 5 });
    fake.faults.add({ path: '.*', kind: 'timeout' });
    const pending = call(fake, 'GET', '/organization/projects').catch((e: unknown) => e);
    await eventually(() => fake.stats.inFlight === 1);
    const t0 = Date.now();
    await fake.close();
    assert.ok(Date.now() - t0 < 1000);
    assert.ok((await pending) instanceof Error);
  });
});
