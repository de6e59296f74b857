// @ts-check
// Keys and the walkthrough as a person uses them in code-server: F2 on a project row opens Rename,
// Delete on an API key row opens the modal naming the key (Cancel: nothing sent); in the Project
// panel Ctrl+S saves every unsaved section and Revert drops the edits after asking; a panel closed
// with unsaved edits offers them back when the project is opened again; the Get Started walkthrough
// (screenshots in dark and High Contrast) ticks its key step once the key is set.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

/** @param {any} fake */
const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });
/** @param {import('playwright-core').Page} page */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
/** @param {string} text */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** @param {any} vs @param {string} label */
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) }).first();
/** @param {any} fake */
const writes = async (fake) => (await fake.requests()).filter((/** @type {any} */ r) => r.method !== 'GET');

/** An active, non-default project, renamed (at the fake) to `name`; its id. @param {any} fake @param {string} name */
async function projectNamed(fake, name) {
  const state = await fake.state();
  const project = state.projects.find((/** @type {any} */ p) => p.status === 'active' && !p.is_default && state.projectData[p.id].rateLimits.length);
  const res = await fetch(`${fake.url}/organization/projects/${project.id}`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ name }) });
  assert.equal(res.status, 200);
  return project.id;
}

/** Opens a project's panel from its row's inline button and waits until every section has loaded. @param {any} vs @param {string} name */
async function openProject(vs, name) {
  const projectRow = row(vs, name);
  await projectRow.hover();
  await projectRow.locator('.action-label[aria-label="Open Project…"]').click();
}

/** @param {ReturnType<typeof webview>} view */
async function loaded(view) {
  await view.locator('#rateLimits table.rate-limits').waitFor({ state: 'visible', timeout: 60_000 });
  await view.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
}

