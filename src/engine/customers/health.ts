import type { HealthReport } from '../../shared/customer-schemas';
import type { Db } from '../db/open-workspace';
import type { HealthJobInput, JobControl } from '../kernel/jobs';
import { readHealthFacts, type HealthFacts, type HealthStep, type Missing } from './health-repo';

type Check = HealthReport['checks'][number];
type Table = HealthReport['tables'][number];

const share = (count: number, of: number): number => (of > 0 ? Math.round((count / of) * 10_000) / 10_000 : 0);
const pct = (count: number, of: number): string => `${(share(count, of) * 100).toFixed(1)} %`;
const n = (value: number): string => value.toLocaleString('en');
const fence = (value: number | null): string => (value === null ? 'n/a' : String(Math.round(value * 100) / 100));

function missingList(missing: Missing, rows: number): Table['missing'] {
  return Object.entries(missing).map(([column, count]) => ({ column, count, share: share(count, rows) }));
}

function tables(f: HealthFacts): Table[] {
  const outlier = (column: string, count: number, value: number | null) => ({
    column,
    count,
    rule: `above Q3 + 3 × IQR (${fence(value)})`,
  });
  return [
    {
      table: 'customers',
      label: 'Customers',
      rows: f.customers.rows,
      dateFrom: f.customers.dateFrom,
      dateTo: f.customers.dateTo,
      missing: missingList(f.customers.missing, f.customers.rows),
      duplicates: f.customers.sharedEmail,
      outliers: [],
    },
    {
      table: 'products',
      label: 'Products',
      rows: f.products.rows,
      dateFrom: null,
      dateTo: null,
      missing: missingList(f.products.missing, f.products.rows),
      duplicates: f.products.sharedName,
      outliers: [outlier('price', f.products.priceOutliers, f.products.priceFence)],
    },
    {
      table: 'orders',
      label: 'Orders',
      rows: f.orders.rows,
      dateFrom: f.orders.dateFrom,
      dateTo: f.orders.dateTo,
      missing: missingList(f.orders.missing, f.orders.rows),
      duplicates: f.orders.sameCustomerAndTime,
      outliers: [],
    },
    {
      table: 'order_lines',
      label: 'Order lines',
      rows: f.orderLines.rows,
      dateFrom: f.orders.dateFrom,
      dateTo: f.orders.dateTo,
      missing: missingList(f.orderLines.missing, f.orderLines.rows),
      duplicates: f.orderLines.exactDuplicates,
      outliers: [
        outlier('quantity', f.orderLines.quantityOutliers, f.orderLines.quantityFence),
        outlier('unitPrice', f.orderLines.priceOutliers, f.orderLines.priceFence),
        { column: 'unitPrice', count: f.orderLines.nonPositivePriceInSales, rule: 'zero or negative price in a sale' },
      ],
    },
    {
      table: 'reviews',
      label: 'Reviews',
      rows: f.reviews.rows,
      dateFrom: f.reviews.dateFrom,
      dateTo: f.reviews.dateTo,
      missing: missingList(f.reviews.missing, f.reviews.rows),
      duplicates: f.reviews.duplicates,
      outliers: [],
    },
    {
      table: 'campaign_results',
      label: 'Campaign results',
      rows: f.campaignResults.rows,
      dateFrom: f.campaignResults.dateFrom,
      dateTo: f.campaignResults.dateTo,
      missing: missingList(f.campaignResults.missing, f.campaignResults.rows),
      duplicates: 0,
      outliers: [{ column: 'clicked', count: f.campaignResults.funnelGaps, rule: 'clicked without opening, or converted without being sent' }],
    },
  ];
}

/** A check that found nothing is `ok` and needs no action; otherwise it keeps its severity and action. */
function check(id: string, severity: Exclude<Check['severity'], 'ok'>, count: number, title: string, detail: string, action: string): Check {
  return count > 0 ? { id, severity, title, count, detail, action } : { id, severity: 'ok', title, count, detail, action: null };
}

