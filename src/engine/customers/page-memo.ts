import type { Db } from '../db/open-workspace';
import { dataVersion, forgetAlso } from '../kernel/memo';
import type { Cursor } from './view-sql';

/**
 * What the explorer remembers per connection while the data stays the same: each view's count, and where each page
 * it served ended. AG Grid asks for block after block of the same view while the user scrolls; the count can read
 * half a million index entries, and a deep OFFSET walks every row before it, so both are worth keeping.
 *
 * "The data stays the same" is the kernel's `dataVersion`. Keyed by the connection, so a memo goes away with its
 * workspace.
 */
export type PageMemo = { total: number | null; cursors: Map<number, Cursor> };

const memos = new WeakMap<Db, Map<string, { version: string; memo: PageMemo }>>();
const VIEWS = 16;
const CURSORS_PER_VIEW = 5_000;

/** The memo of one view (its key says everything that decides rows and order), empty when the data changed. */
export function pageMemo(db: Db, viewKey: string): PageMemo {
  const version = dataVersion(db);
  let views = memos.get(db);
  if (!views) memos.set(db, (views = new Map()));
  const found = views.get(viewKey);
  views.delete(viewKey);
  const entry = found && found.version === version ? found : { version, memo: { total: null, cursors: new Map<number, Cursor>() } };
  views.set(viewKey, entry);
  if (views.size > VIEWS) views.delete(views.keys().next().value as string);
  return entry.memo;
}

/** Remembers that the row before `offset` is `cursor`, so the page starting there can seek to it. */
export function rememberCursor(memo: PageMemo, offset: number, cursor: Cursor): void {
  if (memo.cursors.size < CURSORS_PER_VIEW) memo.cursors.set(offset, cursor);
}

/** Drops the counts and page ends remembered for this connection (a page end holds the sort value of a row). */
export function forgetPageMemos(db: Db): void {
  // Emptied as well as dropped: a request under way may still hold a memo.
  for (const { memo } of memos.get(db)?.values() ?? []) {
    memo.cursors.clear();
    memo.total = null;
  }
  memos.delete(db);
}

forgetAlso(forgetPageMemos);
