import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyVault, type SafeStorageLike } from '../../../src/main/key-vault';
import { fromEngineMessageSchema, toEngineMessageSchema } from '../../../src/shared/engine-protocol';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Electron's safeStorage, mocked: visibly sealed, with a chosen backend and availability. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { sealed: number } {
  const store = {
    sealed: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text: string) => {
      store.sealed += 1;
      return Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`);
    },
    decryptString: (data: Buffer) => Buffer.from(data.toString().slice('sealed:'.length), 'hex').toString(),
  };
  return store;
}

const keyId = '0b8f6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';
const key = Buffer.alloc(32, 9).toString('base64');

describe('remembering an encrypted workspace’s data key on this computer (safeStorage mocked)', () => {
  it('seals the data key with the OS key store, 0600, loads and forgets it', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = createKeyVault({ safeStorage, dir: path.join(dir, 'keys') });
    expect(await vault({ type: 'key-request', op: 'data-key-status', id: 1 })).toBe(true);
    expect(await vault({ type: 'key-request', op: 'load-data-key', id: 2, keyId })).toBeNull();
    await vault({ type: 'key-request', op: 'save-data-key', id: 3, keyId, key });
    const file = path.join(dir, 'keys', `${keyId}.datakey.safe`);
    expect(safeStorage.sealed).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(key);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await vault({ type: 'key-request', op: 'load-data-key', id: 4, keyId })).toBe(key);
    await vault({ type: 'key-request', op: 'forget-data-key', id: 5, keyId });
    expect(fs.existsSync(file)).toBe(false);
    expect(await vault({ type: 'key-request', op: 'load-data-key', id: 6, keyId })).toBeNull();
  });

  it('never pretends: with Linux’s basic_text (or no key store) the data key is not kept at all and the status says so', async () => {
    for (const safeStorage of [fakeSafeStorage({ backend: 'basic_text' }), fakeSafeStorage({ available: false })]) {
      const vault = createKeyVault({ safeStorage, dir: path.join(dir, 'keys') });
      expect(await vault({ type: 'key-request', op: 'data-key-status', id: 1 })).toBe(false);
      await expect(vault({ type: 'key-request', op: 'save-data-key', id: 2, keyId, key })).rejects.toThrow(/not remembered/);
      expect(safeStorage.sealed).toBe(0);
      expect(fs.existsSync(path.join(dir, 'keys'))).toBe(false);
    }
  });

  it('a locked key store answers null (the passphrase is asked), not an error', async () => {
    await createKeyVault({ safeStorage: fakeSafeStorage(), dir })({ type: 'key-request', op: 'save-data-key', id: 1, keyId, key });
    const locked = createKeyVault({ safeStorage: fakeSafeStorage({ available: false }), dir });
    expect(await locked({ type: 'key-request', op: 'load-data-key', id: 2, keyId })).toBeNull();
  });

  it('the protocol carries the data-key ops and the status reply', () => {
    expect(fromEngineMessageSchema.parse({ type: 'key-request', op: 'save-data-key', id: 1, keyId, key })).toMatchObject({ op: 'save-data-key' });
    expect(toEngineMessageSchema.parse({ type: 'key-reply', id: 1, key: null, available: false })).toMatchObject({ available: false });
    expect(fromEngineMessageSchema.safeParse({ type: 'key-request', op: 'load-data-key', id: 1, keyId: '../x' }).success).toBe(false);
  });
});
