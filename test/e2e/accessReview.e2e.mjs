// @ts-check
// The Access Review as a person sees it, in a dark and a light theme: opened from the explorer's
// title bar, it reads the organization and shows one row per member, invite and service account
// (hostile names as text), a search narrows the rows, a column header sorts, a row's details list
// its projects and keys; clicking a member reveals it in the tree and a project chip opens its panel.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

/** @param {import('playwright-core').Page} page */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** @param {{ url: string, adminKey: string }} fake */
async function firstMember(fake) {
  const res = await fetch(`${fake.url}/organization/users?limit=1`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
  assert.equal(res.status, 200);
  return (await res.json()).data[0];
}

/** Whatever in the page could only be there if an API string had become markup. */
function injected(view) {
  return view.locator('body').evaluate(() => ({
    elements: document.querySelectorAll('#app img, #app svg, #app iframe, #app object, #app embed, #app script, #app style').length,
    title: document.title,
  }));
}

describe('access review', function () {
  this.timeout(300_000); // a busy 2-core machine: code-server, the load and two screenshots
  for (const theme of ['dark', 'light']) {
    it(`opens from the explorer title, reads the organization, searches, sorts and shows a row's details (${theme})`, () =>
      // --hostile: about 1 in 10 generated names is markup, a command link or RTL text, which the page must show as text.
      withVSCode({ theme, key: 'sk-admin-demo', fakeOptions: { extraArgs: ['--hostile'] } }, async ({ page, vs, fake, shot }) => {
        const dialogs = [];
        page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
        await vs.openContainer();
        // The container has two views (Organization, Key Hygiene), so each view's title actions sit in
        // its own header and show when the pointer is over it.
        const header = vs.sideBar().locator('.pane-header', { hasText: 'Organization' }).first();
        await header.hover({ position: { x: 40, y: 10 } });
        await header.locator('a.action-label[aria-label^="Access Review"]').click();
        const view = webview(page);
        await view.locator('table.review tr.row').first().waitFor({ state: 'visible', timeout: 120_000 });
        await view.locator('main[aria-busy="false"]').waitFor({ timeout: 120_000 });
        const status = await view.locator('.status').textContent();
        assert.match(status ?? '', /^as of .+ · [\d,]+ rows · (\d+) of \1 projects read/);

        // Virtualized: a screenful of row elements for all the rows.
        const total = Number((await view.locator('.result-count').textContent() ?? '').replace(/[^\d]/g, ''));
        const drawn = await view.locator('table.review tr.row').count();
        assert.ok(total > 200 && drawn < total, `${drawn} row elements for ${total} rows`);
        assert.deepEqual(await injected(view), { elements: 0, title: 'Access Review' });

        // Sort by API keys: most first, and the header says so.
        await view.locator('th[data-col="keys"] button').click();
        await view.locator('th[data-col="keys"][aria-sort="descending"]').waitFor();
        const counts = (await view.locator('table.review tr.row td:nth-child(7)').allTextContents()).map(Number);
        assert.deepEqual(counts, [...counts].sort((a, b) => b - a));

        // Search one member by email: one row; its details list projects and keys.
        const member = await firstMember(fake);
        await view.locator('vscode-textfield input').fill(member.email);
        await view.locator('.result-count').filter({ hasText: /^1 of / }).waitFor();
        const row = view.locator('table.review tr.row').first();
        await row.locator('td:nth-child(2)').click();
        await view.locator('.details h2').waitFor();
        assert.equal((await view.locator('.details h2').textContent())?.trim(), member.name.trim());
        await view.locator('.details').getByText(/^Projects \(\d+\)$/).waitFor();
        // The workbench in the theme asked for, and the page in the same (VS Code's body class).
        await page.locator(theme === 'light' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark').waitFor();
        await view.locator(theme === 'light' ? 'body.vscode-light' : 'body.vscode-dark').waitFor();
        await shot(`access-review-${theme}`);

        if (theme === 'dark') {
          // The member's name reveals it in the Organization tree.
          await row.locator('td.name button').click();
          await vs.treeItems().filter({ hasText: member.name.trim() }).and(page.locator('.selected')).first().waitFor();
          // A project in the details opens that project's panel.
          const link = view.locator('.details li button.link').first();
          if (await link.count()) {
            const name = (await link.textContent() ?? '').trim();
            await link.click();
            await page.locator('.tab', { hasText: `Project: ${name.slice(0, 20)}` }).first().waitFor();
          }
        }
        assert.deepEqual(dialogs, []);
      }));
  }
});
