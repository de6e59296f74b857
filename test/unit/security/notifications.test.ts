// API and user text in notifications, modals and progress titles is plain text: one place builds
// them all (src/notify.ts), and it runs every text through the guard. The first test fails when any
// file builds one itself, so a new command cannot skip the guard; the others drive a command link
// through runWrite (against the fake), Find Member's Projects, and the invite email check.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CommandContext } from '../../../src/commands/context';
import { listRef } from '../../../src/model/store';
import type * as RunModule from '../../../src/ui/run';
import type * as NotifyModule from '../../../src/notify';
import type * as MemberProjectsModule from '../../../src/commands/memberProjects';
import type * as OrganizationModule from '../../../src/commands/organization';
import { HOSTILE_STRINGS } from '../../fake-admin-api/hostile-strings';
import { clientFor, eventually, requestsSince, useFakeApi } from '../api/helpers/fake';
import { installVscodeStub, type Shown } from './helpers/vscodeStub';
import { ICON, LINK_EMAIL, NOTIFICATION_LINK } from './helpers/uiText';

const ROOT = join(__dirname, '..', '..', '..');
const LINK = HOSTILE_STRINGS.find((s) => s.startsWith('[Open settings](command:'))!;
const ICON_NAME = HOSTILE_STRINGS.find((s) => s.startsWith('$(alert)'))!;
/** vscode.window's functions that show text as a notification, a modal or a progress title. */
const BUILDERS = /\b(showInformationMessage|showWarningMessage|showErrorMessage|withProgress)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sourceFiles(path) : f.endsWith('.ts') ? [path] : [];
  });
}

/** No text VS Code would turn into a link (notifications, progress) or an icon. */
function assertPlain(shown: readonly Shown[]): void {
  for (const s of shown) {
    for (const text of [s.text, s.detail ?? '']) {
      assert.doesNotMatch(text, NOTIFICATION_LINK, `${s.kind}: a clickable link in ${JSON.stringify(text)}`);
      if (s.kind !== 'status bar') assert.doesNotMatch(text, ICON, `${s.kind}: an icon in ${JSON.stringify(text)}`);
    }
  }
}

