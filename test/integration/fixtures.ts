// Ground truth for command tests: the fake's whole state, its request log (with bodies), and a way to
// set up objects straight through the fake's API, never through the extension under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, fake } from './helpers';
import { asUser, cancelled, type Step } from './ui';

export interface Recorded {
  seq: number;
  method: string;
  path: string;
  operationId: string;
  status: number;
  body?: unknown;
}

/** The fake's tables serialise as arrays of records. */
export interface FakeStateJson {
  users: Array<{ id: string; name: string; email: string; role: string }>;
  projects: Array<{ id: string; name: string; status: string; is_default: boolean }>;
  projectData: Record<string, {
    members: Array<{ id: string; role: string }>;
    serviceAccounts: Array<{ id: string; name: string; role: string }>;
    apiKeys: Array<{ id: string; name: string; redacted_value: string; owner: { type: string; id: string } }>;
    rateLimits: Array<Record<string, number | string> & { id: string; model: string }>;
    modelPermissions: { mode: string; model_ids: string[] } | null;
    hostedTools: Record<string, { enabled: boolean }>;
    spendAlerts: Array<{ id: string; threshold_amount: number; notification_channel: { recipients: string[] } }>;
    spendLimit: { threshold_amount: number } | null;
  }>;
  groups: Array<{ id: string; name: string }>;
  groupMembers: Record<string, Array<{ id: string }>>;
  assignments: Record<string, Array<{ id: string }>>;
  projectPredefinedRoles: Array<{ id: string; name: string; mirrors: string | null }>;
  invites: Array<{ id: string; email: string; role: string; status: string; projects: Array<{ id: string; role: string }> }>;
  adminKeys: Array<{ id: string; name: string }>;
  org: { spendLimit: { threshold_amount: number } | null };
  orgSpendAlerts: Array<{ id: string; threshold_amount: number; notification_channel: { recipients: string[] } }>;
}

export async function fakeState(): Promise<FakeStateJson> {
  const res = await fetch(`${fake.origin()}/__fake/state`);
  assert.equal(res.status, 200);
  return await res.json() as FakeStateJson;
}

/** What the fake received since the last clearRequests(), bodies included. */
export async function received(): Promise<Recorded[]> {
  return await fake.requests() as unknown as Recorded[];
}

/** Requests that could change something (anything but GET). */
export async function writes(): Promise<Recorded[]> {
  return (await received()).filter((r) => r.method !== 'GET');
}

export const describeRequests = (rs: Recorded[]) => rs.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none';

/** A call to the fake's /v1 with the admin key, as set-up. */
export async function v1<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${fake.url()}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `set-up ${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

let counter = 0;
/** A unique, plain name so tests never collide with each other or the generated org. */
export const uniqueName = (what: string) => `${what} ${Date.now().toString(36)}-${++counter}`;

export async function newProject(): Promise<{ id: string; name: string }> {
  return v1('POST', '/organization/projects', { name: uniqueName('Cmd test project') });
}

/** Readers with plain names (the generated org also has hostile ones), so messages can be matched literally. */
export const plainName = (u: { name: string }) => /^[A-Za-z][A-Za-z .'-]{0,60}$/.test(u.name);

/** Org readers with plain names who are not in `projectId`. */
export async function membersOutside(projectId: string, count = 1): Promise<Array<{ id: string; name: string; email: string; role: string }>> {
  const s = await fakeState();
  const inside = new Set(s.projectData[projectId]?.members.map((m) => m.id) ?? []);
  const out = s.users.filter((u) => !inside.has(u.id) && u.role === 'reader' && plainName(u)).slice(0, count);
  assert.equal(out.length, count, 'not enough org members to test with');
  return out;
}

/**
 * The extension's own tree node for an id, as a context menu would pass it. The whole tree is
 * reloaded first so fixtures made behind the extension's back are visible.
 */
export async function freshNode(id: string): Promise<TreeNode> {
  await vscode.commands.executeCommand('openaiAdmin.refresh');
  const node = await (await api()).treeNode(id);
  assert.ok(node, `no tree node ${id}`);
  return node;
}

/** Tree row ids under a folder as the view would show them now (cached pages, no reload). */
export async function rowIds(id: string): Promise<string[]> {
  return (await (await api()).treeChildren(id)).map((r) => r.id).filter((r) => !r.split('/').pop()!.startsWith('~'));
}

/** A tooltip's Markdown source read as the text it shows (spaces are sent as &nbsp;, punctuation escaped). */
export const shownText = (md: string | undefined) => (md ?? '').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

/** Hooks for a suite that drives commands: connected with the fake's admin key, a clean request log and no faults per test. */
export function connectedToFake(): void {
  before(async () => {
    await fake.clearFaults();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
  });
  beforeEach(async () => {
    await fake.clearFaults();
    await fake.clearRequests();
  });
  afterEach(async () => { await fake.clearFaults(); });
  after(async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
  });
}

/** Runs a command as a scripted user and checks every scripted step was used. */
export async function runAsUser(command: string, steps: Step[], arg?: unknown) {
  const out = await asUser(steps, () => vscode.commands.executeCommand<unknown>(command, arg));
  out.user.assertDone();
  return out;
}

/** The command sent exactly one write, this one, and it succeeded. */
export async function onlyWrite(method: string, path: string): Promise<Recorded> {
  const w = await writes();
  assert.equal(w.length, 1, `expected one write, got ${describeRequests(w)}`);
  assert.equal(`${w[0].method} ${w[0].path}`, `${method} ${path}`);
  assert.equal(w[0].status, 200);
  return w[0];
}

export async function noWrites(): Promise<void> {
  const w = await writes();
  assert.deepEqual(w, [], `nothing should have been sent, got ${describeRequests(w)}`);
}

/**
 * One test per command: its full script from the palette is replayed once per prompt, answering
 * Escape (or No) at that prompt. Nothing may be returned, shown as an error or sent, and the fake's
 * state must not change.
 */
export function itCancelsAtEveryPrompt(scenarios: ReadonlyArray<readonly [command: string, steps: () => Step[]]>): void {
  for (const [command, script] of scenarios) {
    it(`${command}: Escape or No at each prompt`, async () => {
      await vscode.commands.executeCommand('openaiAdmin.refresh');
      const state = JSON.stringify(await fakeState());
      const steps = script();
      for (let at = 0; at < steps.length; at++) {
        await fake.clearRequests();
        const { result, user } = await asUser([...steps.slice(0, at), cancelled(steps[at]!)], () => vscode.commands.executeCommand(command));
        user.assertDone();
        assert.equal(result, undefined, `${command} cancelled at prompt ${at + 1} returned something`);
        assert.deepEqual(user.errors, []);
        const w = await writes();
        assert.deepEqual(w, [], `${command} cancelled at prompt ${at + 1} of ${steps.length} sent ${describeRequests(w)}`);
      }
      assert.equal(JSON.stringify(await fakeState()), state, 'the fake’s state changed');
    });
  }
}
