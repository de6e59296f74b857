// Key Hygiene and bulk actions in the extension host against the fake: the view's findings, a bulk
// delete through the plan under injected faults (a second run converges, nothing is deleted twice,
// nothing outside the plan is touched), and the same bulk delete from a multi-selection of keys in
// the explorer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeRow } from '../../src/extension';
import type { HygieneNode } from '../../src/tree/hygieneProvider';
import { api, fake, sleep } from './helpers';
import { connectedToFake, describeRequests, freshNode, newProject, received, uniqueName, v1, writes, type Recorded } from './fixtures';
import { asUser } from './ui';

const DAY = 86_400;
const PLAN_SCHEME = 'openai-admin-plan';

interface Account { id: string; name: string; api_key?: { id: string } }

async function account(projectId: string, body: Record<string, unknown> = {}): Promise<Account> {
  return v1<Account>('POST', `/organization/projects/${projectId}/service_accounts`, { name: uniqueName('hyg svc'), ...body });
}

const keyPath = (projectId: string, keyId: string) => `/organization/projects/${projectId}/api_keys/${keyId}`;

async function keysOn(projectId: string): Promise<string[]> {
  return (await v1<{ data: Array<{ id: string }> }>('GET', `/organization/projects/${projectId}/api_keys?limit=100&owner_project_access=any`)).data.map((k) => k.id);
}

async function runHygiene(): Promise<{ rows: TreeRow[]; nodes: HygieneNode[] }> {
  await vscode.commands.executeCommand('openaiAdmin.hygiene.refresh');
  const hook = (await api()).keyHygiene;
  return { rows: hook.rows(), nodes: hook.nodes() };
}

/** Plan and results documents opened since `since` (by their text). */
function planDocs(since: number): string[] {
  return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PLAN_SCHEME && Number(d.uri.query) > since).map((d) => d.getText());
}
const lastSerial = () => Math.max(0, ...vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PLAN_SCHEME).map((d) => Number(d.uri.query)));

/**
 * Runs a bulk command as an admin who confirms the plan's modal, and presses Run Again on the first
 * summary that offers it (`runAgain`). Resolves once `runs` summaries were shown (default: 1, or 2 with Run Again).
 */
async function confirmPlan(command: string, args: unknown[], opts: { runAgain: boolean; runs?: number }) {
  const modals: Array<{ text: string; detail?: string; buttons: string[] }> = [];
  const summaries: string[] = [];
  let again = opts.runAgain;
  const win = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const saved = { warning: win.showWarningMessage, info: win.showInformationMessage, error: win.showErrorMessage };
  const answer = (async (text: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? rest[0] as vscode.MessageOptions : undefined;
    const buttons = (options ? rest.slice(1) : rest) as string[];
    if (options?.modal) {
      modals.push({ text, detail: options.detail, buttons });
      return buttons.find((b) => /^Run \d+ Changes?$/.test(b));
    }
    summaries.push(text);
    if (again && buttons.includes('Run Again')) { again = false; return 'Run Again'; }
    return undefined;
  }) as never;
  win.showWarningMessage = answer;
  win.showInformationMessage = answer;
  win.showErrorMessage = (async (text: string) => { summaries.push(`error: ${text}`); return undefined; }) as never;
  try {
    await vscode.commands.executeCommand(command, ...args);
    const want = opts.runs ?? (opts.runAgain ? 2 : 1);
    const deadline = Date.now() + 30_000;
    while (summaries.filter((s) => /: \d+ (done|already done|failed|skipped)/.test(s)).length < want && Date.now() < deadline) await sleep(50);
  } finally {
    Object.assign(win, saved);
  }
  return { modals, summaries: summaries.filter((s) => /: \d+ (done|already done|failed|skipped)/.test(s)), notes: summaries };
}

