// Pagination truth: with faults on random pages (the fake's seeded RNG), a list loaded to the end the
// way the explorer does it (Load more… page by page; on an error row, Retry reloads from the top)
// holds exactly the fake's items in the fake's order, and so does all() with its read-ahead.
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import type { AdminClient, Page } from '../../../src/api';
import { PagedCollection } from '../../../src/model/pagedCollection';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { folderPage } from './helpers/folderPage';
import type { ListChildren, NodeSpec } from '../../../src/tree/nodeSpec';
import { clientFor, useFakeApi } from '../api/helpers/fake';
import type { FaultRule } from '../../fake-admin-api/types';
import { FAULT_CLIENT, watchUnhandledRejections } from './helpers/faults';

/** About one page in four fails, one way or another; a malformed body is not retried, so it reaches the list. */
const RANDOM_FAULTS = (path: string): FaultRule[] => [
  { path, kind: 'status', status: 503, retryAfterMs: 1, probability: 0.1 },
  { path, kind: 'reset', probability: 0.05 },
  { path, kind: 'truncated', probability: 0.05 },
  { path, kind: 'malformed', probability: 0.05 },
];

const MAX_ROUNDS = 500;

/** What a user does in the tree until the folder shows everything: Load more…, or Retry on the error row. */
async function loadLikeTheTree<T>(c: PagedCollection<T>): Promise<{ retries: number }> {
  let retries = 0;
  await c.ensureLoaded();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (c.error !== undefined) {
      retries++;
      c.reset();
      await c.ensureLoaded();
    } else if (c.hasMore) {
      await c.loadMore();
    } else {
      return { retries };
    }
  }
  throw new Error(`not fully loaded after ${MAX_ROUNDS} rounds`);
}

describe('pagination truth under random faults (fake Admin API, seeded)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 60, users: 450, seed: 8 });
  const unhandled = watchUnhandledRejections();
  let client: AdminClient;
  const root = (key: string) => organizationRoots().find((s) => s.key === key)!.children as ListChildren;

  before(() => { client = clientFor(fake(), { ...FAULT_CLIENT, maxRetries: 2 }); });
  afterEach(() => assert.deepEqual(unhandled(), []));

  it('Members (the tree\'s own loader, 5 pages): every user once, in order', async () => {
    fake().faults.add(RANDOM_FAULTS('^/organization/users$'));
    const members = new PagedCollection<NodeSpec>((cursor, signal) => folderPage(root('members'), client, cursor, signal));
    const { retries } = await loadLikeTheTree(members);
    assert.deepEqual(members.items.map((s) => s.key), fake().state.users.values().map((u) => u.id));
    assert.ok(retries > 0, 'no page failed for good: the test did not exercise Retry');
  });

  const smallPages: [string, string, (after: string | undefined, signal: AbortSignal) => Promise<Page<{ id: string }>>, () => string[]][] = [
    ['projects (style A, 7 per page)', '^/organization/projects$',
      (after, signal) => client.projects.listPage({ after, limit: 7 }, { signal }),
      () => fake().state.projects.values().filter((p) => p.status === 'active').map((p) => p.id)],
    ['roles (style B cursors, 2 per page)', '^/organization/roles$',
      (after, signal) => client.roles.listPage({ after, limit: 2 }, { signal }),
      () => fake().state.orgRoles.values().map((r) => r.id)],
    ['groups (style B, last id as cursor, 2 per page)', '^/organization/groups$',
      (after, signal) => client.groups.listPage({ after, limit: 2 }, { signal }),
      () => fake().state.groups.values().map((g) => g.id)],
  ];
  for (const [name, path, load, truth] of smallPages) {
    it(`${name}: every item once, in order`, async () => {
      fake().faults.add(RANDOM_FAULTS(path));
      const list = new PagedCollection(load);
      await loadLikeTheTree(list);
      assert.deepEqual(list.items.map((i) => i.id), truth());
    });
  }

  it('all() with read-ahead under retryable faults: every user once, in order', async () => {
    fake().faults.add(RANDOM_FAULTS('^/organization/users$').filter((r) => r.kind !== 'malformed'));
    const users = await clientFor(fake(), { ...FAULT_CLIENT, maxRetries: 6 }).users.all({ limit: 20 });
    assert.deepEqual(users.map((u) => u.id), fake().state.users.values().map((u) => u.id));
    assert.ok(fake().requests.some((r) => r.path === '/organization/users' && r.status !== 200), 'no fault fired');
  });
});
