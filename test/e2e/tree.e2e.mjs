// @ts-check
// The organization explorer as a person uses it: expand, read, and change things through the palette and context menus.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

const HOSTILE = '<img src=x onerror=alert(1)> [x](command:workbench.action.quit) **bold**';

/** Creates objects straight at the fake (as another admin would), bypassing the extension. */
async function apiPost(fake, path, body) {
  const res = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `${path} → ${res.status}`);
  return res.json();
}

async function projects(fake) {
  const res = await fetch(`${fake.url}/organization/projects?limit=100&include_archived=true`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
  return (await res.json()).data;
}

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/** The tree row whose label is exactly `label` (descriptions and other rows' substrings don't count). */
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();

describe('organization explorer', () => {
  it('expands a project and its folders (screenshots in dark and light)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ vs, shot }) => {
      await vs.openContainer();
      await row(vs, 'Default project').click();
      await row(vs, 'Hosted Tool Permissions').click();
      await row(vs, 'Code interpreter').waitFor({ state: 'visible' });
      await row(vs, 'Web search').waitFor({ state: 'visible' });
      await row(vs, 'Rate Limits').click();
      await vs.treeItems().filter({ hasText: /\d[\d,]* RPM/ }).first().waitFor({ state: 'visible' });
      await shot('tree-project-dark');
      await row(vs, 'Hosted Tool Permissions').click();
      await row(vs, 'Rate Limits').click();
      await row(vs, 'Users').click();
      await vs.treeItems().filter({ hasText: /^(owner|member)\b|· (owner|member) ·|(owner|member) ·/ }).first().waitFor({ state: 'visible' });
      await shot('tree-project-users-dark');
    }));

  it('light theme', () =>
    withVSCode({ theme: 'light', key: 'sk-admin-demo' }, async ({ vs, shot }) => {
      await vs.openContainer();
      await row(vs, 'Default project').click();
      await row(vs, 'API Keys').click();
      await row(vs, 'Service Accounts').click();
      await vs.treeItems().filter({ hasText: /last used/ }).first().waitFor({ state: 'visible' });
      await shot('tree-project-light');
    }));

  it('creates (palette), renames (context menu) and archives (context menu, modal) a project', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      await vs.openContainer();
      // The palette's fuzzy match does not take the trailing ellipsis, so type the title without it.
      await vs.runCommand('OpenAI Admin: Create Project');
      const name = await vs.promptInput({ title: 'Create Project' });
      await name.fill('E2E Project');
      await name.press('Enter');
      await row(vs, 'E2E Project').waitFor({ state: 'visible' });
      assert.ok((await projects(fake)).some((p) => p.name === 'E2E Project' && p.status === 'active'));

      await vs.contextMenu(row(vs, 'E2E Project'), 'Rename Project…');
      const rename = await vs.promptInput({ title: 'Rename Project' });
      await rename.fill('E2E Renamed');
      await rename.press('Enter');
      await row(vs, 'E2E Renamed').waitFor({ state: 'visible' });
      await shot('tree-renamed-project');

      await vs.contextMenu(row(vs, 'E2E Renamed'), 'Archive Project…');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.innerText(), /Archive project “E2E Renamed”\?/);
      await shot('tree-archive-confirm');
      await dialog.getByRole('button', { name: 'Archive Project' }).click();
      await vs.statusBar().getByText(/Archived project/).waitFor({ state: 'visible' });
      const archived = (await projects(fake)).find((p) => p.name === 'E2E Renamed');
      assert.equal(archived?.status, 'archived');
      await row(vs, 'E2E Renamed').waitFor({ state: 'hidden' });
    }));

  it('shows hostile names as text: no markup, no script, no command link', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await apiPost(fake, '/organization/projects', { name: HOSTILE });
      await vs.openContainer();
      await vs.runCommand('OpenAI Admin: Refresh');
      const hostileRow = vs.treeItems().filter({ hasText: '<img src=x onerror=alert(1)>' }).first();
      await hostileRow.waitFor({ state: 'visible' });
      assert.ok((await hostileRow.innerText()).includes('[x](command:workbench.action.quit)'));
      assert.equal(await vs.sideBar().locator('.monaco-list-row img, .monaco-list-row strong, .monaco-list-row a[href]').count(), 0);
      // Screen readers get the row's text too: it must carry the name verbatim.
      assert.match(await hostileRow.getAttribute('aria-label') ?? '', /<img src=x onerror=alert\(1\)>/);
      await shot('tree-hostile-name');
      assert.deepEqual(dialogs, [], 'a dialog opened');
    }));
});
