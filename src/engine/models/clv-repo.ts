import type { Db } from '../db/open-workspace';
import type { Transaction } from './clv/summary';

/**
 * The workspace's sale orders as purchase days for the lifetime-value models: one row per customer and calendar
 * day (same-day orders are one purchase in these models), valued at the sum of their positive lines. Returns and
 * guest orders (no customer) are left out.
 */
export function readPurchaseDays(db: Db, through: string): Transaction[] {
  const rows = db
    .prepare(
      `SELECT c.external_id AS customerId, substr(o.ordered_at, 1, 10) AS date,
              coalesce(sum(CASE WHEN l.quantity > 0 AND l.unit_price > 0 THEN l.quantity * l.unit_price END), 0) AS value
         FROM orders o
         JOIN customers c ON c.id = o.customer_id
         LEFT JOIN order_lines l ON l.order_id = o.id
        WHERE o.kind = 'sale' AND substr(o.ordered_at, 1, 10) <= @through
        GROUP BY o.customer_id, substr(o.ordered_at, 1, 10)
        ORDER BY o.customer_id, date`,
    )
    .all({ through }) as Array<{ customerId: string; date: string; value: number }>;
  return rows;
}

/** The day (YYYY-MM-DD) of the latest sale order, or null in a workspace without sales. */
export function readLatestSaleDay(db: Db): string | null {
  return db.prepare("SELECT substr(max(ordered_at), 1, 10) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
}

/** Customers' internal ids by their external id (the lifetime-value summaries are keyed by external id). */
export function customerIdsByExternalId(db: Db): Map<string, number> {
  const map = new Map<string, number>();
  for (const [externalId, id] of db.prepare('SELECT external_id, id FROM customers').raw(true).iterate() as Iterable<[string, number]>) map.set(externalId, id);
  return map;
}
