import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';

/**
 * The one way Localyst opens an SQLite file of a workspace (the database, a backup, a copy being converted): plain,
 * or encrypted by SQLite3 Multiple Ciphers with the workspace's data key.
 *
 * The cipher is ChaCha20-Poly1305 ('chacha20', the library's default): an AEAD, so a changed page is refused rather
 * than read; fast in software on CPUs without AES-NI; and no SQLCipher compatibility is needed, since only Localyst
 * opens the file. Every page is encrypted, page 1 too (no plain header), and so is every WAL frame.
 *
 * The data key is 32 random bytes, so it is handed to SQLite3MC as a raw key ("raw:" and the 32 bytes): its PBKDF2
 * (64,007 rounds of HMAC-SHA256 by default) would add nothing to a key that is already random, only open time.
 * The passphrase's own stretching is Argon2id, done once when the data key is unwrapped (encryption.ts).
 */
export const PAGE_CIPHER = 'chacha20';
export const DATA_KEY_BYTES = 32;

export type OpenDatabaseOptions = {
  /** The workspace's 32-byte data key; absent or null for a plain file. */
  key?: Uint8Array | null | undefined;
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Path of a better-sqlite3-multiple-ciphers binary built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string | undefined;
};

export type Db = Database.Database;

/** Opens `file`; with a key, the connection encrypts every page it writes and decrypts every page it reads. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (!options.key) return db;
  try {
    keyConnection(db, options.key);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Sets the cipher and the raw key on a fresh connection (before anything is read or written). */
export function keyConnection(db: Db, key: Uint8Array): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key has ${DATA_KEY_BYTES} bytes, not ${key.length}.`);
  db.pragma(`cipher = '${PAGE_CIPHER}'`);
  const raw = rawKey(key);
  try {
    db.key(raw);
  } finally {
    raw.fill(0);
  }
}

/** SQLite3MC's raw-key form: "raw:" followed by the 32 key bytes, which bypasses its key derivation. */
function rawKey(key: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from('raw:', 'latin1'), Buffer.from(key)]);
}

/** The KEY clause of an ATTACH: the raw key as hex ('' attaches a plain file). Bound parameters cannot carry it. */
export function attachKeyLiteral(key: Uint8Array | null): string {
  return key ? `'raw:${Buffer.from(key).toString('hex')}'` : "''";
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * What the first 16 bytes say: 'plain' (SQLite's own header), 'empty' (no file or no bytes yet), or 'other' (an
 * encrypted workspace's first page starts with its random salt; or a file that is not a database at all).
 */
export function fileHeaderKind(file: string): 'plain' | 'empty' | 'other' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'empty';
    throw error;
  }
  try {
    const buf = Buffer.alloc(16);
    const read = fs.readSync(fd, buf, 0, 16, 0);
    if (read === 0) return 'empty';
    return read === 16 && buf.toString('latin1') === SQLITE_HEADER ? 'plain' : 'other';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Overwrites a file's bytes with zeros through a descriptor and syncs, before (or after: the descriptor keeps the
 * inode) its name goes. On an SSD or a copy-on-write file system the old blocks may survive in the device's spare
 * area or a snapshot; this removes what a plain read of the disk would find, which is what software can do.
 */
export function zeroFileThrough(fd: number): void {
  const size = fs.fstatSync(fd).size;
  const zeros = Buffer.alloc(Math.min(size, 1 << 20));
  for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
  fs.fsyncSync(fd);
}

/** Zeroes a file and removes it; a missing file is nothing to do. */
export function shredFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    zeroFileThrough(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(file, { force: true });
}
