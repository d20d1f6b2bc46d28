import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open-workspace';

export type Counts = { inserted: number; updated: number; unchanged: number };
export type SqlValue = string | number | null;

/**
 * Insert-or-update by a unique key, for one table, with the statements prepared once. An update first records
 * the row's before-image for undo; identical rows are left alone and counted as unchanged.
 * Table and column names come from this module's callers (constants), never from input.
 */
export function createUpserter(
  db: Db,
  importId: () => number | null,
  table: string,
  keyColumns: string[],
  columns: string[],
  insertOnly: string[] = [],
) {
  const all = [...keyColumns, ...columns];
  const inserted = [...all, ...insertOnly, 'import_id'];
  const where = keyColumns.map((k) => `${k} = ?`).join(' AND ');
  const definition = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  // WITHOUT ROWID tables (campaign results) have no rowid to hand back; their key is the identity.
  const rowidExpression = /WITHOUT ROWID\s*$/i.test(definition?.sql ?? '') ? '0' : 'rowid';
  const select = db.prepare(`SELECT ${rowidExpression} AS _rowid, ${all.join(', ')} FROM ${table} WHERE ${where}`);
  const insert = db.prepare(`INSERT INTO ${table} (${inserted.join(', ')}) VALUES (${inserted.map(() => '?').join(', ')})`);
  const update = db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${where}`);
  const remember = db.prepare('INSERT OR IGNORE INTO import_changes (import_id, table_name, row_key, before_json) VALUES (?, ?, ?, ?)');

  /** Returns the row's rowid and what happened to it. */
  return function upsert(
    key: SqlValue[],
    values: SqlValue[],
    counts: Counts | null,
    insertOnlyValues: SqlValue[] = [],
    /** The caller knows the key is not in the table yet (it was empty, and the caller remembers what it added). */
    knownNew = false,
  ): { rowid: number; change: keyof Counts } {
    const existing = knownNew ? undefined : (select.get(...key) as (Record<string, SqlValue> & { _rowid: number }) | undefined);
    if (!existing) {
      const info = insert.run(...key, ...values, ...insertOnlyValues, importId());
      if (counts) counts.inserted += 1;
      return { rowid: Number(info.lastInsertRowid), change: 'inserted' };
    }
    const same = columns.every((c, i) => sameValue(existing[c] ?? null, values[i] ?? null));
    if (same) {
      if (counts) counts.unchanged += 1;
      return { rowid: existing._rowid, change: 'unchanged' };
    }
    const id = importId();
    if (id !== null) {
      const before = Object.fromEntries(all.map((c) => [c, existing[c] ?? null]));
      remember.run(id, table, JSON.stringify(key), JSON.stringify(before));
    }
    update.run(...values, ...key);
    if (counts) counts.updated += 1;
    return { rowid: existing._rowid, change: 'updated' };
  };
}

export type Upserter = ReturnType<typeof createUpserter>;

const sameValue = (a: SqlValue, b: SqlValue): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

export type Statement = Database.Statement;
