import type { Db } from '../db/open-workspace';

/**
 * Analytics answers remembered per connection while the data stays the same, so switching tabs or grains does not
 * rescan a million orders. "The same" is `data_version` (moves when another connection commits, such as an import
 * or demo job) plus `total_changes()` (this connection's own writes), as in customers/page-memo.ts.
 */
const memos = new WeakMap<Db, Map<string, { version: string; value: unknown }>>();
const ENTRIES = 16;

function dataVersion(db: Db): string {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(db.prepare('SELECT total_changes()').pluck().get())}`;
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
  return memoisedWith(db, key, `${String(db.pragma('data_version', { simple: true }))}:${signature}`, compute);
}

/** Drops everything remembered for this connection at once (an erase must not leave the person in memory). */
export function forgetMemos(db: Db): void {
  memos.delete(db);
}
