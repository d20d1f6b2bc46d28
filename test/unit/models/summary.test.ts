import { describe, expect, it } from 'vitest';
import { calibrationHoldout, dayNumber, summariseTransactions, type Transaction } from '../../../src/engine/models/clv/summary';
import { readCdnowSampleTransactions, readCdnowSummaryWithSpend } from './cdnow';

describe('summariseTransactions on the CDNOW 1/10th sample', () => {
  const transactions = readCdnowSampleTransactions();
  const ours = summariseTransactions(transactions, { calibrationEnd: '1997-09-30', unit: 'weeks' });
  const published = readCdnowSummaryWithSpend();
  const byId = new Map(ours.map((r) => [r.id, r]));

  it('finds the same 2,357 customers and the same totals as the published summary', () => {
    expect(transactions).toHaveLength(6919);
    expect(ours).toHaveLength(published.length);
    expect(published).toHaveLength(2357);
    const sum = (rows: Array<{ x: number }>): number => rows.reduce((s, r) => s + r.x, 0);
    expect(sum(ours)).toBe(sum(published));
    expect(ours.filter((r) => r.x > 0)).toHaveLength(946);
    const totalT = (rows: Array<{ T: number }>): number => rows.reduce((s, r) => s + r.T, 0);
    expect(Math.abs(totalT(ours) - totalT(published))).toBeLessThan(0.005 * published.length);
  });

  it('reproduces every customer: x exactly, t_x and T to the published 0.01 weeks, mean repeat spend to the cent', () => {
    const mismatches: string[] = [];
    for (const p of published) {
      const o = byId.get(p.id);
      if (!o) {
        mismatches.push(`${p.id}: missing`);
        continue;
      }
      // The published file rounds half-cents and hundredths of a week; allow exactly that rounding and no more.
      const close = (a: number, b: number): boolean => Math.abs(a - b) <= 0.005 + 1e-9;
      if (o.x !== p.x || !close(o.tx, p.tx) || !close(o.T, p.T) || !close(o.monetary, p.monetary)) mismatches.push(`${p.id}: ${JSON.stringify(o)} vs ${JSON.stringify(p)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('customer 1 (first bought 1997-01-01, again 01-18 and 08-02, then 12-12 after calibration) spelt out', () => {
    const c = byId.get('1');
    expect(c).toMatchObject({ x: 2, firstPurchase: '1997-01-01', lastPurchase: '1997-08-02' });
    expect(c?.tx).toBeCloseTo(213 / 7, 12);
    expect(c?.T).toBeCloseTo(272 / 7, 12);
    expect(c?.monetary).toBeCloseTo((29.73 + 14.96) / 2, 12);
  });
});

describe('summariseTransactions: the definitions', () => {
  const t = (customerId: string, date: string, value: number): Transaction => ({ customerId, date, value });

  it('collapses purchases on the same day into one, adds their values, and leaves the first purchase out of the spend', () => {
    const rows = summariseTransactions(
      [t('a', '2024-01-01', 10), t('a', '2024-01-01', 5), t('a', '2024-01-08', 20), t('a', '2024-01-08T18:30:00Z', 4), t('a', '2024-01-22', 30)],
      { calibrationEnd: '2024-01-29', unit: 'days' },
    );
    expect(rows).toEqual([{ id: 'a', x: 2, tx: 21, T: 28, monetary: (24 + 30) / 2, firstPurchase: '2024-01-01', lastPurchase: '2024-01-22' }]);
  });

  it('measures in weeks as days/7, ignores purchases after the calibration end and customers who start after it', () => {
    const rows = summariseTransactions([t('a', '2024-01-01', 10), t('a', '2024-01-04', 10), t('a', '2024-03-01', 10), t('b', '2024-02-01', 10)], {
      calibrationEnd: '2024-01-15',
      unit: 'weeks',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'a', x: 1, monetary: 10 });
    expect(rows[0]?.tx).toBeCloseTo(3 / 7, 14);
    expect(rows[0]?.T).toBeCloseTo(2, 14);
  });

  it('a one-time buyer has x = 0, t_x = 0 and no repeat spend', () => {
    const [row] = summariseTransactions([t('a', '2024-01-05', 99)], { calibrationEnd: '2024-01-15', unit: 'days' });
    expect(row).toMatchObject({ x: 0, tx: 0, T: 10, monetary: 0 });
  });

  it('rejects impossible dates with the transaction number', () => {
    expect(() => summariseTransactions([t('a', '2024-02-30', 1)], { calibrationEnd: '2024-03-01', unit: 'days' })).toThrow(/Transaction 1/);
    expect(() => summariseTransactions([], { calibrationEnd: '30/09/1997', unit: 'days' })).toThrow(/YYYY-MM-DD/);
    expect(dayNumber('1997-09-30')! - dayNumber('1997-01-01')!).toBe(272);
  });
});

describe('calibrationHoldout', () => {
  it('counts each CDNOW customer’s purchase days in the 39-week holdout (1997-10-01 … 1998-06-30)', () => {
    const transactions = readCdnowSampleTransactions();
    const rows = calibrationHoldout(transactions, { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', unit: 'weeks' });
    expect(rows).toHaveLength(2357);
    expect(rows[0]?.holdoutDuration).toBeCloseTo(273 / 7, 12);
    // An independent count: distinct (customer, day) pairs strictly after the calibration end.
    const pairs = new Set(transactions.filter((t) => t.date > '1997-09-30' && t.date <= '1998-06-30').map((t) => `${t.customerId}|${t.date}`));
    expect(rows.reduce((s, r) => s + r.holdoutPurchases, 0)).toBe(pairs.size);
    // Customer 1's only holdout purchase is 1997-12-12, for $26.48.
    expect(rows.find((r) => r.id === '1')).toMatchObject({ holdoutPurchases: 1, holdoutMonetary: 26.48 });
  });

  it('refuses an observation end that is not after the calibration end', () => {
    expect(() => calibrationHoldout([], { calibrationEnd: '1997-09-30', observationEnd: '1997-09-30', unit: 'weeks' })).toThrow(/after the calibration end/);
  });
});
