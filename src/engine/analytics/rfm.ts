/**
 * RFM: recency, frequency and monetary scores from 1 to 5 (5 best) for every customer with at least one sale
 * order, and the eleven named segments marketing tools place on the R × FM grid.
 *
 * - Recency is days since the customer's last sale order, counted from the workspace's latest sale (the data's
 *   "today"); frequency is their number of sale orders; monetary is their total sales revenue. All three are the
 *   customer explorer's figures (customer_metrics), so the numbers agree everywhere.
 * - Scores are rank-based quintiles, so ties never split: with p = (customers strictly worse) / (all customers),
 *   the score is 1 + ⌊5p⌋ (PERCENT_RANK-style). Equal values always get equal scores, whatever the row order or
 *   ids; the lowest value always scores 1; with distinct values each score holds a fifth of the customers (N = 10:
 *   two per score). Heavy ties make uneven groups, as they must: when 46 % of customers bought once, they all get
 *   F 1 and the two-order customers, with 46 % below them, start at F 3. (If every customer had the same value,
 *   all would score 1 on that dimension.)
 * - FM is (F + M) / 2 rounded half up (F 1 and M 2 count as 2).
 */
import type { RfmSegment, RfmSummary } from '../../shared/analytics-schemas';
import type { Db } from '../db/open-workspace';
import { readLatestSale, readRfmInputs, type RfmInputs } from './analytics-repo';

/**
 * The segment map: rows R = 5…1, columns FM = 1…5, as on the R × FM grid marketing tools draw. It lays the common
 * RFM segment table on the grid (Champions R 4–5 and FM 4–5; Loyal R 2–5 and FM 3–5; Potential loyalists R 3–5 and
 * FM 1–3; New R 4–5 and FM 1; Promising R 3–4 and FM 1; Need attention R 2–3 and FM 2–3; About to sleep R 2–3 and
 * FM ≤ 2; At risk R ≤ 2 and FM 2–5; Can't lose them R ≤ 1 and FM 4–5; Hibernating R 1–2 and FM 1–2; Lost R ≤ 2
 * and FM ≤ 2), whose ranges overlap, so each cell holds one segment whose ranges include it. One deliberate
 * exception, as on the usual grid: R 2 × FM 5 is Can't lose them (the biggest, most frequent buyers drifting away).
 */
export const RFM_SEGMENT_GRID: ReadonlyArray<readonly [RfmSegment, RfmSegment, RfmSegment, RfmSegment, RfmSegment]> = [
  /* R 5 */ ['new', 'potential-loyalists', 'potential-loyalists', 'champions', 'champions'],
  /* R 4 */ ['promising', 'potential-loyalists', 'loyal', 'champions', 'champions'],
  /* R 3 */ ['about-to-sleep', 'about-to-sleep', 'need-attention', 'loyal', 'loyal'],
  /* R 2 */ ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cant-lose'],
  /* R 1 */ ['lost', 'lost', 'at-risk', 'at-risk', 'cant-lose'],
];

/** The names marketers know the segments by (the renderer has its own, translated, copy). */
export const RFM_SEGMENT_NAMES: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal customers',
  'potential-loyalists': 'Potential loyalists',
  new: 'New customers',
  promising: 'Promising',
  'need-attention': 'Need attention',
  'about-to-sleep': 'About to sleep',
  'at-risk': 'At risk',
  'cant-lose': "Can't lose them",
  hibernating: 'Hibernating',
  lost: 'Lost',
};

export const SEGMENT_ORDER: readonly RfmSegment[] = Object.keys(RFM_SEGMENT_NAMES) as RfmSegment[];

/** FM score: (F + M) / 2 rounded half up. */
export const fmScore = (f: number, m: number): number => Math.floor((f + m) / 2 + 0.5);

/** The segment of an R, F, M score triple. */
export function segmentOf(r: number, f: number, m: number): RfmSegment {
  const row = RFM_SEGMENT_GRID[5 - r];
  const segment = row?.[fmScore(f, m) - 1];
  if (!segment) throw new RangeError(`RFM scores must be 1…5, got R ${r}, F ${f}, M ${m}`);
  return segment;
}

/**
 * Rank-based quintile scores of `values` (higher is better; pass negated recency): 1 + ⌊5 × below / n⌋, `below`
 * counting the values strictly lower. As below ≥ q exactly when v > sorted[q − 1], the score is 1 plus the number of
 * cuts sorted[⌈k·n/5⌉ − 1] (k = 1…4) that v exceeds: one numeric sort, then four comparisons per customer.
 */
export function quintileScores(values: Float64Array): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const sorted = Float64Array.from(values).sort();
  const cuts = [1, 2, 3, 4].map((k) => sorted[Math.ceil((k * n) / 5) - 1] as number);
  const [c1, c2, c3, c4] = cuts as [number, number, number, number];
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    scores[i] = 1 + (v > c1 ? 1 : 0) + (v > c2 ? 1 : 0) + (v > c3 ? 1 : 0) + (v > c4 ? 1 : 0);
  }
  return scores;
}

/** One customer's RFM figures and scores (customerId is customers.id). */
export type RfmAssignment = {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
};

