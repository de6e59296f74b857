// @ts-check
// The Project panel as a person uses it in code-server: opened from a project row's inline button
// and from the palette; a rate limit edited in the table (checked as typed, changed cell marked,
// saved with a per-row result) and a hosted tool switched, both checked in the fake's state; an API
// key's expiry set in days (expired and soon-expiring keys highlighted, saved with its result); a
// hostile project name shown as text; unsaved edits back after a window reload. Screenshots in
// dark and light.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script> "Ünïcode" & co';
const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();

/** An active, non-default project with the most members and keys, renamed (at the fake) to `name`. */
async function projectNamed(fake, name) {
  const state = await fake.state();
  const [best] = state.projects
    .filter((p) => p.status === 'active' && !p.is_default)
    .sort((a, b) => (state.projectData[b.id].members.length + state.projectData[b.id].apiKeys.length) - (state.projectData[a.id].members.length + state.projectData[a.id].apiKeys.length));
  const res = await fetch(`${fake.url}/organization/projects/${best.id}`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ name }) });
  assert.equal(res.status, 200);
  return best.id;
}

/** Waits until every section has loaded (the page's main element stops being busy). */
async function loaded(view) {
  await view.locator('#rateLimits table.rate-limits').waitFor({ state: 'visible', timeout: 60_000 });
  await view.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
}

/** Everything that could only be in the page if API text had become markup. */
function injected(view) {
  return view.locator('body').evaluate((body) => ({
    elements: body.querySelectorAll('img, svg, iframe, object, embed, #app script, #app style, #app link').length,
    title: document.title,
  }));
}

