import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient } from '../../../../src/api';
import { renderPlan } from '../../../../src/model/plan';
import { adminKeyInUse, findHygieneIssues, hygienePlan, hygieneSnapshot, loadHygieneInputs, objectsOf, type Finding, type RuleId } from '../../../../src/model/hygiene';
import { OrgStore } from '../../../../src/model/store';
import { startFakeAdminApi, type FakeAdminApi } from '../../../fake-admin-api';
import { ownerHasAccess } from '../../../fake-admin-api/views';

const DAY = 86_400;
/** The organization's fixed clock: generated times are relative to it and the rules read it. */
const NOW = 1_793_491_200; // 2026-11-01 00:00 UTC

/**
 * The hygiene rules over a seeded fake with a fixed clock. Known objects are added to the seed (one
 * per rule, named `hyg-…`), and the seed's own expired, stale and orphaned keys are checked against
 * the fake's state, so every rule is tested on objects whose verdict is known in advance.
 */
describe('Key Hygiene rules (findHygieneIssues over the org store)', () => {
  let fake: FakeAdminApi;
  let client: AdminClient;
  let store: OrgStore;
  let findings: Finding[];
  let projectId: string;
  const ids = { former: '', loner: '' };
  const settings = { nowMs: NOW * 1000, unusedKeyDays: 90 };

  before(async () => {
    // Seed 6 has expired, orphaned, long-unused and never-used keys of its own (besides the ones added below).
    fake = await startFakeAdminApi({ projects: 8, users: 80, seed: 6, now: NOW });
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, maxRetries: 0 });
    const s = fake.state;
    const project = s.projects.values().find((p) => p.status === 'active' && !p.is_default)!;
    projectId = project.id;
    const data = s.project(projectId)!;
    const member = data.members.values()[0]!.id;
    ids.former = s.users.values().find((u) => !data.members.has(u.id))!.id;
    const key = (name: string, fields: { created: number; used: number | null; expires: number | null; owner?: string }) => data.apiKeys.insert({
      id: `key_${name}`, name, created_at: NOW - fields.created * DAY, last_used_at: fields.used === null ? null : NOW - fields.used * DAY,
      redacted_value: `sk-proj-...${name.slice(-4)}`, owner: { type: 'user', id: fields.owner ?? member }, scopes: [],
      expires_at: fields.expires === null ? null : NOW + fields.expires * DAY,
    });
    key('hyg-expired', { created: 100, used: 10, expires: -3 });
    key('hyg-expiring', { created: 100, used: 1, expires: 5 });
    key('hyg-stale', { created: 400, used: 200, expires: null });
    key('hyg-never', { created: 45, used: null, expires: 100 });
    key('hyg-fine-new', { created: 10, used: null, expires: 100 });
    key('hyg-fine', { created: 300, used: 89, expires: 200 });
    key('hyg-orphan', { created: 50, used: 2, expires: 60, owner: ids.former });
    data.serviceAccounts.insert({ id: 'svc_acct_hygkeyless', name: 'hyg-keyless', role: 'member', created_at: NOW - 20 * DAY });
    s.adminKeys.insert({ id: 'key_hygadminidle', name: 'hyg-admin-idle', redacted_value: 'sk-admin...idl', created_at: NOW - 300 * DAY, expires_at: null, last_used_at: NOW - 120 * DAY, owner: { type: 'user', id: member, name: 'x', created_at: NOW - 400 * DAY, role: 'owner' } });
    s.adminKeys.insert({ id: 'key_hygadminbusy', name: 'hyg-admin-busy', redacted_value: 'sk-admin...bsy', created_at: NOW - 300 * DAY, expires_at: null, last_used_at: NOW - 80 * DAY, owner: { type: 'user', id: member, name: 'x', created_at: NOW - 400 * DAY, role: 'owner' } });
    const template = s.users.values()[0]!;
    ids.loner = 'user-hygloner';
    s.users.insert({ ...template, id: ids.loner, name: 'hyg-loner', email: 'loner@acme.example', role: 'reader', is_default: false });
    s.touch();

    store = new OrgStore(async () => client);
    const load = await loadHygieneInputs(store);
    assert.deepEqual(load.errors, []);
    const snapshot = hygieneSnapshot(store);
    assert.ok(snapshot.complete, 'every list the rules read is loaded');
    findings = findHygieneIssues(snapshot.inputs, settings);
  });
  after(async () => { store.dispose(); await fake.close(); });

  const rulesOf = (objectId: string) => findings.filter((f) => f.object.kind !== 'member' && 'key' in f.object ? f.object.key.id === objectId : false).map((f) => f.rule).sort();
  const of = (rule: RuleId) => findings.filter((f) => f.rule === rule);

  it('flags each known key under exactly the rules that apply to it, and leaves healthy keys alone', () => {
    assert.deepEqual(rulesOf('key_hyg-expired'), ['expired-key']);
    assert.deepEqual(rulesOf('key_hyg-expiring'), ['expiring-key']);
    assert.deepEqual(rulesOf('key_hyg-stale'), ['no-expiry-key', 'unused-key']);
    assert.deepEqual(rulesOf('key_hyg-never'), ['never-used-key']);
    assert.deepEqual(rulesOf('key_hyg-orphan'), ['orphaned-key']);
    assert.deepEqual(rulesOf('key_hyg-fine-new'), []);
    assert.deepEqual(rulesOf('key_hyg-fine'), [], 'used 89 days ago is within a 90-day limit');
  });

  it('each finding names its rule, object, explanation with figures, and a suggested action', () => {
    const stale = findings.find((f) => f.rule === 'unused-key' && f.object.kind === 'projectKey' && f.object.key.id === 'key_hyg-stale')!;
    assert.equal(stale.id, `unused-key/projectKey:${projectId}:key_hyg-stale`);
    assert.equal(stale.label, '“hyg-stale” (sk-proj-...tale)');
    assert.match(stale.explanation, /^last used 6 months ago \(limit 90 days\), owned by “.+”$/);
    assert.equal(stale.action, 'delete');
    const expiring = of('expiring-key').find((f) => f.object.kind === 'projectKey' && f.object.key.id === 'key_hyg-expiring')!;
    assert.match(expiring.explanation, /^expires in 5 days, owned by/);
    assert.equal(expiring.action, 'setExpiry');
    assert.match(of('orphaned-key').find((f) => f.label.includes('hyg-orphan'))!.explanation, /no longer has access to the project/);
    for (const f of findings) assert.ok(f.explanation && f.suggestion, `${f.id} explains itself`);
  });

  it('service accounts without keys, idle admin keys and members in no project', () => {
    assert.deepEqual(of('keyless-service-account').map((f) => f.object.kind === 'serviceAccount' && f.object.account.id), ['svc_acct_hygkeyless'],
      'every generated service account has a key; only the added one has none');
    const admin = of('unused-admin-key').map((f) => f.object.kind === 'adminKey' && f.object.key.id);
    assert.ok(admin.includes('key_hygadminidle'));
    assert.ok(!admin.includes('key_hygadminbusy'));
    const loners = of('member-without-project').map((f) => f.object.kind === 'member' && f.object.user.id);
    assert.ok(loners.includes(ids.loner));
    // Ground truth from the fake: members of no active project.
    const s = fake.state;
    const active = s.projects.values().filter((p) => p.status === 'active').map((p) => s.project(p.id)!);
    const expected = s.users.values().filter((u) => !active.some((d) => d.members.has(u.id))).map((u) => u.id);
    assert.deepEqual([...loners].sort(), [...expected].sort());
  });

  it("the seed's own expired, orphaned and long-unused keys are all found, and nothing else under those rules", () => {
    const s = fake.state;
    const truth = { expired: [] as string[], orphaned: [] as string[], unused: [] as string[], never: [] as string[] };
    for (const p of s.projects.values().filter((x) => x.status === 'active')) {
      for (const k of s.project(p.id)!.apiKeys.values()) {
        const expired = k.expires_at != null && k.expires_at <= NOW;
        if (expired) truth.expired.push(k.id);
        if (!ownerHasAccess(s, p.id, k)) truth.orphaned.push(k.id);
        if (!expired && k.last_used_at != null && Math.floor((NOW - k.last_used_at) / DAY) > 90) truth.unused.push(k.id);
        if (!expired && k.last_used_at == null && Math.floor((NOW - k.created_at) / DAY) > 30) truth.never.push(k.id);
      }
    }
    const keyIds = (rule: RuleId) => of(rule).map((f) => (f.object.kind === 'projectKey' ? f.object.key.id : '')).sort();
    assert.ok(truth.expired.length > 1 && truth.orphaned.length > 1 && truth.unused.length > 1 && truth.never.length > 1, 'the seed has several of each');
    assert.deepEqual(keyIds('expired-key'), truth.expired.sort());
    assert.deepEqual(keyIds('orphaned-key'), truth.orphaned.sort());
    assert.deepEqual(keyIds('unused-key'), truth.unused.sort());
    assert.deepEqual(keyIds('never-used-key'), truth.never.sort());
  });

  it('the clock and the unusedKeyDays setting decide: a later clock finds more, 0 turns the idle rules off', () => {
    const { inputs } = hygieneSnapshot(store);
    const later = findHygieneIssues(inputs, { ...settings, nowMs: (NOW + 30 * DAY) * 1000 });
    assert.ok(later.some((f) => f.rule === 'expired-key' && f.label.includes('hyg-expiring')), 'the expiring key has expired 30 days on');
    const off = findHygieneIssues(inputs, { ...settings, unusedKeyDays: 0 });
    assert.equal(off.filter((f) => f.rule === 'unused-key' || f.rule === 'unused-admin-key').length, 0);
  });

  it('findings are grouped in rule order, and a bulk plan names each object once with its call', () => {
    const order = findings.map((f) => f.rule).filter((r, i, a) => a.indexOf(r) === i);
    assert.deepEqual(order, ['expired-key', 'expiring-key', 'orphaned-key', 'unused-key', 'never-used-key', 'no-expiry-key', 'unused-admin-key', 'keyless-service-account', 'member-without-project']);
    const chosen = findings.filter((f) => /hyg-(stale|expired|keyless|admin-idle|loner)/.test(f.label));
    assert.equal(chosen.length, 6, 'hyg-stale twice (unused, no expiry)');
    const plan = hygienePlan(objectsOf(chosen), 'delete', { nowMs: NOW * 1000 });
    assert.deepEqual(plan.steps.map((s) => s.call), [
      `DELETE /organization/projects/${projectId}/api_keys/key_hyg-expired`,
      `DELETE /organization/projects/${projectId}/api_keys/key_hyg-stale`,
      `DELETE /organization/projects/${projectId}/service_accounts/svc_acct_hygkeyless`,
      `DELETE /organization/users/${ids.loner}`,
      'DELETE /organization/admin_api_keys/key_hygadminidle',
    ], 'admin keys last: one may be the key the run uses');
    assert.deepEqual(plan.warnings, [adminKeyInUse()], 'the plan says an admin key may be the one in use');
    assert.match(renderPlan(plan), /Warning: One of the admin API keys to delete may be the key this extension uses/);
    assert.equal(hygienePlan(objectsOf(chosen.filter((f) => !f.label.includes('admin'))), 'delete', { nowMs: NOW * 1000 }).warnings, undefined);
    const expiry = hygienePlan(objectsOf(chosen), 'setExpiry', { days: 30, nowMs: NOW * 1000 });
    assert.deepEqual(expiry.steps.map((s) => s.call), [`POST /organization/projects/${projectId}/api_keys/key_hyg-stale {"expires_in_seconds": 2592000}`],
      'only unexpired project keys get an expiry');
  });
});
