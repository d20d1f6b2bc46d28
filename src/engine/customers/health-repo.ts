import type { Db } from '../db/open-workspace';

/**
 * The raw figures of the data-health report: one scan per table where possible, so the whole report reads each
 * table about once (seconds at a million customers, a fraction of a second at 100,000).
 */

export type Missing = Record<string, number>;

export type CustomersFacts = {
  rows: number;
  dateFrom: string | null;
  dateTo: string | null;
  missing: Missing;
  sharedEmail: number;
  pseudonymised: number;
  futureSignups: number;
  withoutOrders: number;
};

export type ProductsFacts = { rows: number; missing: Missing; sharedName: number; priceFence: number | null; priceOutliers: number };

export type OrdersFacts = {
  rows: number;
  dateFrom: string | null;
  dateTo: string | null;
  missing: Missing;
  /** Extra orders of one customer at the very same moment (a double submit, or an order imported under two ids). */
  sameCustomerAndTime: number;
  sales: number;
  returns: number;
  guest: number;
  future: number;
};

export type LinesFacts = {
  rows: number;
  missing: Missing;
  exactDuplicates: number;
  quantityFence: number | null;
  quantityOutliers: number;
  priceFence: number | null;
  priceOutliers: number;
  nonPositivePriceInSales: number;
};

export type ReviewsFacts = {
  rows: number;
  dateFrom: string | null;
  dateTo: string | null;
  missing: Missing;
  duplicates: number;
  unknownProduct: number;
  future: number;
};

export type CampaignResultsFacts = { rows: number; dateFrom: string | null; dateTo: string | null; missing: Missing; funnelGaps: number };

export type HealthFacts = {
  customers: CustomersFacts;
  products: ProductsFacts;
  orders: OrdersFacts;
  orderLines: LinesFacts;
  reviews: ReviewsFacts;
  campaignResults: CampaignResultsFacts;
};

/** Quartile fences are exact up to this many rows; above it they come from an evenly spaced sample of row ids. */
export const QUARTILE_SAMPLE = 100_000;

/** Q3 + 3 × IQR: far out, in Tukey's sense. When most values are equal (IQR 0) the spread is taken as |Q3|. */
export function upperFence(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const at = (p: number): number => {
    const rank = p * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
  };
  const q1 = at(0.25);
  const q3 = at(0.75);
  const spread = q3 - q1 > 0 ? q3 - q1 : Math.max(Math.abs(q3), Number.EPSILON);
  return q3 + 3 * spread;
}

/** Values of one numeric column (all rows, or an evenly spaced sample of row ids on big tables). */
function sampleColumn(db: Db, table: 'order_lines' | 'products', column: 'quantity' | 'unit_price' | 'price', where: string): Float64Array {
  const bounds = db.prepare(`SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM ${table}`).get() as {
    lo: number | null;
    hi: number | null;
    n: number;
  };
  if (bounds.lo === null || bounds.hi === null) return new Float64Array(0);
  const values =
    bounds.n <= QUARTILE_SAMPLE
      ? (db.prepare(`SELECT ${column} FROM ${table} WHERE ${where}`).pluck().all() as number[])
      : (db
          .prepare(
            `WITH RECURSIVE ids(i) AS (SELECT @lo UNION ALL SELECT i + @step FROM ids WHERE i + @step <= @hi)
             SELECT t.${column} FROM ids JOIN ${table} t ON t.id = ids.i WHERE ${where}`,
          )
          .pluck()
          .all({ lo: bounds.lo, hi: bounds.hi, step: Math.ceil((bounds.hi - bounds.lo + 1) / QUARTILE_SAMPLE) }) as number[]);
  return Float64Array.from(values);
}

