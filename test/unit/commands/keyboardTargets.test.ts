// F2 and Delete in the explorer run the row's own context-menu command (src/commands/keyboardTargets.ts).
// The table must name exactly the menus' rename and destructive commands, with the menus' own
// `viewItem` patterns, so a key never does something the row's menu would not offer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_TARGETS, keyTarget } from '../../../src/commands/keyboardTargets';
import { contextValue } from '../../../src/tree/ids';

interface MenuItem { command: string; when?: string; group?: string }
interface Manifest {
  contributes: { menus: Record<string, MenuItem[]>; keybindings: Array<{ command: string; key: string; mac?: string; when?: string }> };
}
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

/** The `viewItem =~ /…/` patterns of a when clause, as source text. */
const patternsOf = (when: string) => [...when.matchAll(/viewItem\s*=~\s*\/((?:[^/\\]|\\.)*)\//g)].map((m) => m[1]!);

const explorerMenu = pkg.contributes.menus['view/item/context']!.filter((m) => /view == openaiAdmin\.explorer\b/.test(m.when ?? ''));
/** Offboarding is a plan of many changes (members, keys, groups), not the deletion of the row. */
const NOT_A_DELETE = new Set(['openaiAdmin.offboardMember']);

describe('explorer keys: F2 and Delete (src/commands/keyboardTargets.ts)', () => {
  it('F2 covers exactly the menus\' Rename commands, with the same viewItem patterns', () => {
    const menus = explorerMenu.filter((m) => m.command.endsWith('.rename') || m.command === 'openaiAdmin.renameOrganization');
    assert.ok(menus.length >= 4, 'the reader found the rename menus');
    assert.deepEqual(
      KEY_TARGETS.rename.map((t) => [t.command, t.viewItem.map((re) => re.source)]).sort(),
      menus.map((m) => [m.command, patternsOf(m.when!)]).sort());
  });

  it('Delete covers exactly the menus\' destructive commands (group 9_danger), with the same viewItem patterns', () => {
    const menus = explorerMenu.filter((m) => m.group?.startsWith('9_danger') && !NOT_A_DELETE.has(m.command));
    assert.ok(menus.length >= 15, 'the reader found the destructive menus');
    assert.deepEqual(
      KEY_TARGETS.delete.map((t) => [t.command, t.viewItem.map((re) => re.source)]).sort(),
      menus.map((m) => [m.command, patternsOf(m.when!)]).sort());
  });

  it('a row runs its own kind\'s command, and a row without the action runs none', () => {
    assert.equal(keyTarget('rename', contextValue('project', 'active')), 'openaiAdmin.project.rename');
    assert.equal(keyTarget('rename', contextValue('project', 'archived')), undefined);
    assert.equal(keyTarget('delete', contextValue('projectApiKey', 'serviceAccountKey')), 'openaiAdmin.projectApiKey.delete');
    assert.equal(keyTarget('delete', contextValue('role', 'predefined')), undefined);
    assert.equal(keyTarget('delete', contextValue('role', 'custom')), 'openaiAdmin.role.delete');
    assert.equal(keyTarget('delete', contextValue('invite', 'accepted')), undefined);
    assert.equal(keyTarget('delete', contextValue('folder', 'projects')), undefined);
    assert.equal(keyTarget('rename', contextValue('serviceAccount')), 'openaiAdmin.serviceAccount.rename');
    // "projectUser" must not match the project pattern, nor "groupUser" the group one.
    assert.equal(keyTarget('delete', contextValue('projectUser')), 'openaiAdmin.projectUser.remove');
    assert.equal(keyTarget('delete', contextValue('groupUser')), 'openaiAdmin.group.removeUser');
    assert.equal(keyTarget('rename', undefined), undefined);
  });

  it('the keys are bound only while the explorer has focus and no input does', () => {
    const keys = pkg.contributes.keybindings.filter((k) => k.command === 'openaiAdmin.renameFocused' || k.command === 'openaiAdmin.deleteFocused');
    assert.deepEqual(keys.map((k) => `${k.command} ${k.key}`).sort(), [
      'openaiAdmin.deleteFocused cmd+backspace', 'openaiAdmin.deleteFocused delete', 'openaiAdmin.renameFocused f2',
    ]);
    for (const k of keys) assert.match(k.when ?? '', /focusedView == openaiAdmin\.explorer && !inputFocus/);
    assert.match(keys.find((k) => k.key === 'cmd+backspace')!.when!, /^isMac && /);
  });
});
