// Keyring missing at start-up: when VS Code cannot read its secret storage, the session reports it
// once with the password-store remedy and shows the "set a key" page, instead of an unhandled
// rejection nobody sees (the key would simply seem gone).
import './helpers/installVscodeStub';
import assert from 'node:assert/strict';
import { KEYRING_HINT, KeyStore } from '../../../src/auth/keyStore';
import type { Session as SessionType } from '../../../src/auth/session';
import type { Logger as LoggerType } from '../../../src/log';
import { installVscodeStub } from './helpers/vscodeStub';
import { watchUnhandledRejections } from '../reliability/helpers/faults';

describe('Session when the secret storage cannot be read (vscode stand-in)', () => {
  const vscode = installVscodeStub();
  // Loaded after the stand-in is in place.
  const { Session } = require('../../../src/auth/session') as { Session: typeof SessionType };
  const { Logger } = require('../../../src/log') as { Logger: typeof LoggerType };
  const unhandled = watchUnhandledRejections();
  const lines: string[] = [];
  const channel = { info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l), debug() {}, show() {}, dispose() {} };
  let readable = false;
  const secrets = {
    get: async () => { if (!readable) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'); return 'sk-admin-stored'; },
    store: async () => {},
    delete: async () => {},
    keys: async () => [],
    onDidChange: () => ({ dispose() {} }),
  };
  let session: SessionType;

  before(() => {
    session = new Session(new KeyStore(secrets as never), new Logger(channel as never));
  });
  after(() => session.dispose());

  it('says so once, with the remedy, and shows the page for setting a key', async () => {
    assert.equal(await session.refreshState(), 'missing');
    assert.equal(await session.refreshState(), 'missing');
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(vscode.errors.length, 1, `messages: ${JSON.stringify(vscode.errors)}`);
    assert.ok(vscode.errors[0]!.includes(KEYRING_HINT), vscode.errors[0]);
    assert.equal(vscode.contexts.get('openaiAdmin.hasKey'), false);
    assert.ok(lines.some((l) => l.includes('password-store')), 'not in the log');
    assert.deepEqual(unhandled(), []);
  });

  it('recovers when the storage can be read again', async () => {
    readable = true;
    assert.equal(await session.refreshState(), 'ok');
    assert.equal(vscode.contexts.get('openaiAdmin.hasKey'), true);
  });
});
