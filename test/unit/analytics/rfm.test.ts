import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRfm, computeRfmSummary, fmScore, quintileScores, RFM_SEGMENT_GRID, segmentOf } from '../../../src/engine/analytics/rfm';
import { rfmSegmentIds } from '../../../src/shared/analytics-schemas';
import { channels } from '../../../src/shared/contract';
import { scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { daysBefore, writeHandShop, type HandCustomer } from './helpers';

describe('rank-based quintile scores', () => {
  it('gives each fifth of ten distinct values one score, lowest first', () => {
    const values = Float64Array.from([5, 3, 9, 1, 7, 2, 10, 4, 8, 6]);
    const scores = Array.from(quintileScores(values));
    // value v (1…10) → score ⌈v / 2⌉
    expect(scores).toEqual(Array.from(values, (v) => Math.ceil(v / 2)));
  });

  it('never splits ties, and the score of a value does not depend on row order', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    // 1: none below → 1; 2: six of ten below → 1 + ⌊3⌋ = 4; 3: eight below → 5; 4: nine below → 5.
    const expected = new Map([[1, 1], [2, 4], [3, 5], [4, 5]]);
    for (const order of [values, [...values].reverse(), [4, 1, 2, 1, 3, 1, 1, 2, 1, 1]]) {
      const scores = quintileScores(Float64Array.from(order));
      order.forEach((v, i) => expect(scores[i], `value ${v}`).toBe(expected.get(v)));
    }
  });

  it('scores a single customer, and customers all alike, 1', () => {
    expect(Array.from(quintileScores(Float64Array.from([42])))).toEqual([1]);
    expect(Array.from(quintileScores(Float64Array.from([3, 3, 3])))).toEqual([1, 1, 1]);
    expect(quintileScores(new Float64Array(0)).length).toBe(0);
  });
});

describe('the R × FM segment map', () => {
  it('places the classic corners and rounds FM half up', () => {
    expect(segmentOf(5, 5, 5)).toBe('champions');
    expect(segmentOf(4, 4, 5)).toBe('champions');
    expect(segmentOf(5, 1, 1)).toBe('new');
    expect(segmentOf(4, 1, 1)).toBe('promising');
    expect(segmentOf(5, 1, 2)).toBe('potential-loyalists'); // FM 1.5 → 2
    expect(segmentOf(4, 3, 3)).toBe('loyal');
    expect(segmentOf(3, 5, 4)).toBe('loyal');
    expect(segmentOf(3, 3, 3)).toBe('need-attention');
    expect(segmentOf(3, 1, 2)).toBe('about-to-sleep');
    expect(segmentOf(2, 3, 4)).toBe('at-risk');
    expect(segmentOf(1, 5, 5)).toBe('cant-lose');
    expect(segmentOf(2, 5, 4)).toBe('cant-lose'); // FM 4.5 → 5
    expect(segmentOf(2, 1, 1)).toBe('hibernating');
    expect(segmentOf(1, 2, 1)).toBe('lost');
    expect(fmScore(1, 2)).toBe(2);
    expect(fmScore(2, 2)).toBe(2);
    expect(() => segmentOf(0, 1, 1)).toThrow(RangeError);
  });

  it('uses all eleven segments and nothing else', () => {
    const used = new Set(RFM_SEGMENT_GRID.flat());
    expect([...used].sort()).toEqual([...rfmSegmentIds].sort());
  });
});

