import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { SynthSource } from '../../shared/synth-schemas';
import type { Db } from '../db/open-workspace';
import { readCsvTable, type RawTable, type RawValue } from '../ml/table';

/**
 * Where a synthetic twin's rows come from: an imported table of the open workspace (its meaningful columns, with
 * the order's value and the product's category joined in where they say more than an id would), the customer
 * feature table (one row per customer, the explorer's figures), or a CSV file the door resolved to a path.
 */

const TABLE_SQL: Record<Extract<SynthSource, { kind: 'table' }>['table'], string> = {
  customers: `SELECT email, first_name, last_name, phone, country, city, signup_date, accepts_marketing FROM customers ORDER BY id`,
  orders: `SELECT o.ordered_at, o.kind, o.country, o.channel, o.currency,
                  (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS lines,
                  (SELECT round(sum(l.quantity * l.unit_price), 2) FROM order_lines l WHERE l.order_id = o.id) AS value
           FROM orders o ORDER BY o.id`,
  order_lines: `SELECT p.category, l.description, l.quantity, l.unit_price
                FROM order_lines l LEFT JOIN products p ON p.id = l.product_id ORDER BY l.id`,
  products: `SELECT name, category, price FROM products ORDER BY id`,
  reviews: `SELECT p.category, r.rating, r.title, r.body, r.reviewed_at
            FROM reviews r LEFT JOIN products p ON p.id = r.product_id ORDER BY r.id`,
  campaign_results: `SELECT c.channel, c.goal, r.sent, r.delivered, r.opened, r.clicked, r.converted, r.revenue
                     FROM campaign_results r JOIN campaigns c ON c.id = r.campaign_id ORDER BY r.campaign_id, r.customer_id`,
};

/**
 * The customer feature table: recency, frequency, monetary value, lifetime value, churn risk and purchase
 * propensity where scored, top category, country, first and last order. Names are the twin's own (a workspace
 * built from the twin reads them back: see workspace-job.ts).
 */
export const CUSTOMER_FEATURES_SQL = `
  SELECT c.country, c.signup_date, c.accepts_marketing,
         m.orders AS frequency, m.returns, m.revenue AS monetary, m.avg_order_value,
         m.first_order_at, m.last_order_at, m.recency_days AS recency, m.tenure_days,
         m.top_category, m.rfm_segment, m.clv AS lifetime_value, m.churn_risk, m.p_alive, m.expected_purchases,
         (SELECT max(p.probability) FROM customer_propensity p WHERE p.customer_id = c.id) AS purchase_propensity
  FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id
  ORDER BY c.id`;

/** Plain words for a source, as models and file names show it. */
export function sourceLabel(source: SynthSource, file?: string): string {
  if (source.kind === 'table') return source.table;
  if (source.kind === 'customer-features') return 'customer features';
  return file ? path.basename(file) : 'file';
}

/** Rows of a query as a raw table; columns with no value in any row (scores never computed) are left out. */
function queryTable(db: Db, sql: string): RawTable {
  const statement = db.prepare(sql).raw(true);
  const columns = statement.columns().map((c) => c.name);
  const rows = statement.all() as RawValue[][];
  const keep = columns.map((_, j) => rows.some((r) => r[j] !== null && r[j] !== ''));
  const kept = columns.filter((_, j) => keep[j]);
  return { columns: kept, rows: rows.map((r) => r.filter((_, j) => keep[j])) };
}

/** The source's rows as a raw table; `file` is the path the handler resolved for a file source. */
export function readSource(db: Db, source: SynthSource, file?: string): { label: string; table: RawTable } {
  const label = sourceLabel(source, file);
  let table: RawTable;
  if (source.kind === 'file') {
    if (!file) throw new AppError('internal', 'The file of a synthetic-twin source was not resolved. This is a bug in Localyst.');
    table = readCsvTable(file);
  } else {
    table = queryTable(db, source.kind === 'table' ? TABLE_SQL[source.table] : CUSTOMER_FEATURES_SQL);
  }
  if (table.rows.length < 10) {
    const where = source.kind === 'file' ? label : `The ${label} table`;
    throw new AppError('bad-input', `${where} has ${table.rows.length} rows; a synthetic twin needs at least 10 rows to learn from.`, {
      field: 'source',
      ...(file ? { file } : {}),
    });
  }
  return { label, table };
}
