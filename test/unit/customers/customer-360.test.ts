import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCustomer360 } from '../../../src/engine/customers/customer-360-repo';
import { refreshCustomerMetrics } from '../../../src/engine/customers/metrics';
import { TIMELINE_LIMIT } from '../../../src/shared/customer-schemas';
import { one, scalar, testWorkspace, type TestWorkspace } from './helpers';

let tw: TestWorkspace;
const CUSTOMER = 1;
const QUIET = 2;

/** One loyal customer with 250 orders over two years, three returns, two reviews and two campaigns; and a quiet one. */
function fill(db: TestWorkspace['db']): void {
  db.exec(`
    INSERT INTO products (id, sku, name, category, price) VALUES (1, 'CANDLE', 'Neroli candle', 'Candles', 20), (2, 'MUG', 'Terracotta mug', 'Kitchen', 10), (3, 'GIFT', 'Gift card', NULL, 25);
    INSERT INTO customers (id, external_id, email, first_name, last_name, phone, country, city, signup_date, created_at)
      VALUES (1, '17850', 'jan.jansen@example.com', 'Jan', 'Jansen', '+31 6 12344821', 'NL', 'Utrecht', '2024-01-01', '2024-01-01T00:00:00'),
             (2, '17851', 'quiet@example.com', 'Quiet', 'Person', NULL, 'BE', 'Gent', '2024-02-01', '2024-02-01T00:00:00');
    INSERT INTO campaigns (id, external_id, name, channel, sent_at) VALUES (1, 'C1', 'Spring', 'email', '2025-03-01T09:00:00'), (2, 'C2', 'Autumn', 'email', '2025-09-01T09:00:00');
    INSERT INTO campaign_results (campaign_id, customer_id, sent, opened, clicked, converted, revenue) VALUES (1, 1, 1, 1, 1, 1, 42.5), (2, 1, 1, 1, 0, 0, 0);
  `);
  const order = db.prepare("INSERT INTO orders (id, external_id, customer_id, ordered_at, kind, returns_order_id) VALUES (?, ?, 1, ?, ?, ?)");
  const line = db.prepare('INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)');
  const start = Date.parse('2024-01-01T10:00:00Z');
  for (let i = 1; i <= 250; i++) {
    const at = new Date(start + i * 2.5 * 86_400_000).toISOString().slice(0, 19);
    order.run(i, `O${i}`, at, 'sale', null);
    line.run(i, 1, 1, 1 + (i % 3), 20);
    if (i % 2 === 0) line.run(i, 2, 2, 2, 10);
    if (i % 50 === 0) line.run(i, 3, 3, 1, 0); // a free gift: not revenue
  }
  for (let r = 1; r <= 3; r++) {
    const id = 1000 + r;
    order.run(id, `R${r}`, new Date(start + (r * 50 + 3) * 2.5 * 86_400_000).toISOString().slice(0, 19), 'return', r * 50);
    line.run(id, 1, 1, -1, 20);
  }
  db.exec(`
    INSERT INTO reviews (external_id, customer_id, product_id, order_id, rating, title, body, reviewed_at)
      VALUES ('RV1', 1, 1, 10, 5, 'Lovely scent', 'Fills the room.', '2024-02-10T12:00:00'),
             ('RV2', 1, 2, 20, 2, 'Chipped', 'Arrived broken.', '2025-06-01T12:00:00');
  `);
  db.transaction(() => refreshCustomerMetrics(db))();
}

beforeAll(async () => {
  tw = await testWorkspace();
  fill(tw.db);
});
afterAll(() => tw.dispose());

describe('customers.get (the customer 360)', () => {
  it('caps the timeline at 200 events, newest first, and counts them all', () => {
    const view = readCustomer360(tw.db, CUSTOMER);
    expect(view.timelineTotal).toBe(250 + 3 + 2 + 2);
    expect(view.timeline).toHaveLength(TIMELINE_LIMIT);
    const times = view.timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times[0]).toBe(one<{ at: string }>(tw.db, 'SELECT max(ordered_at) AS at FROM orders').at);
  });

  it('shows each order with its value (free lines left out) and item count, returns as negative amounts', () => {
    const view = readCustomer360(tw.db, CUSTOMER);
    const o250 = view.timeline.find((e) => e.title === 'Order O250');
    // 250 % 3 = 1 → 2 candles at 20, two mugs at 10, one free gift card.
    expect(o250).toMatchObject({ type: 'order', amount: 60, detail: '5 items', rating: null });
    const r3 = view.timeline.find((e) => e.title === 'Return R3');
    expect(r3).toMatchObject({ type: 'return', amount: -20, detail: '1 item' });
    const spring = view.timeline.find((e) => e.title === 'Spring');
    expect(spring).toMatchObject({ type: 'campaign', amount: 42.5, detail: 'email: sent, opened, clicked, converted', at: '2025-03-01T09:00:00' });
    const autumn = view.timeline.find((e) => e.title === 'Autumn');
    expect(autumn).toMatchObject({ amount: null, detail: 'email: sent, opened' });
    const chipped = view.timeline.find((e) => e.type === 'review');
    expect(chipped).toMatchObject({ title: 'Chipped', rating: 2, detail: 'Terracotta mug' });
  });

  it('sums spend by month and by category to the customer revenue', () => {
    const view = readCustomer360(tw.db, CUSTOMER);
    const revenue = scalar(tw.db, 'SELECT revenue FROM customer_metrics WHERE customer_id = 1');
    expect(view.customer.revenue).toBe(revenue);
    const byMonth = view.spendByMonth.reduce((s, m) => s + m.revenue, 0);
    expect(byMonth).toBeCloseTo(revenue, 2);
    expect(view.spendByMonth.map((m) => m.month)).toEqual([...view.spendByMonth.map((m) => m.month)].sort());
    expect(view.categories.map((c) => c.category)).toEqual(['Candles', 'Kitchen']);
    expect(view.categories.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(revenue, 2);
    expect(view.categories.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 3);
    const kitchen = scalar(tw.db, "SELECT sum(quantity * unit_price) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.kind = 'sale' AND l.product_id = 2");
    expect(view.categories[1]?.revenue).toBeCloseTo(kitchen, 2);
  });

  it('counts reviews and campaign touches', () => {
    const view = readCustomer360(tw.db, CUSTOMER);
    expect(view.reviews).toEqual({ count: 2, avgRating: 3.5 });
    expect(view.campaigns).toEqual({ sent: 2, opened: 2, clicked: 1, converted: 1 });
    expect(view.customer).toMatchObject({ customerId: '17850', name: 'J. J•••', email: 'j•••@e•••.com', phone: '•••• 4821', orders: 250, returns: 3 });
  });

  it('answers for a customer without any history', () => {
    const view = readCustomer360(tw.db, QUIET);
    expect(view).toMatchObject({
      timeline: [],
      timelineTotal: 0,
      spendByMonth: [],
      categories: [],
      reviews: { count: 0, avgRating: null },
      campaigns: { sent: 0, opened: 0, clicked: 0, converted: 0 },
    });
    expect(view.customer).toMatchObject({ orders: 0, revenue: 0, avgOrderValue: null, firstOrderDate: null });
  });
});
