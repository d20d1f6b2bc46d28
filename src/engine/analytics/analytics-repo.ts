import type { TrendGrain } from '../../shared/analytics-schemas';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import { isoDayOfJdn } from './periods';

/**
 * The SQL of the descriptive analytics. Definitions are the workspace's usual ones: revenue is REVENUE_LINE_FILTER
 * (positive lines of sale orders); a customer's orders, revenue, first order and recency come from customer_metrics
 * (refreshed after every import and demo), so RFM and cohorts agree with the customer explorer.
 */

/** The latest sale (a timestamp as written), the "today" recency is counted from; null without sales. */
export function readLatestSale(db: Db): string | null {
  return db.prepare("SELECT max(ordered_at) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
}

/** Customers with at least one sale order, as columns: id, days since the last order, sale orders, revenue. */
export type RfmInputs = { ids: Float64Array; recency: Float64Array; orders: Float64Array; revenue: Float64Array };

/** One scan of customer_metrics into typed arrays (a million customers is four 8 MB arrays). */
export function readRfmInputs(db: Db): RfmInputs {
  const n = db.prepare('SELECT count(*) FROM customer_metrics WHERE orders > 0').pluck().get() as number;
  const out: RfmInputs = { ids: new Float64Array(n), recency: new Float64Array(n), orders: new Float64Array(n), revenue: new Float64Array(n) };
  const rows = db
    .prepare('SELECT customer_id, coalesce(recency_days, 0), orders, revenue FROM customer_metrics WHERE orders > 0 ORDER BY customer_id')
    .raw()
    .iterate() as IterableIterator<[number, number, number, number]>;
  let i = 0;
  for (const [id, recency, orders, revenue] of rows) {
    if (i >= n) break;
    out.ids[i] = id;
    out.recency[i] = recency;
    out.orders[i] = orders;
    out.revenue[i] = revenue;
    i++;
  }
  return i === n ? out : { ids: out.ids.subarray(0, i), recency: out.recency.subarray(0, i), orders: out.orders.subarray(0, i), revenue: out.revenue.subarray(0, i) };
}

/** Buyers and sales revenue per (acquisition month, order month); a customer's cohort is the month of their first sale. */
export type CohortCell = { cohort: string; month: string; active: number; revenue: number };

export function readCohortCells(db: Db): CohortCell[] {
  // Per order first (the lines in their index order, so grouping streams), then per cohort and month.
  return db
    .prepare(
      `WITH sale AS (
         SELECT o.customer_id AS customer_id, substr(o.ordered_at, 1, 7) AS month,
                sum(CASE WHEN ${REVENUE_LINE_FILTER} THEN l.quantity * l.unit_price ELSE 0 END) AS revenue
           FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL
          GROUP BY l.order_id
       )
       SELECT substr(m.first_order_at, 1, 7) AS cohort, s.month AS month,
              count(DISTINCT s.customer_id) AS active, sum(s.revenue) AS revenue
         FROM sale s JOIN customer_metrics m ON m.customer_id = s.customer_id
        WHERE m.first_order_at IS NOT NULL
        GROUP BY cohort, month
        ORDER BY cohort, month`,
    )
    .all() as CohortCell[];
}

/** Cohort sizes: customers per month of first sale order. */
export function readCohortSizes(db: Db): Array<{ cohort: string; size: number }> {
  return db
    .prepare(
      `SELECT substr(first_order_at, 1, 7) AS cohort, count(*) AS size
         FROM customer_metrics WHERE orders > 0 AND first_order_at IS NOT NULL
        GROUP BY cohort ORDER BY cohort`,
    )
    .all() as Array<{ cohort: string; size: number }>;
}

export type PeriodRow = { period: string; revenue: number; orders: number; customers: number };

/**
 * Sales revenue, sale orders and distinct buyers per ISO week or calendar month: the dashboard's monthly figures
 * (readRevenueByMonth), by week as well. Weeks are grouped by the Julian day number of their Monday.
 */
export function readSalesByPeriod(db: Db, grain: TrendGrain): PeriodRow[] {
  const key =
    grain === 'month'
      ? 'substr(o.ordered_at, 1, 7)'
      : // JDN of the day, less its weekday (JDN mod 7 is 0 on a Monday).
        `(CAST(julianday(substr(o.ordered_at, 1, 10)) + 0.5 AS INTEGER) - CAST(julianday(substr(o.ordered_at, 1, 10)) + 0.5 AS INTEGER) % 7)`;
  // Per order first (streams in the order-lines index), then per period: a third faster than one flat GROUP BY.
  const rows = db
    .prepare(
      `SELECT period, sum(revenue) AS revenue, count(*) AS orders, count(DISTINCT customer_id) AS customers
         FROM (SELECT ${key} AS period, o.customer_id AS customer_id, sum(l.quantity * l.unit_price) AS revenue
                 FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE ${REVENUE_LINE_FILTER}
                GROUP BY l.order_id)
        GROUP BY period ORDER BY period`,
    )
    .all() as Array<{ period: string | number; revenue: number; orders: number; customers: number }>;
  return rows.map((r) => ({ ...r, period: typeof r.period === 'number' ? isoDayOfJdn(r.period) : r.period }));
}

/** The first and last day with a sale order (YYYY-MM-DD). */
export function readSaleDayRange(db: Db): { first: string | null; last: string | null } {
  return db
    .prepare(
      `SELECT substr(min(o.ordered_at), 1, 10) AS first, substr(max(o.ordered_at), 1, 10) AS last
         FROM orders o WHERE o.kind = 'sale'`,
    )
    .get() as { first: string | null; last: string | null };
}
