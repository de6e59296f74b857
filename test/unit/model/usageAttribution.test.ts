// Cost attribution against the fake: the names the Usage & Costs panel shows for API keys, users and
// projects, read through the org store (src/model/usage/attribution.ts). They must equal the fake's
// own records, say so when an id is gone, and cost a number of requests that follows the lists read,
// never the number of ids.
import assert from 'node:assert/strict';
import { listRef, OrgStore, remove, upsert } from '../../../src/model/store';
import { UsageDashboard } from '../../../src/model/usage/dashboard';
import { idsOf, withNames } from '../../../src/model/usage/labels';
import type { DashboardData } from '../../../src/model/usage/types';
import { ok } from '../../fake-admin-api/helpers';
import type { FakeState } from '../../fake-admin-api/state';
import { CLOCK_MS, useUsageFake } from './usageHelpers';

/** The project holding a key in the fake, and the key. */
function keyRecord(state: FakeState, keyId: string) {
  const [projectId, data] = [...state.projectData].find(([, d]) => d.apiKeys.has(keyId))!;
  return { projectId, data, key: data.apiKeys.get(keyId)! };
}

/** What the panel should call a key, from the fake's records. */
function keyTruth(state: FakeState, keyId: string): string {
  const { projectId, data, key } = keyRecord(state, keyId);
  const user = key.owner.type === 'user' ? state.users.get(key.owner.id) : undefined;
  const owner = key.owner.type === 'user' ? user!.name || user!.email : `${data.serviceAccounts.get(key.owner.id)!.name} (service account)`;
  return `${key.name} (${key.redacted_value}) · ${owner} · ${state.projects.get(projectId)!.name}`;
}

