import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { latestSchemaVersion, migrations } from './migrations';
import type { Migration } from './migrations/types';
import { makePrivateDir, narrowToOwner } from '../kernel/private-files';

type AppliedRow = { version: number; name: string };

/**
 * Brings the workspace to the latest schema: refuses newer or unknown histories, backs up with `db.backup()`
 * before changing an existing workspace, then applies pending migrations in one transaction.
 */
export async function runMigrations(
  db: Database.Database,
  dir: string,
  known: readonly Migration[] = migrations,
  options: { encrypted?: boolean } = {},
): Promise<{ schemaVersion: number; backupFile: string | null }> {
  const latest = known === migrations ? latestSchemaVersion : Math.max(0, ...known.map((m) => m.version));
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > latest) {
    throw new AppError(
      'workspace-too-new',
      `This workspace was written by a newer version of Localyst (schema ${current}; this version knows up to ${latest}). Update Localyst to open it; the workspace was not changed.`,
      { field: 'schemaVersion', current, latest },
    );
  }
  if (current === 0) refuseForeignDatabase(db);
  else checkAppliedHistory(db, known, current);
  if (current === latest) return { schemaVersion: current, backupFile: null };

  let backupFile: string | null = null;
  if (current > 0) {
    const backups = path.join(dir, 'backups');
    makePrivateDir(backups);
    backupFile = path.join(backups, `workspace-v${current}-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    // An encrypted workspace's backup is encrypted too: VACUUM INTO writes it with the connection's cipher and key
    // (SQLite's backup API refuses an encrypted source and a plain target, rightly).
    if (options.encrypted) db.prepare('VACUUM INTO ?').run(backupFile);
    else await db.backup(backupFile);
    narrowToOwner(backupFile);
  }
  const pending = known.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return { schemaVersion: latest, backupFile };
}

function refuseForeignDatabase(db: Database.Database): void {
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (tables.n > 0) {
    throw new AppError(
      'workspace-foreign',
      'This SQLite file belongs to another program, not Localyst. It was left untouched; choose an empty folder or a Localyst workspace.',
    );
  }
}

/** Like Actual Budget: the applied migrations must be exactly the known ones, or we refuse to open. */
function checkAppliedHistory(db: Database.Database, known: readonly Migration[], current: number): void {
  let applied: AppliedRow[];
  try {
    applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  } catch (error) {
    if (!String((error as Error).message).includes('no such table')) throw error;
    applied = [];
  }
  const expected = known.filter((m) => m.version <= current).sort((a, b) => a.version - b.version);
  const same =
    applied.length === expected.length &&
    applied.every((row, i) => row.version === expected[i]?.version && row.name === expected[i]?.name);
  if (!same) {
    throw new AppError(
      'workspace-migrations-mismatch',
      'This workspace has a schema history that this version of Localyst does not recognise. It was not changed; open it with the version that wrote it.',
      { applied, expected: expected.map((m) => ({ version: m.version, name: m.name })) },
    );
  }
}
