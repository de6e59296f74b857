// Tree ids and context values come from one module (src/tree/ids.ts). Menus in package.json match
// context-value words with `viewItem` clauses; a word the code never sets would leave a menu item
// that silently never shows, so every word a clause names must be one of the module's words. Ids
// split back into the keys they were built from, whatever the keys hold.
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARCHIVED, childId, CONTEXT_WORDS, contextValue, escapeKey, flagOf, groupUserId, idOf, keysOf, memberId, parseProjectId, revealTargetId,
  pathOf, PROJECT_FOLDERS, projectFolderId, projectNodeId, ROOT_FOLDERS, workloadIdentityProviderId,
} from '../../../src/tree/ids';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { projectFolders } from '../../../src/tree/kinds/projectResources';
import { installVscodeStub } from '../security/helpers/vscodeStub';
import type { ExplorerProvider as ExplorerProviderType } from '../../../src/tree/explorerProvider';
import { OrgStore } from '../../../src/model/store';

const REPO = join(__dirname, '..', '..', '..');

/** Every `when` clause of the contributed menus that tests `viewItem`. */
function viewItemClauses(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, Array<{ when?: string }>> } };
  return Object.values(pkg.contributes.menus).flat().map((m) => m.when ?? '').filter((w) => w.includes('viewItem'));
}

/** The context-value words a clause names: in `viewItem =~ /…/` regexes and `viewItem ==`/`!=` comparisons. */
function wordsOf(when: string): string[] {
  const words: string[] = [];
  for (const [, body] of when.matchAll(/viewItem\s*=~\s*\/((?:[^/\\]|\\.)*)\//g)) {
    words.push(...body!.replace(/\\b/g, ' ').split(/[^A-Za-z0-9_]+/).filter((w) => w && w !== 'b'));
  }
  for (const [, word] of when.matchAll(/viewItem\s*[!=]=\s*([A-Za-z0-9_]+)/g)) words.push(word!);
  return words;
}

function unknownWords(when: string): string[] {
  return wordsOf(when).filter((w) => !CONTEXT_WORDS.has(w));
}

describe('tree ids and context values (src/tree/ids.ts)', () => {
  it('every word a package.json menu matches in viewItem is a context-value word of the code', () => {
    const clauses = viewItemClauses();
    assert.ok(clauses.length > 40, `only ${clauses.length} viewItem clauses found: the reader is broken`);
    const unknown = clauses.flatMap((w) => unknownWords(w).map((word) => `${word} (in ${w})`));
    assert.deepEqual(unknown, []);
  });

  it('the check finds a word the code never sets (so it can fail)', () => {
    assert.deepEqual(unknownWords('view == openaiAdmin.explorer && viewItem =~ /^projectt\\b.*\\bactive\\b/'), ['projectt']);
    assert.deepEqual(unknownWords('viewItem == usageDashbord'), ['usageDashbord']);
    assert.deepEqual(unknownWords('viewItem =~ /^folder\\b.*\\busers\\b/ && !(viewItem =~ /\\binProject\\b/)'), []);
  });

  it('the rows the node kinds build use only those words, kind first', () => {
    const specs = [...organizationRoots(), ...projectFolders({ id: 'proj_1', name: 'P', object: 'organization.project', created_at: 0, status: 'active' } as never)];
    for (const spec of specs) {
      const words = spec.contextValue?.split(' ') ?? [];
      for (const word of words) assert.ok(CONTEXT_WORDS.has(word), `${spec.key}: ${word}`);
    }
    assert.equal(contextValue('project', 'archived'), 'project archived');
    assert.equal(contextValue('projectApiKey', 'userKey', false, undefined, 'expired'), 'projectApiKey userKey expired');
    // API text never becomes a word: only the statuses a caller allows.
    assert.equal(flagOf('pending', ['pending', 'expired']), 'pending');
    assert.equal(flagOf('folder projects', ['pending']), undefined);
    assert.equal(flagOf(null, ['pending']), undefined);
  });

  it('builds the ids the explorer gives its rows', () => {
    assert.deepEqual([...ROOT_FOLDERS].slice(0, 2), ['projects', 'members']);
    assert.equal(projectNodeId('proj_1'), 'projects/proj_1');
    assert.equal(projectNodeId('proj_1', true), `projects/${ARCHIVED}/proj_1`);
    assert.equal(projectFolderId('proj_1', 'users'), 'projects/proj_1/users');
    assert.equal(projectFolderId('proj_1', 'rateLimits', true), 'projects/archived/proj_1/rateLimits');
    assert.equal(memberId('user_1'), 'members/user_1');
    assert.equal(revealTargetId({ kind: 'member', id: 'user_1' }), 'members/user_1');
    assert.equal(revealTargetId({ kind: 'invite', id: 'invite/1' }), 'invites/invite%2F1', 'a webview names objects; the tree module builds their ids');
    assert.equal(groupUserId('g1', 'u1'), 'groups/g1/u1');
    assert.equal(workloadIdentityProviderId('wip_1'), 'workloadIdentity/wip_1');
    assert.deepEqual(pathOf('projects/p/users'), ['projects', 'projects/p', 'projects/p/users']);
  });

  it('ids round-trip through the parser, including keys that contain "/" and "%"', () => {
    for (const pid of ['proj_1', 'a/b', 'a%2Fb', '%', '/', 'x//y', 'ünï/cödé']) {
      for (const archived of [false, true]) {
        for (const folder of PROJECT_FOLDERS) {
          const id = projectFolderId(pid, folder, archived);
          assert.deepEqual(parseProjectId(id), { projectId: pid, archived, folder, rest: [] }, id);
          const row = childId(id, 'user/1');
          assert.deepEqual(parseProjectId(row), { projectId: pid, archived, folder, rest: ['user/1'] }, row);
        }
        assert.deepEqual(parseProjectId(projectNodeId(pid, archived)), { projectId: pid, archived, folder: undefined, rest: [] });
      }
      assert.deepEqual(keysOf(memberId(pid)), ['members', pid]);
      assert.deepEqual(keysOf(idOf('groups', pid, pid)), ['groups', pid, pid]);
      assert.equal(keysOf(memberId(pid)).length, 2, 'a "/" in a key does not add a level');
      assert.ok(!escapeKey(pid).includes('/'));
    }
    assert.equal(parseProjectId('members/u1'), undefined);
    assert.equal(parseProjectId('projects'), undefined);
    assert.equal(parseProjectId('projects/archived'), undefined);
  });

  describe('the provider finds a row whose key contains "/"', () => {
    installVscodeStub();
    const { ExplorerProvider } = require('../../../src/tree/explorerProvider') as { ExplorerProvider: typeof ExplorerProviderType };

    it('resolve(id) walks the escaped path', async () => {
      const store = new OrgStore(async () => { throw new Error('no requests here'); });
      const tree = new ExplorerProvider({ keyState: 'ok' }, store, () => [{
        key: 'groups', label: 'Groups', children: { type: 'static', nodes: () => [
          { key: 'a/b', label: 'A slash', children: { type: 'static', nodes: () => [{ key: 'c/d', label: 'Inner' }] } },
          { key: 'a', label: 'Decoy', children: { type: 'static', nodes: () => [{ key: 'b', label: 'Wrong' }] } },
        ] } },
      ]);
      const id = idOf('groups', 'a/b', 'c/d');
      const node = await tree.resolve(id);
      assert.equal(node?.spec.label, 'Inner');
      assert.equal(node?.id, id);
      assert.equal((await tree.resolve(idOf('groups', 'a', 'b')))?.spec.label, 'Wrong');
      tree.dispose();
      store.dispose();
    });
  });
});
