// The Project panel's reads and batch saves against the fake: every section matches the fake's
// state, a rate-limit row changed on the server after loading is a conflict (nothing is sent), a
// row the API refuses does not stop the others, and only changed hosted tools are sent.
import assert from 'node:assert/strict';
import type { AdminClient } from '../../../src/api';
import { loadSnapshot } from '../../../src/model/project/load';
import { OrgStore } from '../../../src/model/store';
import { editKey, diffApiKeys } from '../../../src/model/project/keyEdits';
import { readChanges, saveHostedTools, saveModelPolicy, saveRateLimits, saveServiceTier } from '../../../src/model/project/save';
import { saveApiKeys } from '../../../src/model/project/saveKeys';
import { SECTION_IDS, type RateLimitRow, type SectionData } from '../../../src/model/project/types';
import { diffRateLimits, editCell } from '../../../src/model/rateLimitEdits';
import { ownerHasAccess } from '../../fake-admin-api/views';
import { clientFor, useFakeApi } from '../api/helpers/fake';

describe('project panel model against the fake', function () {
  this.timeout(30_000);
  const fake = useFakeApi({ projects: 6, users: 40, seed: 7 });
  let client: AdminClient;
  let projectId: string;
  const signal = new AbortController().signal;
  /** A store of its own per read, so every read is the fake's state now. */
  const fresh = () => new OrgStore(async () => client);

  before(() => {
    client = clientFor(fake(), { maxRetries: 0 });
    projectId = fake().state.projects.values().find((p) => p.status === 'active' && !p.is_default && fake().state.project(p.id)!.members.size > 0)!.id;
  });

  async function loaded<K extends keyof SectionData>(section: K): Promise<SectionData[K]> {
    const snap = await loadSnapshot(fresh(), projectId, signal, [section]);
    const s = snap[section]!;
    assert.ok(s.ok, `${section}: ${!s.ok && s.error}`);
    return s.data as SectionData[K];
  }

  it('loads every section, matching the fake\'s state', async () => {
    const snap = await loadSnapshot(fresh(), projectId, signal);
    assert.deepEqual(Object.keys(snap).sort(), [...SECTION_IDS].sort());
    for (const id of SECTION_IDS) assert.ok(snap[id]!.ok, `${id}: ${JSON.stringify(snap[id])}`);
    const data = fake().state.project(projectId)!;
    const get = <K extends keyof SectionData>(k: K) => (snap[k] as { data: SectionData[K] }).data;
    assert.equal(get('overview').id, projectId);
    assert.deepEqual(get('members').members.map((m) => [m.id, m.role]), data.members.values().map((m) => [m.id, m.role]));
    assert.ok(get('members').members.every((m) => m.roles.length > 0), 'each member holds at least the role mirroring their membership');
    assert.ok(get('members').roles.length > 0, 'the project\'s roles are offered');
    assert.deepEqual(get('serviceAccounts').map((s) => s.id), data.serviceAccounts.values().map((s) => s.id));
    assert.deepEqual(get('apiKeys').map((k) => k.id), data.apiKeys.values().filter((k) => ownerHasAccess(fake().state, projectId, k)).map((k) => k.id));
    assert.ok(get('apiKeys').every((k) => !/^sk-[A-Za-z0-9_-]{20,}$/.test(k.redacted)), 'only redacted key values');
    assert.deepEqual(get('rateLimits').map((r) => r.id), data.rateLimits.values().map((r) => r.id));
    assert.deepEqual(get('hostedTools').web_search, data.hostedTools.web_search?.enabled === true);
    assert.equal(get('dataRetention').type, data.dataRetention);
  });

  it('refuses a section name that is not one of the panel\'s (a webview could send `constructor`)', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
      await assert.rejects(loadSnapshot(fresh(), projectId, signal, [name as never]), /Unknown section/, name);
    }
  });

  it('a section that fails shows its error; the others still load', async () => {
    fake().faults.add({ method: 'GET', path: `^/organization/projects/${projectId}/service_accounts$`, kind: 'status', status: 500 });
    const snap = await loadSnapshot(fresh(), projectId, signal, ['serviceAccounts', 'rateLimits']);
    assert.equal(snap.serviceAccounts!.ok, false);
    assert.match((snap.serviceAccounts as { error: string }).error, /^500 /);
    assert.equal(snap.rateLimits!.ok, true);
  });

  it('saves only the changed rate-limit fields, each row on its own', async () => {
    const rows = await loaded('rateLimits');
    const [a, b] = rows;
    const rpmA = a!.limits.max_requests_per_1_minute!;
    let draft = editCell({}, a!, 'max_requests_per_1_minute', String(rpmA - 1));
    draft = editCell(draft, b!, 'max_requests_per_1_minute', String(b!.limits.max_requests_per_1_minute!));
    const { changes, problems } = diffRateLimits(rows, draft);
    assert.deepEqual(problems, []);
    assert.equal(changes.length, 1, 'the unchanged row sends nothing');
    const since = fake().requests.length;
    const saved = await saveRateLimits(client, projectId, changes, { signal });
    assert.equal(saved.status, 'saved');
    assert.deepEqual(saved.status === 'saved' && saved.results.map((r) => [r.id, r.ok]), [[a!.id, true]]);
    const posts = fake().requests.slice(since).filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => [r.path, r.body]), [[`/organization/projects/${projectId}/rate_limits/${a!.id}`, { max_requests_per_1_minute: rpmA - 1 }]]);
    assert.equal(fake().state.project(projectId)!.rateLimits.get(a!.id)!.max_requests_per_1_minute, rpmA - 1);
  });

  it('detects a row changed on the server after loading and sends nothing until told to overwrite', async () => {
    const rows = await loaded('rateLimits');
    const row = rows[2]!;
    const draft = editCell({}, row, 'max_requests_per_1_minute', String(row.limits.max_requests_per_1_minute! + 7));
    const { changes } = diffRateLimits(rows, draft);
    // Someone else changes the same row's token limit meanwhile.
    fake().state.project(projectId)!.rateLimits.get(row.id)!.max_tokens_per_1_minute = 12_345;
    const since = fake().requests.length;
    const first = await saveRateLimits(client, projectId, changes, { signal });
    assert.equal(first.status, 'conflict');
    assert.ok(first.status === 'conflict');
    assert.equal(first.conflicts.length, 1);
    assert.equal(first.conflicts[0]!.id, row.id);
    assert.deepEqual(first.conflicts[0]!.fields.map((f) => [f.field, f.now]), [['max_tokens_per_1_minute', 12_345]]);
    assert.match(first.messages[0]!, /changed on the server since you loaded it: TPM .* → 12,345/);
    assert.deepEqual(fake().requests.slice(since).filter((r) => r.method === 'POST'), [], 'nothing sent');

    const forced = await saveRateLimits(client, projectId, changes, { force: true, signal });
    assert.equal(forced.status, 'saved');
    const now = fake().state.project(projectId)!.rateLimits.get(row.id)!;
    assert.equal(now.max_requests_per_1_minute, row.limits.max_requests_per_1_minute! + 7);
    assert.equal(now.max_tokens_per_1_minute, 12_345, 'the other admin\'s change to a field not edited stays');
  });

  it('a row the API refuses reports its error; the other rows are saved', async () => {
    const rows = await loaded('rateLimits');
    const [x, y, z] = rows.slice(3, 6) as [RateLimitRow, RateLimitRow, RateLimitRow];
    let draft = editCell({}, x, 'max_requests_per_1_minute', '1');
    draft = editCell(draft, y, 'max_requests_per_1_minute', '2');
    draft = editCell(draft, z, 'max_requests_per_1_minute', '999999999999'); // above the organization's limit
    fake().faults.add({ method: 'POST', path: `^/organization/projects/${projectId}/rate_limits/${y.id}$`, kind: 'status', status: 503 });
    const saved = await saveRateLimits(client, projectId, diffRateLimits(rows, draft).changes, { signal });
    assert.ok(saved.status === 'saved');
    const byId = new Map(saved.results.map((r) => [r.id, r]));
    assert.equal(byId.get(x.id)!.ok, true);
    assert.equal(byId.get(y.id)!.ok, false);
    assert.match((byId.get(y.id) as { error: string }).error, /^503 /);
    assert.equal(byId.get(z.id)!.ok, false);
    assert.match((byId.get(z.id) as { error: string }).error, /^400 .*cannot exceed the organization's limit/);
    const state = fake().state.project(projectId)!.rateLimits;
    assert.equal(state.get(x.id)!.max_requests_per_1_minute, 1);
    assert.equal(state.get(y.id)!.max_requests_per_1_minute, y.limits.max_requests_per_1_minute);
    assert.equal(state.get(z.id)!.max_requests_per_1_minute, z.limits.max_requests_per_1_minute);
  });

  it('refuses malformed changes from the webview before reading anything', () => {
    assert.throws(() => readChanges({}), TypeError);
    assert.throws(() => readChanges([{ id: 1, body: {}, before: {} }]), TypeError);
    assert.throws(() => readChanges([{ id: 'x', body: null, before: {} }]), TypeError);
    assert.deepEqual(readChanges([{ id: 'x', body: { a: 1 }, before: {} }]), [{ id: 'x', model: 'x', body: { a: 1 }, before: {} }]);
  });

  it('model policy: saved, a change made elsewhere meanwhile is a conflict, removal asks first', async () => {
    const before = await loaded('modelPermissions');
    assert.equal((await saveModelPolicy(client, projectId, { mode: 'allow_list', modelIds: ['gpt-4o', 'o3'], before }, { signal })).status, 'saved');
    assert.deepEqual(fake().state.project(projectId)!.modelPermissions, { mode: 'allow_list', model_ids: ['gpt-4o', 'o3'] });

    const stale = { mode: 'deny_list' as const, modelIds: ['o3'], before };
    const conflict = await saveModelPolicy(client, projectId, stale, { signal });
    assert.equal(conflict.status, 'conflict');
    assert.match((conflict as { messages: string[] }).messages[0]!, /changed on the server/);

    const now = await loaded('modelPermissions');
    let asked = 0;
    const declined = await saveModelPolicy(client, projectId, { mode: 'none', modelIds: [], before: now }, { signal, confirmRemove: async () => (++asked, false) });
    assert.equal(declined.status, 'unchanged');
    assert.equal(asked, 1);
    assert.ok(fake().state.project(projectId)!.modelPermissions);
    assert.equal((await saveModelPolicy(client, projectId, { mode: 'none', modelIds: [], before: now }, { signal, confirmRemove: async () => true })).status, 'saved');
    assert.equal(fake().state.project(projectId)!.modelPermissions, null);
  });

  it('hosted tools: only changed tools are sent; a switch moved elsewhere is a conflict', async () => {
    const before = await loaded('hostedTools');
    const since = fake().requests.length;
    const saved = await saveHostedTools(client, projectId, { enabled: { web_search: !before.web_search, mcp: before.mcp }, before }, { signal });
    assert.equal(saved.status, 'saved');
    assert.deepEqual(saved.sent, ['web_search']);
    const post = fake().requests.slice(since).find((r) => r.method === 'POST')!;
    assert.deepEqual(post.body, { web_search: { enabled: !before.web_search } });
    assert.equal(fake().state.project(projectId)!.hostedTools.web_search!.enabled, !before.web_search);

    // A second admin's draft from the same starting point: their untouched switch is not sent (it
    // would undo the change above), the one they moved is, and moving the changed one is a conflict.
    const since2 = fake().requests.length;
    const other = await saveHostedTools(client, projectId, { enabled: { web_search: before.web_search, mcp: !before.mcp }, before }, { signal });
    assert.equal(other.status, 'saved');
    assert.deepEqual(fake().requests.slice(since2).find((r) => r.method === 'POST')!.body, { mcp: { enabled: !before.mcp } });
    assert.equal(fake().state.project(projectId)!.hostedTools.web_search!.enabled, !before.web_search, 'kept');

    const conflict = await saveHostedTools(client, projectId, { enabled: { web_search: !before.web_search }, before }, { signal });
    assert.equal(conflict.status, 'conflict');
    assert.match((conflict as { messages: string[] }).messages[0]!, /Web search is now (on|off)/);
    assert.equal((await saveHostedTools(client, projectId, { enabled: { web_search: !before.web_search }, before }, { signal, force: true })).status, 'unchanged', 'already as wanted');
  });

  it('API keys: new expiry and scopes sent per key; a key whose expiry moved elsewhere is a conflict; a refused key does not block the others', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Expired keys cannot be changed: use two that are not.
    const keys = (await loaded('apiKeys')).filter((k) => k.expiresAt === null || k.expiresAt > now + 86_400);
    assert.ok(keys.length >= 2, 'the project has two keys that have not expired');
    const [a, b] = keys;
    let drafts = editKey({}, a!, { expiryDays: '12' });
    drafts = editKey(drafts, b!, { scopes: { restrict: true, text: 'api.all.read' } });
    const { changes } = diffApiKeys(keys, drafts, now);
    // Someone else moves a's expiry after the panel loaded it.
    fake().state.project(projectId)!.apiKeys.get(a!.id)!.expires_at = now + 3 * 86_400;
    const since = fake().requests.length;
    const first = await saveApiKeys(client, projectId, changes, { signal });
    assert.equal(first.status, 'conflict');
    assert.deepEqual(first.status === 'conflict' && first.conflicts.map((c) => c.id), [a!.id]);
    assert.deepEqual(fake().requests.slice(since).filter((r) => r.method === 'POST'), [], 'nothing sent');
    fake().faults.add({ method: 'POST', path: `^/organization/projects/${projectId}/api_keys/${b!.id}$`, kind: 'status', status: 500 });
    const forced = await saveApiKeys(client, projectId, changes, { signal, force: true });
    fake().faults.clear();
    assert.equal(forced.status, 'saved');
    const results = forced.status === 'saved' ? forced.results : [];
    assert.deepEqual(results.map((r) => [r.id, r.ok]), [[a!.id, true], [b!.id, false]]);
    const expiresAt = fake().state.project(projectId)!.apiKeys.get(a!.id)!.expires_at!;
    assert.ok(Math.abs(expiresAt - (Math.floor(Date.now() / 1000) + 12 * 86_400)) < 5, `expires_at ${expiresAt}`);
    assert.equal((results[0] as { row: { expiresAt: number } }).row.expiresAt, expiresAt, 'the answer carries the new expiry');
  });

  it('service tiers: only the moved field is sent; a change elsewhere is a conflict; an inconsistent default is refused', async () => {
    const before = await loaded('serviceTier');
    fake().state.project(projectId)!.serviceTiers = { default: 'standard', enabled_tiers: ['flex'] };
    const start = await loaded('serviceTier');
    assert.deepEqual(start, { default: 'standard', enabled: ['flex'] }, `was ${JSON.stringify(before)}`);
    const since = fake().requests.length;
    const saved = await saveServiceTier(client, projectId, { wanted: { default: 'scale', enabled: ['flex'] }, before: start }, { signal });
    assert.deepEqual(saved, { status: 'saved', fields: ['default'], current: { default: 'scale', enabled: ['flex'] } });
    assert.deepEqual(fake().requests.slice(since).filter((r) => r.method === 'POST').map((r) => r.body), [{ default: 'scale' }]);
    // Another admin changes the default; ours was also a default change: conflict, nothing sent.
    fake().state.project(projectId)!.serviceTiers = { default: 'standard', enabled_tiers: ['flex'] };
    const stale = await saveServiceTier(client, projectId, { wanted: { default: 'fast', enabled: ['flex', 'fast'] }, before: { default: 'scale', enabled: ['flex'] } }, { signal });
    assert.equal(stale.status, 'conflict');
    assert.deepEqual(stale.status === 'conflict' && stale.fields, ['default']);
    const invalid = await saveServiceTier(client, projectId, { wanted: { default: 'fast', enabled: ['flex'] }, before: { default: 'standard', enabled: ['flex'] } }, { signal });
    assert.equal(invalid.status, 'invalid');
    assert.deepEqual(fake().state.project(projectId)!.serviceTiers, { default: 'standard', enabled_tiers: ['flex'] });
  });
});