describe('Key Hygiene view and bulk actions', function () {
  this.timeout(120_000);
  connectedToFake();

  let project: { id: string; name: string };
  let expired: Account;
  let expiring: Account;
  let plain: Account[];
  let keyless: Account;

  before(async () => {
    project = await newProject();
    expired = await account(project.id, { expires_in_seconds: 1 });
    expiring = await account(project.id, { expires_in_seconds: 5 * DAY });
    plain = [await account(project.id), await account(project.id), await account(project.id), await account(project.id)];
    keyless = await account(project.id, { create_service_account_only: true });
    await sleep(1_100);
  });

  it('lists findings grouped by rule, each with its rule, explanation and suggested action', async () => {
    const { rows } = await runHygiene();
    const rules = rows.filter((r) => r.collapsible).map((r) => r.id);
    for (const id of ['rule:expired-key', 'rule:expiring-key', 'rule:no-expiry-key', 'rule:keyless-service-account']) assert.ok(rules.includes(id), `${id} in ${rules}`);
    const row = (rule: string, objectId: string) => rows.find((r) => r.id === `finding:${rule}/${objectId}`);
    const expiredRow = row('expired-key', `projectKey:${project.id}:${expired.api_key!.id}`);
    assert.ok(expiredRow, 'the expired key is found');
    assert.match(expiredRow.description ?? '', /^expired (just now|\d+ seconds? ago|1 minute ago), owned by service account “hyg svc/);
    assert.match(expiredRow.tooltip ?? '', /^Expired keys \(rule expired-key\)\n/);
    assert.match(expiredRow.tooltip ?? '', /\nSuggested: Delete it/);
    assert.equal(expiredRow.contextValue, 'hygieneFinding delete');
    const soon = row('expiring-key', `projectKey:${project.id}:${expiring.api_key!.id}`);
    assert.match(soon?.description ?? '', /^expires in 5 days/);
    assert.equal(soon?.contextValue, 'hygieneFinding setExpiry');
    for (const a of plain) assert.ok(row('no-expiry-key', `projectKey:${project.id}:${a.api_key!.id}`), `no-expiry ${a.api_key!.id}`);
    assert.ok(row('keyless-service-account', `serviceAccount:${project.id}:${keyless.id}`));
    // Every rule heading counts its findings.
    for (const heading of rows.filter((r) => r.collapsible)) {
      const n = rows.filter((r) => r.id.startsWith(`finding:${heading.id.slice(5)}/`)).length;
      assert.equal(heading.description, String(n), heading.label);
    }
  });

  it('bulk delete under injected faults: plan first, one modal, a result per item; Run Again converges, nothing deleted twice, nothing outside the plan touched', async () => {
    const { nodes } = await runHygiene();
    const mine = (n: HygieneNode) => n.kind === 'finding' && n.findingId.includes(`:${project.id}:`);
    const selected = nodes.filter((n) => mine(n) && (n.rule === 'expired-key' || n.rule === 'no-expiry-key' || n.rule === 'keyless-service-account'));
    assert.equal(selected.length, 6, 'the expired key, four keys without expiry, the keyless account');
    const keyIds = [expired, ...plain].map((a) => a.api_key!.id);
    const planned = new Set([...keyIds.map((k) => keyPath(project.id, k)), `/organization/projects/${project.id}/service_accounts/${keyless.id}`]);
    const before = { keys: await keysOn(project.id), all: await v1<{ data: Array<{ id: string }> }>('GET', '/organization/projects?limit=100') };
    // plain[0]: fails every attempt of the first run (the client retries a DELETE twice), then works.
    // plain[1]: deleted, but the answer is cut off: the client's retry (or the second run) finds it gone.
    // plain[2]: the connection resets once; the client's retry deletes it.
    await fake.setFaults([
      { method: 'DELETE', path: `^${keyPath(project.id, plain[0].api_key!.id)}$`, kind: 'status', status: 500, times: 3 },
      { method: 'DELETE', path: `^${keyPath(project.id, plain[1].api_key!.id)}$`, kind: 'truncated', times: 1 },
      { method: 'DELETE', path: `^${keyPath(project.id, plain[2].api_key!.id)}$`, kind: 'reset', times: 1 },
    ]);
    await fake.clearRequests();
    const serial = lastSerial();
    const out = await confirmPlan('openaiAdmin.hygiene.delete', [selected[0], selected], { runAgain: true });

    // One modal per run, naming every deletion; the first run's plan lists every object and call.
    assert.equal(out.modals.length, 2, out.modals.map((m) => m.text).join(' | '));
    assert.match(out.modals[0].text, /^Delete 6 objects \(Key Hygiene\)\?$/);
    assert.match(out.modals[0].detail ?? '', /6 changes: 6 to delete\.\n\nDeleted, which cannot be undone:\n• Delete API key/);
    assert.equal((out.modals[0].detail!.match(/^• /gm) ?? []).length, 6);
    const docs = planDocs(serial);
    const firstPlan = docs[0];
    for (const path of planned) assert.ok(firstPlan.includes(`DELETE ${path}`), `the plan names ${path}`);
    assert.match(firstPlan, /^Delete 6 objects \(Key Hygiene\)\n6 changes: 6 to delete\n/);
    const firstResults = docs[1];
    assert.match(firstResults, /result: FAILED: 500 /);
    // The second run held only what was left: the key whose deletes all failed (and at most the one whose answer was cut off).
    assert.match(out.modals[1].text, /^Delete [12] objects? \(Key Hygiene\)\?$/);
    assert.match(out.summaries[0], /: \d+ done(, 1 already done)?, 1 failed\.$/);
    assert.match(out.summaries[1], /: [12] (done|already done)/);
    assert.doesNotMatch(out.summaries[1], /failed|skipped/);

    const log: Recorded[] = await received();
    const w = log.filter((r) => r.method !== 'GET');
    assert.ok(w.every((r) => r.method === 'DELETE' && planned.has(r.path)), `only planned calls: ${describeRequests(w)}`);
    for (const path of planned) {
      assert.equal(w.filter((r) => r.path === path && r.status === 200).length, 1, `${path} deleted exactly once: ${describeRequests(w.filter((r) => r.path === path))}`);
    }
    // On the server: the six planned objects are gone, everything else is there.
    const after = await keysOn(project.id);
    assert.deepEqual(after.sort(), before.keys.filter((k) => !keyIds.includes(k)).sort());
    assert.ok(after.includes(expiring.api_key!.id));
    const accounts = (await v1<{ data: Array<{ id: string }> }>('GET', `/organization/projects/${project.id}/service_accounts?limit=100`)).data.map((a) => a.id);
    assert.ok(!accounts.includes(keyless.id) && accounts.includes(expiring.id));
    assert.equal((await v1<{ data: Array<{ id: string }> }>('GET', '/organization/projects?limit=100')).data.length, before.all.data.length);

    // The view followed the store: the deleted objects' findings are gone, the rest stay.
    await sleep(400);
    const rows = (await api()).keyHygiene.rows();
    for (const k of keyIds) assert.ok(!rows.some((r) => r.id.includes(k)), `${k} no longer listed`);
    assert.ok(rows.some((r) => r.id.includes(expiring.api_key!.id)));

    // A third run would find nothing left to do.
    await fake.clearRequests();
    const again = await confirmPlan('openaiAdmin.hygiene.delete', [selected[0], selected], { runAgain: false, runs: 0 });
    assert.deepEqual(again.notes, ['Nothing to do: the selected findings are no longer found (Refresh the view to check again).']);
    assert.equal(again.modals.length, 0, 'no modal for an empty plan');
    assert.deepEqual(await writes(), []);
  });

  it('Set Expiry… on findings: a plan of updates for the project keys that can take one', async () => {
    const { nodes } = await runHygiene();
    const target = nodes.filter((n) => n.kind === 'finding' && n.findingId === `expiring-key/projectKey:${project.id}:${expiring.api_key!.id}`);
    assert.equal(target.length, 1);
    await fake.clearRequests();
    const { result, user } = await asUser([{ pick: '90 days' }, { confirm: true }], () => vscode.commands.executeCommand('openaiAdmin.hygiene.setExpiry', target[0], target));
    void result;
    user.assertDone();
    assert.match(user.of('confirm')[0].detail ?? '', /1 change: 1 to update\./);
    const w = await writes();
    assert.equal(w.length, 1, describeRequests(w));
    assert.equal(`${w[0].method} ${w[0].path}`, `POST ${keyPath(project.id, expiring.api_key!.id)}`);
    assert.deepEqual(w[0].body, { expires_in_seconds: 90 * DAY });
  });

  it('Delete API Key on a multi-selection in the explorer: one plan for the selected keys only', async () => {
    const p = await newProject();
    const accounts = [await account(p.id), await account(p.id), await account(p.id), await account(p.id)];
    const ids = accounts.map((a) => a.api_key!.id);
    const folder = `projects/${p.id}/apiKeys`;
    await freshNode(folder);
    await (await api()).treeChildren(folder);
    const nodes = await Promise.all(ids.slice(0, 3).map(async (id) => (await (await api()).treeNode(`${folder}/${id}`))!));
    assert.ok(nodes.every(Boolean));
    await fake.setFaults([{ method: 'DELETE', path: `^${keyPath(p.id, ids[1])}$`, kind: 'status', status: 400, times: 1 }]);
    await fake.clearRequests();
    const serial = lastSerial();
    // With several rows selected, VS Code passes the clicked row and the whole selection.
    const out = await confirmPlan('openaiAdmin.projectApiKey.delete', [nodes[0], nodes], { runAgain: true });
    assert.equal(out.modals.length, 2);
    assert.equal(out.modals[0].text, 'Delete 3 API keys?');
    assert.equal(out.modals[1].text, 'Delete 1 API key?');
    assert.match(out.summaries[0], /^Delete 3 API keys: 2 done, 1 failed\.$/);
    assert.match(out.summaries[1], /^Delete 1 API key: 1 done\.$/);
    assert.match(planDocs(serial)[0], new RegExp(`DELETE ${keyPath(p.id, ids[2])}`));
    const w = await writes();
    assert.ok(w.every((r) => r.method === 'DELETE' && ids.slice(0, 3).some((k) => r.path === keyPath(p.id, k))), describeRequests(w));
    for (const k of ids.slice(0, 3)) assert.equal(w.filter((r) => r.path === keyPath(p.id, k) && r.status === 200).length, 1);
    assert.deepEqual(await keysOn(p.id), [ids[3]]);
    // The explorer reads the folder again: only the key left is listed.
    await sleep(300);
    const shown = (await (await api()).treeChildren(folder)).map((r) => r.id).filter((id) => !id.split('/').pop()!.startsWith('~'));
    assert.deepEqual(shown, [`${folder}/${ids[3]}`]);
  });

  it('Delete API Key on one key keeps its single confirmation (no plan)', async () => {
    const p = await newProject();
    const a = await account(p.id);
    const node = await freshNode(`projects/${p.id}/apiKeys/${a.api_key!.id}`);
    await fake.clearRequests();
    const serial = lastSerial();
    const { user } = await asUser([{ confirm: true }], () => vscode.commands.executeCommand('openaiAdmin.projectApiKey.delete', node, [node]));
    user.assertDone();
    assert.match(user.of('confirm')[0].text, /^Delete API key “Secret Key” \(sk-svcacct\.\.\.\w+\), owned by service account “hyg svc/);
    assert.deepEqual(planDocs(serial), []);
    assert.deepEqual((await writes()).map((r) => `${r.method} ${r.path} ${r.status}`), [`DELETE ${keyPath(p.id, a.api_key!.id)} 200`]);
  });
});
