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
  const version = dataVersion(db);
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
