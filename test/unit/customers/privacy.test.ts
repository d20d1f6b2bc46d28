import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { readCustomer360 } from '../../../src/engine/customers/customer-360-repo';
import { readCustomerPage } from '../../../src/engine/customers/customers-repo';
import { eraseCustomer, revealCustomer } from '../../../src/engine/customers/privacy-repo';
import { customerPageInputSchema } from '../../../src/shared/customer-schemas';
import { AppError } from '../../../src/shared/errors';
import { addOddCustomers, all, one, scalar, testWorkspace, type TestWorkspace } from './helpers';

type Person = { id: number; external_id: string; email: string; first_name: string; last_name: string; phone: string | null };

/** Every table's text, as one string: to search for personal data anywhere a row could keep it. */
function everything(tw: TestWorkspace, tables: string[]): string {
  return tables.map((t) => JSON.stringify(all(tw.db, `SELECT * FROM ${t}`))).join('\n');
}

describe('reveal', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 300, seed: 2 });
  });
  afterAll(() => tw.dispose());

  it('returns the real values and writes customer.revealed with the internal id and no personal data', () => {
    const p = one<Person>(tw.db, 'SELECT * FROM customers WHERE phone IS NOT NULL LIMIT 1');
    const before = scalar(tw.db, 'SELECT count(*) FROM audit_log');
    const revealed = revealCustomer(tw.db, p.id);
    expect(revealed).toEqual({ id: p.id, firstName: p.first_name, lastName: p.last_name, email: p.email, phone: p.phone });
    const entries = all<{ action: string; subject: string; detail_json: string }>(tw.db, 'SELECT * FROM audit_log ORDER BY id');
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({ action: 'customer.revealed', subject: String(p.id) });
    for (const pii of [p.email, p.first_name, p.last_name, p.phone as string]) expect(JSON.stringify(entry)).not.toContain(pii);
  });

  it('masks the same customer in customers.get', () => {
    const p = one<Person>(tw.db, 'SELECT * FROM customers WHERE phone IS NOT NULL LIMIT 1');
    const view = readCustomer360(tw.db, p.id);
    expect(view.customer.email).not.toBe(p.email);
    expect(view.customer.email?.startsWith(p.email[0] as string)).toBe(true);
    expect(view.customer.name).toBe(`${p.first_name[0]}. ${p.last_name[0]}•••`);
    expect(view.customer.phone).toBe(`•••• ${(p.phone as string).replace(/\D/g, '').slice(-4)}`);
    expect(JSON.stringify(view)).not.toContain(p.email);
  });

  it('is not-found for an unknown id and writes nothing', () => {
    const before = scalar(tw.db, 'SELECT count(*) FROM audit_log');
    expect(() => revealCustomer(tw.db, 999_999)).toThrow(AppError);
    expect(scalar(tw.db, 'SELECT count(*) FROM audit_log')).toBe(before);
  });
});

