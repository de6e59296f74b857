import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, captureMessages, fake } from './helpers';

const BAD_KEY = 'sk-admin-wrong';

describe('admin key (SecretStorage)', () => {
  beforeEach(async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
    await fake.clearRequests();
  });
  after(async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
  });

  it('stores a valid key after one check against the API, and removes it again', async () => {
    const testApi = await api();
    assert.equal(await testApi.hasKey(), false);

    const stored = await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey);
    assert.equal(stored, true, 'setAdminKey reported that nothing was stored');
    assert.equal(await testApi.hasKey(), true);

    const requests = await fake.requests();
    assert.equal(requests.length, 1, `expected one validation request, got ${requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
    assert.equal(requests[0].method, 'GET');
    assert.equal(requests[0].status, 200);

    const removed = await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
    assert.equal(removed, true);
    assert.equal(await testApi.hasKey(), false);
  });

  it('refuses a wrong key: stores nothing and says why', async () => {
    const testApi = await api();
    const { result, errors } = await captureMessages(() =>
      vscode.commands.executeCommand('openaiAdmin.setAdminKey', BAD_KEY));
    assert.equal(result, false);
    assert.equal(await testApi.hasKey(), false, 'a rejected key was stored');

    const requests = await fake.requests();
    assert.ok(requests.length >= 1 && requests.every((r) => r.status === 401),
      `expected the validation request to get 401: ${requests.map((r) => `${r.path} ${r.status}`).join(', ')}`);
    assert.equal(errors.length, 1, `expected one error message, got ${JSON.stringify(errors)}`);
    assert.match(errors[0], /401|invalid|revoked/i);
    assert.match(errors[0], /not stored|nothing was stored/i);
    assert.ok(testApi.logLines().some((l) => /401/.test(l)), 'the reason is not in the log');
  });

  it('refuses a project key (403): stores nothing and says it is not an admin key', async () => {
    const testApi = await api();
    const { result, errors } = await captureMessages(() =>
      vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.nonAdminKey));
    assert.equal(result, false);
    assert.equal(await testApi.hasKey(), false);
    assert.equal(errors.length, 1, `expected one error message, got ${JSON.stringify(errors)}`);
    assert.match(errors[0], /403|not an admin/i);
  });

  it('a rejected key does not replace a working one', async () => {
    const testApi = await api();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
    await captureMessages(() => vscode.commands.executeCommand('openaiAdmin.setAdminKey', BAD_KEY));
    assert.equal(await testApi.hasKey(), true);
    assert.equal(testApi.keyState(), 'ok');
  });

  it('never writes a key into the log', async () => {
    const testApi = await api();
    await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey);
    await captureMessages(() => vscode.commands.executeCommand('openaiAdmin.setAdminKey', BAD_KEY));
    const log = testApi.logLines().join('\n');
    for (const key of [fake.adminKey, BAD_KEY]) assert.ok(!log.includes(key), `the log contains ${key}`);
  });
});
