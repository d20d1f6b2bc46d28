import type Database from 'better-sqlite3-multiple-ciphers';
import type { WorkspaceLock } from './lock';

/** The one open workspace database. */
export type Db = Database.Database;

/** A workspace folder opened by db/open-workspace.ts: its database file, open, and migrated. */
export type OpenedWorkspace = {
  dir: string;
  dbFile: string;
  db: Db;
  schemaVersion: number;
  backupFile: string | null;
  /** The one-writer lock, when opened for a door (see kernel/lock.ts); closeWorkspace releases it. */
  lock: WorkspaceLock | null;
};
