// @ts-check
// The packaged extension runs in Production mode, where tests' hooks do not exist
// (src/extension.ts, hasTestHooks): here, that neither webview sends the text render of what it shows
// that Test mode asks for. Every message a webview sends to VS Code passes its outer frame's
// MessagePort; a recorder there sees the webview's requests (the check works) and no 'rendered' event.
// That activate() hands other extensions nothing is checked in test/unit/security/testHooks.test.ts.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

/** @param {import('playwright-core').Page} page */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/**
 * From now on, every frame records what it relays to VS Code for a webview page: VS Code's webview
 * host frame passes the page's messages on as { channel: 'onmessage', data: { message } }.
 */
function recordWebviewMessages() {
  const w = /** @type {any} */ (window);
  w.__sent = [];
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (/** @type {any} */ m, /** @type {any} */ ...rest) {
    if (m?.channel === 'onmessage') {
      const sent = m.data?.message;
      w.__sent.push(sent?.kind === 'event' ? `event ${sent.name}` : `${sent?.kind} ${sent?.method ?? ''}`.trim());
    }
    return post.call(this, m, ...rest);
  };
}

/**
 * What the webview on screen has sent, once it has drawn its data and a little longer: a report
 * goes out right after a render (the Project panel's one turn later).
 * @param {import('playwright-core').Page} page
 */
async function sentAfterRender(page) {
  await webview(page).locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  const frames = await page.locator('iframe.webview.ready').elementHandles();
  assert.equal(frames.length, 1, 'one webview on screen');
  const host = await frames[0].contentFrame();
  assert.ok(host, 'no webview host frame');
  return host.evaluate(() => /** @type {string[]} */ (/** @type {any} */ (window).__sent ?? ['not recorded']));
}

describe('the packaged extension (Production mode)', () => {
  it('neither webview sends a render report', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs }) => {
      await page.addInitScript(recordWebviewMessages);
      await vs.openContainer();
      await vs.viewTitleAction('Open Usage & Costs');
      let sent = await sentAfterRender(page);
      assert.ok(sent.includes('request init') && sent.includes('request load'), `the recorder missed the page's requests: ${JSON.stringify(sent)}`);
      assert.ok(!sent.includes('event rendered'), `the Usage & Costs panel sent a render report: ${JSON.stringify(sent)}`);
      assert.equal(await webview(page).locator('body').getAttribute('data-render-report'), null, 'the page was asked for render reports');

      await vs.runCommand('View: Close All Editors');
      await vs.runCommand('OpenAI Admin: Open Project');
      const search = await vs.promptInput({ title: 'Open Project' });
      await vs.quickInput().locator('.monaco-list-row').first().waitFor();
      await search.press('Enter');
      await webview(page).locator('#rateLimits table.rate-limits').waitFor({ state: 'visible', timeout: 60_000 });
      sent = await sentAfterRender(page);
      assert.ok(sent.includes('request init') && sent.includes('request load'), `the recorder missed the page's requests: ${JSON.stringify(sent)}`);
      assert.ok(!sent.includes('event rendered'), `the Project panel sent a render report: ${JSON.stringify(sent)}`);
      assert.equal(await webview(page).locator('body').getAttribute('data-render-report'), null, 'the page was asked for render reports');
    }));
});
