// Keyring missing: VS Code's SecretStorage on a Linux desktop without a keyring either throws or keeps
// secrets only in memory. KeyStore must turn each case into the clear message with VS Code's remedy
// (the password-store runtime argument), and the message must never carry the key itself. The
// storage here is a stand-in for VS Code's SecretStorage interface, not a network mock.
import './helpers/installVscodeStub';
import assert from 'node:assert/strict';
import { KEYRING_HINT, KeyStorageError, KeyStore } from '../../../src/auth/keyStore';

const KEY = 'sk-admin-CANARY-keystore-3b9d2f71c0a4';

type Behaviour = { store?: (k: string, v: string) => Promise<void>; get?: (k: string) => Promise<string | undefined> };

function storage(behaviour: Behaviour = {}) {
  const kept = new Map<string, string>();
  return {
    kept,
    secrets: {
      store: behaviour.store ?? (async (k: string, v: string) => { kept.set(k, v); }),
      get: behaviour.get ?? (async (k: string) => kept.get(k)),
      delete: async (k: string) => { kept.delete(k); },
      keys: async () => [...kept.keys()],
      onDidChange: () => ({ dispose() {} }),
    },
  };
}

async function failure(run: () => Promise<unknown>): Promise<KeyStorageError> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof KeyStorageError, `expected a KeyStorageError, got ${String(error)}`);
  return error;
}

function assertClear(error: Error): void {
  assert.ok(error.message.includes(KEYRING_HINT), `no remedy in: ${error.message}`);
  assert.match(error.message, /password-store/);
  assert.match(error.message, /argv\.json/);
  assert.ok(!error.message.includes(KEY) && !error.message.includes(KEY.slice(9)), `the key is in the message: ${error.message}`);
  assert.ok(!String(error.stack).includes(KEY.slice(9)), 'the key is in the stack');
}

describe('KeyStore when the OS keyring is missing (SecretStorage stand-in)', () => {
  it('stores and reads back a key when storage works', async () => {
    const s = storage();
    const store = new KeyStore(s.secrets as never);
    await store.store(KEY);
    assert.equal(await store.get(), KEY);
  });

  it('storage that throws: a clear error with the password-store remedy, not the key', async () => {
    // Some keyring back ends echo what they were asked to store.
    const s = storage({ store: async (_k, v) => { throw new Error(`org.freedesktop.secrets: cannot store "${v}": no keyring`); } });
    assertClear(await failure(() => new KeyStore(s.secrets as never).store(KEY)));
  });

  it('storage that forgets (in memory only, or nothing kept): the read-back notices', async () => {
    const s = storage({ store: async () => {} });
    assertClear(await failure(() => new KeyStore(s.secrets as never).store(KEY)));
  });

  it('storage that keeps something else: the read-back notices', async () => {
    const s = storage({ get: async () => 'sk-admin-other' });
    assertClear(await failure(() => new KeyStore(s.secrets as never).store(KEY)));
  });

  it('reading fails (keyring locked or gone): a clear error with the remedy, not a silent "no key"', async () => {
    const s = storage({ get: async () => { throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'); } });
    assertClear(await failure(() => new KeyStore(s.secrets as never).get() as Promise<unknown>));
  });
});
