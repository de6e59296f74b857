// @ts-check
// Organization as code as a person uses it in code-server: a *.openai-org.yaml with an error shows in
// the Problems panel (and Plan refuses it); a valid file's drift in the Compare diff editor; the Plan
// document; Apply's confirmation and its results. Screenshots of each; the effect is checked in the fake.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withVSCode } from './fixture.mjs';

/**
 * The active editor's text as the editor shows it.
 * @param {import('playwright-core').Page} page
 */
const editorText = async (page) => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

/**
 * Opens a workspace file through Quick Open.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} name
 */
async function openFile(vs, name) {
  await vs.page.keyboard.press('F1');
  const input = vs.quickInputBox();
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await vs.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
  await vs.page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
}

/**
 * Writes the fake received (anything but GET).
 * @param {{ requests(): Promise<{ method: string, path: string }[]> }} fake
 */
const writesTo = async (fake) => (await fake.requests()).filter((r) => r.method !== 'GET');

describe('Organization as code', function () {
  this.timeout(300_000);
  it('Problems for a broken file, the drift diff, the plan, and an applied file\'s results (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo', viewport: { width: 1600, height: 1000 },
      // A small organization with plain names, so the drift diff fits on the screenshot.
      fakeOptions: { projects: 4, users: 24, extraArgs: ['--no-hostile'] } }, async ({ page, vs, fake, codeServer, shot }) => {
      /** @type {{ projects: { id: string, name: string, status: string }[], groups: { id: string, name: string }[] }} */
      const s = /** @type {any} */ (await fake.state());
      const project = s.projects.find((p) => p.status === 'active' && /^[A-Za-z][\w .-]{0,40}$/.test(p.name));
      assert.ok(project, 'an active project with a plain name');
      writeFileSync(join(codeServer.folder, 'broken.openai-org.yaml'),
        `version: 1\nprojects:\n  - name: ${project.name}\n    members:\n      - email: ada@example.com\n        role: emperor\n`);
      writeFileSync(join(codeServer.folder, 'team.openai-org.yaml'), [
        'version: 1',
        'organization:',
        '  groups:',
        '    - name: Platform team',
        `projects:`,
        `  - name: ${project.name}`,
        '    hosted_tools:',
        '      web_search: false',
        '      code_interpreter: true',
        '',
      ].join('\n'));
      await fake.clearRequests();

      // A file with an error: Plan refuses it, points to the Problems panel, which lists it.
      await openFile(vs, 'broken.openai-org.yaml');
      await vs.runCommand('OpenAI Admin: Plan File against Organization');
      await vs.notification(/has 1 error \(see the Problems panel\); nothing was sent/).waitFor({ state: 'visible' });
      await vs.notification(/has 1 error/).getByRole('button', { name: 'Show Problems' }).click();
      const problems = page.locator('.markers-panel');
      await problems.getByText(/must be one of owner or member/).first().waitFor({ state: 'visible' });
      await shot('orgcode-problems-dark');
      await page.keyboard.press('Control+J'); // hide the panel again: the editors get the room
      assert.deepEqual(await fake.requests(), [], 'a file with errors sends nothing, not even a read');

      // Compare: the live organization on the left, the file on the right.
      await openFile(vs, 'team.openai-org.yaml');
      await vs.runCommand('OpenAI Admin: Compare File with Organization');
      await page.locator('.tab.active', { hasText: 'Organization ↔ file' }).waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible' });
      await shot('orgcode-compare-dark');

      // Plan: the calls, grouped by object.
      await openFile(vs, 'team.openai-org.yaml');
      await vs.runCommand('OpenAI Admin: Plan File against Organization');
      await page.locator('.tab.active', { hasText: 'Plan — team.openai-org.yaml' }).waitFor({ state: 'visible', timeout: 60_000 });
      const plan = await editorText(page);
      assert.match(plan, /POST \/organization\/groups/);
      await shot('orgcode-plan-dark');
      assert.deepEqual(await writesTo(fake), [], 'Compare and Plan send no write');

      // Apply: one confirmation, then the results.
      await openFile(vs, 'team.openai-org.yaml');
      await vs.runCommand('OpenAI Admin: Apply File to Organization…');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await dialog.innerText(), /Apply: “team\.openai-org\.yaml”/);
      await dialog.getByRole('button', { name: /^Run \d+ Changes?$/ }).click();
      await vs.notification(/\d+ done\./).waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await editorText(page), /result: done/);
      await shot('orgcode-apply-results-dark');
      const after = /** @type {any} */ (await fake.state());
      assert.ok(after.groups.some((/** @type {{ name: string }} */ g) => g.name === 'Platform team'), 'the group was created');
    }));
});
