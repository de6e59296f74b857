// @ts-check
// Offboard Member as a person uses it in code-server: from a member's context menu or the palette,
// the keys question, the plan as a read-only document with its one confirmation, and the results.
// Screenshots of the plan in the dark and the light theme; the effect is checked in the fake.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

/** @param {string} text */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/**
 * The tree row whose label is exactly `label`.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} label
 */
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();

/**
 * @typedef {{ id: string, name: string, role: string }} UserJson
 * @typedef {{ users: UserJson[], projects: { id: string, status: string }[], groups: { id: string }[],
 *   groupMembers: Record<string, { id: string }[]>,
 *   projectData: Record<string, { members: { id: string }[], apiKeys: { id: string, owner: { type: string, id: string } }[] }> }} StateJson
 */

/**
 * A reader near the top of Members (so the row is on screen) with a plain name, who owns keys in an
 * active project; added to a group (as another admin would) so the plan has every kind of step.
 * @param {{ url: string, adminKey: string, state(): Promise<StateJson> }} fake
 */
async function leaver(fake) {
  const s = await fake.state();
  const active = s.projects.filter((p) => p.status === 'active').map((p) => p.id);
  const owns = (/** @type {string} */ uid) => active.some((pid) => s.projectData[pid]?.apiKeys.some((k) => k.owner.type === 'user' && k.owner.id === uid));
  const user = s.users.slice(0, 12).find((u) => u.role === 'reader' && /^[A-Za-z][A-Za-z .'-]{0,40}$/.test(u.name) && owns(u.id));
  assert.ok(user, 'no reader near the top of Members owns a key');
  const group = s.groups.find((g) => !(s.groupMembers[g.id] ?? []).some((m) => m.id === user.id));
  assert.ok(group);
  const res = await fetch(`${fake.url}/organization/groups/${group.id}/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: user.id }),
  });
  assert.equal(res.status, 200);
  return user;
}

/**
 * Writes the fake received (anything but GET).
 * @param {{ requests(): Promise<{ method: string, path: string }[]> }} fake
 */
const writesTo = async (fake) => (await fake.requests()).filter((r) => r.method !== 'GET');

/**
 * Answers the keys question with the keyboard: down to the choice (typing would leave both, since
 * the quick pick's fuzzy match finds either label in the other), then Enter.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} choice
 */
async function answerKeys(vs, choice) {
  await vs.quickInput().locator('.quick-input-title', { hasText: 'Offboard Member' }).waitFor({ state: 'visible' });
  await vs.quickInput().locator('.monaco-list-row', { hasText: choice }).first().waitFor({ state: 'visible' });
  const focused = vs.quickInput().locator('.monaco-list-row.focused');
  for (let i = 0; i < 3 && !(await focused.innerText()).includes(choice); i++) await vs.quickInputBox().press('ArrowDown');
  assert.match(await focused.innerText(), new RegExp(choice));
  await vs.quickInputBox().press('Enter');
}

/**
 * From the palette: the member picker, searched by name.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} name
 */
async function offboardFromPalette(vs, name) {
  await vs.runCommand('OpenAI Admin: Offboard Member');
  await vs.quickInput().locator('.quick-input-title', { hasText: 'Offboard Member' }).waitFor({ state: 'visible' });
  await vs.quickInputBox().fill(name);
  await vs.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await vs.quickInputBox().press('Enter');
}

/**
 * The plan document as the editor shows it.
 * @param {import('playwright-core').Page} page
 */
const editorText = async (page) => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

describe('Offboard Member', function () {
  // Each plan reads every project's users and keys and every group's members: on a busy 2-core machine
  // two plans and a run took close to the suite's 120 s.
  this.timeout(300_000);
  it('shows the plan from the context menu, cancels, then runs it from the palette (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo', viewport: { width: 1600, height: 1000 } }, async ({ page, vs, fake, shot }) => {
      const user = await leaver(fake);
      await vs.openContainer();
      await row(vs, 'Members').click();
      await row(vs, user.name).waitFor({ state: 'visible' });
      await fake.clearRequests();

      await vs.contextMenu(row(vs, user.name), 'Offboard Member…');
      await answerKeys(vs, 'Delete their API keys');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.innerText(), new RegExp(`Offboard “${user.name}”`));
      assert.match(await dialog.innerText(), new RegExp(`Remove “${user.name}”.* from the organization`));
      await shot('offboard-confirm-dark');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const plan = await editorText(page);
      assert.match(plan, new RegExp(`Offboard “${user.name}”`));
      assert.match(plan, /Delete API key “/);
      assert.match(plan, /DELETE \/organization\/users\//);
      await shot('offboard-plan-dark');
      assert.deepEqual(await writesTo(fake), [], 'cancelled: nothing sent');

      await offboardFromPalette(vs, user.name);
      await answerKeys(vs, 'Delete their API keys');
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: /^Run \d+ Changes?$/ }).click();
      await vs.notification(/\d+ done\./).waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await editorText(page), /result: done/);
      await shot('offboard-results-dark');

      const s = await fake.state();
      assert.ok(!s.users.some((u) => u.id === user.id), 'still in the organization');
      for (const [pid, d] of Object.entries(s.projectData)) {
        if (s.projects.find((p) => p.id === pid)?.status !== 'active') continue;
        assert.deepEqual(d.apiKeys.filter((k) => k.owner.id === user.id), [], `their keys are still in ${pid}`);
      }
      await row(vs, user.name).waitFor({ state: 'hidden' });
    }));

  it('shows the plan that keeps their keys, from the palette (light)', () =>
    withVSCode({ theme: 'light', key: 'sk-admin-demo', viewport: { width: 1600, height: 1000 } }, async ({ page, vs, fake, shot }) => {
      const user = await leaver(fake);
      await vs.openContainer();
      await fake.clearRequests();
      await offboardFromPalette(vs, user.name);
      await answerKeys(vs, 'Keep their API keys');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      await shot('offboard-confirm-light');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const plan = await editorText(page);
      assert.match(plan, /keeping the API keys they own/);
      assert.doesNotMatch(plan, /Delete API key/);
      await shot('offboard-plan-light');
      assert.deepEqual(await writesTo(fake), [], 'cancelled: nothing sent');
    }));
});