function checks(f: HealthFacts): Check[] {
  const { customers: c, orders: o, orderLines: l, reviews: r } = f;
  if (c.rows + o.rows === 0) {
    return [
      {
        id: 'empty-workspace',
        severity: 'problem',
        title: 'The workspace is empty',
        count: 0,
        detail: 'There are no customers or orders yet, so there is nothing to analyse.',
        action: 'Load the demo shop to look around, or import your customers and orders (CSV, Excel or JSON Lines).',
      },
    ];
  }
  const returnsShare = share(o.returns, o.sales);
  const future = c.futureSignups + o.future + r.future;
  return [
    check('customers-without-orders', 'info', c.withoutOrders, 'Customers without orders',
      `${n(c.withoutOrders)} customers (${pct(c.withoutOrders, c.rows)}) have never bought anything.`,
      'Invite them with a first-purchase or welcome campaign; if they should have orders, import the orders file.'),
    check('guest-orders', 'info', o.guest, 'Orders without a customer (guest checkouts)',
      `${n(o.guest)} orders (${pct(o.guest, o.rows)}) have no customer. They count in revenue, not in customer figures.`,
      'Nothing to fix: guest checkouts are normal. Map a customer id column on import if your shop has one.'),
    {
      id: 'returns-share',
      severity: returnsShare > 0.25 ? 'problem' : returnsShare > 0.1 ? 'warning' : o.returns > 0 ? 'info' : 'ok',
      title: 'Returns',
      count: o.returns,
      detail: `${n(o.returns)} returns for ${n(o.sales)} sales (${pct(o.returns, o.sales)}).`,
      action:
        returnsShare > 0.1
          ? 'More than one return in ten sales: look at the most returned products and what their reviews say.'
          : null,
    },
    check('reviews-unknown-products', 'warning', r.unknownProduct, 'Reviews of unknown products',
      `${n(r.unknownProduct)} reviews do not point to a product in the catalogue.`,
      'Import the products file (or map the SKU column of the reviews file) so reviews link to products.'),
    check('future-dates', 'problem', future, 'Dates in the future',
      `${n(c.futureSignups)} sign-ups, ${n(o.future)} orders and ${n(r.future)} reviews are dated after today.`,
      'Check the date format of the import (day and month swapped?), then undo it and import again with the right format.'),
    check('pseudonymised-customers', 'info', c.pseudonymised, 'Customers with a pseudonymised identity',
      `${n(c.pseudonymised)} customers have e-mail, name or phone replaced by keyed hashes.`,
      'Nothing to fix: they are analysed like everyone else, but cannot be contacted or revealed from Localyst.'),
    check('shared-emails', 'warning', c.sharedEmail, 'Customers sharing an e-mail address',
      `${n(c.sharedEmail)} customers share their e-mail address with another customer record.`,
      'Merge the duplicate accounts in your shop system, then import the customers again.'),
    check('duplicate-order-lines', 'warning', l.exactDuplicates, 'Order lines imported twice',
      `${n(l.exactDuplicates)} order lines are identical to an earlier line of the same order.`,
      'Check whether the source file repeats rows; if so, fix it, undo the import and import again.'),
    check('line-outliers', 'info', l.quantityOutliers + l.priceOutliers, 'Unusual quantities or prices',
      `${n(l.quantityOutliers)} lines have a quantity above ${fence(l.quantityFence)} and ${n(l.priceOutliers)} a unit price above ${fence(l.priceFence)}.`,
      'Look at a few: bulk orders are fine, a typing error (10000 instead of 1, cents instead of euros) inflates revenue.'),
    check('non-positive-prices', 'warning', l.nonPositivePriceInSales, 'Sales with a zero or negative price',
      `${n(l.nonPositivePriceInSales)} lines of sales have a unit price of zero or less; they are left out of revenue.`,
      'If they are discounts or gifts, nothing to do; otherwise correct the prices at the source and import again.'),
  ];
}

/** The data-health report: per table counts, ranges, gaps, duplicates and outliers, then checks with what to do. */
export function healthReport(db: Db, today: string, beforeStep?: (step: HealthStep, done: number) => void): HealthReport {
  const facts = readHealthFacts(db, today, beforeStep);
  return { tables: tables(facts), checks: checks(facts) };
}

export type { HealthJobInput };

/** The `customers.health` job: the report read table by table in a worker, with progress and cancellation between tables. */
export function healthJob(db: Db, input: HealthJobInput, control: JobControl): HealthReport {
  const report = healthReport(db, input.today, (step, done) => {
    control.checkCancelled();
    control.progress({ fraction: done, stage: step.stage, message: `Checking ${step.stage.toLowerCase()}` });
  });
  control.checkCancelled();
  control.progress({ fraction: 1, stage: 'Done', message: 'Checked every table' });
  return report;
}
