import fs from 'node:fs';
import path from 'node:path';
import type { KeyRequest } from '../shared/engine-protocol';

/**
 * The desktop's store of pseudonymisation keys: each key encrypted with Electron's safeStorage (the OS key store:
 * Keychain on macOS, DPAPI on Windows, the Secret Service / KWallet on Linux) and kept as
 * `<Localyst home>/keys/<workspace id>.key.safe` (0600), outside every workspace folder. The engine asks for keys
 * at open (engine-protocol key-request); only main can use safeStorage.
 *
 * Where the OS offers no real key store (Linux without a keyring: safeStorage's "basic_text" backend), the key is
 * kept as the plain 0600 file the CLI and browser mode use, `<id>.key`, rather than pretending to encrypt it.
 */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
};

export type KeyFiles = {
  read(file: string): Buffer | null;
  remove?(file: string): void;
  /** Writes atomically with mode 0600, making the folder 0700. */
  write(file: string, data: Buffer): void;
};

export const nodeKeyFiles: KeyFiles = {
  read(file) {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  write(file, data) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, file);
  },
  remove(file) {
    fs.rmSync(file, { force: true });
  },
};

/** Whether safeStorage really protects data here (not the plain-text fallback of a Linux without a keyring). */
export function osKeyStoreUsable(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * Answers one key request: the key as base64 (load; null when there is none), null after saving, or (data-key-status)
 * whether a real OS key store is here. An encrypted workspace's data key is remembered only sealed by the OS key
 * store: where there is none (basic_text), saving it is refused and the desktop asks for the passphrase instead.
 */
export function createKeyVault(input: { safeStorage: SafeStorageLike; dir: string; files?: KeyFiles }): (request: KeyRequest) => Promise<string | null | boolean> {
  const files = input.files ?? nodeKeyFiles;
  const sealed = (id: string): string => path.join(input.dir, `${id}.key.safe`);
  const plain = (id: string): string => path.join(input.dir, `${id}.key`);
  const dataKey = (id: string): string => path.join(input.dir, `${id}.datakey.safe`);
  return async (request) => {
    switch (request.op) {
      case 'data-key-status':
        return osKeyStoreUsable(input.safeStorage);
      case 'save-data-key':
        if (!osKeyStoreUsable(input.safeStorage)) {
          throw new Error('This computer has no OS key store that encrypts (Linux without a keyring): the workspace key is not remembered; the passphrase is asked at each start.');
        }
        files.write(dataKey(request.keyId), input.safeStorage.encryptString(request.key));
        return null;
      case 'load-data-key': {
        const data = files.read(dataKey(request.keyId));
        // A locked key store: asking for the passphrase is the way on, not an error.
        if (!data || !input.safeStorage.isEncryptionAvailable()) return null;
        return input.safeStorage.decryptString(data).trim();
      }
      case 'forget-data-key':
        files.remove?.(dataKey(request.keyId));
        return null;
      default:
        break;
    }
    if (request.op === 'save') {
      if (osKeyStoreUsable(input.safeStorage)) files.write(sealed(request.workspaceId), input.safeStorage.encryptString(request.key));
      else files.write(plain(request.workspaceId), Buffer.from(`${request.key}\n`));
      return null;
    }
    const encrypted = files.read(sealed(request.workspaceId));
    if (encrypted) {
      if (!input.safeStorage.isEncryptionAvailable()) {
        throw new Error(
          `The key of this workspace is in the OS key store, which is not available now (${sealed(request.workspaceId)}). ` +
            'Unlock your keyring or log in to your desktop session, then open the workspace again.',
        );
      }
      return input.safeStorage.decryptString(encrypted).trim();
    }
    // A key made by the CLI or the browser mode on this computer: used as it is, since they still need it there.
    const text = files.read(plain(request.workspaceId));
    return text ? text.toString('utf8').trim() : null;
  };
}
