import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohorts, computeCohorts } from '../../../src/engine/analytics/cohorts';
import { channels } from '../../../src/shared/contract';
import { scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { writeHandShop } from './helpers';

describe('cohorts of a hand-built shop', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace();
    writeHandShop(tw.db, [
      // January cohort: A buys in months 0, 1 and 3; B in months 0 and 2 (and returns something in month 1).
      { id: 1, orders: [{ day: '2024-01-05', value: 100 }, { day: '2024-01-25', value: 20 }, { day: '2024-02-14', value: 50 }, { day: '2024-04-15', value: 30 }] },
      { id: 2, orders: [{ day: '2024-01-20', value: 40 }, { day: '2024-02-02', value: 40, kind: 'return' }, { day: '2024-03-09', value: 60 }] },
      // February cohort: C buys twice in month 0 and once in month 1.
      { id: 3, orders: [{ day: '2024-02-10', value: 10 }, { day: '2024-02-28', value: 15 }, { day: '2024-03-31', value: 25 }] },
      // Never bought: in no cohort.
      { id: 4, orders: [] },
    ]);
  });
  afterAll(() => tw.dispose());

  it('counts cohort sizes and the share buying in each month since acquisition', () => {
    const result = computeCohorts(tw.db, { metric: 'retention', maxMonths: 24, currency: 'EUR' });
    expect(channels['analytics.cohorts'].output.safeParse(result).success).toBe(true);
    expect(result.asOf).toBe('2024-04-15');
    expect(result.lastMonthPartial).toBe(true);
    expect(result.columns).toBe(4);
    const [january, february] = result.cohorts;
    expect(january).toMatchObject({ cohort: '2024-01', size: 2, active: [2, 1, 1, 1], retention: [1, 0.5, 0.5, 0.5] });
    // A return is not a purchase: B is not active in February.
    expect(january?.revenue).toEqual([160, 50, 60, 30]);
    expect(january?.revenuePerCustomer).toEqual([80, 25, 30, 15]);
    expect(february).toMatchObject({ cohort: '2024-02', size: 1, active: [1, 1, 0], retention: [1, 1, 0], revenue: [25, 25, 0] });
    expect(january?.values).toEqual(january?.retention);
    // Customer-weighted: month 1 is (1 + 1) / 3; month 3 only the January cohort has reached.
    expect(result.average).toEqual([1, 2 / 3, 1 / 3, 0.5]);
  });

  it('gives the chosen metric as values and stops at maxMonths', () => {
    const revenue = computeCohorts(tw.db, { metric: 'revenue', maxMonths: 2, currency: 'EUR' });
    expect(revenue.columns).toBe(3);
    expect(revenue.cohorts[0]?.values).toEqual([160, 50, 60]);
    expect(revenue.average).toEqual([92.5, 37.5, 30]); // mean per cohort
    const perCustomer = computeCohorts(tw.db, { metric: 'revenuePerCustomer', maxMonths: 24, currency: 'EUR' });
    expect(perCustomer.cohorts[1]?.values).toEqual([25, 25, 0]);
    expect(perCustomer.average[0]).toBeCloseTo(185 / 3, 2);
  });

  it('is empty for a workspace without sales', () => {
    const empty = buildCohorts([], [], null, { metric: 'retention', maxMonths: 24, currency: 'EUR' });
    expect(empty).toMatchObject({ asOf: null, columns: 0, cohorts: [], average: [], lastMonthPartial: false });
  });
});

describe('cohorts of the demo shop', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 2000, seed: 3 });
  });
  afterAll(() => tw.dispose());

  it('covers every buying customer and all sales revenue of customers', () => {
    const result = computeCohorts(tw.db, { metric: 'revenue', maxMonths: 120, currency: 'EUR' });
    expect(result.cohorts.reduce((s, c) => s + c.size, 0)).toBe(scalar(tw.db, 'SELECT count(*) FROM customer_metrics WHERE orders > 0'));
    const revenue = result.cohorts.reduce((s, c) => s + c.revenue.reduce((a, b) => a + b, 0), 0);
    expect(revenue).toBeCloseTo(scalar(tw.db, 'SELECT sum(revenue) FROM customer_metrics'), 0);
    for (const c of result.cohorts) {
      expect(c.retention[0]).toBe(1);
      expect(c.retention.every((r) => r >= 0 && r <= 1)).toBe(true);
    }
    // Three years of history: the oldest cohort has about 36 months of columns, the newest one.
    expect(result.columns).toBeGreaterThanOrEqual(36);
    expect(result.cohorts.at(-1)?.active).toHaveLength(1);
  });
});
