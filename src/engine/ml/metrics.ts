import { createRng } from './folds';

/** Metrics of a binary classifier: labels `y` are 0/1, scores `p` are probabilities (or any monotone score for the AUCs). */

type Labels = ArrayLike<number>;
type Scores = ArrayLike<number>;

export type LiftRow = { decile: number; customers: number; positives: number; rate: number; lift: number; predicted: number };
export type CalibrationBin = { predicted: number; observed: number; count: number };

function checkLengths(y: Labels, p: Scores): void {
  if (y.length !== p.length) throw new Error(`labels (${y.length}) and scores (${p.length}) differ in length`);
}

/** Row positions sorted by score, ascending; ties keep row order. */
function ascending(p: Scores): Int32Array {
  const order = Int32Array.from({ length: p.length }, (_, i) => i);
  return order.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
}

/**
 * Area under the ROC curve from an ascending order, each row counted `weight[i]` times (1 when absent):
 * the Mann–Whitney statistic, a tie between a positive and a negative counting one half.
 */
function aucSorted(y: Labels, p: Scores, order: Int32Array, weight?: ArrayLike<number>): number {
  let negBelow = 0;
  let pairs = 0;
  let posTotal = 0;
  let i = 0;
  while (i < order.length) {
    const score = p[order[i] as number] as number;
    let pos = 0;
    let neg = 0;
    let j = i;
    for (; j < order.length && p[order[j] as number] === score; j++) {
      const row = order[j] as number;
      const w = weight ? (weight[row] as number) : 1;
      if (y[row] === 1) pos += w;
      else neg += w;
    }
    pairs += pos * (negBelow + neg / 2);
    negBelow += neg;
    posTotal += pos;
    i = j;
  }
  return posTotal === 0 || negBelow === 0 ? Number.NaN : pairs / (posTotal * negBelow);
}

/** ROC AUC (Mann–Whitney U / (n₊·n₋), ties count one half); NaN when only one class is present. */
export function rocAuc(y: Labels, p: Scores): number {
  checkLengths(y, p);
  return aucSorted(y, p, ascending(p));
}

/**
 * Percentile bootstrap interval of the ROC AUC: rows resampled with replacement `samples` times (seeded).
 * Resamples that hold one class only are skipped.
 */
export function aucBootstrapCi(
  y: Labels,
  p: Scores,
  options: { samples?: number; seed?: number; level?: number } = {},
): { low: number; high: number } {
  checkLengths(y, p);
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 1, 202);
  const order = ascending(p);
  const n = y.length;
  const counts = new Uint32Array(n);
  const aucs: number[] = [];
  for (let s = 0; s < samples; s++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rng() * n);
      counts[k] = (counts[k] as number) + 1;
    }
    const auc = aucSorted(y, p, order, counts);
    if (!Number.isNaN(auc)) aucs.push(auc);
  }
  if (aucs.length === 0) return { low: Number.NaN, high: Number.NaN };
  aucs.sort((a, b) => a - b);
  const at = (q: number): number => {
    const rank = q * (aucs.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return (aucs[lo] as number) + ((aucs[hi] as number) - (aucs[lo] as number)) * (rank - lo);
  };
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/**
 * Area under the precision–recall curve as average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score
 * thresholds, highest first (scikit-learn's `average_precision_score`). NaN without positives.
 */
export function prAuc(y: Labels, p: Scores): number {
  checkLengths(y, p);
  const order = ascending(p).reverse();
  let positives = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) positives++;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let recallBefore = 0;
  let ap = 0;
  let i = 0;
  while (i < order.length) {
    const score = p[order[i] as number] as number;
    for (; i < order.length && p[order[i] as number] === score; i++) {
      seen++;
      if (y[order[i] as number] === 1) tp++;
    }
    const recall = tp / positives;
    ap += (recall - recallBefore) * (tp / seen);
    recallBefore = recall;
  }
  return ap;
}

/** Mean negative log-likelihood (natural log), probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(y: Labels, p: Scores): number {
  checkLengths(y, p);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i] as number));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}

/** Brier score: mean squared difference between probability and outcome. */
export function brier(y: Labels, p: Scores): number {
  checkLengths(y, p);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += ((p[i] as number) - (y[i] as number)) ** 2;
  return sum / y.length;
}

/**
 * Ten groups of customers by predicted probability, highest first (decile 1 = the top 10 %), with each
 * group's positive rate and lift = rate / overall rate. Ties are split by row order; empty deciles are left out.
 */
export function liftByDecile(y: Labels, p: Scores): LiftRow[] {
  checkLengths(y, p);
  const n = y.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
  let totalPositives = 0;
  for (let i = 0; i < n; i++) totalPositives += y[i] === 1 ? 1 : 0;
  const base = totalPositives / n;
  const rows: LiftRow[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    if (to <= from) continue;
    let positives = 0;
    let predicted = 0;
    for (let r = from; r < to; r++) {
      const row = order[r] as number;
      positives += y[row] === 1 ? 1 : 0;
      predicted += p[row] as number;
    }
    const customers = to - from;
    const rate = positives / customers;
    rows.push({ decile: d + 1, customers, positives, rate, lift: base > 0 ? rate / base : Number.NaN, predicted: predicted / customers });
  }
  return rows;
}

/**
 * Reliability curve: probabilities cut into `bins` equal-width bins on [0, 1]; for each non-empty bin the mean
 * predicted probability, the observed positive rate and the number of rows.
 */
export function calibrationCurve(y: Labels, p: Scores, bins = 10): CalibrationBin[] {
  checkLengths(y, p);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const count = new Uint32Array(bins);
  for (let i = 0; i < y.length; i++) {
    const q = p[i] as number;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(q * bins)));
    sumP[b] = (sumP[b] as number) + q;
    sumY[b] = (sumY[b] as number) + (y[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = count[b] as number;
    if (c > 0) out.push({ predicted: (sumP[b] as number) / c, observed: (sumY[b] as number) / c, count: c });
  }
  return out;
}
