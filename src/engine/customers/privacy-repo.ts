import type { CustomerColumn, CustomerView } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { writeAudit } from '../db/audit-repo';
import { DB_FILE_NAME } from '../db/open-workspace';
import { mergeFullTextIndexes, scrubTraces, traceValues, zeroFreePages, type ScrubCounts } from './erase-traces';

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

export type ErasedRecords = { customerId: string; orders: number; orderLines: number; reviews: number; campaignResults: number };
export type LogState = { cleared: boolean; message: string };
export type Erased = ErasedRecords & ScrubCounts & { freePagesZeroed: number; log: LogState };
/**
 * What the erase of the files needs to know (never returned to a door): the person's values, without those other
 * customers still have (a common name, a review text another customer wrote too), which rightly stay in the file.
 */
export type ErasedPerson = { erased: Erased; values: string[] };

export type EraseOptions = {
  /** How long the checkpoint waits for readers to finish before it reports that it was blocked. */
  checkpointWaitMs?: number;
};

/**
 * Erases one customer (right to erasure): the customer, their orders (returns included) and order lines, reviews,
 * campaign results and assignments, figures, scores and memberships, the undo images earlier imports kept of those
 * rows (an undo must not bring them back), and every other row whose text mentions them (saved copy, jobs, the audit
 * log: see erase-traces.ts). One transaction with secure_delete on, so freed space is overwritten; then the free
 * pages are zeroed and the write-ahead log is folded into the file and emptied. The audit entry holds the internal
 * id and the counts only: external ids are often e-mail addresses or shop account numbers.
 */
export function eraseCustomer(db: Db, id: number, options: EraseOptions = {}): Erased {
  return erasePerson(db, id, options).erased;
}

/** eraseCustomer, also handing back the values that identify the person, to look for them in files. */
export function erasePerson(db: Db, id: number, options: EraseOptions = {}): ErasedPerson {
  const previous = Number(db.pragma('secure_delete', { simple: true }));
  db.pragma('secure_delete = ON');
  try {
    const { records, values, scrub, zeroed } = db
      .transaction(() => {
        const found = eraseRows(db, id);
        const counts = scrubTraces(db, found.values);
        found.values = found.values.filter((value) => !heldByOthers(db, value));
        mergeFullTextIndexes(db);
        const pages = zeroFreePages(db);
        const { customerId: _, ...audit } = found.records;
        writeAudit(db, 'customer.erased', String(id), { ...audit, ...counts });
        return { ...found, scrub: counts, zeroed: pages };
      })
      .immediate();
    const log = checkpoint(db, options.checkpointWaitMs ?? 2000);
    return { erased: { ...records, ...scrub, freePagesZeroed: zeroed, log }, values };
  } finally {
    db.pragma(`secure_delete = ${previous}`);
  }
}

/**
 * Moves the overwritten pages out of the write-ahead log into the file and empties the log. A reader (another window
 * or command on this workspace) can hold old pages in the log: then the log still has the erased values, and the
 * answer says so and what to do.
 */
