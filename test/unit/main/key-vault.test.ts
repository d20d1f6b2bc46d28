import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineSupervisor, type EngineProcess } from '../../../src/main/engine-supervisor';
import { createKeyVault, type SafeStorageLike } from '../../../src/main/key-vault';
import { engineArgs } from '../../../src/main/launch-options';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Electron's safeStorage, mocked: sealing that is visibly not the plain text; the backend can be chosen. */
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

const workspaceId = '6f1c1f43-5a3e-4d7e-9a55-2b1f0c9e7d10';
const key = Buffer.alloc(32, 3).toString('base64');

describe('the desktop key vault (Electron safeStorage)', () => {
  it('seals a saved key with the OS key store, 0600, and opens it again', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = createKeyVault({ safeStorage, dir: path.join(dir, 'keys') });
    expect(await vault({ type: 'key-request', op: 'load', id: 1, workspaceId })).toBeNull();
    await vault({ type: 'key-request', op: 'save', id: 2, workspaceId, key });
    const file = path.join(dir, 'keys', `${workspaceId}.key.safe`);
    expect(safeStorage.sealed).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(key);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(await vault({ type: 'key-request', op: 'load', id: 3, workspaceId })).toBe(key);
  });

  it('does not pretend to encrypt where the OS has no key store (basic_text): the plain 0600 key file instead', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const vault = createKeyVault({ safeStorage, dir: path.join(dir, 'keys') });
    await vault({ type: 'key-request', op: 'save', id: 1, workspaceId, key });
    expect(safeStorage.sealed).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'keys', `${workspaceId}.key`), 'utf8').trim()).toBe(key);
    expect(await vault({ type: 'key-request', op: 'load', id: 2, workspaceId })).toBe(key);
  });

  it('says what to do when the sealed key exists but the key store is locked', async () => {
    await createKeyVault({ safeStorage: fakeSafeStorage(), dir })({ type: 'key-request', op: 'save', id: 1, workspaceId, key });
    const locked = createKeyVault({ safeStorage: fakeSafeStorage({ available: false }), dir });
    await expect(locked({ type: 'key-request', op: 'load', id: 2, workspaceId })).rejects.toThrow(/Unlock your keyring/);
  });

  it('the engine process gets its key from main at open and keeps it only there (forked engine, built bundle)', async () => {
    const entry = path.resolve('out/node/engine-process.js');
    expect(fs.existsSync(entry), 'run npm run build first').toBe(true);
    const home = path.join(dir, 'home');
    const workspace = path.join(dir, 'ws');
    const safeStorage = fakeSafeStorage();
    const supervisor = createEngineSupervisor({
      fork: (modulePath, args) => {
        const child = fork(modulePath, args, { stdio: 'ignore', execArgv: [] });
        const adapted: EngineProcess = {
          send: (message) => child.send(message),
          kill: () => child.kill(),
          onMessage: (listener) => child.on('message', listener),
          onExit: (listener) => child.on('exit', (code) => listener(code)),
        };
        return adapted;
      },
      entry,
      args: (ws) => engineArgs({ workspace: ws, home, appVersion: '0.0.0', keyStore: 'os' }),
      workspace,
      keyVault: createKeyVault({ safeStorage, dir: path.join(home, 'keys') }),
      log: () => {},
    });
    supervisor.start();
    try {
      const stats = await supervisor.invoke('workspace.stats', {});
      expect(stats.ok).toBe(true);
      const files = fs.readdirSync(path.join(home, 'keys'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.key\.safe$/);
      expect(safeStorage.sealed).toBe(1);
    } finally {
      await supervisor.stop();
    }
  });
});