describe('RFM of a hand-built shop', () => {
  const asOf = '2024-12-31';
  // Customer k (1…10): last order (10 − k) × 10 days before the latest sale; orders and revenue as listed.
  const plan: Array<[id: number, recency: number, orders: number, revenue: number]> = [
    [101, 90, 1, 10],
    [102, 80, 1, 20],
    [103, 70, 1, 30],
    [104, 60, 2, 40],
    [105, 50, 2, 50],
    [106, 40, 3, 60],
    [107, 30, 3, 70],
    [108, 20, 4, 80],
    [109, 10, 5, 90],
    [110, 0, 6, 1000],
  ];
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace();
    const shop: HandCustomer[] = plan.map(([id, recency, orders, revenue]) => ({
      id,
      orders: Array.from({ length: orders }, (_, i) => ({
        day: daysBefore(asOf, recency + (i === 0 ? 0 : 100 + i)),
        value: revenue / orders,
      })),
    }));
    // Written in a shuffled order, plus a customer with only a return and one without orders: neither is scored.
    const shuffled = [shop[6], shop[2], shop[9], shop[0], shop[4], shop[8], shop[1], shop[7], shop[3], shop[5]] as HandCustomer[];
    writeHandShop(tw.db, [...shuffled, { id: 201, orders: [{ day: '2024-06-01', value: 15, kind: 'return' }] }, { id: 202, orders: [] }]);
  });
  afterAll(() => tw.dispose());

  it('scores recency, frequency and monetary by hand-checked quintiles and names the segments', () => {
    const { assignments, summary } = computeRfm(tw.db, 'EUR');
    expect(summary.asOf).toBe(asOf);
    expect(assignments.map((a) => a.customerId)).toEqual(plan.map(([id]) => id));
    const byId = new Map(assignments.map((a) => [a.customerId, a]));
    // R: distinct recencies, more recent is better → two per score. F: 1,1,1 → 1; 2,2 → 2 (3 of 10 below);
    // 3,3 → 3 (5 below); 4 → 4 (7 below); 5, 6 → 5. M: distinct → two per score.
    const expected: Array<[number, number, number, number, string]> = [
      [101, 1, 1, 1, 'lost'],
      [102, 1, 1, 1, 'lost'],
      [103, 2, 1, 2, 'hibernating'], // FM 1.5 → 2
      [104, 2, 2, 2, 'hibernating'],
      [105, 3, 2, 3, 'need-attention'], // FM 2.5 → 3
      [106, 3, 3, 3, 'need-attention'],
      [107, 4, 3, 4, 'champions'], // FM 3.5 → 4
      [108, 4, 4, 4, 'champions'],
      [109, 5, 5, 5, 'champions'],
      [110, 5, 5, 5, 'champions'],
    ];
    for (const [id, r, f, m, segment] of expected) {
      expect(byId.get(id), `customer ${id}`).toMatchObject({ r, f, m, segment });
    }
    const planById = new Map(plan.map(([id, recency, orders, revenue]) => [id, { recency, frequency: orders, monetary: revenue }]));
    for (const a of assignments) expect(a).toMatchObject(planById.get(a.customerId) ?? {});
  });

  it('summarises the grid and the segments with the explorer’s figures', () => {
    const summary = computeRfmSummary(tw.db, 'EUR');
    expect(channels['analytics.rfm'].output.safeParse(summary).success).toBe(true);
    expect(summary.customers).toBe(10);
    expect(summary.revenue).toBe(scalar(tw.db, 'SELECT sum(revenue) FROM customer_metrics'));
    expect(summary.grid).toHaveLength(25);
    expect(summary.grid.find((c) => c.r === 5 && c.fm === 5)).toMatchObject({ segment: 'champions', customers: 2, share: 0.2, revenue: 1090 });
    expect(summary.grid.reduce((s, c) => s + c.customers, 0)).toBe(10);
    const lost = summary.segments.find((s) => s.segment === 'lost');
    expect(lost).toMatchObject({ customers: 2, share: 0.2, revenue: 30, avgRecencyDays: 85, avgOrders: 1, avgRevenue: 15 });
    expect(lost?.revenueShare).toBeCloseTo(30 / 1450, 12);
    const champions = summary.segments.find((s) => s.segment === 'champions');
    expect(champions).toMatchObject({ customers: 4, revenue: 1240, avgRecencyDays: 15, avgOrders: 4.5, avgRevenue: 310 });
    expect(summary.segments.find((s) => s.segment === 'new')).toMatchObject({ customers: 0, avgRecencyDays: null, avgRevenue: null });
    expect(summary.scores.frequency.map((s) => [s.customers, s.min, s.max])).toEqual([[3, 1, 1], [2, 2, 2], [2, 3, 3], [1, 4, 4], [2, 5, 6]]);
    expect(summary.scores.recency[4]).toMatchObject({ score: 5, customers: 2, min: 0, max: 10 });
  });
});

describe('RFM of the demo shop', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 3000, seed: 7 });
  });
  afterAll(() => tw.dispose());

  it('scores every buying customer once, fills all eleven segments and keeps the totals', () => {
    const { summary, assignments } = computeRfm(tw.db, 'EUR');
    const buyers = scalar(tw.db, 'SELECT count(*) FROM customer_metrics WHERE orders > 0');
    expect(summary.customers).toBe(buyers);
    expect(assignments).toHaveLength(buyers);
    expect(summary.segments.reduce((s, x) => s + x.customers, 0)).toBe(buyers);
    expect(summary.segments.every((s) => s.customers > 0)).toBe(true);
    expect(summary.revenue).toBeCloseTo(scalar(tw.db, 'SELECT sum(revenue) FROM customer_metrics'), 2);
    // Monetary has few ties: each score holds about a fifth of the customers.
    for (const score of summary.scores.monetary) expect(Math.abs(score.customers / buyers - 0.2)).toBeLessThan(0.01);
    // Higher R means more recent: the ranges do not overlap and run the right way.
    const r = summary.scores.recency;
    for (let i = 1; i < 5; i++) expect(r[i]?.max as number).toBeLessThan(r[i - 1]?.min as number);
    expect(summary.segments.find((s) => s.segment === 'champions')?.avgRecencyDays as number).toBeLessThan(
      summary.segments.find((s) => s.segment === 'lost')?.avgRecencyDays as number,
    );
  });

  it('gives customers with equal figures equal scores (ties are never split)', () => {
    const { assignments } = computeRfm(tw.db, 'EUR');
    const scoresOf = (key: 'recency' | 'frequency' | 'monetary', score: 'r' | 'f' | 'm'): Map<number, Set<number>> => {
      const map = new Map<number, Set<number>>();
      for (const a of assignments) map.set(a[key], (map.get(a[key]) ?? new Set()).add(a[score]));
      return map;
    };
    for (const [key, score] of [['recency', 'r'], ['frequency', 'f'], ['monetary', 'm']] as const) {
      const map = scoresOf(key, score);
      expect([...map.values()].every((set) => set.size === 1), key).toBe(true);
    }
    // One-time buyers are the largest tie and all get F 1.
    expect(scoresOf('frequency', 'f').get(1)).toEqual(new Set([1]));
  });
});