export type RfmScores = { r: Uint8Array; f: Uint8Array; m: Uint8Array };

/** The three score columns for the inputs (recency: fewer days is better). */
export function scoreRfm(inputs: RfmInputs): RfmScores {
  const negatedRecency = inputs.recency.map((days) => -days);
  return { r: quintileScores(negatedRecency), f: quintileScores(inputs.orders), m: quintileScores(inputs.revenue) };
}

type Totals = { customers: number; revenue: number; recency: number; orders: number };
const emptyTotals = (): Totals => ({ customers: 0, revenue: 0, recency: 0, orders: 0 });
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number): number => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);

/** The grid, the segments and each score's value range, from the inputs and their scores. */
export function summariseRfm(inputs: RfmInputs, scores: RfmScores, asOf: string | null, currency: string): RfmSummary {
  const n = inputs.ids.length;
  const cells = Array.from({ length: 25 }, emptyTotals);
  const bySegment = new Map<RfmSegment, Totals>(SEGMENT_ORDER.map((s) => [s, emptyTotals()]));
  const ranges = {
    recency: scoreRanges(inputs.recency, scores.r),
    frequency: scoreRanges(inputs.orders, scores.f),
    monetary: scoreRanges(inputs.revenue, scores.m),
  };
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    const r = scores.r[i] as number;
    const f = scores.f[i] as number;
    const m = scores.m[i] as number;
    const add = (t: Totals): void => {
      t.customers++;
      t.revenue += inputs.revenue[i] as number;
      t.recency += inputs.recency[i] as number;
      t.orders += inputs.orders[i] as number;
    };
    add(cells[(5 - r) * 5 + fmScore(f, m) - 1] as Totals);
    add(bySegment.get(segmentOf(r, f, m)) as Totals);
    revenue += inputs.revenue[i] as number;
  }
  const grid = cells.map((t, index) => {
    const r = 5 - Math.floor(index / 5);
    const fm = (index % 5) + 1;
    const segment = (RFM_SEGMENT_GRID[5 - r] as readonly RfmSegment[])[fm - 1] as RfmSegment;
    return { r, fm, segment, customers: t.customers, share: ratio(t.customers, n), revenue: round(t.revenue, 2), revenueShare: ratio(t.revenue, revenue) };
  });
  const segments = SEGMENT_ORDER.map((segment) => {
    const t = bySegment.get(segment) as Totals;
    const avg = (sum: number, digits: number): number | null => (t.customers > 0 ? round(sum / t.customers, digits) : null);
    return {
      segment,
      customers: t.customers,
      share: ratio(t.customers, n),
      revenue: round(t.revenue, 2),
      revenueShare: ratio(t.revenue, revenue),
      avgRecencyDays: avg(t.recency, 1),
      avgOrders: avg(t.orders, 2),
      avgRevenue: avg(t.revenue, 2),
    };
  });
  return { asOf, currency, customers: n, revenue: round(revenue, 2), grid, segments, scores: ranges };
}

function scoreRanges(values: Float64Array, scores: Uint8Array): RfmSummary['scores']['recency'] {
  const out = [1, 2, 3, 4, 5].map((score) => ({ score, customers: 0, min: null as number | null, max: null as number | null }));
  for (let i = 0; i < values.length; i++) {
    const range = out[(scores[i] as number) - 1];
    const v = values[i] as number;
    if (!range) continue;
    range.customers++;
    range.min = range.min === null ? v : Math.min(range.min, v);
    range.max = range.max === null ? v : Math.max(range.max, v);
  }
  return out;
}

export type RfmResult = { summary: RfmSummary; assignments: RfmAssignment[] };

/** RFM of the whole workspace: the summary (grid, segments, score ranges) and each customer's assignment. */
export function computeRfm(db: Db, currency = 'EUR'): RfmResult {
  const inputs = readRfmInputs(db);
  const scores = scoreRfm(inputs);
  const summary = summariseRfm(inputs, scores, asOfDay(db), currency);
  return { summary, assignments: Array.from(rfmAssignments(inputs, scores)) };
}

/** Only the summary (what the analytics.rfm channel answers), without building a million assignment objects. */
export function computeRfmSummary(db: Db, currency: string): RfmSummary {
  const inputs = readRfmInputs(db);
  return summariseRfm(inputs, scoreRfm(inputs), asOfDay(db), currency);
}

/** The assignments one by one, in customer id order. */
export function* rfmAssignments(inputs: RfmInputs, scores: RfmScores): Generator<RfmAssignment> {
  for (let i = 0; i < inputs.ids.length; i++) {
    const r = scores.r[i] as number;
    const f = scores.f[i] as number;
    const m = scores.m[i] as number;
    yield {
      customerId: inputs.ids[i] as number,
      recency: inputs.recency[i] as number,
      frequency: inputs.orders[i] as number,
      monetary: inputs.revenue[i] as number,
      r,
      f,
      m,
      segment: segmentOf(r, f, m),
    };
  }
}

const asOfDay = (db: Db): string | null => readLatestSale(db)?.slice(0, 10) ?? null;
