// The Access Review model against the fake: rows built from the org store equal what the fake's
// state says each member, invite and service account can reach; filters, search and sorting; the
// CSV export's quoting and formula guard; rows following a write applied to the store.
import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient } from '../../../../src/api';
import { buildReview, ReviewIndex, reviewCsv, REVIEW_CSV_HEADER, rowLabel, type ReviewRow } from '../../../../src/model/review';
import { listRef, OrgStore, remove } from '../../../../src/model/store';
import { startFakeAdminApi, type FakeAdminApi } from '../../../fake-admin-api';
import { parseCsv } from '../csv';

/** What the fake's own state says one row should be, built without the model's code. */
interface Truth { kind: string; name: string; email: string; orgRole: string; projects: string[]; groups: string[]; keys: string[] }

function truthOf(fake: FakeAdminApi): Map<string, Truth> {
  const s = fake.state;
  const out = new Map<string, Truth>();
  for (const u of s.users.values()) {
    out.set(`member:${u.id}`, { kind: 'member', name: u.name, email: u.email, orgRole: u.role, projects: [], groups: [], keys: [] });
  }
  for (const g of s.groups.values()) {
    for (const gm of s.groupMembersOf(g.id).values()) out.get(`member:${gm.id}`)?.groups.push(g.name);
  }
  for (const p of s.projects.values()) {
    if (p.status !== 'active') continue;
    const data = s.project(p.id)!;
    for (const m of data.members.values()) out.get(`member:${m.id}`)?.projects.push(`${p.id}:${m.role}`);
    for (const sa of data.serviceAccounts.values()) {
      out.set(`serviceAccount:${p.id}/${sa.id}`, { kind: 'serviceAccount', name: sa.name, email: '', orgRole: '', projects: [`${p.id}:${sa.role}`], groups: [], keys: [] });
    }
    for (const k of data.apiKeys.values()) {
      // The list shows the keys of owners who still have access (the API's default).
      const key = k.owner.type === 'user' ? `member:${k.owner.id}` : `serviceAccount:${p.id}/${k.owner.id}`;
      const visible = k.owner.type === 'user' ? data.members.has(k.owner.id) : data.serviceAccounts.has(k.owner.id);
      if (visible) out.get(key)?.keys.push(k.id);
    }
  }
  for (const inv of s.invites.values()) {
    if (inv.status !== 'pending') continue;
    out.set(`invite:${inv.id}`, { kind: 'invite', name: '', email: inv.email, orgRole: inv.role, projects: inv.projects.map((ip) => `${ip.id}:${ip.role}`), groups: [], keys: [] });
  }
  return out;
}

const sorted = (xs: string[]) => [...xs].sort();
function asTruth(row: ReviewRow): Truth {
  return {
    kind: row.kind, name: row.name, email: row.email, orgRole: row.orgRole,
    projects: sorted(row.projects.map((p) => `${p.projectId}:${p.role}`)), groups: sorted(row.groups.map((g) => g.name)), keys: sorted(row.keys.map((k) => k.id)),
  };
}

/** Reads every list the review uses, as Load Organization would. */
async function fillStore(store: OrgStore): Promise<void> {
  const [, , groups, projects] = await Promise.all([
    store.loadAll(listRef('members')), store.loadAll(listRef('invites')), store.loadAll(listRef('groups')), store.loadAll(listRef('projects')),
  ]);
  await Promise.all([
    ...groups.map((g) => store.loadAll(listRef('groupUsers', g.id))),
    ...projects.flatMap((p) => [
      store.loadAll(listRef('projectUsers', p.id)), store.loadAll(listRef('projectServiceAccounts', p.id)), store.loadAll(listRef('projectApiKeys', p.id)),
    ]),
  ]);
}