describe('erase', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 400, seed: 9 });
    addOddCustomers(tw.db);
  });
  afterAll(() => tw.dispose());

  /** A demo customer with orders, a return, a review and campaign results. */
  const busyCustomer = (): Person =>
    one<Person>(
      tw.db,
      `SELECT c.* FROM customers c WHERE c.phone IS NOT NULL
         AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'return')
         AND EXISTS (SELECT 1 FROM reviews r WHERE r.customer_id = c.id)
         AND EXISTS (SELECT 1 FROM campaign_results k WHERE k.customer_id = c.id)
       ORDER BY c.id LIMIT 1`,
    );

  it('removes the customer and everything derived from them, and reports the counts', () => {
    const p = busyCustomer();
    const expected = {
      customerId: p.external_id,
      orders: scalar(tw.db, 'SELECT count(*) FROM orders WHERE customer_id = ?', p.id),
      orderLines: scalar(tw.db, 'SELECT count(*) FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)', p.id),
      reviews: scalar(tw.db, 'SELECT count(*) FROM reviews WHERE customer_id = ?', p.id),
      campaignResults: scalar(tw.db, 'SELECT count(*) FROM campaign_results WHERE customer_id = ?', p.id),
    };
    const orderIds = all<{ id: number }>(tw.db, 'SELECT id FROM orders WHERE customer_id = ?', p.id).map((o) => o.id);
    const others = scalar(tw.db, 'SELECT count(*) FROM customers') - 1;
    const otherLines = scalar(tw.db, 'SELECT count(*) FROM order_lines') - expected.orderLines;

    expect(eraseCustomer(tw.db, p.id)).toMatchObject({ ...expected, savedCopy: 0, jobs: 0, redacted: 0, log: { cleared: true } });
    expect(scalar(tw.db, 'SELECT count(*) FROM customers WHERE id = ?', p.id)).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM customer_metrics WHERE customer_id = ?', p.id)).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM orders WHERE customer_id = ?', p.id)).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?))', JSON.stringify(orderIds))).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM reviews WHERE customer_id = ?', p.id)).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM campaign_results WHERE customer_id = ?', p.id)).toBe(0);
    // Nobody else lost anything.
    expect(scalar(tw.db, 'SELECT count(*) FROM customers')).toBe(others);
    expect(scalar(tw.db, 'SELECT count(*) FROM order_lines')).toBe(otherLines);
    expect(all(tw.db, 'PRAGMA foreign_key_check')).toEqual([]);
    // No personal data is left anywhere: not in the records, nor in the audit log.
    const text = everything(tw, ['customers', 'orders', 'reviews', 'campaign_results', 'customer_metrics', 'import_changes', 'audit_log', 'jobs', 'settings']);
    for (const pii of [p.email, p.phone as string, p.external_id]) expect(text).not.toContain(pii);
    // Names are not unique, so they are looked for in the audit log only.
    const audit = everything(tw, ['audit_log']);
    for (const pii of [p.first_name, p.last_name]) expect(audit).not.toContain(pii);
    const entry = one<{ action: string; subject: string; detail_json: string }>(tw.db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(entry.action).toBe('customer.erased');
    expect(entry.subject).toBe(String(p.id));
    const { customerId: _, ...counts } = expected;
    expect(JSON.parse(entry.detail_json)).toEqual({ ...counts, savedCopy: 0, jobs: 0, redacted: 0 });
  });

  it('cascades through the foreign keys as well (a direct delete leaves no orphans)', () => {
    expect(tw.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const p = busyCustomer();
    tw.db.prepare('DELETE FROM customers WHERE id = ?').run(p.id);
    for (const t of ['orders', 'reviews', 'campaign_results', 'customer_metrics']) {
      expect(scalar(tw.db, `SELECT count(*) FROM ${t} WHERE customer_id = ?`, p.id), t).toBe(0);
    }
    expect(scalar(tw.db, 'SELECT count(*) FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders)')).toBe(0);
  });

  it('forgets the undo images an import kept of the customer, so an undo cannot bring them back', () => {
    const p = busyCustomer();
    const order = one<{ id: number; external_id: string }>(tw.db, 'SELECT id, external_id FROM orders WHERE customer_id = ? LIMIT 1', p.id);
    tw.db.prepare("INSERT INTO imports (kind, file_name, status, created_at) VALUES ('customers', 'x.csv', 'done', '2026-01-01')").run();
    const importId = scalar(tw.db, 'SELECT max(id) FROM imports');
    const remember = tw.db.prepare('INSERT INTO import_changes (import_id, table_name, row_key, before_json) VALUES (?, ?, ?, ?)');
    remember.run(importId, 'customers', JSON.stringify([p.external_id]), JSON.stringify({ email: p.email, first_name: p.first_name }));
    remember.run(importId, 'orders', JSON.stringify([order.external_id]), JSON.stringify({ customer_id: p.id }));
    remember.run(importId, 'order_lines', JSON.stringify([order.id, 1]), JSON.stringify({ deleted: true, quantity: 1 }));
    remember.run(importId, 'campaign_results', JSON.stringify([1, p.id]), JSON.stringify({ opened: 1 }));
    remember.run(importId, 'customers', JSON.stringify(['someone-else']), JSON.stringify({ email: 'other@example.com' }));
    eraseCustomer(tw.db, p.id);
    const left = all<{ row_key: string }>(tw.db, 'SELECT row_key FROM import_changes WHERE import_id = ?', importId);
    expect(left).toEqual([{ row_key: '["someone-else"]' }]);
    expect(everything(tw, ['import_changes'])).not.toContain(p.email);
  });

  it('erases a customer without orders, and is not-found for an unknown id', () => {
    const x = one<{ id: number }>(tw.db, "SELECT id FROM customers WHERE external_id = 'X-1'");
    expect(eraseCustomer(tw.db, x.id)).toMatchObject({ customerId: 'X-1', orders: 0, orderLines: 0, reviews: 0, campaignResults: 0 });
    expect(() => eraseCustomer(tw.db, x.id)).toThrowError(expect.objectContaining({ code: 'not-found' }) as Error);
  });

  it('keeps the explorer consistent: the erased customer is gone from pages and totals', () => {
    const input = customerPageInputSchema.parse({ offset: 0, limit: 1000, sort: [{ field: 'revenue', dir: 'desc' }] });
    const before = readCustomerPage(tw.db, input);
    const victim = before.rows[3] as { id: number };
    eraseCustomer(tw.db, victim.id);
    const after = readCustomerPage(tw.db, input);
    expect(after.total).toBe(before.total - 1);
    expect(after.rows.map((r) => r.id)).not.toContain(victim.id);
  });
});

describe('the privacy channels through the engine', () => {
  let tw: TestWorkspace;
  let engine: Engine;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 100, seed: 4 });
    tw.db.close();
    engine = await createEngine({ workspaceDir: tw.dir, home: path.join(tw.dir, '..', 'home') });
  });
  afterAll(async () => {
    await engine.close();
    tw.dispose();
  });

  it('answers not-found for unknown ids on get, reveal and erase', async () => {
    for (const channel of ['customers.get', 'customers.reveal', 'customers.erase'] as const) {
      const reply = await engine.invoke(channel, { id: 123_456 });
      expect(reply.ok, channel).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('not-found');
    }
  });

  it('announces the data change after an erase', async () => {
    const events: string[] = [];
    const off = engine.onEvent((event) => events.push(event));
    const reply = await engine.invoke('customers.erase', { id: 1 });
    off();
    expect(reply.ok).toBe(true);
    expect(events).toContain('workspace.changed');
  });
});
