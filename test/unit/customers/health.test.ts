import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine';
import Database from 'better-sqlite3-multiple-ciphers';
import { healthJob, healthReport } from '../../../src/engine/customers/health';
import { localDay } from '../../../src/engine/kernel/exports';
import { healthReportSchema, type HealthReport } from '../../../src/shared/customer-schemas';
import { demoEngine, invokeValue, nextJobDone, type DemoEngine } from '../engine-helpers';
import { addOddCustomers, all, scalar, testWorkspace, type TestWorkspace } from './helpers';

const TODAY = '2026-11-28';
let tw: TestWorkspace;
let report: HealthReport;

/** Problems a real shop export has, planted in a demo shop. */
function plantProblems(db: TestWorkspace['db']): void {
  db.exec(`
    UPDATE customers SET email = upper((SELECT email FROM customers WHERE id = 1)) WHERE id IN (2, 3);
    UPDATE customers SET signup_date = '2099-01-01' WHERE id = 4;
    UPDATE orders SET ordered_at = '2099-02-02T10:00:00' WHERE id = (SELECT max(id) FROM orders WHERE kind = 'sale');
    UPDATE reviews SET reviewed_at = '2099-03-03T10:00:00' WHERE id = 1;
    INSERT INTO reviews (external_id, customer_id, product_id, rating, title, reviewed_at) VALUES ('RVX1', 5, NULL, 3, 'What product?', '2025-01-01T00:00:00');
    INSERT INTO orders (id, external_id, customer_id, ordered_at, kind) VALUES (900001, 'GUEST1', NULL, '2025-05-05T10:00:00', 'sale');
    INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES (900001, 1, 1, 1, 12.5), (900001, 2, 1, 1, 12.5), (900001, 3, 2, 1, 0), (900001, 4, 2, 1000, 3), (900001, 5, 3, 1, 9999);
    UPDATE products SET name = (SELECT name FROM products WHERE id = 1) WHERE id = 2;
    UPDATE campaign_results SET opened = 0, clicked = 1
      WHERE (campaign_id, customer_id) IN (SELECT campaign_id, customer_id FROM campaign_results ORDER BY customer_id LIMIT 3);
  `);
}

beforeAll(async () => {
  tw = await testWorkspace({ customers: 1200, seed: 21 });
  addOddCustomers(tw.db);
  plantProblems(tw.db);
  report = healthReport(tw.db, TODAY);
});
afterAll(() => tw.dispose());

const table = (name: string) => report.tables.find((t) => t.table === name) as HealthReport['tables'][number];
const check = (id: string) => report.checks.find((c) => c.id === id) as HealthReport['checks'][number];
const q = (sql: string): number => scalar(tw.db, sql);

/** Tukey's upper fence computed here from every value, independently of the engine. */
function fence(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number): number => {
    const r = p * (s.length - 1);
    const lo = Math.floor(r);
    return (s[lo] as number) + ((s[Math.ceil(r)] as number) - (s[lo] as number)) * (r - lo);
  };
  const iqr = at(0.75) - at(0.25);
  return at(0.75) + 3 * (iqr > 0 ? iqr : Math.abs(at(0.75)));
}

