import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFeatures, defaultCutoff } from '../../../src/engine/models/features';
import { testWorkspace, type TestWorkspace } from '../customers/helpers';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await testWorkspace({ customers: 1500, seed: 11 });
});
afterAll(() => ws.dispose());

describe('propensity features at a cutoff', () => {
  it('do not change when everything after the cutoff is deleted (nothing leaks from the future)', () => {
    const { cutoff } = defaultCutoff(ws.db, 90);
    const before = computeFeatures(ws.db, cutoff, { label: { kind: 'churn' }, horizonDays: 90 });
    expect(before.table.rows.length).toBeGreaterThan(500);
    const end = `${cutoff}T23:59:59.999`;
    try {
      ws.db.transaction(() => {
        ws.db.prepare('DELETE FROM orders WHERE ordered_at > ?').run(end);
        ws.db.prepare('DELETE FROM reviews WHERE reviewed_at > ?').run(end);
        ws.db.prepare('DELETE FROM campaigns WHERE sent_at > ?').run(end);
        const after = computeFeatures(ws.db, cutoff);
        expect(after.columns).toEqual(before.columns);
        expect(after.customerIds).toEqual(before.customerIds);
        expect(after.table).toEqual(before.table);
        throw new Error('rollback');
      })();
    } catch (error) {
      if ((error as Error).message !== 'rollback') throw error;
    }
  });

  it('labels churn as no sale order in the horizon, and purchase as buying the category in it', () => {
    const { cutoff } = defaultCutoff(ws.db, 60);
    const churn = computeFeatures(ws.db, cutoff, { label: { kind: 'churn' }, horizonDays: 60 });
    const category = churn.columns.categories[0] as string;
    const purchase = computeFeatures(ws.db, cutoff, { label: { kind: 'purchase', category }, horizonDays: 60 });
    const labelEnd = new Date(Date.parse(`${cutoff}T00:00:00Z`) + 61 * 86_400_000).toISOString().slice(0, 10);
    const boughtAgain = new Set(
      ws.db
        .prepare("SELECT DISTINCT customer_id FROM orders WHERE kind = 'sale' AND ordered_at > ? AND ordered_at < ?")
        .pluck()
        .all(`${cutoff}T23:59:59.999`, labelEnd) as number[],
    );
    const boughtCategory = new Set(
      ws.db
        .prepare(
          `SELECT DISTINCT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
            WHERE o.kind = 'sale' AND l.quantity > 0 AND p.category = ? AND o.ordered_at > ? AND o.ordered_at < ?`,
        )
        .pluck()
        .all(category, `${cutoff}T23:59:59.999`, labelEnd) as number[],
    );
    churn.customerIds.forEach((id, i) => expect(churn.labels?.[i]).toBe(boughtAgain.has(id) ? 0 : 1));
    purchase.customerIds.forEach((id, i) => expect(purchase.labels?.[i]).toBe(boughtCategory.has(id) ? 1 : 0));
    const rate = (churn.labels ?? []).reduce((a, b) => a + b, 0) / churn.customerIds.length;
    expect(rate).toBeGreaterThan(0.3);
    expect(rate).toBeLessThan(0.98);
  });

  it('computes recency, orders, gaps and returns as a hand count does', () => {
    const { cutoff } = defaultCutoff(ws.db, 90);
    const set = computeFeatures(ws.db, cutoff);
    const col = (name: string): number => set.table.columns.indexOf(name);
    const i = set.customerIds.findIndex((_, k) => (set.table.rows[k]?.[col('orders')] as number) >= 4);
    expect(i).toBeGreaterThanOrEqual(0);
    const id = set.customerIds[i] as number;
    const row = set.table.rows[i] ?? [];
    const end = `${cutoff}T23:59:59.999`;
    const days = ws.db.prepare("SELECT ordered_at FROM orders WHERE customer_id = ? AND kind = 'sale' AND ordered_at <= ? ORDER BY ordered_at").pluck().all(id, end) as string[];
    const jd = (s: string): number => Date.parse(s.endsWith('Z') ? s : `${s}Z`) / 86_400_000;
    const cutEnd = Date.parse(`${cutoff}T00:00:00Z`) / 86_400_000 + 1;
    expect(row[col('orders')]).toBe(days.length);
    expect(row[col('recency_days')]).toBe(Math.floor(cutEnd - jd(days.at(-1) as string)));
    const gaps = days.slice(1).map((d, k) => jd(d) - jd(days[k] as string));
    expect(row[col('gap_mean_days')] as number).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / gaps.length, 6);
    const returns = ws.db.prepare("SELECT count(*) FROM orders WHERE customer_id = ? AND kind = 'return' AND ordered_at <= ?").pluck().get(id, end) as number;
    expect(row[col('returns')]).toBe(returns);
  });

  it('refuses a horizon longer than the history allows, saying what is needed', () => {
    expect(() => defaultCutoff(ws.db, 2000)).toThrow(/too short for a 2000-day horizon/);
  });
});
