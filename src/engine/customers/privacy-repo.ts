import type { CustomerColumn, CustomerView } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { writeAudit } from '../db/audit-repo';

export type Revealed = { id: number; firstName: string | null; lastName: string | null; email: string | null; phone: string | null };

function notFound(id: number): AppError {
  return new AppError('not-found', `There is no customer with id ${id}. It may have been erased or undone with an import.`, { field: 'id' });
}

/** The unmasked name, e-mail and phone of one customer; the reveal is written to the audit log (without the values). */
export function revealCustomer(db: Db, id: number): Revealed {
  return db.transaction(() => {
    const row = db.prepare('SELECT id, first_name, last_name, email, phone FROM customers WHERE id = ?').get(id) as
      | { id: number; first_name: string | null; last_name: string | null; email: string | null; phone: string | null }
      | undefined;
    if (!row) throw notFound(id);
    writeAudit(db, 'customer.revealed', String(id), { fields: ['name', 'email', 'phone'] });
    return { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone };
  })();
}

export type Erased = { customerId: string; orders: number; orderLines: number; reviews: number; campaignResults: number };

/**
 * Erases one customer (right to erasure): the customer, their orders (returns included) and order lines, reviews,
 * campaign results, figures, and the undo images earlier imports kept of those rows (an undo must not bring them
 * back). One transaction; SQLite's secure_delete overwrites the freed space. The audit entry holds the internal
 * id and the counts only: external ids are often e-mail addresses or shop account numbers.
 */
export function eraseCustomer(db: Db, id: number): Erased {
  const previous = Number(db.pragma('secure_delete', { simple: true }));
  db.pragma('secure_delete = ON');
  try {
    const erased = db.transaction(() => eraseRows(db, id)).immediate();
    // Moves the overwritten pages out of the write-ahead log into the file; skipped silently while a reader holds it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  } finally {
    db.pragma(`secure_delete = ${previous}`);
  }
}

function eraseRows(db: Db, id: number): Erased {
  const customer = db.prepare('SELECT external_id FROM customers WHERE id = ?').get(id) as { external_id: string } | undefined;
  if (!customer) throw notFound(id);
  forgetUndoImages(db, id, customer.external_id);
  const run = (sql: string): number => db.prepare(sql).run(id).changes;
  const campaignResults = run('DELETE FROM campaign_results WHERE customer_id = ?');
  const reviews = run('DELETE FROM reviews WHERE customer_id = ?');
  const orderLines = run('DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)');
  const orders = run('DELETE FROM orders WHERE customer_id = ?');
  run('DELETE FROM campaign_assignments WHERE customer_id = ?');
  run('DELETE FROM customer_uplift WHERE customer_id = ?');
  run('DELETE FROM customer_metrics WHERE customer_id = ?');
  run('DELETE FROM customers WHERE id = ?');
  const counts = { orders, orderLines, reviews, campaignResults };
  writeAudit(db, 'customer.erased', String(id), counts);
  return { customerId: customer.external_id, ...counts };
}

/** Deletes import_changes rows (before-images for undo) of the customer and of everything that is theirs. */
function forgetUndoImages(db: Db, id: number, externalId: string): void {
  db.prepare(
    `DELETE FROM import_changes WHERE
       (table_name = 'customers' AND json_extract(row_key, '$[0]') = @externalId)
       OR (table_name = 'orders' AND json_extract(row_key, '$[0]') IN (SELECT external_id FROM orders WHERE customer_id = @id))
       OR (table_name = 'order_lines' AND json_extract(row_key, '$[0]') IN (SELECT id FROM orders WHERE customer_id = @id))
       OR (table_name = 'reviews' AND json_extract(row_key, '$[0]') IN (SELECT external_id FROM reviews WHERE customer_id = @id))
       OR (table_name = 'campaign_results' AND json_extract(row_key, '$[1]') = @id)`,
  ).run({ id, externalId });
}

/** The explorer columns shown masked: what a filter, sort or search on them learns, the mask was hiding. */
export const MASKED_COLUMNS: readonly CustomerColumn[] = ['name', 'email', 'phone'];

export type MaskedQuery = { filters: Array<{ field: CustomerColumn; op: string }>; sort: CustomerColumn[]; quickSearch: boolean };

/** Which parts of a view read masked columns (the quick search looks in name and e-mail); null when none does. */
export function maskedQueryOf(view: CustomerView): MaskedQuery | null {
  const filters = view.filters.filter((f) => MASKED_COLUMNS.includes(f.field)).map((f) => ({ field: f.field, op: f.op }));
  const sort = view.sort.filter((s) => MASKED_COLUMNS.includes(s.field)).map((s) => s.field);
  const quickSearch = view.quickSearch.trim() !== '';
  return filters.length > 0 || sort.length > 0 || quickSearch ? { filters, sort, quickSearch } : null;
}

/**
 * Filters, sorts and searches on masked columns run on the real values (that is what makes them useful), so each
 * one is recorded in the audit log like a reveal: which fields, which operators, how many customers matched; never
 * the searched text or the values. `where` says which screen or export asked.
 */
export function auditMaskedQuery(db: Db, view: CustomerView, where: 'explorer' | 'export', matched: number | null): void {
  const query = maskedQueryOf(view);
  if (query) writeAudit(db, 'customers.masked-query', null, { where, ...query, matched });
}
