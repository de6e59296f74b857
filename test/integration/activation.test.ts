import * as assert from 'node:assert/strict';
import { api, extension, fake, sleep } from './helpers';

describe('activation', () => {
  it('activates and returns the test API', async () => {
    const before = await fake.requests();
    assert.deepEqual(before.map((r) => `${r.method} ${r.path}`), [], 'the fake saw requests before the extension ran');

    const testApi = await api();
    assert.ok(extension().isActive, 'extension is active');
    assert.equal(typeof testApi.hasKey, 'function');
    assert.equal(typeof testApi.baseUrl, 'function');
    assert.equal(typeof testApi.logLines, 'function');
    assert.ok(testApi.logLines().some((l) => /Activated in/.test(l)), `no activation line in the log:\n${testApi.logLines().join('\n')}`);
  });

  it('makes no network request when it activates', async () => {
    await api();
    await sleep(500); // anything activation started in the background has had time to reach the fake
    const requests = await fake.requests();
    assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [], 'activation must not call the API');
  });

  it('registers its commands once active', async () => {
    await api();
    const { commands } = await import('vscode');
    const all = await commands.getCommands(true);
    for (const id of ['openaiAdmin.setAdminKey', 'openaiAdmin.clearAdminKey', 'openaiAdmin.refresh']) {
      assert.ok(all.includes(id), `${id} is not registered`);
    }
  });

  it('starts without a key, pointed at the fake through machine settings', async () => {
    const testApi = await api();
    assert.equal(await testApi.hasKey(), false);
    assert.equal(testApi.baseUrl(), fake.url());
  });
});
