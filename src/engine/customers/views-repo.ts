import { customerColumnSchema, customerViewSchema, type CustomerColumn, type CustomerView, type SavedView } from '../../shared/customer-schemas';
import type { Db } from '../db/open-workspace';

type Row = { name: string; columns_json: string; view_json: string; updated_at: string };

/**
 * A stored view read back through the contract's schemas: a view saved by an older version, or edited by hand,
 * loses what no longer parses instead of breaking the list.
 */
function toSavedView(row: Row): SavedView {
  const columns = safeJson(row.columns_json);
  const view = customerViewSchema.safeParse(safeJson(row.view_json));
  return {
    name: row.name,
    columns: Array.isArray(columns)
      ? columns.filter((c): c is CustomerColumn => customerColumnSchema.safeParse(c).success)
      : [],
    view: view.success ? view.data : customerViewSchema.parse({}),
    updatedAt: row.updated_at,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Every saved explorer view, by name. */
export function listViews(db: Db): SavedView[] {
  return (db.prepare('SELECT name, columns_json, view_json, updated_at FROM saved_views ORDER BY name COLLATE NOCASE, name').all() as Row[]).map(
    toSavedView,
  );
}

/** Saves a view under its name, replacing one of the same name. */
export function saveView(db: Db, view: { name: string; columns: CustomerColumn[]; view: CustomerView }): SavedView {
  const updatedAt = new Date().toISOString();
  db.prepare(
    `INSERT INTO saved_views (name, columns_json, view_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET columns_json = excluded.columns_json, view_json = excluded.view_json, updated_at = excluded.updated_at`,
  ).run(view.name, JSON.stringify(view.columns), JSON.stringify(view.view), updatedAt);
  return { name: view.name, columns: view.columns, view: view.view, updatedAt };
}

/** Deletes the view of that name; false when there was none. */
export function deleteView(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM saved_views WHERE name = ?').run(name).changes > 0;
}