describe('project panel', () => {
  it('edits a rate limit and switches a hosted tool through the page, saved to the fake (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo', userSettings: { 'openaiAdmin.unusedKeyDays': 30 } }, async ({ page, vs, fake, shot }) => {
      const projectId = await projectNamed(fake, 'Checkout Service');
      await vs.openContainer();
      // The project row's inline button (shown on hover) opens the panel.
      const projectRow = row(vs, 'Checkout Service');
      await projectRow.hover();
      await projectRow.locator('.action-label[aria-label="Open Project…"]').click();
      const view = webview(page);
      await loaded(view);
      assert.equal(await view.locator('h1').textContent(), 'Checkout Service');
      await shot('project-dark');

      // One cell changed, one invalid: the table says so as the admin types, and Save waits.
      const first = view.locator('#rateLimits tbody tr').first();
      const rateLimitId = await first.getAttribute('data-id');
      const model = await first.locator('th').textContent();
      const rpm = first.locator(`vscode-textfield[data-cell="${rateLimitId}:max_requests_per_1_minute"] input`);
      const tpm = first.locator(`vscode-textfield[data-cell="${rateLimitId}:max_tokens_per_1_minute"] input`);
      const tpmBefore = await tpm.inputValue();
      await rpm.fill('1,234');
      await first.locator('td.changed').first().waitFor();
      await view.locator('.pending li', { hasText: `Rate limit ${model}: RPM` }).waitFor();
      await tpm.fill('12.5');
      await first.locator('td.invalid').waitFor();
      await first.locator('td.row-result', { hasText: 'Invalid TPM' }).waitFor();
      await view.locator('.pending li.error-text', { hasText: /TPM: .*without decimals/ }).waitFor();
      const save = view.locator('vscode-button', { hasText: 'Save Rate Limits' });
      assert.equal(await save.getAttribute('disabled'), '', 'an invalid cell blocks Save');
      await view.locator('#rateLimits').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('project-rate-limits-invalid-dark');
      await tpm.fill(tpmBefore);
      await page.waitForFunction((el) => !el.hasAttribute('disabled'), await save.elementHandle());
      await save.click();
      await first.locator('td.row-result', { hasText: 'Saved' }).waitFor();
      let state = await fake.state();
      assert.equal(state.projectData[projectId].rateLimits.find((r) => r.id === rateLimitId).max_requests_per_1_minute, 1234);
      assert.equal(await view.locator('.pending').isVisible(), false, 'nothing left unsaved');

      // A hosted tool switch: only that tool is sent.
      const before = state.projectData[projectId].hostedTools.web_search?.enabled === true;
      await fake.clearRequests();
      await view.locator('vscode-checkbox[data-tool="web_search"]').click();
      await view.locator('.switch-row.modified[data-tool="web_search"]').waitFor();
      await view.locator('vscode-button', { hasText: 'Save Tool Permissions' }).click();
      await view.locator('#hostedTools .message.success', { hasText: 'Saved the hosted tool permissions.' }).waitFor();
      state = await fake.state();
      assert.equal(state.projectData[projectId].hostedTools.web_search.enabled, !before);
      const posts = (await fake.requests()).filter((r) => r.method === 'POST');
      assert.deepEqual(posts.map((r) => r.body), [{ web_search: { enabled: !before } }]);
      await view.locator('#rateLimits').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('project-saved-dark');
      // Keys idle for more than the setting's 30 days (never used: since creation) are highlighted.
      const now = Date.now() / 1000;
      const keys = new Map(state.projectData[projectId].apiKeys.map((k) => [k.id, k]));
      const rows = await view.locator('#apiKeys tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.id, tr.classList.contains('unused')]));
      assert.ok(rows.length > 0);
      for (const [id, highlighted] of rows) {
        const k = keys.get(id);
        assert.equal(highlighted, Math.floor((now - (k.last_used_at ?? k.created_at)) / 86_400) > 30, `key ${id} (last used ${k.last_used_at})`);
      }
      for (const section of ['serviceAccounts', 'apiKeys', 'hostedTools']) {
        await view.locator(`#${section}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await shot(`project-${section}-dark`);
      }
    }));

  it('sets an API key\'s expiry and enables a service tier in the page: expired and soon-expiring keys highlighted, each saved to the fake with its result (dark)', function () {
    // Two saves through the page in one workbench: longer than the suite's default under load.
    this.timeout(240_000);
    return withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const projectId = await projectNamed(fake, 'Key Rotation Demo');
      const tiers = await fetch(`${fake.url}/organization/projects/${projectId}/service_tier_settings`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ default: 'standard', enabled_tiers: ['flex'] }) });
      assert.equal(tiers.status, 200);
      // Two service accounts whose keys expire: one in two days, one a moment ago.
      const account = async (name) => {
        const res = await fetch(`${fake.url}/organization/projects/${projectId}/service_accounts`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ name }) });
        assert.equal(res.status, 200);
        return (await res.json()).api_key.id;
      };
      const expireIn = async (keyId, seconds) => {
        const res = await fetch(`${fake.url}/organization/projects/${projectId}/api_keys/${keyId}`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ expires_in_seconds: seconds }) });
        assert.equal(res.status, 200);
      };
      await expireIn(await account('rotation-soon'), 2 * 86_400 + 600);
      await expireIn(await account('rotation-old'), 1);
      await new Promise((r) => setTimeout(r, 1_500));
      await vs.openContainer();
      const projectRow = row(vs, 'Key Rotation Demo');
      await projectRow.hover();
      await projectRow.locator('.action-label[aria-label="Open Project…"]').click();
      const view = webview(page);
      await loaded(view);
      const keys = view.locator('#apiKeys');
      await keys.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await keys.locator('tr.expired td.expiry', { hasText: /^expired / }).first().waitFor();
      await keys.locator('tr.expiring td.expiry', { hasText: 'expires in 2 days' }).first().waitFor();
      await keys.locator('.message.warning', { hasText: /\d+ keys? ha(s|ve) expired; \d+ expires? within a week/ }).waitFor();
      assert.equal(await keys.locator('tr.expired vscode-button.edit-key').first().getAttribute('disabled'), '', 'an expired key cannot be edited');

      // A key that is not about to expire: open its editor, type 45 days, save.
      const target = keys.locator('tbody tr[data-expiry="never"], tbody tr[data-expiry="valid"]').first();
      const keyId = await target.getAttribute('data-id');
      await target.locator('vscode-button.edit-key').click();
      const editor = keys.locator(`tr.key-editor[data-editor-for="${keyId}"]`);
      const days = editor.locator('vscode-textfield.days input');
      await days.fill('400');
      await editor.locator('.field-problem', { hasText: 'at most 365 days' }).waitFor();
      const save = view.locator('vscode-button', { hasText: 'Save API Keys' });
      assert.equal(await save.getAttribute('disabled'), '', 'an invalid expiry blocks Save');
      await days.fill('45');
      await view.locator('.pending li', { hasText: 'expires 45 days after saving' }).waitFor();
      await page.waitForFunction((el) => !el.hasAttribute('disabled'), await save.elementHandle());
      await keys.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('project-api-key-expiry-edit-dark');
      await save.click();
      await keys.locator(`tr.key-editor[data-editor-for="${keyId}"] .row-result`, { hasText: 'Saved' }).waitFor();
      await keys.locator(`tr[data-id="${keyId}"] td.expiry`, { hasText: 'expires in 45 days' }).waitFor();
      const state = await fake.state();
      const saved = state.projectData[projectId].apiKeys.find((k) => k.id === keyId);
      assert.ok(Math.abs(saved.expires_at - (Date.now() / 1000 + 45 * 86_400)) < 120, `expires_at ${saved.expires_at}`);
      assert.equal(await view.locator('.pending').isVisible(), false, 'nothing left unsaved');
      await keys.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('project-api-key-expiry-saved-dark');
      await keys.locator('tr.expired').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shot('project-api-keys-expiring-dark');

      // Service tier: tick Ultrafast; the row is marked and listed as unsaved, then saved with its result.
      const tier = view.locator('#serviceTier');
      await tier.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await tier.locator('vscode-checkbox[data-tier="ultrafast"]').click();
      await tier.locator('tr.modified[data-field="enabled"] .tier-state', { hasText: 'Standard, Flex → Standard, Flex, Ultrafast (not saved)' }).waitFor();
      await view.locator('.pending li', { hasText: 'Enabled tiers: Standard, Flex → Standard, Flex, Ultrafast' }).waitFor();
      await shot('project-service-tier-edit-dark');
      await fake.clearRequests();
      await tier.locator('vscode-button', { hasText: 'Save Service Tiers' }).click();
      await tier.locator('tr[data-field="enabled"] .row-result', { hasText: 'Saved' }).waitFor();
      const after = await fake.state();
      assert.deepEqual(after.projectData[projectId].serviceTiers, { default: 'standard', enabled_tiers: ['flex', 'ultrafast'] });
      const posts = (await fake.requests()).filter((r) => r.method === 'POST');
      assert.deepEqual(posts.map((r) => r.body), [{ enabled_tiers: ['flex', 'ultrafast'] }], 'only the field changed is sent');
      await shot('project-service-tier-saved-dark');
    });
  });

  it('shows a hostile project name as text, opened from the palette; unsaved edits survive a window reload (light)', () =>
    withVSCode({ theme: 'light', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      const projectId = await projectNamed(fake, HOSTILE);
      await vs.openContainer();
      await vs.runCommand('OpenAI Admin: Open Project');
      const search = await vs.promptInput({ title: 'Open Project' });
      await search.fill(projectId);
      await vs.quickInput().locator('.monaco-list-row', { hasText: projectId }).first().waitFor();
      await search.press('Enter');
      const view = webview(page);
      await loaded(view);
      assert.equal(await view.locator('h1').textContent(), HOSTILE);
      assert.deepEqual(await injected(view), { elements: 0, title: 'Project' });
      assert.deepEqual(dialogs, []);
      await shot('project-light');

      // An unsaved edit is kept with the page's state: a window reload brings the panel and the edit back.
      const first = view.locator('#rateLimits tbody tr').first();
      const id = await first.getAttribute('data-id');
      await first.locator(`vscode-textfield[data-cell="${id}:max_requests_per_1_minute"] input`).fill('4321');
      await view.locator('.pending li', { hasText: '→ 4,321' }).waitFor();
      // Reloaded the way a person does: the workbench saves its editors (and the page's state) first.
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await vs.runCommand('Developer: Reload Window');
      await reloaded;
      await vs.ready();
      const again = webview(page);
      await loaded(again);
      const cell = again.locator(`vscode-textfield[data-cell="${id}:max_requests_per_1_minute"] input`);
      assert.equal(await cell.inputValue(), '4321');
      await again.locator('.pending li', { hasText: '→ 4,321' }).waitFor();
      const state = await fake.state();
      assert.notEqual(state.projectData[projectId].rateLimits.find((r) => r.id === id).max_requests_per_1_minute, 4321, 'nothing was saved');
    }));
});