describe('usage model: cost attribution through the org store (fake Admin API)', function () {
  this.timeout(30_000);
  const { fake, client } = useUsageFake({ seed: 5, projects: 8, users: 40 });
  const never = new AbortController().signal;
  const setup = () => {
    const store = new OrgStore(async () => client());
    return { store, dashboard: new UsageDashboard(async () => client(), store, { clock: () => CLOCK_MS }) };
  };
  const named = async (d: UsageDashboard, data: DashboardData) => {
    const { names, warnings } = await d.resolveNames(data, never);
    assert.deepEqual(warnings, []);
    return withNames(data, names);
  };
  const keySelection = { kind: 'costs', range: { preset: '30d' }, groupBy: ['api_key_id'] };

  it('names every API key "name (sk-…) · owner · project" as the fake has them, with requests bounded by lists, not keys', async () => {
    const { dashboard } = setup();
    const data = await dashboard.load(keySelection, never);
    const keys = data.view.series.map((s) => s.group.api_key_id).filter((k): k is string => !!k);
    assert.ok(keys.length > 8, `enough keys to tell lists from ids (${keys.length})`);
    assert.deepEqual(data.view.series.filter((s) => s.group.api_key_id).map((s) => s.label), keys, 'the first chart shows ids');

    fake().resetStats();
    const { view, chart } = await named(dashboard, data);
    for (const s of view.series) {
      const id = s.group.api_key_id;
      assert.equal(s.label, id ? keyTruth(fake().state, id) : '(none)');
      assert.equal(s.names.api_key_id, s.label);
    }
    assert.deepEqual(chart.filter((c) => !c.other).map((c) => c.label), view.series.slice(0, chart.filter((c) => !c.other).length).map((s) => s.label));

    const byOp = new Map<string, number>();
    for (const r of fake().requests) byOp.set(r.operationId, (byOp.get(r.operationId) ?? 0) + 1);
    const projectsWithKeys = new Set(keys.map((k) => keyRecord(fake().state, k).projectId));
    assert.equal(byOp.get('retrieve-project-api-key') ?? 0, 0, 'no request per key');
    assert.ok((byOp.get('list-project-api-keys') ?? 0) <= 2 * projectsWithKeys.size, `key lists: ${byOp.get('list-project-api-keys')} for ${projectsWithKeys.size} projects`);
    assert.ok((byOp.get('list-project-api-keys') ?? 0) < keys.length);
    assert.equal(byOp.get('usage-costs') ?? 0, 1, 'one usage query places the keys in their projects');
    assert.equal(byOp.get('list-projects') ?? 0, 1);
    assert.deepEqual([...byOp.keys()].filter((op) => !['list-project-api-keys', 'usage-costs', 'list-projects'].includes(op)), []);

    // A second load finds everything in the store: names at once, and no request for them.
    fake().resetStats();
    const again = await dashboard.load({ ...keySelection, range: { preset: '7d' } }, never);
    const shown = again.view.series.filter((s) => s.group.api_key_id);
    assert.ok(shown.every((s) => s.label === keyTruth(fake().state, s.group.api_key_id!)), 'names before any request for them');
    await dashboard.resolveNames(again, never);
    assert.deepEqual(fake().requests.filter((r) => r.operationId.startsWith('list-')).map((r) => r.operationId), []);
  });

  it('names users (name, else e-mail) and projects (archived ones say so) from one list each', async () => {
    const { dashboard } = setup();
    fake().resetStats();
    const data = await named(dashboard, await dashboard.load({ kind: 'completions', range: { preset: '30d' }, groupBy: ['project_id', 'user_id'] }, never));
    const state = fake().state;
    assert.ok(data.view.series.length > 3);
    for (const s of data.view.series) {
      const p = state.projects.get(s.group.project_id!)!;
      assert.equal(s.names.project_id, p.status === 'archived' ? `${p.name} (archived)` : p.name);
      const u = s.group.user_id ? state.users.get(s.group.user_id)! : undefined;
      assert.equal(s.names.user_id, u ? u.name || u.email : '(none)');
    }
    const lists = fake().requests.filter((r) => r.operationId === 'list-users' || r.operationId === 'list-projects');
    const pages = (n: number) => Math.ceil(n / 100);
    assert.ok(lists.filter((r) => r.operationId === 'list-users').length <= pages(state.users.size), 'members read once');
    assert.ok(data.summary.cost!.topProjects.every((p) => p.label === state.projects.get(p.group!.project_id!)!.name || p.label.endsWith('(archived)')));
  });

  it('says "deleted key …" and "unknown user …" for ids that are gone from their fully read lists; a key whose owner left its project is still named', async () => {
    const { dashboard } = setup();
    const byKey = await dashboard.load(keySelection, never);
    const byUser = await dashboard.load({ ...keySelection, groupBy: ['user_id'] }, never);
    const state = fake().state;
    const userKeys = byKey.view.series.map((s) => s.group.api_key_id).filter((k): k is string => !!k)
      .filter((k) => keyRecord(state, k).key.owner.type === 'user' && state.projects.get(keyRecord(state, k).projectId)!.status === 'active');
    const [gone, orphaned] = userKeys;
    assert.ok(gone && orphaned, 'two user-owned keys in active projects');

    // The usage above was read before these changes, as it is on screen when a key is deleted.
    const deleted = keyRecord(state, gone);
    await ok(fake(), 'DELETE', `/organization/projects/${deleted.projectId}/api_keys/${gone}`);
    const left = keyRecord(state, orphaned);
    await ok(fake(), 'DELETE', `/organization/projects/${left.projectId}/users/${left.key.owner.id}`);
    const orphanedName = keyTruth(state, orphaned);
    const userGone = byUser.view.series.map((s) => s.group.user_id).find((u) => u && u !== left.key.owner.id && u !== deleted.key.owner.id)!;
    await ok(fake(), 'DELETE', `/organization/users/${userGone}`);

    const keys = await named(dashboard, byKey);
    const label = (id: string) => keys.view.series.find((s) => s.group.api_key_id === id)!.label;
    assert.equal(label(gone), `deleted key ${gone}`);
    assert.equal(label(orphaned), orphanedName, 'hidden from the default key list, not deleted');
    const users = await named(dashboard, byUser);
    assert.equal(users.view.series.find((s) => s.group.user_id === userGone)!.label, `unknown user ${userGone}`);
  });

  it('follows the store: a key renamed or removed there changes its name, and a change is announced', async () => {
    const { dashboard, store } = setup();
    const data = await named(dashboard, await dashboard.load(keySelection, never));
    const inList = (k: string | null) => !!k && !!store.find(listRef('projectApiKeys', keyRecord(fake().state, k).projectId), k);
    const keyId = data.view.series.map((s) => s.group.api_key_id).find(inList)!;
    const { projectId } = keyRecord(fake().state, keyId);
    const ref = listRef('projectApiKeys', projectId);
    let changes = 0;
    const sub = dashboard.names.onDidChange(() => changes++);
    try {
      const key = store.find(ref, keyId)!;
      store.apply([upsert(ref, { ...key, name: 'renamed in the tree' })]);
      assert.ok(changes >= 1, 'the rename is announced');
      const ids = idsOf(data);
      assert.match(dashboard.names.known(ids).api_key_id![keyId]!, /^renamed in the tree \(/);

      // A delete as a write does it: the API call, then its effect on the store.
      await ok(fake(), 'DELETE', `/organization/projects/${projectId}/api_keys/${keyId}`);
      store.apply([remove(ref, keyId)]);
      assert.ok(changes >= 2);
      const after = await dashboard.names.resolve(ids, async () => new Map(), never);
      assert.equal(after.names.api_key_id![keyId], `deleted key ${keyId}`, 'removed from the store: read again, and gone');
    } finally {
      sub.dispose();
    }
  });

  it('a list that cannot be read leaves its ids as ids, with a warning naming it', async () => {
    const { dashboard } = setup();
    const data = await dashboard.load({ kind: 'costs', range: { preset: '7d' }, groupBy: ['user_id'] }, never);
    fake().faults.add({ path: '^/organization/users$', kind: 'status', status: 500 });
    const { names, warnings } = await dashboard.resolveNames(data, never);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^Couldn't load user names: 500 /);
    assert.deepEqual(names.user_id, {});
    const shown = withNames(data, names).view.series.filter((s) => s.group.user_id);
    assert.ok(shown.length > 0 && shown.every((s) => s.label === s.group.user_id), 'ids stay ids; nothing is called unknown');
  });
});
