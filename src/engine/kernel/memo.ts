import type { Db } from './workspace';

/**
 * Answers remembered per connection while the data stays the same, so switching tabs or grains does not rescan a
 * million orders. "The same" is `dataVersion`: every memo of the engine (these, the explorer's pages, the segment
 * totals and live index) asks it, so they all agree on when the data changed.
 */
const memos = new WeakMap<Db, Map<string, { version: string; value: unknown }>>();
const ENTRIES = 16;

/** Moves when another connection commits, such as an import or demo job. */
const commitsElsewhere = (db: Db): string => String(db.pragma('data_version', { simple: true }));

// Rows each connection added to the audit log (see dataChanges).
const auditRows = new WeakMap<Db, number>();

/** Called by the audit log for each entry it writes: an audit entry changes no figure. */
export function countAuditRows(db: Db, rows: number): void {
  auditRows.set(db, (auditRows.get(db) ?? 0) + rows);
}

/**
 * This connection's own writes, as memos count them: `total_changes()` without the audit log's rows. An audit entry
 * (a reveal, a search on a masked column) changes no figure, so it must not throw away remembered pages, counts and
 * the segment index.
 */
export function dataChanges(db: Db): number {
  return (db.prepare('SELECT total_changes()').pluck().get() as number) - (auditRows.get(db) ?? 0);
}

/** The version of the data as this connection sees it: other connections' commits plus its own writes other than audit entries. */
export function dataVersion(db: Db): string {
  return `${commitsElsewhere(db)}:${String(dataChanges(db))}`;
}

/** The remembered answer for `key`, or a fresh one from `compute` when the data changed since. */
export function memoised<T>(db: Db, key: string, compute: () => T): T {
  return memoisedWith(db, key, dataVersion(db), compute);
}

function memoisedWith<T>(db: Db, key: string, version: string, compute: () => T): T {
  let entries = memos.get(db);
  if (!entries) memos.set(db, (entries = new Map()));
  const found = entries.get(key);
  if (found && found.version === version) return found.value as T;
  const value = compute();
  entries.delete(key);
  entries.set(key, { version, value });
  if (entries.size > ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/**
 * Like `memoised`, for answers that depend on a few tables only: remembered while `signature` (for example those
 * tables' row counts and highest ids) and other connections' commits stay the same, so this connection's writes
 * elsewhere (a campaign draft saved at every change) do not throw them away.
 */
export function memoisedOn<T>(db: Db, key: string, signature: string, compute: () => T): T {
  return memoisedWith(db, key, `${commitsElsewhere(db)}:${signature}`, compute);
}

// Other caches of the data (explorer page ends, segment totals, the segment index) say here how to drop theirs.
const forgetters = new Set<(db: Db) => void>();

/** A cache of the data that `forgetMemos` must drop too; registered by its module when it loads (an unloaded module holds nothing). */
export function forgetAlso(forget: (db: Db) => void): void {
  forgetters.add(forget);
}

/** Drops everything remembered for this connection at once, in every registered cache (an erase must not leave the person in memory). */
export function forgetMemos(db: Db): void {
  memos.delete(db);
  for (const forget of forgetters) forget(db);
}