function readCustomers(db: Db, today: string): CustomersFacts {
  const row = db
    .prepare(
      `SELECT count(*) AS rows, min(signup_date) AS dateFrom, max(signup_date) AS dateTo,
              coalesce(sum(email IS NULL OR email = ''), 0) AS email,
              coalesce(sum(coalesce(first_name, '') = '' AND coalesce(last_name, '') = ''), 0) AS name,
              coalesce(sum(phone IS NULL OR phone = ''), 0) AS phone,
              coalesce(sum(country IS NULL OR country = ''), 0) AS country,
              coalesce(sum(city IS NULL OR city = ''), 0) AS city,
              coalesce(sum(signup_date IS NULL), 0) AS signupDate,
              coalesce(sum(pseudonymized != 0 OR (email GLOB 'em_*' AND length(email) = 25)
                OR (phone GLOB 'ph_*' AND length(phone) = 25) OR (first_name GLOB 'nm_*' AND length(first_name) = 25)), 0)
                AS pseudonymised,
              coalesce(sum(signup_date > @today), 0) AS futureSignups
       FROM customers`,
    )
    .get({ today }) as Record<string, number> & { dateFrom: string | null; dateTo: string | null };
  const sharedEmail = db
    .prepare(
      `SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM customers WHERE email IS NOT NULL AND email != ''
       GROUP BY email COLLATE NOCASE HAVING count(*) > 1)`,
    )
    .pluck()
    .get() as number;
  // The explorer's own figure (orders = 0, by index) when every customer has one; else from the orders (slower).
  const figures = db.prepare('SELECT count(*) FROM customer_metrics').pluck().get() as number;
  const withoutOrders = db
    .prepare(
      figures === (row.rows as number)
        ? 'SELECT count(*) FROM customer_metrics WHERE orders = 0'
        : `SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL)`,
    )
    .pluck()
    .get() as number;
  return {
    rows: row.rows as number,
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    missing: pick(row, ['email', 'name', 'phone', 'country', 'city', 'signupDate']),
    sharedEmail,
    pseudonymised: row.pseudonymised as number,
    futureSignups: row.futureSignups as number,
    withoutOrders,
  };
}

function readProducts(db: Db): ProductsFacts {
  const row = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(sum(category IS NULL OR category = ''), 0) AS category,
              coalesce(sum(price IS NULL), 0) AS price FROM products`,
    )
    .get() as Record<string, number>;
  const sharedName = db
    .prepare('SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM products GROUP BY name COLLATE NOCASE HAVING count(*) > 1)')
    .pluck()
    .get() as number;
  const priceFence = upperFence(sampleColumn(db, 'products', 'price', 'price IS NOT NULL'));
  const priceOutliers =
    priceFence === null ? 0 : (db.prepare('SELECT count(*) FROM products WHERE price > ?').pluck().get(priceFence) as number);
  return { rows: row.rows as number, missing: pick(row, ['category', 'price']), sharedName, priceFence, priceOutliers };
}

function readOrders(db: Db, today: string): OrdersFacts {
  const row = db
    .prepare(
      `SELECT count(*) AS rows, min(ordered_at) AS dateFrom, max(ordered_at) AS dateTo,
              coalesce(sum(customer_id IS NULL), 0) AS customer, coalesce(sum(country IS NULL OR country = ''), 0) AS country,
              coalesce(sum(channel IS NULL OR channel = ''), 0) AS channel,
              coalesce(sum(kind = 'sale'), 0) AS sales, coalesce(sum(kind = 'return'), 0) AS returns,
              coalesce(sum(substr(ordered_at, 1, 10) > @today), 0) AS future
       FROM orders`,
    )
    .get({ today }) as Record<string, number> & { dateFrom: string | null; dateTo: string | null };
  const sameCustomerAndTime = db
    .prepare(
      `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM orders WHERE customer_id IS NOT NULL
       GROUP BY customer_id, ordered_at HAVING count(*) > 1)`,
    )
    .pluck()
    .get() as number;
  return {
    rows: row.rows as number,
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    missing: pick(row, ['customer', 'country', 'channel']),
    sameCustomerAndTime,
    sales: row.sales as number,
    returns: row.returns as number,
    guest: row.customer as number,
    future: row.future as number,
  };
}

function readLines(db: Db): LinesFacts {
  const quantityFence = upperFence(sampleColumn(db, 'order_lines', 'quantity', 'quantity > 0'));
  const priceFence = upperFence(sampleColumn(db, 'order_lines', 'unit_price', 'unit_price > 0'));
  const row = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(sum(product_id IS NULL), 0) AS product,
              coalesce(sum(description IS NULL OR description = ''), 0) AS description,
              coalesce(sum(quantity > @qf), 0) AS quantityOutliers, coalesce(sum(unit_price > @pf), 0) AS priceOutliers,
              coalesce(sum(CASE WHEN unit_price <= 0 THEN (SELECT o.kind = 'sale' FROM orders o WHERE o.id = order_id) END), 0)
                AS nonPositivePriceInSales
       FROM order_lines`,
    )
    .get({ qf: quantityFence ?? Number.MAX_VALUE, pf: priceFence ?? Number.MAX_VALUE }) as Record<string, number>;
  // Identical to an earlier line of the same order: the same row imported twice.
  const exactDuplicates = db
    .prepare(
      `SELECT count(*) FROM order_lines a WHERE EXISTS (
         SELECT 1 FROM order_lines b WHERE b.order_id = a.order_id AND b.line_no < a.line_no AND b.product_id IS a.product_id
           AND b.quantity = a.quantity AND b.unit_price = a.unit_price AND b.description IS a.description)`,
    )
    .pluck()
    .get() as number;
  return {
    rows: row.rows as number,
    missing: pick(row, ['product', 'description']),
    exactDuplicates,
    quantityFence,
    quantityOutliers: row.quantityOutliers as number,
    priceFence,
    priceOutliers: row.priceOutliers as number,
    nonPositivePriceInSales: row.nonPositivePriceInSales as number,
  };
}

