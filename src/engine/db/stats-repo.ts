import type { Db } from './open-workspace';

export type RawStats = {
  customers: number;
  products: number;
  orders: number;
  orderLines: number;
  returns: number;
  linesWithoutCustomer: number;
  reviews: number;
  campaigns: number;
  campaignResults: number;
  revenue: number;
};

/** Sales revenue: quantity × unit price over lines of sale orders with positive quantity and price. */
export const REVENUE_LINE_FILTER = "o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0";

/** Record counts and revenue of the whole workspace. */
export function readStats(db: Db): RawStats {
  const count = (table: string): number =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const lines = db
    .prepare(
      `SELECT
         count(*) AS orderLines,
         coalesce(sum(CASE WHEN o.customer_id IS NULL THEN 1 ELSE 0 END), 0) AS linesWithoutCustomer,
         coalesce(sum(CASE WHEN ${REVENUE_LINE_FILTER} THEN l.quantity * l.unit_price ELSE 0 END), 0) AS revenue
       FROM order_lines l JOIN orders o ON o.id = l.order_id`,
    )
    .get() as { orderLines: number; linesWithoutCustomer: number; revenue: number };
  const orders = db
    .prepare(`SELECT count(*) AS orders, coalesce(sum(kind = 'return'), 0) AS returns FROM orders`)
    .get() as { orders: number; returns: number };
  return {
    customers: count('customers'),
    products: count('products'),
    orders: orders.orders,
    orderLines: lines.orderLines,
    returns: orders.returns,
    linesWithoutCustomer: lines.linesWithoutCustomer,
    reviews: count('reviews'),
    campaigns: count('campaigns'),
    campaignResults: count('campaign_results'),
    revenue: roundMoney(lines.revenue),
  };
}

export type MonthRow = { month: string; revenue: number; orders: number; customers: number };

/** Sales revenue, sale orders and distinct buyers per calendar month. */
export function readRevenueByMonth(db: Db): MonthRow[] {
  const rows = db
    .prepare(
      `SELECT substr(o.ordered_at, 1, 7) AS month,
              sum(l.quantity * l.unit_price) AS revenue,
              count(DISTINCT o.id) AS orders,
              count(DISTINCT o.customer_id) AS customers
       FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE ${REVENUE_LINE_FILTER}
       GROUP BY month ORDER BY month`,
    )
    .all() as MonthRow[];
  return rows.map((r) => ({ ...r, revenue: roundMoney(r.revenue) }));
}

export type SalesTotals = {
  saleOrders: number;
  returns: number;
  firstOrderDate: string | null;
  lastOrderDate: string | null;
};

/** Counts of sale and return orders and the date range of sales. */
export function readSalesTotals(db: Db): SalesTotals {
  const row = db
    .prepare(
      `SELECT coalesce(sum(kind = 'sale'), 0) AS saleOrders, coalesce(sum(kind = 'return'), 0) AS returns,
              substr(min(CASE WHEN kind = 'sale' THEN ordered_at END), 1, 10) AS firstOrderDate,
              substr(max(CASE WHEN kind = 'sale' THEN ordered_at END), 1, 10) AS lastOrderDate
       FROM orders`,
    )
    .get() as SalesTotals;
  return row;
}

export const roundMoney = (value: number): number => Math.round(value * 100) / 100;
