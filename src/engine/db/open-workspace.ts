import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { runMigrations } from './migrate';
import type { Db, OpenedWorkspace } from '../kernel/workspace';
import { latestSchemaVersion } from './migrations';
import { lockWorkspace, type Door, type WorkspaceLock } from '../kernel/lock';
import { makePrivateDir, narrowToOwner, PRIVATE_FILE_MODE } from '../kernel/private-files';
import { openDatabase } from './open-database';

// Declared in the kernel, which every domain may import; named here too for the many modules that open a workspace.
export type { Db, OpenedWorkspace };

export type OpenOptions = {
  /** Create the folder and an empty workspace when missing (default true). */
  create?: boolean;
  /** Path of a better-sqlite3 binary built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Take the workspace's one-writer lock for this door; a workspace another process holds is refused. */
  door?: Door;
  /** Open an existing, up-to-date workspace for reading only, without its lock (beside a writer that holds it). */
  readOnly?: boolean;
  /** An encrypted workspace's 32-byte data key (unwrapped by the caller); a new workspace with a key is encrypted from its first byte. */
  key?: Uint8Array | null | undefined;
  /** The workspace's lock, already taken by the caller (which releases it if the open fails). */
  lock?: WorkspaceLock | undefined;
};

export const DB_FILE_NAME = 'workspace.sqlite';
/** SQLite's page cache of an encrypted workspace's connection, in KiB (see openLocked). */
export const ENCRYPTED_CACHE_KIB = 262_144;
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Opens (and creates or migrates) the workspace in `dir`; refuses with a clear error and touches nothing when it cannot. */
export async function openWorkspace(dir: string, options: OpenOptions = {}): Promise<OpenedWorkspace> {
  const absDir = path.resolve(dir);
  if (options.readOnly) return openReadOnly(absDir, options);
  ensureFolder(absDir, options.create ?? true);
  if (options.lock) return openLocked(absDir, options, options.lock);
  const lock = options.door ? lockWorkspace(absDir, options.door) : null;
  try {
    return await openLocked(absDir, options, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Closes the database and gives up the workspace's lock. */
export function closeWorkspace(workspace: OpenedWorkspace): void {
  try {
    workspace.db.close();
  } finally {
    workspace.lock?.release();
  }
}

async function openLocked(absDir: string, options: OpenOptions, lock: WorkspaceLock | null): Promise<OpenedWorkspace> {
  const dbFile = path.join(absDir, DB_FILE_NAME);
  const exists = fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0;
  if (exists && !options.key) checkHeader(dbFile);
  // SQLite gives its -wal and -shm files the database file's mode, so creating it 0600 covers all three.
  if (!exists) fs.closeSync(fs.openSync(dbFile, 'a', PRIVATE_FILE_MODE));
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) narrowToOwner(file);
  const db = guardSqlite(dbFile, () => openDatabase(dbFile, { key: options.key, nativeBinding: options.nativeBinding }));
  try {
    guardSqlite(dbFile, () => {
      // Read before any pragma that writes, so a refused workspace is left byte-for-byte as it was.
      db.pragma('schema_version', { simple: true });
    });
    db.pragma('busy_timeout = 5000');
    const { schemaVersion, backupFile } = await guardSqliteAsync(dbFile, () => runMigrations(db, absDir, undefined, { encrypted: Boolean(options.key) }));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Replaced and deleted rows are zeroed where they lay in their page (FAST: at no extra I/O), so an old version of
    // a customer or a job's row does not linger in the file for an erase to miss. Erase turns it fully on.
    db.pragma('secure_delete = FAST');
    // An encrypted page is decrypted each time SQLite reads it from the file (a plain one comes from the OS's file
    // cache for the price of a copy), so an encrypted workspace keeps more of its pages decrypted in SQLite's own cache
    // (up to 256 MiB, taken only as pages are read): the SQLCipher project's advice for full scans.
    db.pragma(options.key ? `cache_size = ${-ENCRYPTED_CACHE_KIB}` : 'cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    return { dir: absDir, dbFile, db, schemaVersion, backupFile, lock };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A reading connection: no lock, no migration, no write; SQLite's WAL lets it read beside the writer. */
function openReadOnly(absDir: string, options: OpenOptions): OpenedWorkspace {
  const dbFile = path.join(absDir, DB_FILE_NAME);
  if (!fs.existsSync(dbFile)) throw new AppError('not-found', `There is no workspace at ${absDir}.`, { file: absDir });
  if (!options.key) checkHeader(dbFile);
  const db = guardSqlite(dbFile, () => openDatabase(dbFile, { readonly: true, fileMustExist: true, key: options.key, nativeBinding: options.nativeBinding }));
  try {
    db.pragma('busy_timeout = 5000');
    const schemaVersion = Number(guardSqlite(dbFile, () => db.pragma('user_version', { simple: true })));
    if (schemaVersion !== latestSchemaVersion) {
      throw new AppError(
        'workspace-locked',
        `The workspace ${absDir} is in use by another program and needs an update (schema ${schemaVersion}, this version uses ${latestSchemaVersion}) that only a writer can make. Close the other program and try again.`,
        { file: absDir },
      );
    }
    return { dir: absDir, dbFile, db, schemaVersion, backupFile: null, lock: null };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The folder exists (made 0700 when `create`) and can be written; refuses with a clear error otherwise. */
export function ensureFolder(dir: string, create: boolean): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(dir, error);
  }
  if (stat && !stat.isDirectory()) {
    throw new AppError('workspace-not-folder', `${dir} is a file. A workspace is a folder; choose a folder instead.`, {
      file: dir,
    });
  }
  if (!stat) {
    if (!create) throw new AppError('not-found', `There is no workspace at ${dir}.`, { file: dir });
    try {
      makePrivateDir(dir);
    } catch (error) {
      throw unwritable(dir, error);
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw unwritable(dir, error);
  }
}

function unwritable(dir: string, error: unknown): AppError {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error);
  return new AppError(
    'workspace-unwritable',
    `Localyst cannot write a workspace in ${dir} (${reason}). Choose a folder you can write to.`,
    { file: dir },
  );
}

function checkHeader(dbFile: string): void {
  const fd = fs.openSync(dbFile, 'r');
  try {
    const buf = Buffer.alloc(16);
    const read = fs.readSync(fd, buf, 0, 16, 0);
    if (read < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new AppError(
        'workspace-not-sqlite',
        `${dbFile} is not a Localyst workspace (it is not an SQLite database). It was left untouched.`,
        { file: dbFile },
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_IOERR_SHORT_READ']);

/** Turns SQLite's own corruption errors into the workspace error a user can act on. */
export function asWorkspaceError(dbFile: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'))) {
    return new AppError(
      'workspace-corrupt',
      `The workspace ${dbFile} is damaged (${code}). Restore it from a backup in the workspace's backups folder.`,
      { file: dbFile },
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DBMOVED') {
    return new AppError(
      'workspace-locked',
      `The workspace ${dbFile} is open for reading only, because another program is writing to it. Close that program to make changes here.`,
      { file: dbFile },
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('workspace-locked', `The workspace ${dbFile} is busy in another program. Try again.`, {
      file: dbFile,
    });
  }
  return error;
}

function guardSqlite<T>(dbFile: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asWorkspaceError(dbFile, error);
  }
}

async function guardSqliteAsync<T>(dbFile: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asWorkspaceError(dbFile, error);
  }
}