describe('health.report', () => {
  it('counts rows per table like SQL does', () => {
    for (const [name, sql] of [
      ['customers', 'customers'],
      ['products', 'products'],
      ['orders', 'orders'],
      ['order_lines', 'order_lines'],
      ['reviews', 'reviews'],
      ['campaign_results', 'campaign_results'],
    ]) {
      expect(table(name as string).rows, name).toBe(q(`SELECT count(*) FROM ${sql}`));
    }
    expect(table('orders').dateTo).toBe('2099-02-02T10:00:00');
    expect(table('customers').dateFrom).toBe(all<{ d: string }>(tw.db, 'SELECT min(signup_date) AS d FROM customers')[0]?.d);
  });

  it('counts missing values and their share', () => {
    const customers = table('customers');
    const missing = Object.fromEntries(customers.missing.map((m) => [m.column, m]));
    expect(missing.email?.count).toBe(q("SELECT count(*) FROM customers WHERE email IS NULL OR email = ''"));
    expect(missing.phone?.count).toBe(q("SELECT count(*) FROM customers WHERE phone IS NULL OR phone = ''"));
    expect(missing.city?.count).toBe(q("SELECT count(*) FROM customers WHERE city IS NULL OR city = ''"));
    expect(missing.name?.count).toBe(1);
    expect(missing.phone?.share).toBeCloseTo((missing.phone?.count ?? 0) / customers.rows, 4);
    const reviews = Object.fromEntries(table('reviews').missing.map((m) => [m.column, m.count]));
    expect(reviews.product).toBe(1);
  });

  it('finds duplicates: shared e-mails, shared product names, exact duplicate order lines', () => {
    expect(table('customers').duplicates).toBe(3);
    expect(check('shared-emails')).toMatchObject({ severity: 'warning', count: 3 });
    expect(table('products').duplicates).toBe(2);
    expect(table('order_lines').duplicates).toBe(1);
    expect(check('duplicate-order-lines')).toMatchObject({ severity: 'warning', count: 1 });
  });

  it('finds outliers beyond Q3 + 3 × IQR and non-positive prices in sales', () => {
    const quantities = all<{ v: number }>(tw.db, 'SELECT quantity AS v FROM order_lines WHERE quantity > 0').map((r) => r.v);
    const prices = all<{ v: number }>(tw.db, 'SELECT unit_price AS v FROM order_lines WHERE unit_price > 0').map((r) => r.v);
    const [qf, pf] = [fence(quantities), fence(prices)];
    const outliers = table('order_lines').outliers;
    expect(outliers[0]).toMatchObject({ column: 'quantity', count: q(`SELECT count(*) FROM order_lines WHERE quantity > ${qf}`) });
    expect(outliers[1]).toMatchObject({ column: 'unitPrice', count: q(`SELECT count(*) FROM order_lines WHERE unit_price > ${pf}`) });
    expect(outliers[1]?.count).toBeGreaterThan(0);
    expect(outliers[2]).toMatchObject({ count: 1, rule: 'zero or negative price in a sale' });
    expect(check('non-positive-prices')).toMatchObject({ severity: 'warning', count: 1 });
    expect(check('line-outliers').count).toBe((outliers[0]?.count ?? 0) + (outliers[1]?.count ?? 0));
  });

  it('runs the checks with their counts and an action for each finding', () => {
    expect(check('customers-without-orders')).toMatchObject({
      severity: 'info',
      count: q("SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'sale')"),
    });
    expect(check('customers-without-orders').count).toBeGreaterThanOrEqual(8);
    expect(check('guest-orders')).toMatchObject({ severity: 'info', count: 1 });
    expect(check('returns-share').count).toBe(q("SELECT count(*) FROM orders WHERE kind = 'return'"));
    expect(check('reviews-unknown-products')).toMatchObject({ severity: 'warning', count: 1 });
    expect(check('future-dates')).toMatchObject({ severity: 'problem', count: 3 });
    expect(check('pseudonymised-customers')).toMatchObject({ severity: 'info', count: 2 });
    const gaps = q('SELECT count(*) FROM campaign_results WHERE (clicked != 0 AND opened = 0) OR (converted != 0 AND sent = 0)');
    expect(gaps).toBeGreaterThanOrEqual(3);
    expect(table('campaign_results').outliers[0]?.count).toBe(gaps);
    for (const c of report.checks) {
      if (c.severity === 'ok') expect(c.action, c.id).toBeNull();
      if (c.severity === 'warning' || c.severity === 'problem') expect(c.action?.length, c.id).toBeGreaterThan(20);
    }
  });

  it('tells an empty workspace to load the demo or import, through the engine', async () => {
    const empty = await testWorkspace();
    empty.db.close();
    const engine = await createEngine({ workspaceDir: empty.dir, home: path.join(empty.dir, '..', 'home') });
    try {
      const done = nextJobDone<HealthReport>(engine, 'customers.health');
      await invokeValue(engine, 'customers.health', {});
      const value = await done;
      expect(value.tables.every((t) => t.rows === 0)).toBe(true);
      expect(value.checks).toEqual([expect.objectContaining({ id: 'empty-workspace', severity: 'problem' })]);
      expect(value.checks[0]?.action).toMatch(/demo/);
      expect(value.checks[0]?.action).toMatch(/import/);
    } finally {
      await engine.close();
      empty.dispose();
    }
  });
});

describe('customers.health, the job', () => {
  let demo: DemoEngine;
  beforeAll(async () => {
    demo = await demoEngine({ customers: 800, seed: 5 });
  });
  afterAll(() => demo.close());

  it('answers at once with a job whose result is the report computed directly, after progress table by table', async () => {
    const progress: Array<{ fraction: number; stage: string }> = [];
    const changes: string[] = [];
    const jobId = { value: '' };
    const off = demo.engine.onEvent((event, payload) => {
      const p = payload as { jobId: string; fraction: number; stage: string };
      if (event === 'job.progress' && p.jobId === jobId.value) progress.push({ fraction: p.fraction, stage: p.stage });
      if (event === 'workspace.changed') changes.push(event);
    });
    const done = demo.nextDone<HealthReport>('customers.health');
    const started = await demo.value<{ jobId: string }>('customers.health', {});
    jobId.value = started.jobId;
    const result = await done;
    off();
    expect(healthReportSchema.safeParse(result).success).toBe(true);
    const db = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'), { readonly: true });
    try {
      expect(result).toEqual(healthReport(db, localDay(new Date())));
    } finally {
      db.close();
    }
    expect(result.tables.find((t) => t.table === 'customers')?.rows).toBe(800);
    // Progress moved forward through the tables (events may be throttled, so not every stage need arrive).
    expect(progress.length).toBeGreaterThan(0);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const stages = new Set(['Customers', 'Products', 'Orders', 'Order lines', 'Reviews', 'Campaign results', 'Done']);
    for (const p of progress) expect(stages.has(p.stage), p.stage).toBe(true);
    // Reading is not a change: the health tab re-runs the check on data changes, so a change here would loop.
    expect(changes).toEqual([]);
    const info = await demo.value<{ status: string; kind: string }>('jobs.get', { jobId: started.jobId });
    expect(info).toMatchObject({ status: 'done', kind: 'customers.health' });
  });

  it('stops when cancelled before a table, and gives no report', () => {
    const stop = new Error('cancelled by the test');
    const stages: string[] = [];
    const control = {
      progress: (u: { stage: string }) => stages.push(u.stage),
      checkCancelled: () => {
        if (stages.includes('Orders')) throw stop;
      },
    };
    expect(() => healthJob(tw.db, { today: TODAY }, control)).toThrow(stop);
    expect(stages).toEqual(['Customers', 'Products', 'Orders']);
  });
});
