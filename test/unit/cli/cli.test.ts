// The organization-as-code CLI against the fake Admin API over HTTP: export, plan and apply with
// their exit codes, a file with errors stopped before any request, and the admin key never printed,
// never taken from an argument, never sent over plain http off this machine. Most runs call `main`
// in-process (fast); one spawns the built dist/cli.js the way `npm run org` does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { EXIT, KEY_NOT_SHOWN, main, NO_CHANGES } from '../../../src/cli/main';
import { startFakeAdminApi, type FakeAdminApi } from '../../fake-admin-api';

const ROOT = join(__dirname, '..', '..', '..');
const KEY = 'sk-admin-cli-canary-7f3a9c21e5d04b68';
/** A full key value (a created service account's key has this shape); redacted values never do. */
const KEY_SHAPED = /sk-[A-Za-z0-9_-]{20,}/;

interface Run { code: number; stdout: string; stderr: string }

describe('CLI: export, plan, apply against the fake', function () {
  this.timeout(60_000);
  let fake: FakeAdminApi;
  let dir: string;
  const outputs: Run[] = [];

  async function cli(argv: string[], env: NodeJS.ProcessEnv = { OPENAI_ADMIN_KEY: KEY }): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, env, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    const run = { code, stdout, stderr };
    outputs.push(run);
    return run;
  }
  const at = (name: string) => join(dir, name);
  const writes = () => fake.requests.filter((r) => r.method !== 'GET');

  before(async () => {
    fake = await startFakeAdminApi({ projects: 4, users: 30, seed: 7, hostile: false, adminKey: KEY });
    dir = mkdtempSync(join(tmpdir(), 'oae-cli-'));
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fake.resetStats());

  it('export → plan says no changes (exit 0); an edit → plan lists the calls (exit 2) and sends no write; apply --yes → exit 0; plan again → exit 0', async () => {
    const exported = await cli(['export', '--out', at('org.openai-org.yaml'), '--base-url', fake.url]);
    assert.equal(exported.code, EXIT.ok, exported.stderr);
    assert.equal(exported.stdout, '', 'with --out nothing goes to stdout');
    const text = readFileSync(at('org.openai-org.yaml'), 'utf8');
    assert.match(text, /^version: 1$/m);

    const same = await cli(['plan', at('org.openai-org.yaml'), '--base-url', fake.url]);
    assert.equal(same.code, EXIT.ok, same.stdout + same.stderr);
    assert.match(same.stdout, new RegExp(NO_CHANGES.replace(/[.:]/g, '\\$&')));

    // The edit: a new group, and a new service account in the first project.
    const doc = parse(text) as { organization?: { groups?: { name: string }[] }; projects: { name: string; service_accounts?: { name: string }[] }[] };
    doc.organization ??= {};
    (doc.organization.groups ??= []).push({ name: 'cli-test-group' });
    const project = doc.projects[0]!;
    (project.service_accounts ??= []).push({ name: 'cli-test-bot' });
    writeFileSync(at('edited.openai-org.yaml'), stringify(doc));
    const projectId = [...fake.state.projects.values()].find((p) => p.name === project.name)!.id;

    fake.resetStats();
    const planned = await cli(['plan', at('edited.openai-org.yaml'), '--base-url', fake.url]);
    assert.equal(planned.code, EXIT.changes, planned.stdout + planned.stderr);
    assert.match(planned.stdout, /POST \/organization\/groups\b/);
    assert.match(planned.stdout, new RegExp(`POST /organization/projects/${projectId}/service_accounts\\b`));
    assert.match(planned.stdout, /cli-test-group/);
    assert.deepEqual(writes(), [], 'plan sends no write');

    const dry = await cli(['apply', at('edited.openai-org.yaml'), '--base-url', fake.url]);
    assert.equal(dry.code, EXIT.changes);
    assert.match(dry.stderr, /Nothing was sent\. Run again with --yes/);
    assert.deepEqual(writes(), [], 'apply without --yes sends no write');

    const applied = await cli(['apply', at('edited.openai-org.yaml'), '--yes', '--base-url', fake.url]);
    assert.equal(applied.code, EXIT.ok, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /result: done/);
    assert.ok(writes().some((r) => r.method === 'POST' && r.path.endsWith('/organization/groups')), 'the group was created');
    assert.ok([...fake.state.groups.values()].some((g) => g.name === 'cli-test-group'));
    assert.ok(applied.stderr.includes(KEY_NOT_SHOWN), 'says a key was created without showing it');
    assert.doesNotMatch(applied.stdout + applied.stderr, KEY_SHAPED, 'the new service account key is not printed');

    const after = await cli(['plan', at('edited.openai-org.yaml'), '--base-url', fake.url]);
    assert.equal(after.code, EXIT.ok, after.stdout);
  });

  it('a file with errors: exit 1, file:line:col on stderr, and no request is sent', async () => {
    writeFileSync(at('broken.openai-org.yaml'), 'version: 1\nprojects:\n  - name: Alpha\n    members:\n      - email: a@example.com\n        role: emperor\n');
    for (const command of [['plan'], ['apply', '--yes']]) {
      fake.resetStats();
      const run = await cli([command[0]!, at('broken.openai-org.yaml'), ...command.slice(1), '--base-url', fake.url]);
      assert.equal(run.code, EXIT.error);
      assert.match(run.stderr, new RegExp(`broken\\.openai-org\\.yaml:6:\\d+: error: `));
      assert.equal(run.stdout, '');
      assert.deepEqual(fake.requests, [], `${command[0]} of an invalid file sends nothing`);
    }
  });

  it('a key given as an argument is refused without repeating it, and nothing is sent', async () => {
    for (const argv of [['plan', 'x.openai-org.yaml', '--api-key', KEY], ['export', `--out=${KEY}`], ['export', '--key=whatever']]) {
      const run = await cli([...argv, '--base-url', fake.url], {});
      assert.equal(run.code, EXIT.error);
      assert.match(run.stderr, /looks like an API key.*OPENAI_ADMIN_KEY/s);
    }
    assert.deepEqual(fake.requests, []);
  });

  it('refuses plain http to another machine (the key would travel in clear), and a missing key', async () => {
    const http = await cli(['export', '--base-url', 'http://10.0.0.1:8787/v1']);
    assert.equal(http.code, EXIT.error);
    assert.match(http.stderr, /Refusing to send the admin key over plain http to 10\.0\.0\.1:8787/);
    const noKey = await cli(['export', '--base-url', fake.url], {});
    assert.equal(noKey.code, EXIT.error);
    assert.match(noKey.stderr, /OPENAI_ADMIN_KEY/);
    assert.deepEqual(fake.requests, []);
  });

  it('a rejected key: exit 1 with the API\'s message, and the key is not in it', async () => {
    const wrong = 'sk-admin-wrong-canary-0a1b2c3d4e5f6a7b';
    const run = await cli(['export', '--base-url', fake.url], { OPENAI_ADMIN_KEY: wrong });
    assert.equal(run.code, EXIT.error);
    assert.match(run.stderr, /401/);
    assert.ok(!(run.stdout + run.stderr).includes(wrong));
  });

  it('--help prints the usage with the exit codes', async () => {
    const run = await cli(['--help'], {});
    assert.equal(run.code, EXIT.ok);
    assert.match(run.stdout, /plan FILE[\s\S]*Exit 0: no changes, 2: changes planned, 1: error/);
  });

  it('the built dist/cli.js (spawned, as npm run org runs it): plan exit code, and the key is in no output', async () => {
    const out = join(dir, 'build');
    await new Promise<void>((resolve, reject) => execFile(process.execPath, ['esbuild.mjs', `--outdir=${out}`], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
    writeFileSync(at('one-group.openai-org.yaml'), 'version: 1\norganization:\n  groups:\n    - name: spawned-cli-group\n');
    const spawned = await new Promise<Run>((resolve) => {
      execFile(process.execPath, [join(out, 'cli.js'), 'plan', at('one-group.openai-org.yaml'), '--base-url', fake.url],
        { env: { PATH: process.env.PATH, OPENAI_ADMIN_KEY: KEY } },
        (e, stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    outputs.push(spawned);
    assert.equal(spawned.code, EXIT.changes, spawned.stderr);
    assert.match(spawned.stdout, /POST \/organization\/groups/);
    assert.ok(fake.requests.some((r) => r.authorization?.includes(KEY)), 'the key did go where it belongs: the Authorization header to the base URL');
  });

  it('the admin key appears in none of the outputs above', () => {
    assert.ok(outputs.length >= 10);
    const leaked = outputs.filter((o) => (o.stdout + o.stderr).includes(KEY));
    assert.equal(leaked.length, 0, `${leaked.length} run(s) printed the admin key`);
  });
});
