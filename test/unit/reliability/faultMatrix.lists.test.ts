// Fault matrix for reads: every list the explorer loads (each folder kind of the real tree, through
// the PagedCollection the tree uses) under each fault. A fault that happens once is absorbed by the
// retry policy where it may be; otherwise the folder keeps a clear error and Retry (a reset and
// reload, as ExplorerProvider.refresh does) brings back exactly the data. Other folders never notice.
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import type { AdminClient } from '../../../src/api';
import { PagedCollection } from '../../../src/model/pagedCollection';
import { describeError } from '../../../src/model/describeError';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { folderPage } from './helpers/folderPage';
import type { ListChildren, NodeSpec } from '../../../src/tree/nodeSpec';
import { clientFor, useFakeApi } from '../api/helpers/fake';
import { CLEAR_ERROR, escapeRegex, FAULT_CLIENT, FAULTS, watchUnhandledRejections, type FaultCase } from './helpers/faults';

interface Folder {
  id: string;
  children: ListChildren;
  /** Paths (no query) its first page reads; a fault on any of them hits the folder. */
  paths: string[];
  /** Row keys of a clean first page. */
  keys: string[];
}

const never = new AbortController().signal;
const keysOf = (c: PagedCollection<NodeSpec>) => c.items.map((s) => s.key);

describe('fault matrix: every list the tree loads, under every fault (fake Admin API)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 3, users: 40, seed: 8 });
  const unhandled = watchUnhandledRejections();
  let folders: Folder[] = [];
  let control: Folder;
  let client: AdminClient;

  /** Every paged folder of the tree: the organization's, one project's, and the nested kinds (a user's roles, a group's members, …). */
  async function collect(specs: NodeSpec[], parent: string | undefined, depth: number): Promise<void> {
    for (const spec of specs) {
      const id = parent ? `${parent}/${spec.key}` : spec.key;
      const children = spec.children;
      if (!children) continue;
      if (children.type === 'static') {
        await collect(children.nodes(), id, depth);
        continue;
      }
      const since = fake().requests.length;
      const page = await folderPage(children, client, undefined, never);
      const paths = [...new Set(fake().requests.slice(since).map((r) => r.path))];
      folders.push({ id, children, paths, keys: page.data.map((s) => s.key) });
      // Fixed rows (the Archived folder) and one active item with children (an archived project refuses reads).
      const active = page.data.filter((s) => s.children && !/\barchived\b/.test(s.contextValue ?? '')).slice(0, 1);
      if (depth > 0) await collect([...(children.fixed?.() ?? []), ...active], id, depth - 1);
    }
  }

  before(async () => {
    client = clientFor(fake(), FAULT_CLIENT);
    await collect(organizationRoots(), undefined, 2);
    // Folders that read the same path cannot take a fault each at once; one of them (the shallowest) stands for the path.
    const depth = (f: Folder) => f.id.split('/').length;
    folders.sort((a, b) => depth(a) - depth(b));
    const seen = new Set<string>();
    folders = folders.filter((f) => {
      const fresh = f.paths.every((p) => !seen.has(p));
      f.paths.forEach((p) => seen.add(p));
      return fresh;
    });
    control = folders.find((f) => f.id === 'roles')!;
    folders = folders.filter((f) => f !== control);
  });

  it('covers the organization folders, a project\'s folders and the nested kinds', () => {
    const ids = folders.map((f) => f.id.replace(/\/(proj|user|grp|group|svc_acct|sa)[-_][^/]+/g, '/*'));
    for (const expected of ['projects', 'members', 'invites', 'groups', 'adminKeys', 'certificates', 'auditLog', 'spend', 'dataRetention',
      'projects/*/users', 'projects/*/serviceAccounts', 'projects/*/apiKeys', 'projects/*/rateLimits', 'projects/*/modelPermissions',
      'projects/*/hostedTools', 'projects/*/groups', 'projects/*/roles', 'projects/*/spend', 'projects/*/dataRetention', 'projects/*/certificates']) {
      assert.ok(ids.includes(expected), `${expected} is not among ${ids.join(', ')}`);
    }
    assert.ok(folders.some((f) => /^projects\/[^/]+\/users\/[^/]+$/.test(f.id)), 'a project user\'s role assignments');
    assert.ok(folders.some((f) => /^groups\/[^/]+$/.test(f.id)), 'a group\'s members');
    assert.ok(folders.every((f) => f.keys.length > 0 || /auditLog|invites|certificates|groups|spend/.test(f.id)), 'folders without data test nothing');
  });

  /** Loads every folder at once, plus the control folder that has no fault. */
  async function loadAll(): Promise<{ collections: PagedCollection<NodeSpec>[]; controlKeys: string[] }> {
    const collections = folders.map((f) => new PagedCollection<NodeSpec>((cursor, signal) => folderPage(f.children, client, cursor, signal)));
    const other = new PagedCollection<NodeSpec>((cursor, signal) => folderPage(control.children, client, cursor, signal));
    await Promise.all([...collections, other].map((c) => c.ensureLoaded()));
    assert.equal(other.error, undefined, `a folder without a fault failed: ${describeError(other.error)}`);
    return { collections, controlKeys: keysOf(other) };
  }

  const addFaults = (rule: FaultCase['rule'], times?: number) => fake().faults.add(folders.flatMap((f) =>
    f.paths.map((p) => ({ method: 'GET', path: `^${escapeRegex(p)}$`, ...rule, ...(times ? { times } : {}) }))));

  for (const fault of FAULTS) {
    it(`${fault.name}, once: ${fault.retriedForGet ? 'retried, every folder loads exactly its data' : 'a clear error with Retry, which then loads exactly the data'}`, async () => {
      addFaults(fault.rule, 1);
      const { collections, controlKeys } = await loadAll();
      assert.deepEqual(controlKeys, control.keys);
      for (const [i, f] of folders.entries()) {
        const c = collections[i]!;
        if (fault.retriedForGet) {
          assert.equal(c.error, undefined, `${f.id}: ${describeError(c.error)}`);
        } else {
          assert.match(describeError(c.error), CLEAR_ERROR, `${f.id}`);
          c.reset(); // what Retry on the error row does
          await c.ensureLoaded();
        }
        assert.deepEqual(keysOf(c), f.keys, `${f.id}: rows differ from a clean load`);
      }
      assert.deepEqual(unhandled(), []);
    });

    it(`${fault.name}, every time: each folder shows a clear error, the others keep working, Retry recovers`, async () => {
      addFaults(fault.rule);
      const { collections, controlKeys } = await loadAll();
      assert.deepEqual(controlKeys, control.keys);
      for (const [i, f] of folders.entries()) {
        assert.match(describeError(collections[i]!.error), CLEAR_ERROR, `${f.id}: ${describeError(collections[i]!.error)}`);
        assert.equal(collections[i]!.items.length, 0, `${f.id}: rows from a failed load`);
      }
      fake().faults.clear();
      await Promise.all(collections.map((c) => { c.reset(); return c.ensureLoaded(); }));
      for (const [i, f] of folders.entries()) assert.deepEqual(keysOf(collections[i]!), f.keys, `${f.id} after Retry`);
      assert.deepEqual(unhandled(), []);
    });
  }
});