describe('notifications show API and user text as plain text', () => {
  it('every notification, modal and progress title in src/ is built by src/notify.ts', () => {
    const direct = sourceFiles(join(ROOT, 'src')).flatMap((file) => readFileSync(file, 'utf8').split('\n').flatMap((line, i) =>
      BUILDERS.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : []))
      .filter((hit) => !hit.startsWith(join('src', 'notify.ts')));
    assert.deepEqual(direct, [], 'call notify/askModal/runWithProgress from src/notify.ts instead, so the text goes through the plain-text guard');
  });

  describe('in the glue (vscode stand-in, the fake Admin API)', () => {
    const vscode = installVscodeStub();
    // Loaded after the stand-in is in place.
    const { notify, askModal, runWithProgress } = require('../../../src/notify') as typeof NotifyModule;
    const { runWrite } = require('../../../src/ui/run') as typeof RunModule;
    const { registerMemberProjectCommands } = require('../../../src/commands/memberProjects') as typeof MemberProjectsModule;
    const { registerOrganizationCommands } = require('../../../src/commands/organization') as typeof OrganizationModule;
    const fake = useFakeApi();
    const logged: string[] = [];
    const ctx = (getClient = async () => clientFor(fake())) => ({
      session: { getClient },
      store: { apply: () => {} },
      explorer: { refresh: () => {} },
      log: { error: (l: string) => logged.push(l), warn: (l: string) => logged.push(l), info: (l: string) => logged.push(l) },
      view: {},
      register: (id: string, handler: (...args: unknown[]) => unknown) => { vscode.commands.set(id, handler); return { dispose: () => vscode.commands.delete(id) }; },
    }) as unknown as CommandContext;
    const disposables: { dispose(): void }[] = [];

    beforeEach(() => vscode.reset());
    after(() => {
      vscode.reset();
      for (const d of disposables.splice(0)) d.dispose();
    });

    it('notify, askModal and runWithProgress guard every text they are given', async () => {
      await notify('error', `Failed: ${LINK}`, 'Retry');
      await notify('warning', ICON_NAME);
      await notify('info', LINK);
      await askModal('warning', `Delete ${LINK}?`, `${ICON_NAME}\n${LINK}`, 'Delete');
      await runWithProgress({ location: 15, title: `Saving ${LINK}…` }, async (progress) => progress.report({ message: LINK }));
      assert.deepEqual(vscode.shown.map((s) => s.kind), ['error', 'warning', 'info', 'warning', 'progress', 'progress report']);
      assertPlain(vscode.shown);
      assert.ok(vscode.shown.every((s) => s.text.includes('Open') || s.text.includes('alert')), 'the text is still there to read');
      assert.deepEqual(vscode.shown[0]!.buttons, ['Retry']);
      assert.equal(vscode.shown[3]!.modal, true);
    });

    it('runWrite: a command link in the progress title and in the API\'s error stays text; Retry resends without asking again', async () => {
      const since = fake().requests.length;
      // The fake echoes an address it refuses ("Invalid email address: '…'"): API text with a link in it.
      const badAddress = LINK.replace(/@/g, '');
      vscode.answers.choice.push('Send Invite', 'Retry');
      const result = await runWrite(ctx(), {
        progress: `Inviting ${LINK_EMAIL}…`,
        confirm: { message: `Invite ${LINK_EMAIL}?`, detail: LINK, button: 'Send Invite' },
        call: (c) => c.invites.create({ email: badAddress, role: 'reader' }),
        effects: () => [],
        done: (i) => `Invited ${i.email}`,
      });
      assert.equal(result, undefined);
      await eventually(() => requestsSince(fake(), since, 'POST /organization/invites').length === 2);
      await eventually(() => vscode.shown.filter((s) => s.kind === 'error').length === 2);
      const kinds = vscode.shown.map((s) => s.kind);
      assert.deepEqual(kinds, ['warning', 'progress', 'error', 'progress', 'error'], 'one confirmation, then two attempts');
      const error = vscode.shown.find((s) => s.kind === 'error')!;
      assert.match(error.text, /Invalid email address/, 'the API\'s own message is shown');
      assert.ok(error.text.includes('Open settings') && error.text.includes('example.com'), error.text);
      assertPlain(vscode.shown);
    });

    it('runWrite: cancelling the confirmation sends nothing and shows nothing more', async () => {
      const since = fake().requests.length;
      const deleted = await runWrite(ctx(), {
        progress: 'Deleting a group…',
        confirm: { message: `Delete group ${LINK}?`, button: 'Delete Group' },
        call: (c) => c.groups.delete('group-none'),
        effects: () => [],
        done: () => 'Deleted',
      });
      assert.equal(deleted, undefined);
      assert.deepEqual(vscode.shown.map((s) => s.kind), ['warning']);
      assert.deepEqual(requestsSince(fake(), since), []);
      assertPlain(vscode.shown);
    });

    it('runWrite: a success names API text in the status bar without drawing an icon from it', async () => {
      const created = await runWrite(ctx(), {
        progress: 'Creating a group…',
        call: (c) => c.groups.create({ name: `${ICON_NAME} ${LINK}` }),
        effects: () => [],
        done: (g) => `Created group ${g.name}`,
      });
      assert.ok(created);
      const status = vscode.shown.filter((s) => s.kind === 'status bar');
      assert.equal(status.length, 1);
      assert.ok(status[0]!.text.startsWith('$(check) '), status[0]!.text);
      assert.doesNotMatch(status[0]!.text.slice('$(check) '.length), ICON);
      assertPlain(vscode.shown);
    });

    it("Find Member's Projects: the failure's message stays text", async () => {
      const c = ctx(async () => { throw new Error(`Secret storage: ${LINK}`); });
      // The row stands for a member the store holds: commands read it there, not from the row.
      const hostile = { id: 'user-hostile', name: ICON_NAME, email: 'ada@example.com' };
      Object.assign(c.store, { list: () => ({ isLoaded: true }), find: (_ref: unknown, id: string) => (id === hostile.id ? hostile : undefined) });
      disposables.push(...registerMemberProjectCommands(c));
      const member = { spec: { contextValue: 'member', item: { ref: listRef('members'), id: hostile.id } } };
      assert.equal(await vscode.commands.get('openaiAdmin.findMemberProjects')!(member), undefined);
      const errors = vscode.shown.filter((s) => s.kind === 'error');
      assert.equal(errors.length, 1, JSON.stringify(vscode.shown));
      assert.ok(errors[0]!.text.includes('Open settings'), errors[0]!.text);
      assertPlain(vscode.shown);
    });

    it('Invite Member refuses an address written as a command link: nothing is sent, nothing is shown with it', async () => {
      const since = fake().requests.length;
      disposables.push(...registerOrganizationCommands(ctx()));
      vscode.answers.input.push(LINK_EMAIL);
      vscode.answers.pick.push('Reader');
      await vscode.commands.get('openaiAdmin.invite.create')!();
      assert.ok(vscode.shown.some((s) => s.kind === 'refused input'), `the address was accepted: ${JSON.stringify(vscode.shown)}`);
      assert.deepEqual(requestsSince(fake(), since, 'POST /organization/invites'), []);
      assert.deepEqual(vscode.shown.filter((s) => s.kind === 'progress' || s.kind === 'error'), []);
    });
  });
});
