// A write's store effects (src/model/writeEffects.ts) against the fake: after a representative write
// and its effects, every list the store holds equals a fresh read of the fake (the same items,
// compared by id), and the lists the write did not change are not read again.
import assert from 'node:assert/strict';
import type { AdminClient } from '../../../src/api';
import { listKey, listRef, OrgStore, type ListRef } from '../../../src/model/store';
import { apiKeyEffects, memberEffects, projectEffects, projectUserEffects, serviceAccountEffects } from '../../../src/model/writeEffects';
import { clientFor, useFakeApi } from '../api/helpers/fake';

describe('write effects leave the store equal to a fresh read', function () {
  this.timeout(30_000);
  const fake = useFakeApi({ projects: 5, users: 60, seed: 11 });
  let client: AdminClient;
  let store: OrgStore;

  before(() => { client = clientFor(fake(), { maxRetries: 0 }); });
  beforeEach(() => { store = new OrgStore(async () => client); });
  afterEach(() => store.dispose());

  /** An active project (not the default one) with members, service accounts and keys. */
  function busyProject(): string {
    const { state } = fake();
    return state.projects.values().find((p) => p.status === 'active' && !p.is_default
      && state.project(p.id)!.members.size > 1 && state.project(p.id)!.serviceAccounts.size > 0)!.id;
  }

  async function load(refs: ListRef[]): Promise<void> {
    for (const ref of refs) await store.loadAll(ref);
  }

  /**
   * Every list in the store, read through the store (a list the effects dropped is read again here),
   * equals what a store of its own reads from the fake now. Returns the keys of the lists read again.
   */
  async function assertFresh(refs: ListRef[]): Promise<string[]> {
    const since = fake().requests.length;
    const reread: string[] = [];
    for (const ref of refs) {
      const wasLoaded = store.peek(ref)?.isLoaded === true;
      const held = await store.loadAll(ref);
      if (!wasLoaded) reread.push(listKey(ref));
      const truth = await new OrgStore(async () => client).loadAll(ref);
      const byId = (items: readonly unknown[]) => new Map(items.map((x) => [(x as { id?: string }).id ?? '', JSON.stringify(x)]));
      assert.deepEqual(byId(held), byId(truth), `${listKey(ref)} differs from a fresh read`);
    }
    assert.ok(fake().requests.length > since);
    return reread.sort();
  }

  it('create a service account: its row joins the accounts, the key list is read again (it holds the new key), nothing else', async () => {
    const pid = busyProject();
    const refs = [listRef('projectServiceAccounts', pid), listRef('projectApiKeys', pid), listRef('projectUsers', pid)];
    await load(refs);
    const created = await client.serviceAccounts.create(pid, { name: 'effects-bot' });
    assert.ok(created.api_key?.value, 'the fake made a key');
    store.apply(serviceAccountEffects.created(pid, created));
    assert.equal(store.find(listRef('projectServiceAccounts', pid), created.id)?.name, 'effects-bot', 'the row is there without a read');
    assert.ok(!JSON.stringify(store.peek(listRef('projectServiceAccounts', pid))!.items).includes(created.api_key!.value), 'the one-time key is not stored');
    assert.deepEqual(await assertFresh(refs), [`projectApiKeys:${pid}`]);
    assert.ok(store.peek(listRef('projectApiKeys', pid))!.items.some((k) => k.owner.service_account?.id === created.id));
  });

  it('delete a service account: its row and its keys go; the other lists stay as read', async () => {
    const pid = busyProject();
    const refs = [listRef('projectServiceAccounts', pid), listRef('projectApiKeys', pid), listRef('projectUsers', pid)];
    await load(refs);
    const account = store.peek(listRef('projectServiceAccounts', pid))!.items[0]!;
    await client.serviceAccounts.delete(pid, account.id);
    store.apply(serviceAccountEffects.deleted(pid, account.id));
    assert.deepEqual(await assertFresh(refs), [`projectApiKeys:${pid}`]);
    assert.ok(!store.peek(listRef('projectApiKeys', pid))!.items.some((k) => k.owner.service_account?.id === account.id));
  });

  it('a member\'s project role: the member row, their role assignments (the mirrored role) and the key list (it names the owner\'s role)', async () => {
    const pid = busyProject();
    const users = await store.loadAll(listRef('projectUsers', pid));
    const user = users[0]!;
    const refs = [listRef('projectUsers', pid), listRef('projectUserRoles', pid, user.id), listRef('projectUserRoles', pid, users[1]!.id), listRef('projectApiKeys', pid), listRef('projectServiceAccounts', pid)];
    await load(refs);
    const updated = await client.projectUsers.update(pid, user.id, { role: user.role === 'owner' ? 'member' : 'owner' });
    store.apply(projectUserEffects.roleChanged(pid, updated));
    assert.deepEqual(await assertFresh(refs), [`projectApiKeys:${pid}`, `projectUserRoles:${pid}/${user.id}`]);
  });

  it('archive a project: it moves from the active list to the archived one, and its own list says archived', async () => {
    const pid = busyProject();
    const refs = [listRef('projects'), listRef('archivedProjects'), listRef('project', pid), listRef('members')];
    await load(refs);
    const archived = await client.projects.archive(pid);
    store.apply(projectEffects.archived(archived));
    assert.deepEqual(await assertFresh(refs), [], 'the result says all: nothing is read again');
  });

  it('delete an API key and remove a member from the organization', async () => {
    const pid = busyProject();
    const keys = await store.loadAll(listRef('projectApiKeys', pid));
    const key = keys[0]!;
    await client.projectApiKeys.delete(pid, key.id);
    store.apply(apiKeyEffects.deleted(pid, key.id));
    assert.deepEqual(await assertFresh([listRef('projectApiKeys', pid)]), []);

    const members = await store.loadAll(listRef('members'));
    const users = await store.loadAll(listRef('projectUsers', pid));
    const leaving = members.find((m) => m.role !== 'owner' && users.some((u) => u.id === m.id))!;
    const refs = [listRef('members'), listRef('projectUsers', pid), listRef('projectApiKeys', pid), listRef('invites')];
    await load(refs);
    await client.users.delete(leaving.id);
    store.apply(memberEffects.removed(leaving.id));
    assert.deepEqual(await assertFresh(refs), [`projectApiKeys:${pid}`, `projectUsers:${pid}`]);
  });
});
