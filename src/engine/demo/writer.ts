import type { DemoResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';

/**
 * The demo generator's SQL: prepared inserts with explicit ids and positional parameters (the fastest path through
 * better-sqlite3), an emptiness check before and record counts after.
 */

/** The tables the demo fills (and that must be empty before it starts). */
export const RECORD_TABLES = [
  'customers',
  'products',
  'orders',
  'order_lines',
  'reviews',
  'campaigns',
  'campaign_arms',
  'campaign_assignments',
  'campaign_results',
] as const;

export type CustomerRow = [
  id: number,
  externalId: string,
  email: string,
  firstName: string,
  lastName: string,
  phone: string | null,
  country: string,
  city: string,
  signupDate: string,
  acceptsMarketing: 0 | 1,
  createdAt: string,
];

export type OrderRow = [
  id: number,
  externalId: string,
  customerId: number,
  orderedAt: string,
  kind: 'sale' | 'return',
  returnsOrderId: number | null,
  country: string,
  channel: string,
  currency: string,
];

export type LineRow = [
  id: number,
  orderId: number,
  lineNo: number,
  productId: number,
  description: string,
  quantity: number,
  unitPrice: number,
];

export type ReviewRow = [
  id: number,
  externalId: string,
  customerId: number,
  productId: number,
  orderId: number,
  rating: number,
  title: string,
  body: string,
  reviewedAt: string,
];

export type CampaignRow = [
  id: number,
  externalId: string,
  name: string,
  channel: string,
  goal: string,
  sentAt: string,
  subject: string | null,
  body: string,
];

export type CampaignArmRow = [
  campaignId: number,
  arm: number,
  name: string,
  share: number,
  holdout: 0 | 1,
  subject: string | null,
  body: string | null,
];

export type CampaignResultRow = [
  campaignId: number,
  customerId: number,
  delivered: 0 | 1,
  opened: 0 | 1,
  clicked: 0 | 1,
  converted: 0 | 1,
  revenue: number,
];

export type DemoWriter = {
  product(id: number, sku: string, name: string, category: string, price: number): void;
  customer(row: CustomerRow): void;
  order(row: OrderRow): void;
  line(row: LineRow): void;
  review(row: ReviewRow): void;
  campaign(row: CampaignRow): void;
  campaignArm(row: CampaignArmRow): void;
  /** A member of an experiment's audience and their arm (stratum and send hour: none in the demo). */
  campaignAssignment(campaignId: number, customerId: number, arm: number): void;
  campaignResult(row: CampaignResultRow): void;
};

export function createDemoWriter(db: Db): DemoWriter {
  const product = db.prepare('INSERT INTO products (id, sku, name, category, price) VALUES (?, ?, ?, ?, ?)');
  const customer = db.prepare(
    `INSERT INTO customers (id, external_id, email, first_name, last_name, phone, country, city, signup_date,
       accepts_marketing, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const order = db.prepare(
    `INSERT INTO orders (id, external_id, customer_id, ordered_at, kind, returns_order_id, country, channel, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const line = db.prepare(
    'INSERT INTO order_lines (id, order_id, line_no, product_id, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const review = db.prepare(
    `INSERT INTO reviews (id, external_id, customer_id, product_id, order_id, rating, title, body, reviewed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const campaign = db.prepare(
    'INSERT INTO campaigns (id, external_id, name, channel, goal, sent_at, subject, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const arm = db.prepare(
    'INSERT INTO campaign_arms (campaign_id, arm, name, share, holdout, subject, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const assignment = db.prepare('INSERT INTO campaign_assignments (campaign_id, customer_id, arm) VALUES (?, ?, ?)');
  const result = db.prepare(
    `INSERT INTO campaign_results (campaign_id, customer_id, sent, delivered, opened, clicked, converted, revenue)
     VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  return {
    product: (...row) => void product.run(...row),
    customer: (row) => void customer.run(...row),
    order: (row) => void order.run(...row),
    line: (row) => void line.run(...row),
    review: (row) => void review.run(...row),
    campaign: (row) => void campaign.run(...row),
    campaignArm: (row) => void arm.run(...row),
    campaignAssignment: (...row) => void assignment.run(...row),
    campaignResult: (row) => void result.run(...row),
  };
}

/** Demo data goes only into a workspace without records: ids start at 1 and nothing may be mixed in. */
export function assertNoRecords(db: Db): void {
  const held = RECORD_TABLES.filter((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined);
  if (held.length > 0) {
    throw new AppError(
      'conflict',
      `This workspace already holds data (${held.join(', ')}). Demo data goes into an empty workspace: create a new one first.`,
    );
  }
}

export type RecordCounts = Omit<DemoResult, 'seconds'>;

/** What the tables hold now: the demo's counts, since it started from an empty workspace. */
export function countRecords(db: Db): RecordCounts {
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  return {
    customers: count('SELECT count(*) AS n FROM customers'),
    products: count('SELECT count(*) AS n FROM products'),
    orders: count('SELECT count(*) AS n FROM orders'),
    orderLines: count('SELECT count(*) AS n FROM order_lines'),
    returns: count("SELECT count(*) AS n FROM orders WHERE kind = 'return'"),
    reviews: count('SELECT count(*) AS n FROM reviews'),
    campaigns: count('SELECT count(*) AS n FROM campaigns'),
    campaignResults: count('SELECT count(*) AS n FROM campaign_results'),
  };
}