export function checkpoint(db: Db, waitMs: number): LogState {
  const before = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(waitMs))}`);
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (!row || row.busy === 0) return { cleared: true, message: 'The write-ahead log was folded into the workspace file and emptied.' };
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
  return {
    cleared: false,
    message:
      'Another program is reading this workspace (another Localyst window, a localyst command or serve), so the write-ahead log ' +
      `(${DB_FILE_NAME}-wal) still holds the erased values. Close the other program, then empty the log: "Empty the log now" in ` +
      'the app, or "localyst customers erase-leftovers". The last program to close the workspace also empties it.',
  };
}

const NAME_SQL = "nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '') COLLATE NOCASE";
const OTHERS_SQL = [
  'SELECT 1 FROM customers WHERE email = @v COLLATE NOCASE',
  `SELECT 1 FROM customers WHERE ${NAME_SQL} = @v`,
  'SELECT 1 FROM customers WHERE external_id = @v COLLATE NOCASE',
  'SELECT 1 FROM customers WHERE phone = @v',
  'SELECT 1 FROM reviews WHERE body = @v OR title = @v',
];

/** Whether a remaining customer has this value too (after the person's rows are gone); each test can use an index. */
function heldByOthers(db: Db, value: string): boolean {
  return OTHERS_SQL.some((sql) => db.prepare(`SELECT EXISTS (${sql})`).pluck().get({ v: value }) === 1);
}

type PersonRow = { external_id: string; email: string | null; phone: string | null; first_name: string | null; last_name: string | null };

function eraseRows(db: Db, id: number): { records: ErasedRecords; values: string[] } {
  const customer = db.prepare('SELECT external_id, email, phone, first_name, last_name FROM customers WHERE id = ?').get(id) as PersonRow | undefined;
  if (!customer) throw notFound(id);
  const values = personValues(db, id, customer);
  forgetUndoImages(db, id, customer.external_id);
  const count = (sql: string): number => db.prepare(sql).pluck().get(id) as number;
  const records: ErasedRecords = {
    customerId: customer.external_id,
    orders: count('SELECT count(*) FROM orders WHERE customer_id = ?'),
    orderLines: count('SELECT count(*) FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)'),
    reviews: count('SELECT count(*) FROM reviews WHERE customer_id = ?'),
    campaignResults: count('SELECT count(*) FROM campaign_results WHERE customer_id = ?'),
  };
  deleteCustomerRows(db, id);
  return { records, values };
}

/**
 * Deletes the customer and every row keyed by them: each table with a customer_id column (found in the schema, so a
 * table added later is included), order lines through their orders, then the customer (triggers and cascades follow).
 */
export function deleteCustomerRows(db: Db, id: number): void {
  const tables = db
    .prepare("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name <> 'customers' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'customer_id')")
    .pluck()
    .all() as string[];
  if (tables.includes('orders')) {
    db.prepare('DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)').run(id);
  }
  for (const table of tables) db.prepare(`DELETE FROM "${table.replace(/"/g, '""')}" WHERE customer_id = ?`).run(id);
  db.prepare('DELETE FROM customers WHERE id = ?').run(id);
}

/** The person's values now, the ones earlier imports replaced (kept for undo), and their reviews' texts. */
function personValues(db: Db, id: number, customer: PersonRow): string[] {
  const people: PersonRow[] = [customer];
  const hasUndo = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'import_changes'").pluck().get() === 1;
  if (hasUndo) {
    const earlier = db
      .prepare("SELECT before_json FROM import_changes WHERE table_name = 'customers' AND json_extract(row_key, '$[0]') = ?")
      .pluck()
      .all(customer.external_id) as string[];
    for (const json of earlier) {
      try {
        people.push({ ...customer, ...(JSON.parse(json) as Partial<PersonRow>) });
      } catch {
        // Not JSON: nothing to learn from it; it is deleted with the other undo images.
      }
    }
  }
  const quotes = (db.prepare('SELECT title, body FROM reviews WHERE customer_id = ?').all(id) as Array<{ title: string | null; body: string | null }>).flatMap((r) =>
    [r.title, r.body].filter((s): s is string => typeof s === 'string'),
  );
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return [
    ...new Set(
      people.flatMap((p) =>
        traceValues({ externalId: customer.external_id, email: str(p.email), phone: str(p.phone), firstName: str(p.first_name), lastName: str(p.last_name), quotes }),
      ),
    ),
  ];
}

/** Deletes import_changes rows (before-images for undo) of the customer and of everything that is theirs. */
function forgetUndoImages(db: Db, id: number, externalId: string): void {
  if (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'import_changes'").pluck().get() !== 1) return;
  db.prepare(
    `DELETE FROM import_changes WHERE
       (table_name = 'customers' AND json_extract(row_key, '$[0]') = @externalId)
       OR (table_name = 'orders' AND json_extract(row_key, '$[0]') IN (SELECT external_id FROM orders WHERE customer_id = @id))
       OR (table_name = 'order_lines' AND json_extract(row_key, '$[0]') IN (SELECT id FROM orders WHERE customer_id = @id))
       OR (table_name = 'reviews' AND json_extract(row_key, '$[0]') IN (SELECT external_id FROM reviews WHERE customer_id = @id))
       OR (table_name IN ('campaign_results', 'campaign_assignments') AND json_extract(row_key, '$[1]') = @id)`,
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
export function auditMaskedQuery(db: Db, view: CustomerView, where: 'explorer' | 'export', matched: number | null, atLeast = false): void {
  const query = maskedQueryOf(view);
  // `matchedAtLeast`: the count stopped at its cap (a quick search's "10,000+").
  if (query) writeAudit(db, 'customers.masked-query', null, { where, ...query, matched, ...(atLeast ? { matchedAtLeast: true } : {}) });
}
