// @ts-check
// Several organizations as a person sets them up: with a key set, Add Organization asks for a name,
// a key and the API base URL (here a second fake with its own key and data); the explorer then shows
// a folder per organization, each with its own projects, and the status bar an item per organization.
import * as assert from 'node:assert/strict';
import { startFakeApi } from '../../scripts/vscode/index.mjs';
import { withVSCode } from './fixture.mjs';

const SECOND_KEY = 'sk-admin-second-organization-e2e';

/** @param {string} text */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * The tree row whose label is exactly `label`.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} label
 */
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();

/** @param {{ url: string, adminKey: string }} fake */
async function firstProjectName(fake) {
  const res = await fetch(`${fake.url}/organization/projects?limit=100`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
  const names = (await res.json()).data.map((/** @type {{ name: string }} */ p) => p.name).filter((/** @type {string} */ n) => n !== 'Default project');
  return names[0];
}

describe('several organizations', function () {
  this.timeout(300_000);

  for (const theme of /** @type {const} */ (['dark', 'light'])) {
    it(`adds a second organization: a folder each in the tree, a status bar item each (${theme})`, () =>
      withVSCode({ theme, key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
        const second = await startFakeApi({ projects: 4, users: 12, seed: 2, extraArgs: ['--admin-key', SECOND_KEY] });
        await vs.openContainer();
        await row(vs, 'Projects').waitFor({ state: 'visible' });

        await vs.runCommand('OpenAI Admin: Add Organization');
        const name = await vs.promptInput({ title: 'Add Organization (1/3)' });
        await name.fill('Staging');
        await name.press('Enter');
        const key = await vs.promptInput({ title: 'Add Organization (2/3)' });
        await key.fill(SECOND_KEY);
        await key.press('Enter');
        const url = await vs.promptInput({ title: 'Add Organization (3/3)' });
        assert.equal(await url.inputValue(), fake.url, 'pre-filled with the default base URL');
        await url.fill(second.url);
        await url.press('Enter');
        await vs.statusBar().getByText('Added the organization Staging').waitFor({ state: 'visible' });

        // Two folders; the first organization keeps its default name until renamed.
        await row(vs, 'Organization').waitFor({ state: 'visible' });
        await row(vs, 'Staging').waitFor({ state: 'visible' });
        const stagingProject = await firstProjectName(second);
        // Both folders start expanded, each with its own (expanded) Projects folder: collapse the
        // first organization to bring the second's projects into view.
        const projectsRows = vs.treeItems().filter({ has: page.locator('.label-name', { hasText: exactly('Projects') }) });
        assert.equal(await projectsRows.count(), 2, 'a Projects folder under each organization');
        await row(vs, 'Organization').click();
        await row(vs, stagingProject).waitFor({ state: 'visible' });

        // One spend item per organization, each named.
        await vs.statusBar().locator('.statusbar-item').filter({ hasText: /Staging: .* this month/ }).waitFor({ state: 'visible', timeout: 60_000 });
        await vs.statusBar().locator('.statusbar-item').filter({ hasText: /Organization: .* this month/ }).waitFor({ state: 'visible', timeout: 60_000 });

        // The organization folder's menu manages the connection.
        await row(vs, 'Staging').click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu');
        await menu.getByText('Rename Organization…').waitFor({ state: 'visible' });
        await menu.getByText('Remove Organization…').waitFor({ state: 'visible' });
        await page.keyboard.press('Escape');
        await shot(`organizations-tree-${theme}`);

        if (theme !== 'dark') return;
        // Usage & Costs for all organizations together: a series per organization.
        await vs.viewTitleAction('Open Usage & Costs');
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await view.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
        const select = view.locator('vscode-single-select.organization');
        await select.waitFor({ state: 'visible' });
        for (let attempt = 0; attempt < 3 && await select.evaluate((el) => /** @type {any} */ (el).value) !== 'all'; attempt++) {
          await view.locator('main[aria-busy="false"]').waitFor();
          await select.click();
          await select.locator('li.option', { hasText: 'All organizations' }).first().click();
          await page.waitForTimeout(500);
        }
        await view.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
        await view.locator('table').filter({ hasText: 'Staging' }).first().waitFor({ state: 'visible', timeout: 60_000 });
        await shot('usage-all-organizations-dark');
      }));
  }
});
