import { AppError } from '../../shared/errors';
import type { ImportHistoryItem, ImportKind } from '../../shared/import-schemas';
import { refreshCustomerMetrics } from '../customers/metrics';
import type { Db } from '../db/open-workspace';

type Row = {
  id: number;
  kind: ImportKind;
  file_name: string;
  file_sha256: string | null;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  status: 'done' | 'undone';
  created_at: string;
  undone_at: string | null;
};

/** Every import, newest first; only the newest one still in effect can be undone (later ones build on it). */
export function listImports(db: Db): ImportHistoryItem[] {
  const rows = db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as Row[];
  const latestActive = rows.find((r) => r.status === 'done')?.id ?? null;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    sha256: r.file_sha256,
    inserted: r.inserted,
    updated: r.updated,
    skipped: r.skipped,
    rejected: r.rejected,
    status: r.status,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    canUndo: r.id === latestActive,
  }));
}

/** Key columns of each table an import can change; before-images are restored by them. */
const KEYS: Record<string, string[]> = {
  customers: ['external_id'],
  products: ['sku'],
  orders: ['external_id'],
  reviews: ['external_id'],
  campaigns: ['external_id'],
  campaign_results: ['campaign_id', 'customer_id'],
  order_lines: ['order_id', 'line_no'],
};

/** Tables whose rows an import inserted, children first so foreign keys hold while deleting. */
const INSERTED_ORDER = ['order_lines', 'campaign_results', 'reviews', 'orders', 'campaigns', 'products', 'customers'];

/** Takes an import back: deletes what it inserted, restores what it updated, in one transaction. */
export function undoImport(db: Db, importId: number): { importId: number; removed: number; restored: number } {
  return db.transaction(() => {
    const item = listImports(db).find((i) => i.id === importId);
    if (!item) throw new AppError('not-found', `There is no import #${importId}.`, { field: 'importId' });
    if (item.status === 'undone') throw new AppError('conflict', `Import #${importId} was already undone.`, { field: 'importId' });
    if (!item.canUndo) {
      throw new AppError('conflict', `Undo the imports after #${importId} first: later imports may build on it.`, { field: 'importId' });
    }
    const changes = db.prepare('SELECT table_name, row_key, before_json FROM import_changes WHERE import_id = ?').all(importId) as Array<{
      table_name: string;
      row_key: string;
      before_json: string;
    }>;
    let restored = 0;
    for (const change of changes) restored += restoreRow(db, change.table_name, JSON.parse(change.row_key) as unknown[], JSON.parse(change.before_json) as Record<string, unknown>);
    let removed = 0;
    for (const table of INSERTED_ORDER) removed += db.prepare(`DELETE FROM ${table} WHERE import_id = ?`).run(importId).changes;
    db.prepare("UPDATE imports SET status = 'undone', undone_at = ? WHERE id = ?").run(new Date().toISOString(), importId);
    db.prepare('DELETE FROM import_changes WHERE import_id = ?').run(importId);
    refreshCustomerMetrics(db);
    return { importId, removed, restored };
  })();
}

function restoreRow(db: Db, table: string, key: unknown[], before: Record<string, unknown>): number {
  const keyColumns = KEYS[table];
  if (!keyColumns) return 0;
  const known = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  const { deleted, ...values } = before;
  const columns = Object.keys(values).filter((c) => known.has(c) && !keyColumns.includes(c));
  const bind = (v: unknown): string | number | null => (typeof v === 'string' || typeof v === 'number' ? v : null);
  if (deleted) {
    const all = [...keyColumns, ...columns];
    return db
      .prepare(`INSERT OR REPLACE INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`)
      .run(...keyColumns.map((k) => bind(values[k] ?? key[keyColumns.indexOf(k)])), ...columns.map((c) => bind(values[c]))).changes;
  }
  if (columns.length === 0) return 0;
  return db
    .prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${keyColumns.map((k) => `${k} = ?`).join(' AND ')}`)
    .run(...columns.map((c) => bind(values[c])), ...key.map(bind)).changes;
}
