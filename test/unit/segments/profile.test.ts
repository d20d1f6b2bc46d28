import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/kernel/context';
import { indexOf, members, profileRule, readBase, shareRows, tally } from '../../../src/engine/segments/profile';
import { binCounts, niceEdges } from '../../../src/engine/segments/profile-bins';
import { segmentInsightHandlers } from '../../../src/engine/segments/insight-handlers';
import { createSegment } from '../../../src/engine/segments/segments-repo';
import { profileSchema, type SegmentProfile, type SegmentRule } from '../../../src/shared/segment-schemas';
import { addOddCustomers, all, one, scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';

// Profile numbers against plain SQL and hand computation on a small demo shop.
let ws: TestWorkspace;
const FROM = 'customers c JOIN customer_metrics m ON m.customer_id = c.id';
// Dutch repeat buyers, in the rule language and in plain SQL.
const RULE: SegmentRule = { all: [{ field: 'country', op: '=', value: 'NL' }, { field: 'orders', op: '>=', value: 2 }] };
const WHERE = "c.country = 'NL' AND m.orders >= 2";
let profile: SegmentProfile;

beforeAll(async () => {
  ws = await testWorkspace({ customers: 1500, seed: 4 });
  // Churn risk for a third of the customers, as a scoring job would leave it (means are over those with a value).
  ws.db.prepare('UPDATE customer_metrics SET churn_risk = (customer_id % 10) / 10.0 WHERE customer_id % 3 = 0').run();
  profile = profileRule(ws.db, RULE);
}, 60_000);
afterAll(() => ws.dispose());

const round = (v: number): number => Math.round(v);
const ctx = (): EngineContext => ({ workspace: () => ({ db: ws.db }) }) as unknown as EngineContext;

describe('segment profile', () => {
  it('has the size and revenue plain SQL gives', () => {
    // What crosses the contract is exactly what was computed: it parses, and parsing drops or changes nothing.
    const parsed = profileSchema.safeParse(profile);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toEqual(profile);
    const seg = one<{ n: number; revenue: number }>(ws.db, `SELECT count(*) AS n, sum(m.revenue) AS revenue FROM ${FROM} WHERE ${WHERE}`);
    const base = one<{ n: number; revenue: number }>(ws.db, `SELECT count(*) AS n, sum(m.revenue) AS revenue FROM ${FROM}`);
    expect(profile.count).toBe(seg.n);
    expect(profile.count).toBeGreaterThan(100);
    expect(profile.revenue).toBeCloseTo(seg.revenue, 2);
    expect(profile.shareCustomers).toBeCloseTo(seg.n / base.n, 12);
    expect(profile.shareRevenue).toBeCloseTo(seg.revenue / base.revenue, 12);
    expect(profile.currency).toBe('EUR');
  });

  it('has means over the customers with the figure, and index = segment mean ÷ base mean × 100', () => {
    const columns: Record<string, string> = { revenue: 'm.revenue', orders: 'm.orders', avgOrderValue: 'm.avg_order_value', recencyDays: 'm.recency_days', churnRisk: 'm.churn_risk', returns: 'm.returns' };
    for (const [field, sql] of Object.entries(columns)) {
      const metric = profile.metrics.find((m) => m.field === field);
      const seg = scalar(ws.db, `SELECT avg(${sql}) FROM ${FROM} WHERE ${WHERE}`);
      const base = scalar(ws.db, `SELECT avg(${sql}) FROM ${FROM}`);
      expect(metric?.segment).toBeCloseTo(seg, 9);
      expect(metric?.base).toBeCloseTo(base, 9);
      expect(metric?.index).toBe(round((seg / base) * 100));
    }
    // No lifetime-value model yet: no mean and no index, rather than a zero.
    expect(profile.metrics.find((m) => m.field === 'clv')).toMatchObject({ segment: null, base: null, index: null });
  });

  it('draws histograms of the segment and the base on the same bins, as shares', () => {
    const recency = profile.distributions.find((d) => d.field === 'recencyDays');
    const edges = [31, 91, 181, 366, 731];
    const shares = (where: string): number[] => {
      const values = all<{ r: number }>(ws.db, `SELECT m.recency_days AS r FROM ${FROM} WHERE m.recency_days IS NOT NULL AND ${where}`).map((x) => x.r);
      const counts = new Array<number>(edges.length + 1).fill(0);
      for (const v of values) {
        const bin = edges.filter((e) => v >= e).length;
        counts[bin] = (counts[bin] as number) + 1;
      }
      return counts.map((c) => c / values.length);
    };
    expect(recency?.bins.map((b) => b.label)).toEqual(['0–30 days', '31–90 days', '91–180 days', '181–365 days', '1–2 years', 'over 2 years']);
    recency?.bins.forEach((b, i) => {
      expect(b.segment).toBeCloseTo(shares(WHERE)[i] as number, 12);
      expect(b.base).toBeCloseTo(shares('1')[i] as number, 12);
    });
    for (const d of profile.distributions) {
      expect(d.bins.reduce((s, b) => s + b.segment, 0)).toBeCloseTo(1, 9);
      expect(d.bins.reduce((s, b) => s + b.base, 0)).toBeCloseTo(1, 9);
    }
    // Repeat buyers only: nobody in the "1 order" bin.
    expect(profile.distributions.find((d) => d.field === 'orders')?.bins[0]).toMatchObject({ label: '1', segment: 0 });
  });

  it('has category, country, RFM and review-sentiment mixes against the base', () => {
    const categoryRevenue = (where: string): Map<string, number> =>
      new Map(
        all<{ category: string; revenue: number }>(
          ws.db,
          `SELECT p.category AS category, sum(l.quantity * l.unit_price) AS revenue
             FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
            WHERE o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0 AND o.customer_id IN (SELECT c.id FROM ${FROM} WHERE ${where})
            GROUP BY p.category`,
        ).map((r) => [r.category, r.revenue]),
      );
    const seg = categoryRevenue(WHERE);
    const base = categoryRevenue('1');
    const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
    expect(profile.categories.length).toBe(base.size);
    for (const row of profile.categories) {
      expect(row.segment).toBeCloseTo((seg.get(row.name) ?? 0) / total(seg), 12);
      expect(row.base).toBeCloseTo((base.get(row.name) ?? 0) / total(base), 12);
      expect(row.index).toBe(round((row.segment / row.base) * 100));
    }
    expect(profile.categories.map((r) => r.segment)).toEqual([...profile.categories.map((r) => r.segment)].sort((a, b) => b - a));

    const nl = profile.countries.find((r) => r.name === 'NL');
    const baseNl = scalar(ws.db, `SELECT avg(c.country = 'NL') FROM ${FROM}`);
    expect(nl).toMatchObject({ segment: 1 });
    expect(nl?.base).toBeCloseTo(baseNl, 12);
    expect(nl?.index).toBe(round(100 / baseNl));
    expect(profile.countries.filter((r) => r.name !== 'NL').every((r) => r.segment === 0 && r.index === 0)).toBe(true);

    for (const row of profile.rfm) {
      const s = scalar(ws.db, `SELECT avg(coalesce(m.rfm_segment = ?, 0)) FROM ${FROM} WHERE ${WHERE}`, row.name);
      expect(row.segment).toBeCloseTo(s, 12);
    }
    expect(profile.rfm.reduce((s, r) => s + r.base, 0)).toBeCloseTo(1, 9);

    const stars = one<{ positive: number; neutral: number; negative: number; n: number }>(
      ws.db,
      `SELECT sum(rating >= 4) AS positive, sum(rating = 3) AS neutral, sum(rating <= 2) AS negative, count(*) AS n
         FROM reviews WHERE rating IS NOT NULL AND customer_id IN (SELECT c.id FROM ${FROM} WHERE ${WHERE})`,
    );
    expect(profile.sentiment.map((r) => r.name)).toEqual(['Positive (4–5 stars)', 'Neutral (3 stars)', 'Negative (1–2 stars)']);
    expect(profile.sentiment.map((r) => r.segment)).toEqual([stars.positive / stars.n, stars.neutral / stars.n, stars.negative / stars.n]);
  });

  it('says what sets the segment apart in plain words', () => {
    expect(profile.highlights.length).toBeGreaterThan(0);
    expect(profile.highlights.length).toBeLessThanOrEqual(5);
    // Repeat buyers by definition: they order and spend more than the average customer.
    expect(profile.highlights.join(' | ')).toMatch(/orders per customer against|spends [\d.]+× the average/);
    expect(profile.highlights.join(' | ')).toMatch(/NL/);
    for (const h of profile.highlights) expect(h).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('profiles a rule with an event (members joined by id) like plain SQL', () => {
    const rule: SegmentRule = { all: [{ event: 'purchased', category: 'Candles' }, { field: 'recencyDays', op: '>=', value: 180 }] };
    const where = `m.recency_days >= 180 AND c.id IN (SELECT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
                     WHERE o.kind = 'sale' AND l.quantity > 0 AND p.category = 'Candles')`;
    const p = profileRule(ws.db, rule);
    const seg = one<{ n: number; revenue: number; orders: number }>(ws.db, `SELECT count(*) AS n, sum(m.revenue) AS revenue, avg(m.orders) AS orders FROM ${FROM} WHERE ${where}`);
    expect(p.count).toBe(seg.n);
    expect(p.revenue).toBeCloseTo(seg.revenue, 2);
    expect(p.metrics.find((m) => m.field === 'orders')?.segment).toBeCloseTo(seg.orders, 9);
    const candles = p.categories.find((r) => r.name === 'Candles');
    expect(candles?.segment).toBeGreaterThan(0);
    expect(p.distributions.find((d) => d.field === 'recencyDays')?.bins.slice(0, 2).every((b) => b.segment === 0)).toBe(true);
  });

  it('measures the mixes of a large group on a seeded sample, close to the exact shares; figures stay exact', () => {
    const { layout } = readBase(ws.db);
    const m = members(ws.db, RULE);
    const exact = tally(ws.db, m, layout);
    const sampled = tally(ws.db, m, layout, 300);
    expect(exact.mixCustomers).toBe(m.ids.length);
    expect(sampled.mixCustomers).toBe(300);
    expect({ ...sampled, mixCustomers: 0, categories: null, products: null, sentiment: null }).toEqual({ ...exact, mixCustomers: 0, categories: null, products: null, sentiment: null });
    const shares = (t: typeof exact): Map<string, number> => {
      const total = [...t.categories.values()].reduce((a, b) => a + b, 0);
      return new Map([...t.categories].map(([k, v]) => [k, v / total]));
    };
    for (const [name, share] of shares(exact)) expect(Math.abs((shares(sampled).get(name) ?? 0) - share)).toBeLessThan(0.06);
    expect(tally(ws.db, m, layout, 300)).toEqual(sampled);
  });

  it('gives index 100 for everyone, and nothing to index for an empty segment', () => {
    const everyone = profileRule(ws.db, { all: [] });
    expect(everyone.count).toBe(scalar(ws.db, `SELECT count(*) FROM ${FROM}`));
    for (const m of everyone.metrics) expect(m.index).toBe(m.base === null ? null : 100);
    for (const row of [...everyone.categories, ...everyone.countries, ...everyone.rfm, ...everyone.sentiment]) expect(row.index).toBe(100);
    expect(everyone.highlights).toEqual(['Close to the average customer on every measure shown.']);

    const nobody = profileRule(ws.db, { field: 'country', op: '=', value: 'ZZ' });
    expect(nobody).toMatchObject({ count: 0, shareCustomers: 0, shareRevenue: 0, revenue: 0, highlights: ['No customers match this segment.'] });
    for (const m of nobody.metrics) expect(m).toMatchObject({ segment: null, index: null });
    for (const row of nobody.categories) expect(row).toMatchObject({ segment: 0, index: null });
    for (const d of nobody.distributions) for (const b of d.bins) expect(b.segment).toBe(0);
  });

  it('compares two segments (saved or not) on the same bins', async () => {
    const saved = createSegment(ws.db, { name: 'Lapsed', rule: { field: 'recencyDays', op: '>=', value: 365 }, static: false, source: 'rules' });
    const { a, b } = await segmentInsightHandlers['segments.compare']({ a: { rule: RULE }, b: { id: saved.id } }, ctx());
    expect(a).toEqual(profileRule(ws.db, RULE));
    expect(b).toEqual(profileRule(ws.db, { field: 'recencyDays', op: '>=', value: 365 }));
    expect(b.count).toBe(scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE recency_days >= 365'));
    expect(a.distributions.map((d) => d.bins.map((x) => x.label))).toEqual(b.distributions.map((d) => d.bins.map((x) => x.label)));
    expect(a.distributions.map((d) => d.bins.map((x) => x.base))).toEqual(b.distributions.map((d) => d.bins.map((x) => x.base)));
    expect(await segmentInsightHandlers['segments.profile']({ id: saved.id }, ctx())).toEqual(b);
    expect(b.highlights.join(' ')).toMatch(/last order \d+ days ago/);
  });

  it('notices when the data changes', () => {
    const before = readBase(ws.db).tally.count;
    ws.db.prepare("INSERT INTO customers (external_id, country, created_at) VALUES ('NEW-1', 'NL', '2026-01-01T00:00:00')").run();
    ws.db.prepare('INSERT INTO customer_metrics (customer_id) SELECT id FROM customers WHERE external_id = ?').run('NEW-1');
    expect(readBase(ws.db).tally.count).toBe(before + 1);
  });
});

describe('awkward data', () => {
  it('merges country spellings, counts missing ones as Unknown, and copes with customers without orders', async () => {
    const odd = await testWorkspace();
    try {
      addOddCustomers(odd.db);
      const p = profileRule(odd.db, { all: [] });
      const parsed = profileSchema.safeParse(p);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data).toEqual(p);
      expect(p.count).toBe(8);
      const countries = Object.fromEntries(p.countries.map((r) => [r.name, r.segment * p.count]));
      expect(countries).toEqual({ NL: 3, BE: 1, FR: 1, IE: 1, US: 1, Unknown: 1 });
      expect(p.rfm).toEqual([{ name: 'No orders yet', segment: 1, base: 1, index: 100 }]);
      for (const d of p.distributions) for (const b of d.bins) expect(b).toMatchObject({ segment: 0, base: 0 });
      expect(p.categories).toEqual([]);
      expect(p.metrics.find((m) => m.field === 'avgOrderValue')).toMatchObject({ segment: null, base: null, index: null });
    } finally {
      odd.dispose();
    }
  });
});

describe('index maths', () => {
  it('is segment ÷ base × 100, rounded, and undefined without a base', () => {
    expect(indexOf(0.24, 0.2)).toBe(120);
    expect(indexOf(0.1, 0.2)).toBe(50);
    expect(indexOf(5, 5)).toBe(100);
    expect(indexOf(1, 0)).toBeNull();
    expect(indexOf(null, 1)).toBeNull();
    expect(indexOf(1, null)).toBeNull();
    expect(indexOf(0, 3)).toBe(0);
  });

  it('makes mix rows of shares of each side', () => {
    const rows = shareRows(new Map([['A', 3], ['B', 1]]), new Map([['A', 5], ['B', 5], ['C', 10]]), 10);
    expect(rows).toEqual([
      { name: 'A', segment: 0.75, base: 0.25, index: 300 },
      { name: 'B', segment: 0.25, base: 0.25, index: 100 },
      { name: 'C', segment: 0, base: 0.5, index: 0 },
    ]);
    expect(shareRows(new Map(), new Map([['A', 1]]), 10)).toEqual([{ name: 'A', segment: 0, base: 1, index: null }]);
  });

  it('bins money on a 1–2–5 style series and counts bins from cumulative counts', () => {
    const edges = niceEdges(14, 480);
    expect(edges.length).toBeGreaterThan(1);
    expect(edges.length).toBeLessThanOrEqual(7);
    expect(edges).toEqual([...edges].sort((a, b) => a - b));
    for (const e of edges) expect(e > 14 && e <= 480).toBe(true);
    expect(niceEdges(0, 0)).toEqual([]);
    expect(binCounts([2, 5, 9], 10)).toEqual([2, 3, 4, 1]);
    expect(binCounts([], 4)).toEqual([4]);
  });
});
