// Quick picks search and page the org store's lists, not tree collections: a pick and the tree
// share one list, so a page one of them reads is never read again by the other, and commands get
// the object a row stands for from the store. Against the fake Admin API, with the `vscode`
// stand-in and a scripted quick pick.
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import type { ExplorerProvider as ExplorerProviderType } from '../../../src/tree/explorerProvider';
import type * as PickersModule from '../../../src/ui/pickers';
import type * as CommandPickersModule from '../../../src/commands/pickers';
import type * as TargetsModule from '../../../src/commands/targets';
import type { CommandContext } from '../../../src/commands/context';
import { listRef, OrgStore, remove, upsert } from '../../../src/model/store';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { installVscodeStub } from '../security/helpers/vscodeStub';
import { clientFor, requestsSince, useFakeApi } from '../api/helpers/fake';

interface FakeQuickPick {
  items: { label: string; description?: string; detail?: string }[];
  selectedItems: unknown[];
  value: string;
  busy: boolean;
  placeholder?: string;
  change(value: string): void;
  accept(item: unknown): void;
  hide(): void;
}

/** A quick pick the test drives: it remembers the open one, whose events the test fires. */
function scriptQuickPicks(): { current: () => FakeQuickPick } {
  const vscode = require('vscode') as { window: Record<string, unknown> };
  let open: FakeQuickPick | undefined;
  vscode.window.createQuickPick = () => {
    const on = { value: [] as ((v: string) => void)[], accept: [] as (() => void)[], hide: [] as (() => void)[] };
    const reg = <K extends keyof typeof on>(k: K) => (fn: (typeof on)[K][number]) => { (on[k] as unknown[]).push(fn); return { dispose() {} }; };
    const qp = {
      items: [], selectedItems: [] as unknown[], value: '', busy: false, title: '', placeholder: '', canSelectMany: false,
      matchOnDescription: false, matchOnDetail: false, ignoreFocusOut: false,
      onDidChangeValue: reg('value'), onDidAccept: reg('accept'), onDidHide: reg('hide'),
      show() { open = qp as unknown as FakeQuickPick; },
      hide() { for (const fn of on.hide) fn(); },
      dispose() {},
      change(v: string) { qp.value = v; for (const fn of on.value) fn(v); },
      accept(item: unknown) { qp.selectedItems = [item]; for (const fn of on.accept) fn(); },
    };
    return qp;
  };
  return { current: () => { if (!open) throw new Error('no quick pick is open'); return open; } };
}

async function idle(qp: () => FakeQuickPick): Promise<FakeQuickPick> {
  for (let i = 0; i < 500; i++) {
    await new Promise((r) => setTimeout(r, 5));
    try { if (!qp().busy) return qp(); } catch { /* not open yet */ }
  }
  throw new Error('the quick pick stayed busy');
}

