import type { Db } from './open-workspace';
import { countAuditRows } from '../kernel/memo';

/** Appends one entry to the audit log. `detail` must never contain personal data. */
export function writeAudit(db: Db, action: string, subject: string | null, detail: unknown = null): void {
  const { changes } = db
    .prepare('INSERT INTO audit_log (at, action, subject, detail_json) VALUES (?, ?, ?, ?)')
    .run(new Date().toISOString(), action, subject, detail === null ? null : JSON.stringify(detail));
  countAuditRows(db, changes);
}
