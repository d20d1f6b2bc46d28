import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { runMigrations } from './migrate';

export type Db = Database.Database;

export type OpenedWorkspace = {
  dir: string;
  dbFile: string;
  db: Db;
  schemaVersion: number;
  backupFile: string | null;
};

export type OpenOptions = {
  /** Create the folder and an empty workspace when missing (default true). */
  create?: boolean;
  /** Path of a better-sqlite3 binary built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
};

export const DB_FILE_NAME = 'workspace.sqlite';
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Opens (and creates or migrates) the workspace in `dir`; refuses with a clear error and touches nothing when it cannot. */
export async function openWorkspace(dir: string, options: OpenOptions = {}): Promise<OpenedWorkspace> {
  const absDir = path.resolve(dir);
  ensureFolder(absDir, options.create ?? true);
  const dbFile = path.join(absDir, DB_FILE_NAME);
  const exists = fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0;
  if (exists) checkHeader(dbFile);
  const dbOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const db = guardSqlite(dbFile, () => new Database(dbFile, dbOptions));
  try {
    guardSqlite(dbFile, () => {
      // Read before any pragma that writes, so a refused workspace is left byte-for-byte as it was.
      db.pragma('schema_version', { simple: true });
    });
    db.pragma('busy_timeout = 5000');
    const { schemaVersion, backupFile } = await guardSqliteAsync(dbFile, () => runMigrations(db, absDir));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Replaced and deleted rows are zeroed where they lay in their page (FAST: at no extra I/O), so an old version of
    // a customer or a job's row does not linger in the file for an erase to miss. Erase turns it fully on.
    db.pragma('secure_delete = FAST');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    return { dir: absDir, dbFile, db, schemaVersion, backupFile };
  } catch (error) {
    db.close();
    throw error;
  }
}

function ensureFolder(dir: string, create: boolean): void {
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
      fs.mkdirSync(dir, { recursive: true });
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