describe('quick picks over the org store (fake Admin API, vscode stand-in)', function () {
  this.timeout(30_000);
  const vscodeStub = installVscodeStub();
  const picks = scriptQuickPicks();
  const { ExplorerProvider } = require('../../../src/tree/explorerProvider') as { ExplorerProvider: typeof ExplorerProviderType };
  const { pickMember } = require('../../../src/ui/pickers') as typeof PickersModule;
  const { pickInFolder } = require('../../../src/commands/pickers') as typeof CommandPickersModule;
  const { itemOf, rowOf } = require('../../../src/commands/targets') as typeof TargetsModule;
  const fake = useFakeApi({ projects: 3, users: 250, seed: 8 });
  let store: OrgStore;
  let tree: ExplorerProviderType;
  let ctx: CommandContext;

  beforeEach(() => {
    const client = clientFor(fake());
    store = new OrgStore(async () => client);
    tree = new ExplorerProvider({ keyState: 'ok' }, store, organizationRoots);
    ctx = { store, explorer: tree } as unknown as CommandContext;
  });
  afterEach(() => { tree.dispose(); store.dispose(); });

  const USERS = 'GET /organization/users';

  it('a member pick pages the store\'s member list: the tree and the pick share each page', async () => {
    const since = fake().requests.length;
    const shown = await tree.getChildren(await tree.resolve('members'));
    assert.equal(shown.at(-1)!.spec.label, 'Load more…');
    const users = fake().state.users.values();
    const target = users[users.length - 1]!; // on the last page

    const picked = pickMember(ctx, 'Find Member');
    let qp = await idle(picks.current);
    assert.equal(requestsSince(fake(), since, USERS).length, 1, 'the pick reuses the page the tree read');
    assert.equal(qp.items.length, store.list(listRef('members')).items.length, 'every loaded member, no special rows');
    qp.change(target.id);
    qp = await idle(picks.current);
    const row = qp.items.find((i) => i.detail === target.id);
    assert.ok(row, 'the pick fetched further pages until the member was found');
    qp.accept(row);
    assert.equal((await picked)?.id, target.id);

    const pages = requestsSince(fake(), since, USERS).length;
    const all = (await tree.getChildren(tree.node('members'))).filter((n) => !n.id.includes('~'));
    assert.ok(all.some((n) => n.id === `members/${target.id}`), 'the tree shows the pages the pick read');
    assert.equal(requestsSince(fake(), since, USERS).length, pages, 'without reading them again');
  });

  it('a pick in a folder returns the tree\'s row, and rowOf gives the object as the store holds it now', async () => {
    const [project] = (await tree.getChildren(await tree.resolve('projects'))).filter((n) => n.spec.contextValue === 'project active');
    const folderId = `${project!.id}/users`;
    const picking = rowOf<{ id: string; role: string }>(ctx, undefined, 'projectUser', folderId, 'Pick', 'a user');
    const qp = await idle(picks.current);
    const first = qp.items[0]!;
    qp.accept(first);
    const row = (await picking)!;
    assert.equal(row.id, `${folderId}/${first.detail}`);
    assert.equal(row.data.id, first.detail);
    const node = (await tree.getChildren(await tree.resolve(folderId))).find((n) => n.id === row.id)!;
    assert.equal(node.spec, row.spec, 'the same row the tree shows');

    // A write's effect is what commands see next: rows hold where the object is, not a copy of it.
    const ref = listRef('projectUsers', project!.id.split('/')[1]!);
    store.apply([upsert(ref, { ...store.find(ref, first.detail!)!, role: 'owner-changed' as never })]);
    assert.equal((await rowOf<{ role: string }>(ctx, node, 'projectUser', folderId, 'Pick', 'a user'))!.data.role, 'owner-changed');
    assert.equal(JSON.stringify(node.spec).includes('"email"'), false, 'the row\'s fields hold no API object');

    // A write that drops the list (and nothing has read it again): the lookup reads the list again.
    tree.refresh(folderId);
    assert.equal(store.peek(ref)?.isLoaded, false);
    assert.equal((await rowOf<{ id: string }>(ctx, node, 'projectUser', folderId, 'Pick', 'a user'))!.data.id, first.detail);
    assert.equal(store.peek(ref)?.isLoaded, true);
  });

  it('a command\'s lookup follows the store: after a remove, the row\'s object is gone, not its last reading', async () => {
    const [member] = (await tree.getChildren(await tree.resolve('members'))).filter((n) => n.spec.contextValue?.split(' ')[0] === 'member');
    assert.ok(member?.spec.item, 'a member row stands for a store item');
    const user = await itemOf<{ id: string }>(ctx, member.spec);
    assert.equal(user?.id, member.spec.item.id);

    const shownBefore = vscodeStub.shown.length;
    store.apply([remove(member.spec.item.ref, member.spec.item.id)]);
    assert.equal(await itemOf(ctx, member.spec), undefined, 'the removed member, not the object the row was drawn from');
    assert.equal(await rowOf(ctx, member, 'member', 'members', 'Pick', 'a member'), undefined);
    assert.ok(vscodeStub.shown.slice(shownBefore).some((m) => m.kind === 'warning' && /no longer there/.test(m.text)),
      JSON.stringify(vscodeStub.shown.slice(shownBefore)));
  });

  it('a pick in the spend folder searches the alerts, not the limit row', async () => {
    const picking = pickInFolder(ctx, 'spend', 'Pick', 'an alert');
    const qp = await idle(picks.current);
    assert.ok(qp.items.every((i) => i.label.startsWith('Alert at')), JSON.stringify(qp.items.map((i) => i.label)));
    assert.ok(qp.items.length > 0, 'the fake has organization spend alerts');
    qp.hide();
    assert.equal(await picking, undefined);
  });
});
