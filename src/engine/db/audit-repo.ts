import type { Db } from './open-workspace';

// Rows each connection added to the audit log (see dataChanges).
const auditRows = new WeakMap<Db, number>();

/** Appends one entry to the audit log. `detail` must never contain personal data. */
export function writeAudit(db: Db, action: string, subject: string | null, detail: unknown = null): void {
  const { changes } = db
    .prepare('INSERT INTO audit_log (at, action, subject, detail_json) VALUES (?, ?, ?, ?)')
    .run(new Date().toISOString(), action, subject, detail === null ? null : JSON.stringify(detail));
  auditRows.set(db, (auditRows.get(db) ?? 0) + changes);
}

/**
 * This connection's own writes, as memos count them: `total_changes()` without the audit log's rows. An audit entry
 * (a reveal, a search on a masked column) changes no figure, so it must not throw away remembered pages, counts and
 * the segment index.
 */
export function dataChanges(db: Db): number {
  return (db.prepare('SELECT total_changes()').pluck().get() as number) - (auditRows.get(db) ?? 0);
}