describe('keyboard and walkthrough', function () {
  this.timeout(300_000); // a busy 2-core machine

  it('F2 on a project row opens Rename; Delete on an API key row asks in a modal naming the key, and Cancel sends nothing (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      await vs.openContainer();
      await row(vs, 'Default project').click(); // selects (and expands) the row: the tree has focus
      await row(vs, 'API Keys').waitFor();
      await fake.clearRequests();
      await page.keyboard.press('F2');
      const input = await vs.promptInput({ title: 'Rename Project' });
      assert.equal(await input.inputValue(), 'Default project');
      await shot('keyboard-rename-dark');
      await input.press('Escape');
      await vs.quickInput().waitFor({ state: 'hidden' });

      await row(vs, 'API Keys').click();
      const keyRow = vs.treeItems().filter({ hasText: /· last used / }).first();
      await keyRow.waitFor();
      const label = (await keyRow.locator('.label-name').textContent() ?? '').trim();
      await keyRow.click();
      await page.keyboard.press('Delete');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.innerText(), new RegExp(`Delete API key “${escape(label)}”`));
      await shot('keyboard-delete-dark');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await keyRow.waitFor();
      assert.deepEqual(await writes(fake), [], 'nothing was sent');
    }));

  it('Project panel: Ctrl+S saves every unsaved section, Revert drops edits after asking (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const projectId = await projectNamed(fake, 'Keyboard Demo');
      await vs.openContainer();
      await openProject(vs, 'Keyboard Demo');
      const view = webview(page);
      await loaded(view);

      // Two sections edited, one key press saves both.
      const name = view.locator('vscode-textfield#project-name input');
      await name.fill('Keyboard Saved');
      const first = view.locator('#rateLimits tbody tr').first();
      const id = await first.getAttribute('data-id');
      await first.locator(`vscode-textfield[data-cell="${id}:max_requests_per_1_minute"] input`).fill('2345');
      await view.locator('.pending li', { hasText: '→ 2,345' }).waitFor();
      await view.locator('.pending li', { hasText: 'Name:' }).waitFor();
      await page.locator('.tabs-container .tab', { hasText: '● Project: Keyboard Demo' }).waitFor();
      await page.keyboard.press('Control+s');
      await view.locator('.pending').waitFor({ state: 'hidden', timeout: 60_000 });
      let state = await fake.state();
      assert.equal(state.projects.find((/** @type {any} */ p) => p.id === projectId).name, 'Keyboard Saved');
      assert.equal(state.projectData[projectId].rateLimits.find((/** @type {any} */ r) => r.id === id).max_requests_per_1_minute, 2345);
      await page.locator('.tabs-container .tab', { hasText: /^Project: Keyboard Saved/ }).waitFor();

      // Revert from the page's header: Cancel keeps the edit.
      await fake.clearRequests();
      await name.fill('Not Kept');
      await view.locator('.pending li', { hasText: 'Not Kept' }).waitFor();
      await view.locator('.pending-area vscode-button', { hasText: 'Revert' }).click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.innerText(), /Discard 1 unsaved change to project “Keyboard Saved”\?/);
      await shot('project-revert-confirm-dark');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await name.inputValue(), 'Not Kept');
      // Revert from the editor title: Discard Changes drops it.
      await page.locator('.editor-actions .action-label[aria-label^="Revert Project Changes"]').click();
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: 'Discard Changes' }).click();
      await view.locator('.pending').waitFor({ state: 'hidden' });
      assert.equal(await name.inputValue(), 'Keyboard Saved');
      assert.deepEqual(await writes(fake), [], 'Revert sends nothing');
      state = await fake.state();
      assert.equal(state.projects.find((/** @type {any} */ p) => p.id === projectId).name, 'Keyboard Saved');
    }));

  it('a Project panel closed with unsaved edits offers them back on reopening; Restore shows them as unsaved (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const projectId = await projectNamed(fake, 'Draft Demo');
      await vs.openContainer();
      await openProject(vs, 'Draft Demo');
      let view = webview(page);
      await loaded(view);
      await view.locator('vscode-textfield#project-name input').fill('Draft Name');
      await view.locator('.pending li', { hasText: 'Draft Name' }).waitFor();
      await page.locator('.tabs-container .tab', { hasText: '● Project: Draft Demo' }).waitFor();
      await vs.runCommand('View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'hidden' });

      await openProject(vs, 'Draft Demo');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.innerText(), /Restore unsaved changes from \d\d:\d\d\?/);
      assert.match(await dialog.innerText(), /Project “Draft Demo” was closed with edits that were not saved/);
      await shot('project-restore-offer-dark');
      await dialog.getByRole('button', { name: 'Restore' }).click();
      view = webview(page);
      await loaded(view);
      await view.locator('.pending li', { hasText: 'Name: “Draft Demo” → “Draft Name”' }).waitFor();
      assert.equal(await view.locator('vscode-textfield#project-name input').inputValue(), 'Draft Name');
      await page.locator('.tabs-container .tab', { hasText: '● Project: Draft Demo' }).waitFor();
      const state = await fake.state();
      assert.equal(state.projects.find((/** @type {any} */ p) => p.id === projectId).name, 'Draft Demo', 'nothing was saved');
    }));

  for (const theme of ['dark', 'Default High Contrast']) {
    const tag = theme === 'dark' ? 'dark' : 'hc';
    it(`Get Started opens the walkthrough; setting the key ticks its first step (${tag})`, () =>
      withVSCode({ theme }, async ({ page, vs, shot }) => {
        await vs.runCommand('OpenAI Admin: Get Started with OpenAI Admin Explorer');
        const step = page.locator('.getting-started-step', { hasText: 'Set your admin API key' }).first();
        await step.waitFor({ state: 'visible' });
        await page.locator('.getting-started-media img').first().waitFor({ state: 'visible' });
        for (const title of ['Explore the organization', 'See usage and costs', 'Open a project', 'Look across the organization', 'Work from the keyboard']) {
          await page.locator('.getting-started-step', { hasText: title }).first().waitFor();
        }
        await shot(`walkthrough-${tag}`);
        // The step's tick (VS Code 1.100: a checkbox icon carrying the step id).
        const tick = page.locator('[data-done-step-id$="setAdminKey"]').first();
        assert.equal(await tick.getAttribute('aria-checked'), 'false');
        await vs.connect('sk-admin-demo');
        await page.locator('[data-done-step-id$="setAdminKey"][aria-checked="true"]').first().waitFor({ timeout: 30_000 });
        assert.equal(await page.locator('[data-done-step-id$="usage"]').first().getAttribute('aria-checked'), 'false', 'only the step done is ticked');
      }));
  }
});
