import type { Db } from '../db/open-workspace';
import { readRfmInputs } from '../analytics/analytics-repo';
import { RFM_SEGMENT_NAMES, rfmAssignments, scoreRfm } from '../analytics/rfm';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';

/**
 * Recomputes every customer's figures (orders, returns, revenue, average order value, first and last order,
 * recency and tenure in days, top category) into customer_metrics, so the explorer can sort and filter a
 * million customers with indexes. Recency is measured from the workspace's last sale (the data's "today"),
 * which keeps historical exports meaningful. Runs inside the caller's transaction.
 */
export function refreshCustomerMetrics(db: Db): { customers: number; asOf: string | null } {
  const asOf = (db.prepare("SELECT max(ordered_at) AS at FROM orders WHERE kind = 'sale'").get() as { at: string | null }).at;
  db.prepare('DELETE FROM customer_metrics').run();
  const inserted = db
    .prepare(
      `WITH per_order AS (
         SELECT o.id, o.customer_id, o.kind, o.ordered_at,
                sum(CASE WHEN ${REVENUE_LINE_FILTER} THEN l.quantity * l.unit_price ELSE 0 END) AS value
         FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE o.customer_id IS NOT NULL
         GROUP BY o.id
       ),
       per_customer AS (
         SELECT customer_id,
                sum(kind = 'sale') AS orders,
                sum(kind = 'return') AS returns,
                round(sum(CASE WHEN kind = 'sale' THEN value ELSE 0 END), 2) AS revenue,
                min(CASE WHEN kind = 'sale' THEN ordered_at END) AS first_at,
                max(CASE WHEN kind = 'sale' THEN ordered_at END) AS last_at
         FROM per_order GROUP BY customer_id
       )
       INSERT INTO customer_metrics (customer_id, orders, returns, revenue, avg_order_value, first_order_at, last_order_at, recency_days, tenure_days,
                                     churn_risk, p_alive, expected_purchases, clv)
       SELECT c.id, coalesce(p.orders, 0), coalesce(p.returns, 0), coalesce(p.revenue, 0),
              CASE WHEN p.orders > 0 THEN round(p.revenue / p.orders, 2) END,
              p.first_at, p.last_at,
              CAST(julianday(@asOf) - julianday(p.last_at) AS INTEGER),
              CAST(julianday(@asOf) - julianday(p.first_at) AS INTEGER),
              s.churn_risk, s.p_alive, s.expected_purchases, s.clv
       FROM customers c LEFT JOIN per_customer p ON p.customer_id = c.id
       LEFT JOIN customer_scores s ON s.customer_id = c.id
       -- In id order, so the table and its indexes fill in order (without it SQLite may read customers through
       -- another index and write every page at random: twice the time at a million customers).
       ORDER BY c.id`,
    )
    .run({ asOf }).changes;
  // Without a single categorised product there is no top category to find (the UCI file has none): the update
  // would read every order line for nothing.
  const categorised = db.prepare('SELECT 1 FROM products WHERE category IS NOT NULL LIMIT 1').get() !== undefined;
  if (categorised) {
    db.prepare(
      `UPDATE customer_metrics SET top_category = (
         SELECT p.category FROM orders o
         JOIN order_lines l ON l.order_id = o.id
         JOIN products p ON p.id = l.product_id
         WHERE o.customer_id = customer_metrics.customer_id AND ${REVENUE_LINE_FILTER} AND p.category IS NOT NULL
         GROUP BY p.category ORDER BY sum(l.quantity * l.unit_price) DESC, p.category LIMIT 1)
       WHERE orders > 0`,
    ).run();
  }
  writeRfmSegments(db);
  return { customers: inserted, asOf };
}

/**
 * Each buyer's named RFM segment (src/engine/analytics/rfm.ts), kept with the other figures so the explorer and
 * segments can filter on it. Quintiles need every customer's figures, so this runs after they are all written.
 */
function writeRfmSegments(db: Db): void {
  const inputs = readRfmInputs(db);
  const update = db.prepare('UPDATE customer_metrics SET rfm_segment = ? WHERE customer_id = ?');
  for (const a of rfmAssignments(inputs, scoreRfm(inputs))) update.run(RFM_SEGMENT_NAMES[a.segment], a.customerId);
}
