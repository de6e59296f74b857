// @ts-check
// First contact: the activity bar entry, the welcome view, and setting the admin key through the palette.
import * as assert from 'node:assert/strict';
import { withVSCode } from './fixture.mjs';

describe('first run: welcome and admin key', () => {
  for (const theme of ['dark', 'light']) {
    it(`shows the activity bar icon and the welcome view with "Set Admin API Key" (${theme})`, () =>
      withVSCode({ theme }, async ({ vs, shot }) => {
        await assert.doesNotReject(vs.activityBarIcon().waitFor({ state: 'visible' }));
        await vs.openContainer();
        await vs.welcomeButton('Set Admin API Key').waitFor({ state: 'visible' });
        await shot(`welcome-${theme}`);
      }));
  }

  it('sets the key through the palette with a masked input; the welcome view goes away', () =>
    withVSCode({ theme: 'dark' }, async ({ page, vs, fake, shot }) => {
      await vs.openContainer();
      await vs.welcomeButton('Set Admin API Key').waitFor({ state: 'visible' });
      await fake.clearRequests();

      await vs.runCommand('OpenAI Admin: Set Admin API Key');
      const input = await vs.promptInput();
      assert.equal(await input.getAttribute('type'), 'password', 'the key prompt is not masked');
      await input.fill(fake.adminKey);
      await shot('set-key-masked-input');
      await input.press('Enter');

      await vs.statusBar().getByText('OpenAI admin key saved').waitFor({ state: 'visible' });
      await vs.welcomeButton('Set Admin API Key').waitFor({ state: 'hidden' });
      const requests = await fake.requests();
      assert.ok(requests.some((r) => r.status === 200), `the key was not checked against the fake: ${JSON.stringify(requests.map((r) => [r.path, r.status]))}`);
      assert.equal(await page.locator('text=sk-admin-demo').count(), 0, 'the key is visible on screen');
      await vs.treeItems().first().waitFor({ state: 'visible' });
      await shot('key-set');

      // SecretStorage in code-server lives in the browser profile: a reload reads the key back.
      await page.reload();
      await vs.ready();
      await vs.openContainer();
      await vs.treeItems().first().waitFor({ state: 'visible' });
      assert.equal(await vs.welcomeButton('Set Admin API Key').count(), 0, 'the key was lost on reload');
    }));

  it('a wrong key entered from the welcome button is refused with the reason; the welcome view stays', () =>
    withVSCode({ theme: 'dark' }, async ({ vs, shot }) => {
      await vs.openContainer();
      await vs.welcomeButton('Set Admin API Key').click();
      const input = await vs.promptInput({ title: 'Set Admin API Key' });
      await input.fill('sk-admin-wrong');
      await input.press('Enter');
      const toast = vs.notification(/401|invalid/i);
      await toast.waitFor({ state: 'visible' });
      assert.match(await toast.innerText(), /nothing was stored/i);
      await vs.welcomeButton('Set Admin API Key').waitFor({ state: 'visible' });
      await shot('wrong-key-refused');
    }));
});
