import { columnKinds, type ColumnKind, type CustomerColumn } from '../../shared/customer-schemas';

/** `c` is customers, `m` is customer_metrics (one row per customer, joined on its id). */
export type Alias = 'c' | 'm';

export type ColumnSql = {
  kind: ColumnKind;
  table: Alias;
  /** The value as shown, filtered and exported. */
  value: string;
  /** What ORDER BY uses: the raw column, so an index can serve it (text is sorted COLLATE NOCASE). */
  sort: string;
  /** An index (migrations 002/003) serves ORDER BY `sort`, so a page can walk it instead of sorting everything. */
  indexed: boolean;
  /** For timestamps: the raw column, whose `< day` and `>= day` equal the same test on `value` and can use an index. */
  raw?: string;
  /** Declared NOT NULL, so a page can continue after a row's value without losing rows that have none. */
  notNull?: true;
};

/** The display name: must stay identical to the expression of the index customers_name in migration 003. */
export const NAME_SQL = "nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '')";

const text = (table: Alias, value: string, indexed: boolean): ColumnSql => ({
  kind: 'text',
  table,
  value,
  sort: value,
  indexed,
});
const number = (table: Alias, value: string, indexed: boolean): ColumnSql => ({ kind: 'number', table, value, sort: value, indexed });
const day = (table: Alias, raw: string, indexed: boolean): ColumnSql => ({
  kind: 'date',
  table,
  value: `substr(${raw}, 1, 10)`,
  sort: raw,
  indexed,
  raw,
});

/**
 * The whitelist: the only column names that ever reach SQL. Every filter, sort and export goes through this map,
 * so a field name from a request can never become SQL text.
 */
export const COLUMN_SQL: Record<CustomerColumn, ColumnSql> = {
  customerId: text('c', 'c.external_id', true),
  name: text('c', NAME_SQL, true),
  email: text('c', 'c.email', true),
  phone: text('c', 'c.phone', false),
  country: text('c', 'c.country', true),
  city: text('c', 'c.city', true),
  signupDate: day('c', 'c.signup_date', false),
  firstOrderDate: day('m', 'm.first_order_at', false),
  lastOrderDate: day('m', 'm.last_order_at', true),
  orders: { ...number('m', 'm.orders', true), notNull: true },
  revenue: { ...number('m', 'm.revenue', true), notNull: true },
  avgOrderValue: number('m', 'm.avg_order_value', true),
  recencyDays: number('m', 'm.recency_days', true),
  tenureDays: number('m', 'm.tenure_days', false),
  returns: { ...number('m', 'm.returns', false), notNull: true },
  topCategory: text('m', 'm.top_category', true),
  rfmSegment: text('m', 'm.rfm_segment', true),
  churnRisk: number('m', 'm.churn_risk', true),
  pAlive: number('m', 'm.p_alive', false),
  expectedPurchases: number('m', 'm.expected_purchases', false),
  clv: number('m', 'm.clv', true),
};

// The kinds here and in the contract must agree: the schema validates values by the contract's kinds.
for (const [column, spec] of Object.entries(COLUMN_SQL) as Array<[CustomerColumn, ColumnSql]>) {
  if (spec.kind !== columnKinds[column]) throw new Error(`column ${column}: kind ${spec.kind} ≠ ${columnKinds[column]}`);
}

/** The id column of each table (customers.id equals customer_metrics.customer_id). */
export const ID_SQL: Record<Alias, string> = { c: 'c.id', m: 'm.customer_id' };

export const FROM_SQL: Record<Alias, string> = { c: 'customers c', m: 'customer_metrics m' };
