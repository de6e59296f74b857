// The explorer reads the org store: a folder shows store lists, a store edit redraws exactly the
// folders showing the changed list (without a request), a folder's Refresh re-reads only the lists
// shown there, and two folders showing one list share its request. Against the fake Admin API, with
// the `vscode` stand-in (the provider's glue runs in plain Node).
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import type { ExplorerProvider as ExplorerProviderType } from '../../../src/tree/explorerProvider';
import type { TreeNode } from '../../../src/tree/treeNode';
import { listRef, OrgStore, remove, upsert } from '../../../src/model/store';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { installVscodeStub } from '../security/helpers/vscodeStub';
import { clientFor, requestsSince, useFakeApi } from '../api/helpers/fake';

describe('explorer tree over the org store (fake Admin API, vscode stand-in)', function () {
  this.timeout(30_000);
  installVscodeStub();
  const { ExplorerProvider } = require('../../../src/tree/explorerProvider') as { ExplorerProvider: typeof ExplorerProviderType };
  const fake = useFakeApi({ projects: 4, users: 150, seed: 8 });
  let store: OrgStore;
  let tree: ExplorerProviderType;
  let fired: (TreeNode | undefined)[];

  beforeEach(() => {
    const client = clientFor(fake());
    store = new OrgStore(async () => client);
    tree = new ExplorerProvider({ keyState: 'ok' }, store, organizationRoots);
    fired = [];
    tree.onDidChangeTreeData((node) => fired.push(node));
  });
  afterEach(() => { tree.dispose(); store.dispose(); });

  const rows = async (id: string) => (await tree.getChildren(await tree.resolve(id))).filter((n) => !n.id.split('/').pop()!.startsWith('~'));
  const ids = (nodes: TreeNode[]) => nodes.map((n) => n.id);
  const firedIds = () => fired.map((n) => n?.id ?? '(all)');

  it('a store edit redraws just the folder showing that list, with no request, keeping the other rows\' nodes', async () => {
    const members = await rows('members');
    await rows('roles');
    const [gone, kept] = [members[0]!, members[1]!];
    const since = fake().requests.length;
    fired = [];

    store.apply([remove(listRef('members'), gone.id.split('/')[1]!)]);

    assert.deepEqual(firedIds(), ['members'], 'only the Members folder is redrawn');
    const after = await rows('members');
    assert.deepEqual(ids(after), ids(members).filter((id) => id !== gone.id));
    assert.equal(after[0], kept, 'an unchanged row keeps its TreeNode (reveal and selection hold on to it)');
    assert.deepEqual(requestsSince(fake(), since), [], 'the edit was drawn from the store, not read again');

    // An upsert shows the item's new state, in place.
    const user = store.find(listRef('members'), kept.id.split('/')[1]!)!;
    store.apply([upsert(listRef('members'), { ...user, name: 'Renamed In Store' })]);
    assert.equal((await rows('members'))[0]!.spec.label, 'Renamed In Store');
    assert.deepEqual(requestsSince(fake(), since), []);
  });

  it('a folder\'s Refresh re-reads only the lists shown at and under it', async () => {
    const [project] = (await rows('projects')).filter((n) => n.spec.contextValue === 'project active');
    const pid = project!.id.split('/')[1]!;
    await rows(`projects/${pid}/users`);
    await rows(`projects/${pid}/rateLimits`);
    await rows('members');
    const since = fake().requests.length;

    tree.refresh(`projects/${pid}`);
    await rows('projects');
    await rows('members');
    await rows(`projects/${pid}/users`);
    await rows(`projects/${pid}/rateLimits`);

    const read = requestsSince(fake(), since).map((r) => r.route).sort();
    assert.deepEqual(read, [
      'GET /organization/projects/{project_id}/rate_limits',
      'GET /organization/projects/{project_id}/users',
    ]);
    assert.equal(store.peek(listRef('members'))?.isLoaded, true, 'Members was not dropped');
  });

  it('Retry on a failed folder reads that folder again, and nothing else', async () => {
    fake().faults.add([{ method: 'GET', path: '^/organization/invites$', kind: 'status', status: 503 }]);
    await rows('members');
    const failed = await tree.getChildren(await tree.resolve('invites'));
    assert.match(failed.at(-1)!.spec.label, /^Couldn't load invites/);
    fake().faults.clear();
    const since = fake().requests.length;
    tree.refresh('invites');
    const recovered = await tree.getChildren(await tree.resolve('invites'));
    await rows('members');
    assert.ok(recovered.every((n) => n.spec.contextValue !== 'error'));
    assert.deepEqual(requestsSince(fake(), since).map((r) => r.route), ['GET /organization/invites']);
  });

  it('a service account\'s API keys folder filters the project\'s key list: one request for both folders', async () => {
    let projectId = '';
    let accounts: TreeNode[] = [];
    for (const project of (await rows('projects')).filter((n) => n.spec.contextValue === 'project active')) {
      projectId = project.id.split('/')[1]!;
      accounts = await rows(`projects/${projectId}/serviceAccounts`);
      if (accounts.length) break;
    }
    assert.ok(accounts.length > 0, 'a project needs a service account');
    const since = fake().requests.length;
    const [keys, own] = await Promise.all([rows(`projects/${projectId}/apiKeys`), rows(accounts[0]!.id)]);
    assert.equal(requestsSince(fake(), since, 'GET /organization/projects/{project_id}/api_keys').length, 1);
    const saId = accounts[0]!.id.split('/').pop()!;
    const expected = store.peek(listRef('projectApiKeys', projectId))!.items.filter((k) => k.owner?.service_account?.id === saId).map((k) => k.id);
    assert.deepEqual(own.map((n) => n.spec.key), expected);
    assert.ok(keys.length >= own.length);
  });

  it('"Load more…" pages the store\'s list, and a page loaded elsewhere (a quick pick) shows in the folder', async () => {
    const first = await tree.getChildren(await tree.resolve('members'));
    assert.equal(first.at(-1)!.spec.label, 'Load more…');
    const shown = first.length - 1;
    fired = [];
    await store.list(listRef('members')).loadMore();
    assert.deepEqual(firedIds(), ['members'], 'a page read by someone else redraws the folder');
    const more = await tree.getChildren(tree.node('members'));
    assert.ok(more.filter((n) => !n.id.includes('~')).length > shown);
  });

  it('a refresh naming a top-level folder the view never drew drops the list a quick pick read', async () => {
    await store.list(listRef('projects')).ensureLoaded();
    tree.refresh('projects');
    assert.equal(store.peek(listRef('projects'))?.isLoaded, false);
  });

  it('refresh() clears the store', async () => {
    await rows('members');
    tree.refresh();
    assert.equal(store.peek(listRef('members'))?.isLoaded, false);
    assert.deepEqual(firedIds().at(-1), '(all)');
  });
});
