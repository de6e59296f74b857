// @ts-check
// Workload identity as a person sets it up in code-server: a new OIDC provider from the Workload
// Identity folder's context menu (name, issuer, audience, description, signing keys), then, from the
// notification that offers it, a federation rule mapping the provider's tokens to a service account
// (project and account by search, attribute matchers, permissions, name). Every step is screenshot in
// the dark theme, and the result is checked in the fake's state.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { screenshot } from '../../scripts/vscode/index.mjs';
import { withVSCode } from './fixture.mjs';

/** @param {{ adminKey: string }} fake */
const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });
/** @param {string} text */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/**
 * The tree row whose label is exactly `label`.
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} label
 */
const row = (vs, label) => vs.treeItems().filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();

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

const PROVIDER = 'GitHub Actions (e2e)';
const ISSUER = 'https://token.actions.githubusercontent.com';
const AUDIENCE = 'https://github.com/acme-payments-e2e';
const MATCHERS = 'sub=repo:acme/payments:ref:refs/heads/main, repository_owner=acme';

describe('workload identity', () => {
  it('creates a provider and a federation rule through the UI (dark, a screenshot per step)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      // The service account the rule maps tokens to, in a project with a name easy to search for.
      const project = await apiPost(fake, '/organization/projects', { name: 'Payments API' });
      const account = await apiPost(fake, `/organization/projects/${project.id}/service_accounts`, { name: 'payments-deployer' });

      await vs.openContainer();
      await row(vs, 'Workload Identity').click();
      await shot('wif-01-folder-dark');

      await vs.contextMenu(row(vs, 'Workload Identity'), 'Create Workload Identity Provider…');
      /** Types into the open input box, screenshots it, and presses Enter. */
      const answer = async (/** @type {string} */ value, /** @type {string} */ name) => {
        const input = await vs.promptInput({ title: 'Create Workload Identity Provider' });
        await input.fill(value);
        await shot(name);
        await input.press('Enter');
      };
      await answer(PROVIDER, 'wif-02-name-dark');
      // A plain-http issuer is refused as it is typed.
      const issuer = await vs.promptInput({ title: 'Create Workload Identity Provider' });
      await issuer.fill('http://token.example.com');
      await vs.quickInput().getByText('The issuer must start with https://.').waitFor({ state: 'visible' });
      await shot('wif-03-issuer-refused-dark');
      await answer(ISSUER, 'wif-04-issuer-dark');
      await answer(AUDIENCE, 'wif-05-audience-dark');
      await answer('Deploys of acme/payments from GitHub Actions', 'wif-06-description-dark');
      await vs.quickInput().locator('.monaco-list-row', { hasText: "The issuer's discovery document" }).waitFor({ state: 'visible' });
      await shot('wif-07-signing-keys-dark');
      await vs.quickInputBox().press('Enter');

      // The provider is created; a notification offers the next step.
      const toast = vs.notification('accepts no tokens until a federation rule');
      await toast.waitFor({ state: 'visible' });
      await row(vs, PROVIDER).waitFor({ state: 'visible' });
      await shot('wif-08-provider-created-dark');
      let state = await fake.state();
      const provider = state.workloadIdentityProviders.find((/** @type {{ name: string }} */ p) => p.name === PROVIDER);
      assert.ok(provider, 'the provider is not in the fake');
      assert.deepEqual([provider.issuer, provider.audience, provider.enabled, provider.verification],
        [ISSUER, AUDIENCE, true, { type: 'discovery', discovery_url: null }]);
      await toast.getByRole('button', { name: 'Add Federation Rule…' }).click();

      /** Searches an open search quick pick, screenshots the match, and chooses it. */
      const choose = async (/** @type {string} */ title, /** @type {string} */ text, /** @type {string} */ name) => {
        await vs.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
        await vs.quickInputBox().fill(text);
        await vs.quickInput().locator('.monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible' });
        await shot(name);
        await vs.quickInputBox().press('Enter');
      };
      await choose('project of the service account', 'Payments API', 'wif-09-rule-project-dark');
      await choose('service account in “Payments API”', 'payments-deployer', 'wif-10-rule-service-account-dark');
      const matchers = await vs.promptInput({ title: 'Add Federation Rule' });
      await matchers.fill(MATCHERS);
      await shot('wif-11-rule-matchers-dark');
      await matchers.press('Enter');
      await vs.quickInput().locator('.monaco-list-row', { hasText: "The service account's permissions" }).waitFor({ state: 'visible' });
      await shot('wif-12-rule-permissions-dark');
      await vs.quickInputBox().press('Enter');
      const ruleName = await vs.promptInput({ title: 'Add Federation Rule' });
      await ruleName.fill('main branch deploys');
      await shot('wif-13-rule-name-dark');
      await ruleName.press('Enter');

      await vs.statusBar().getByText(/Added federation rule/).waitFor({ state: 'visible' });
      await row(vs, PROVIDER).click();
      const ruleRow = row(vs, 'main branch deploys');
      await ruleRow.waitFor({ state: 'visible' });
      assert.match(await ruleRow.innerText(), /2 matchers/);
      await shot('wif-14-rule-in-tree-dark');

      state = await fake.state();
      const rules = state.federationRules[provider.id];
      assert.equal(rules.length, 1);
      assert.deepEqual(
        [rules[0].project_id, rules[0].service_account_id, rules[0].attribute_matchers, rules[0].permissions, rules[0].name],
        [project.id, account.id, { sub: 'repo:acme/payments:ref:refs/heads/main', repository_owner: 'acme' }, { type: 'service_account_default' }, 'main branch deploys'],
      );

      // The rule's tooltip, resolved when the pointer rests on it, lists what it matches.
      await ruleRow.hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'repository_owner' });
      await hover.first().waitFor({ state: 'visible' });
      const tip = (await hover.first().innerText()).replace(/\u00a0/g, ' '); // tooltips keep spaces as no-break spaces
      assert.ok(tip.includes('Service account:') && tip.includes(account.id), tip);
      // Not through shot(): that waits for hovers to close.
      await screenshot(page, join('e2e', 'wif-15-rule-tooltip-dark'));
    }));

  it('shows external keys and storage, a project\'s key expiry and service tier (light)', () =>
    withVSCode({ theme: 'light', key: 'sk-admin-demo', viewport: { width: 1400, height: 1150 } }, async ({ vs, fake, shot }) => {
      // A project whose keys expire later, soon and never, seen as a person would open it.
      const project = await apiPost(fake, '/organization/projects', { name: 'Expiry Demo' });
      const accounts = [['later-bot', 12 * 86400], ['soon-bot', 2 * 86400], ['forever-bot', undefined]];
      for (const [name, seconds] of accounts) {
        await apiPost(fake, `/organization/projects/${project.id}/service_accounts`, { name, ...(seconds ? { expires_in_seconds: seconds } : {}) });
      }
      await vs.openContainer();
      await row(vs, 'Projects').click(); // collapse the long project list
      await row(vs, 'External Keys').click();
      await row(vs, 'External Storage').click();
      await vs.treeItems().filter({ hasText: /· (pending|validated|degraded|unhealthy) ·|^(pending|validated|degraded|unhealthy)/ }).first().waitFor({ state: 'visible' }).catch(() => undefined);
      await shot('external-keys-storage-light');
      await row(vs, 'External Keys').click();
      await row(vs, 'External Storage').click();

      await row(vs, 'Projects').click();
      await row(vs, 'Expiry Demo').click();
      await row(vs, 'API Keys').click();
      await vs.treeItems().filter({ hasText: 'expires in 12 days' }).first().waitFor({ state: 'visible' });
      await vs.treeItems().filter({ hasText: 'expires in 2 days' }).first().waitFor({ state: 'visible' });
      await vs.treeItems().filter({ hasText: 'never expires' }).first().waitFor({ state: 'visible' });
      await row(vs, 'Service Tier').click();
      await vs.treeItems().filter({ hasText: /^Default: / }).first().waitFor({ state: 'visible' });
      await shot('project-key-expiry-service-tier-light');
    }));
});
