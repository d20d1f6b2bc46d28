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

/** The version of the data as this connection sees it: other connections' commits plus its own writes (`total_changes()`). */
export function dataVersion(db: Db): string {
  return `${commitsElsewhere(db)}:${String(db.prepare('SELECT total_changes()').pluck().get())}`;
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