function readReviews(db: Db, today: string): ReviewsFacts {
  const row = db
    .prepare(
      `SELECT count(*) AS rows, min(reviewed_at) AS dateFrom, max(reviewed_at) AS dateTo,
              coalesce(sum(customer_id IS NULL), 0) AS customer, coalesce(sum(product_id IS NULL), 0) AS product,
              coalesce(sum(rating IS NULL), 0) AS rating, coalesce(sum(title IS NULL OR title = ''), 0) AS title,
              coalesce(sum(body IS NULL OR body = ''), 0) AS body,
              coalesce(sum(substr(reviewed_at, 1, 10) > @today), 0) AS future
       FROM reviews`,
    )
    .get({ today }) as Record<string, number> & { dateFrom: string | null; dateTo: string | null };
  const duplicates = db
    .prepare(
      `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM reviews
       GROUP BY customer_id, product_id, rating, title, body HAVING count(*) > 1)`,
    )
    .pluck()
    .get() as number;
  return {
    rows: row.rows as number,
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    missing: pick(row, ['customer', 'product', 'rating', 'title', 'body']),
    duplicates,
    unknownProduct: row.product as number,
    future: row.future as number,
  };
}

function readCampaignResults(db: Db): CampaignResultsFacts {
  const row = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(sum(clicked != 0 AND opened = 0 OR converted != 0 AND sent = 0), 0) AS funnelGaps,
              (SELECT min(sent_at) FROM campaigns WHERE id IN (SELECT campaign_id FROM campaign_results)) AS dateFrom,
              (SELECT max(sent_at) FROM campaigns WHERE id IN (SELECT campaign_id FROM campaign_results)) AS dateTo
       FROM campaign_results`,
    )
    .get() as { rows: number; funnelGaps: number; dateFrom: string | null; dateTo: string | null };
  return { rows: row.rows, dateFrom: row.dateFrom, dateTo: row.dateTo, missing: {}, funnelGaps: row.funnelGaps };
}

const pick = (row: Record<string, unknown>, keys: string[]): Missing =>
  Object.fromEntries(keys.map((k) => [k, Number(row[k] ?? 0)]));

/** One table's part of the report: the stage a job shows while it is read. */
export type HealthStep = { stage: string; table: keyof HealthFacts };

/** The tables in reading order, each with its share of the work (order lines and orders are the big ones). */
export const HEALTH_STEPS: ReadonlyArray<HealthStep & { weight: number }> = [
  { stage: 'Customers', table: 'customers', weight: 0.25 },
  { stage: 'Products', table: 'products', weight: 0.02 },
  { stage: 'Orders', table: 'orders', weight: 0.25 },
  { stage: 'Order lines', table: 'orderLines', weight: 0.4 },
  { stage: 'Reviews', table: 'reviews', weight: 0.05 },
  { stage: 'Campaign results', table: 'campaignResults', weight: 0.03 },
];

/**
 * Every figure the health report needs, read in one snapshot. `today` (YYYY-MM-DD) decides what is in the future.
 * `beforeStep` runs before each table is read (a job reports progress there and may stop by throwing).
 */
export function readHealthFacts(db: Db, today: string, beforeStep: (step: HealthStep, done: number) => void = () => undefined): HealthFacts {
  const readers: { [K in keyof HealthFacts]: () => HealthFacts[K] } = {
    customers: () => readCustomers(db, today),
    products: () => readProducts(db),
    orders: () => readOrders(db, today),
    orderLines: () => readLines(db),
    reviews: () => readReviews(db, today),
    campaignResults: () => readCampaignResults(db),
  };
  return db.transaction(() => {
    const facts: Partial<HealthFacts> = {};
    let done = 0;
    for (const step of HEALTH_STEPS) {
      beforeStep(step, done);
      (facts as Record<string, unknown>)[step.table] = readers[step.table]();
      done += step.weight;
    }
    return facts as HealthFacts;
  })();
}