describe('Access Review model (rows from the org store)', () => {
  let fake: FakeAdminApi;
  let client: AdminClient;
  let store: OrgStore;

  before(async () => {
    fake = await startFakeAdminApi({ users: 140, projects: 8, seed: 5 });
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => { store = new OrgStore(async () => client); });
  afterEach(() => store.dispose());

  it('has one row per member, pending invite and project service account, each equal to the fake\'s truth', async () => {
    await fillStore(store);
    const review = buildReview(store);
    const truth = truthOf(fake);
    assert.equal(review.rows.length, truth.size);
    assert.deepEqual(sorted(review.rows.map((r) => r.key)), sorted([...truth.keys()]));
    for (const row of review.rows) {
      const want = truth.get(row.key)!;
      assert.deepEqual(asTruth(row), { ...want, projects: sorted(want.projects), groups: sorted(want.groups), keys: sorted(want.keys) }, row.key);
    }
    // The seeded org has every case worth checking.
    assert.ok(review.rows.some((r) => r.kind === 'member' && r.projects.length === 0), 'a member in no project');
    assert.ok(review.rows.some((r) => r.kind === 'member' && r.keys.length > 0), 'a member owning keys');
    assert.ok(review.rows.some((r) => r.kind === 'serviceAccount' && r.keys.length > 0), 'a service account with keys');
    assert.ok(review.rows.some((r) => r.kind === 'invite'), 'a pending invite');
    assert.ok(review.rows.some((r) => r.groups.length > 0), 'a member in a group');
    assert.deepEqual(review.coverage, {
      members: true, invites: true, projects: true, projectCount: review.coverage.projectCount, projectsRead: review.coverage.projectCount,
      groupCount: fake.state.groups.size, groupsRead: fake.state.groups.size, loading: false,
    });
    assert.ok(review.readAt && review.readAt <= Date.now());
  });

  it('key use and expiry: the latest use and the earliest expiry of the row\'s keys, with each key\'s own times', async () => {
    await fillStore(store);
    const row = buildReview(store).rows.find((r) => r.keys.length > 1 && r.keys.some((k) => k.expiresAt !== null))!;
    assert.ok(row, 'a row with several keys, one expiring');
    const used = row.keys.map((k) => k.lastUsedAt).filter((t): t is number => t !== null);
    assert.equal(row.lastKeyUse, used.length ? Math.max(...used) : null);
    assert.equal(row.nextKeyExpiry, Math.min(...row.keys.map((k) => k.expiresAt).filter((t): t is number => t !== null)));
    const k = row.keys[0]!;
    const rec = fake.state.project(k.projectId)!.apiKeys.get(k.id)!;
    assert.deepEqual([k.name, k.redactedValue, k.lastUsedAt, k.expiresAt], [rec.name, rec.redacted_value, rec.last_used_at, rec.expires_at ?? null]);
  });

  it('project role assignments and organization role assignments appear where those lists were read', async () => {
    await fillStore(store);
    const member = buildReview(store).rows.find((r) => r.kind === 'member' && r.projects.length > 0)!;
    const access = member.projects[0]!;
    const projectRoles = await store.loadAll(listRef('projectUserRoles', access.projectId, member.id));
    const orgRoles = await store.loadAll(listRef('memberRoles', member.id));
    const again = buildReview(store).rows.find((r) => r.key === member.key)!;
    assert.deepEqual(again.projects.find((p) => p.projectId === access.projectId)!.roles, projectRoles.map((r) => r.name));
    assert.ok(projectRoles.length > 0, 'the membership role is listed as an assignment');
    assert.deepEqual(again.orgRoles, orgRoles.map((r) => r.name));
    assert.equal(again.projects.filter((p) => p.projectId !== access.projectId).every((p) => p.roles === undefined), true, 'not read: undefined, not empty');
  });

  it('a partial store gives partial rows and says so; a write applied to the store shows in the next build', async () => {
    await store.loadAll(listRef('members'));
    const projects = await store.loadAll(listRef('projects'));
    const p = projects.find((x) => fake.state.project(x.id)!.members.size > 0)!;
    await store.loadAll(listRef('projectUsers', p.id));
    let review = buildReview(store);
    assert.deepEqual([review.coverage.projectsRead, review.coverage.projectCount, review.coverage.invites], [0, projects.length, false]);
    const inP = review.rows.filter((r) => r.projects.some((a) => a.projectId === p.id));
    assert.equal(inP.length, fake.state.project(p.id)!.members.size);
    assert.ok(review.rows.every((r) => r.projects.every((a) => a.projectId === p.id)), 'only the project read');

    const gone = inP[0]!;
    await client.projectUsers.delete(p.id, gone.id);
    store.apply([remove(listRef('projectUsers', p.id), gone.id)]);
    review = buildReview(store);
    assert.deepEqual(review.rows.find((r) => r.key === gone.key)!.projects, []);
  });

  describe('search, filters and sorting', () => {
    let index: ReviewIndex;
    let rows: readonly ReviewRow[];
    before(async () => {
      const s = new OrgStore(async () => client);
      await fillStore(s);
      rows = buildReview(s).rows;
      index = new ReviewIndex(rows);
      s.dispose();
    });

    it('filters by project (and by the role there), by organization role, key ownership, no project and kind', () => {
      const p = rows.find((r) => r.kind === 'member' && r.projects.length)!.projects[0]!;
      const inP = index.select({ projectId: p.projectId });
      assert.deepEqual(sorted(inP.map((r) => r.key)), sorted(rows.filter((r) => r.projects.some((a) => a.projectId === p.projectId)).map((r) => r.key)));
      assert.ok(inP.some((r) => r.kind === 'serviceAccount'), 'the project\'s service accounts are listed with it');
      const owners = index.select({ projectId: p.projectId, role: 'owner' });
      assert.ok(owners.every((r) => r.projects.find((a) => a.projectId === p.projectId)!.role === 'owner'));
      assert.equal(owners.length, inP.filter((r) => r.projects.find((a) => a.projectId === p.projectId)!.role === 'owner').length);
      assert.deepEqual(index.select({ role: 'owner' }).map((r) => r.orgRole).filter((x) => x !== 'owner'), []);
      assert.ok(index.select({ role: 'owner' }).length > 0);
      const keyOwners = index.select({ ownsKeys: true });
      assert.equal(keyOwners.length, rows.filter((r) => r.keys.length).length);
      const none = index.select({ noProject: true, kinds: ['member'] });
      assert.ok(none.length > 0 && none.every((r) => r.kind === 'member' && r.projects.length === 0));
      assert.equal(index.select({ kinds: ['invite'] }).length, rows.filter((r) => r.kind === 'invite').length);
    });

    it('search: every word must appear in the name, email, id, projects, groups or key names, in any case', () => {
      const withGroup = rows.find((r) => r.groups.length && r.email)!;
      const hits = index.select({ search: `  ${withGroup.email.toUpperCase()}  ` });
      assert.ok(hits.some((r) => r.key === withGroup.key));
      assert.ok(hits.every((r) => r.email.toLowerCase().includes(withGroup.email.toLowerCase())));
      const byGroup = index.select({ search: `${withGroup.groups[0]!.name} ${withGroup.email}` });
      assert.ok(byGroup.some((r) => r.key === withGroup.key));
      const keyed = rows.find((r) => r.keys.length)!;
      assert.ok(index.select({ search: keyed.keys[0]!.name }).some((r) => r.key === keyed.key));
      assert.deepEqual(index.select({ search: 'no-such-word-anywhere' }), []);
    });

    it('sorts by any column both ways (text ignoring case), ties by name; rows without keys sort last by expiry', () => {
      const byName = index.select({}).map((r) => rowLabel(r).toLowerCase());
      assert.deepEqual(byName, [...byName].sort());
      const byKeys = index.select({ sort: { column: 'keys', direction: 'desc' } });
      for (let i = 1; i < byKeys.length; i++) assert.ok(byKeys[i - 1]!.keys.length >= byKeys[i]!.keys.length);
      const byExpiry = index.select({ sort: { column: 'nextKeyExpiry', direction: 'asc' } });
      const firstNever = byExpiry.findIndex((r) => r.nextKeyExpiry === null);
      assert.ok(firstNever > 0 && byExpiry.slice(firstNever).every((r) => r.nextKeyExpiry === null));
      const lastUse = index.select({ sort: { column: 'lastKeyUse', direction: 'desc' } });
      assert.equal(lastUse[0]!.lastKeyUse, Math.max(...rows.map((r) => r.lastKeyUse ?? 0)));
      assert.equal(index.select({ sort: { column: 'email', direction: 'desc' } }).length, rows.length);
    });
  });

  describe('CSV export', () => {
    const row = (over: Partial<ReviewRow>): ReviewRow => ({
      key: 'member:u1', kind: 'member', id: 'u1', name: 'Ada', email: 'ada@example.com', orgRole: 'owner', projects: [], groups: [], keys: [],
      lastKeyUse: null, nextKeyExpiry: null, ...over,
    });

    it('writes a header and one line per row, in the order given, with lists joined in a cell and ISO times', () => {
      const csv = reviewCsv([
        row({ projects: [{ projectId: 'p1', projectName: 'Alpha', role: 'owner', roles: ['Owner', 'Auditor'] }], groups: [{ id: 'g', name: 'Eng' }],
          keys: [{ id: 'k', name: 'ci', projectId: 'p1', projectName: 'Alpha', redactedValue: 'sk-…abcd', createdAt: 0, lastUsedAt: 1_700_000_000, expiresAt: null }],
          lastKeyUse: 1_700_000_000 }),
        row({ key: 'invite:i', kind: 'invite', id: 'i', name: '', email: 'new@example.com', orgRole: 'reader', invite: { status: 'pending', createdAt: 0, expiresAt: 1_800_000_000 } }),
      ]);
      assert.ok(csv.endsWith('\r\n'));
      const [header, ada, invite] = parseCsv(csv);
      assert.deepEqual(header, [...REVIEW_CSV_HEADER]);
      const cell = (line: string[], name: (typeof REVIEW_CSV_HEADER)[number]) => line[REVIEW_CSV_HEADER.indexOf(name)];
      assert.equal(cell(ada!, 'projects'), 'Alpha (p1): owner');
      assert.equal(cell(ada!, 'project_role_assignments'), 'Alpha: Owner, Auditor');
      assert.equal(cell(ada!, 'groups'), 'Eng');
      assert.equal(cell(ada!, 'api_keys'), 'ci (sk-…abcd, Alpha, last used 2023-11-14T22:13:20.000Z, expires never)');
      assert.equal(cell(ada!, 'last_key_use'), '2023-11-14T22:13:20.000Z');
      assert.equal(cell(invite!, 'kind'), 'invite');
      assert.equal(cell(invite!, 'invite_expires'), '2027-01-15T08:00:00.000Z');
    });

    it('quotes commas, quotes and line breaks, and keeps formula-like API text as text', () => {
      const csv = reviewCsv([
        row({ name: '=HYPERLINK("https://evil.example","x")', email: '+1@example.com', groups: [{ id: 'g', name: '-2+3' }] }),
        row({ name: 'Line\r\nbreak, "quoted"', email: '@home', orgRole: 'reader' }),
      ]);
      const [, a, b] = parseCsv(csv);
      assert.equal(a![2], '\'=HYPERLINK("https://evil.example","x")');
      assert.equal(a![3], '\'+1@example.com');
      assert.equal(a![8], '\'-2+3');
      assert.equal(b![2], 'Line\r\nbreak, "quoted"');
      assert.equal(b![3], '\'@home');
      assert.equal(parseCsv(csv).length, 3, 'a line break inside a cell does not start a row');
      assert.ok(!/^[=+\-@]/m.test(csv.split('\r\n').map((l) => l.split(',').map((c) => c.replace(/^"/, '')).join('\n')).join('\n')), 'no cell starts a formula');
    });
  });
});
