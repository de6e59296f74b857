// The /__fake control plane (for tests in another process) and the CLI's first line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { call } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi, RequestRecord } from './types';

describe('fake-admin-api: control plane', () => {
  let fake: FakeAdminApi;
  before(async () => {
    fake = await startFakeAdminApi({ projects: 4, users: 12 });
  });
  after(() => fake.close());

  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${fake.origin}/__fake/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('adds and clears faults over HTTP', async () => {
    assert.equal((await control('POST', 'faults', [{ path: '^/organization/projects$', kind: 'status', status: 503, times: 1 }])).status, 200);
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 503);
    assert.equal((await call(fake, 'GET', '/organization/projects')).status, 200);
    await control('POST', 'faults', { path: '.*', kind: 'status', status: 500 });
    assert.equal((await call(fake, 'GET', '/organization/users')).status, 500);
    await control('DELETE', 'faults');
    assert.equal((await call(fake, 'GET', '/organization/users')).status, 200);
    assert.equal((await control('POST', 'faults', { path: '(', kind: 'status', status: 500 })).status, 400);
  });

  it('lists and resets request records and stats', async () => {
    await control('DELETE', 'requests');
    await call(fake, 'GET', '/organization/projects', { query: { limit: 2 } });
    await call(fake, 'POST', '/organization/projects', { body: { name: 'via control plane' } });
    const records = (await control('GET', 'requests')).json as RequestRecord[];
    assert.equal(records.length, 2);
    assert.deepEqual(
      records.map((r) => [r.method, r.route, r.operationId, r.status, r.query]),
      [
        ['GET', 'GET /organization/projects', 'list-projects', 200, '?limit=2'],
        ['POST', 'POST /organization/projects', 'create-project', 200, ''],
      ],
    );
    assert.equal(records[0]!.authorization, `Bearer ${fake.adminKey}`);
    assert.deepEqual(records[1]!.body, { name: 'via control plane' });
    const stats = (await control('GET', 'stats')).json;
    assert.equal(stats.total, 2);
    await control('DELETE', 'requests');
    assert.deepEqual((await control('GET', 'requests')).json, []);
    assert.equal((await control('GET', 'stats')).json.total, 0);
  });

  it('exposes the whole state and sets latency', async () => {
    const state = (await control('GET', 'state')).json;
    assert.equal(state.projects.length, fake.state.projects.size);
    assert.equal(state.users.length, 12);
    assert.equal((await control('POST', 'latency', { latencyMs: 150 })).status, 200);
    const t0 = Date.now();
    await call(fake, 'GET', '/organization/projects');
    assert.ok(Date.now() - t0 >= 140);
    await control('POST', 'latency', { latencyMs: 0 });
    assert.equal((await control('POST', 'latency', { latencyMs: -1 })).status, 400);
  });

  it('is not recorded as /v1 traffic', async () => {
    await control('DELETE', 'requests');
    await control('GET', 'stats');
    assert.equal(fake.requests.length, 0);
  });
});

describe('fake-admin-api: CLI', () => {
  it('prints the agreed first line, serves, and exits on SIGTERM', async function () {
    this.timeout(20_000);
    const root = path.resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-admin-api/cli.ts', '--port', '0', '--projects', '3', '--users', '9', '--seed', '5', '--admin-key', 'sk-admin-cli-test', '--no-hostile'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early (${code})`)));
      });
      const m = /^OpenAI Admin API fake listening on (http:\/\/127\.0\.0\.1:(\d+)\/v1) \(admin key: sk-admin-cli-test\)$/.exec(first);
      assert.ok(m, first);
      assert.notEqual(m[2], '0');
      const res = await fetch(`${m[1]}/organization/projects?include_archived=true`, { headers: { authorization: 'Bearer sk-admin-cli-test' } });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { data: unknown[] }).data.length, 3);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
