import { refreshCustomerMetrics } from '../../../src/engine/customers/metrics';
import type { Db } from '../../../src/engine/db/open-workspace';

/** A sale (or return) with one line: `value` = quantity 1 × unit price. */
export type HandOrder = { day: string; value: number; kind?: 'sale' | 'return' };
export type HandCustomer = { id: number; orders: HandOrder[] };

/**
 * Writes customers (with the given ids, in the given order) and their orders into an empty workspace, then
 * refreshes the customer figures as an import does. Orders are at noon, so recency is a whole number of days.
 */
export function writeHandShop(db: Db, customers: readonly HandCustomer[]): void {
  const insertCustomer = db.prepare(`INSERT INTO customers (id, external_id, created_at) VALUES (?, ?, '2020-01-01T00:00:00')`);
  const insertOrder = db.prepare(`INSERT INTO orders (external_id, customer_id, ordered_at, kind) VALUES (?, ?, ?, ?)`);
  const insertLine = db.prepare(`INSERT INTO order_lines (order_id, line_no, quantity, unit_price) VALUES (?, 1, ?, ?)`);
  let orderNo = 0;
  db.transaction(() => {
    for (const customer of customers) {
      insertCustomer.run(customer.id, `C-${customer.id}`);
      for (const order of customer.orders) {
        const kind = order.kind ?? 'sale';
        const id = insertOrder.run(`O-${++orderNo}`, customer.id, `${order.day}T12:00:00`, kind).lastInsertRowid;
        insertLine.run(id, kind === 'return' ? -1 : 1, order.value);
      }
    }
    refreshCustomerMetrics(db);
  })();
}

/** The day `days` before a YYYY-MM-DD date. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
