// @ts-check
// Key Hygiene as a person uses it in code-server: open the view, run it, select findings (two rule
// headings, each standing for all its findings), Delete… from the context menu, read the plan
// document behind the one confirmation, run it, and read the results. Dark: the whole flow, checked
// in the fake. Light: the view and the plan, cancelled at the modal, so nothing is sent.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

/** @param {{ adminKey: string }} fake */
const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });

/**
 * Creates an object straight at the fake, as another admin would.
 * @param {{ url: string, adminKey: string }} fake
 * @param {string} path
 * @param {unknown} body
 */
async function apiPost(fake, path, body) {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: auth(fake), body: JSON.stringify(body) });
  assert.equal(res.status, 200, `${path} → ${res.status}`);
  return res.json();
}

/** @param {string} text */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * A project with known hygiene problems: a key that has expired, one expiring in 5 days, one that
 * never expires, and a service account without keys.
 * @param {{ url: string, adminKey: string }} fake
 */
async function seed(fake) {
  const project = await apiPost(fake, '/organization/projects', { name: 'Hygiene Demo' });
  const sa = (/** @type {Record<string, unknown>} */ body) => apiPost(fake, `/organization/projects/${project.id}/service_accounts`, body);
  const expired = await sa({ name: 'nightly-export', expires_in_seconds: 1 });
  await sa({ name: 'billing-sync', expires_in_seconds: 5 * 86400 });
  await sa({ name: 'support-bot' });
  const keyless = await sa({ name: 'legacy-etl', create_service_account_only: true });
  await new Promise((r) => setTimeout(r, 1100));
  return { project, expired, keyless };
}

/**
 * Opens the container with the Organization view collapsed and Key Hygiene expanded, and runs it.
 * @param {import('./workbench.mjs').Workbench} vs
 */
async function openHygiene(vs) {
  await vs.openContainer();
  const header = (/** @type {string} */ name) => vs.sideBar().locator('.pane-header', { hasText: name }).first();
  // Clicked near the left end: the right end of a header holds its view's title actions (Create Project…).
  if ((await header('Organization').getAttribute('aria-expanded')) === 'true') await header('Organization').click({ position: { x: 40, y: 10 } });
  if ((await header('Key Hygiene').getAttribute('aria-expanded')) !== 'true') await header('Key Hygiene').click({ position: { x: 40, y: 10 } });
  // A wider side bar, so rows show their explanation (drag the sash between side bar and editor).
  const box = await vs.sideBar().boundingBox();
  if (box) {
    await vs.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await vs.page.mouse.down();
    await vs.page.mouse.move(box.x + box.width + 260, box.y + box.height / 2, { steps: 8 });
    await vs.page.mouse.up();
  }
  await vs.welcomeButton('Run Key Hygiene').click();
  await heading(vs, 'Expired keys').waitFor({ state: 'visible' });
}

/**
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} title
 */
const heading = (vs, title) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(title) }) }).first();

/**
 * Selects the two rule headings and opens Delete… on them: the plan document opens and the modal asks.
 * @param {import('./workbench.mjs').Workbench} vs
 */
async function planDelete(vs) {
  await heading(vs, 'Expired keys').click();
  await heading(vs, 'Service accounts without keys').click({ modifiers: ['ControlOrMeta'] });
  await vs.contextMenu(heading(vs, 'Service accounts without keys'), 'Delete…');
  const dialog = vs.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  await vs.page.locator('.monaco-editor .view-lines', { hasText: 'Signs: + create' }).first().waitFor({ state: 'visible' });
  return dialog;
}

describe('Key Hygiene', () => {
  it('finds the problems, plans a bulk delete, runs it after one confirmation (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo', fakeOptions: { projects: 4, users: 30 }, viewport: { width: 1500, height: 950 } }, async ({ page, vs, fake, shot }) => {
      const { project, expired, keyless } = await seed(fake);
      await openHygiene(vs);
      await vs.treeItems().filter({ hasText: 'legacy-etl' }).first().waitFor({ state: 'visible' });
      await shot('keyhygiene-view-dark');

      const dialog = await planDelete(vs);
      const detail = await dialog.innerText();
      assert.match(detail, /Delete \d+ objects? \(Key Hygiene\)\?/);
      assert.match(detail, /Deleted, which cannot be undone:/);
      assert.match(detail, /Delete service account “legacy-etl”/);
      await shot('keyhygiene-plan-dark');

      await fake.clearRequests();
      await dialog.getByRole('button', { name: /^Run \d+ Changes?$/ }).click();
      const summary = vs.notification(/Delete \d+ objects? \(Key Hygiene\): \d+ done/);
      await summary.waitFor({ state: 'visible' });
      await page.locator('.monaco-editor .view-lines', { hasText: 'result: done' }).first().waitFor({ state: 'visible' });
      await shot('keyhygiene-results-dark');

      /** @type {Array<{ method: string, path: string, status: number }>} */
      const requests = await fake.requests();
      const deletes = requests.filter((r) => r.method !== 'GET');
      assert.ok(deletes.every((r) => r.method === 'DELETE' && r.status === 200), JSON.stringify(deletes));
      assert.ok(deletes.some((r) => r.path === `/organization/projects/${project.id}/api_keys/${expired.api_key.id}`));
      assert.ok(deletes.some((r) => r.path === `/organization/projects/${project.id}/service_accounts/${keyless.id}`));
      const state = await fake.state();
      const data = state.projectData[project.id];
      assert.ok(!data.apiKeys.some((/** @type {{ id: string }} */ k) => k.id === expired.api_key.id));
      assert.ok(!data.serviceAccounts.some((/** @type {{ id: string }} */ a) => a.id === keyless.id));
      // The view followed the store: every expired key is gone, and so is the keyless account; the
      // account whose only key was the expired one has no key now, so it is listed in its place.
      await heading(vs, 'Expired keys').waitFor({ state: 'hidden' });
      await vs.treeItems().filter({ hasText: 'legacy-etl' }).waitFor({ state: 'hidden' });
      await vs.treeItems().filter({ hasText: 'nightly-export' }).first().waitFor({ state: 'visible' });
    }));

  it('shows the view and the plan; Cancel at the modal sends nothing (light)', () =>
    withVSCode({ theme: 'light', key: 'sk-admin-demo', fakeOptions: { projects: 4, users: 30 }, viewport: { width: 1500, height: 950 } }, async ({ vs, fake, shot }) => {
      await seed(fake);
      await openHygiene(vs);
      await vs.treeItems().filter({ hasText: 'legacy-etl' }).first().waitFor({ state: 'visible' });
      await shot('keyhygiene-view-light');
      const dialog = await planDelete(vs);
      await shot('keyhygiene-plan-modal-light');
      await fake.clearRequests();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await shot('keyhygiene-plan-light');
      /** @type {Array<{ method: string }>} */
      const requests = await fake.requests();
      assert.deepEqual(requests.filter((r) => r.method !== 'GET'), []);
    }));
});
