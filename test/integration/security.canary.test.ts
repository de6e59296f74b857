// The key-leak canary, inside the extension host, after every other suite (so any suite's leak is caught). The run's admin
// key is a canary (scripts/vscode/integration.mjs); it may only ever be in SecretStorage and in the
// Authorization header of requests to the configured base URL. Here: the output channel, everything
// shown or sent to a webview during the whole run (leakRecorder.ts), the fake's request log, and the
// decoy the workspace settings point at. Files are searched by the runner once VS Code has exited.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, env, fake } from './helpers';
import { recordings } from './leakRecorder';

/** The key, and its body in case a prefix was cut off. */
const needles = () => [fake.adminKey, fake.adminKey.replace(/^sk-[a-z]+-/, '')];
const ONE_TIME = /sk-(svcacct|admin)-[A-Za-z0-9]{40,}/;

interface Recorded { method: string; path: string; query: string; authorization?: string; headers: Record<string, unknown>; body?: unknown }

describe('key-leak canary (after every other suite)', () => {
  before(async function () {
    if (!process.env.OPENAI_ADMIN_FAKE_KEY) this.skip(); // a run without the canary (e.g. test-electron) has nothing to look for
    // Suites clear the fake's request log as they go: make sure the last stretch has the extension's own requests in it.
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await (await api()).treeChildren('members');
  });
  after(async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
  });

  it('the run used the canary key', () => {
    assert.match(fake.adminKey, /CANARY/);
  });

  it('is not in any output channel line', async () => {
    const lines = (await api()).logLines();
    assert.ok(lines.length > 100, `only ${lines.length} log lines`);
    for (const needle of needles()) assert.ok(!lines.some((l) => l.includes(needle)), 'the key is in the output channel');
  });

  it('is not in any notification, progress title, status bar text, webview HTML or webview message of the whole run', () => {
    const all = recordings();
    const kinds = new Set(all.map((r) => r.kind.replace(/^openaiAdmin\.\w+ /, '')));
    for (const kind of ['progress', 'status bar', 'html', 'host→webview', 'webview→host']) assert.ok(kinds.has(kind), `nothing recorded of ${kind}: ${[...kinds].join(', ')}`);
    for (const r of all) {
      for (const needle of needles()) assert.ok(!r.text.includes(needle), `the key is in a ${r.kind}`);
      // One-time keys: shown once in their modal, nowhere else.
      if (!(r.kind === 'showInformationMessage' && /will not be shown again/.test(r.text))) {
        assert.doesNotMatch(r.text, ONE_TIME, `a one-time key is in a ${r.kind}`);
      }
    }
  });

  it('reached the fake only as the Authorization header, and nothing went to the workspace\'s base URL', async () => {
    const res = await fetch(`${fake.origin()}/__fake/requests`); // unmasked, unlike fake.requests()
    const requests = await res.json() as Recorded[];
    assert.ok(requests.length > 0, 'no requests to look at');
    for (const r of requests) {
      // assert.ok, not equal: a failure must not print the key in a diff.
      assert.ok(r.authorization === `Bearer ${fake.adminKey}`, `${r.method} ${r.path} was sent with another key`);
      const elsewhere = JSON.stringify([r.path, r.query, r.body ?? null, Object.entries(r.headers).filter(([h]) => h !== 'authorization')]);
      for (const needle of needles()) assert.ok(!elsewhere.includes(needle), `${r.method} ${r.path} carries the key outside Authorization`);
    }
    const decoy = await (await fetch(`${env('OPENAI_ADMIN_DECOY_ORIGIN')}/__decoy/requests`)).json() as unknown[];
    assert.deepEqual(decoy, [], 'requests went to the base URL the workspace settings name');
  });
});
