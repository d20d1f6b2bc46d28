import type { ColumnShape, PairTrend, QualityReport } from '../../shared/synth-schemas';
import { createRng } from '../kernel/random';
import { subsample } from './distance';
import { selectSynthRows } from './raw';
import type { CategoricalColumnData, NumericColumnData, SynthColumnData, SynthData } from './types';

/**
 * The quality report, measured the way SDMetrics' QualityReport does so that the figures compare with SDV's:
 * - Column shapes: for numbers and dates the complement of the two-sample Kolmogorov–Smirnov statistic
 *   (1 − the largest gap between the two empirical CDFs, missing values left out); for categories the complement of
 *   the total variation distance (1 − ½ Σ |real share − synthetic share|, missing as its own level).
 * - Pair trends: for two numeric columns 1 − |Pearson r(real) − r(synthetic)| / 2 on rows where both are present;
 *   for any pair with a category, the contingency similarity 1 − ½ Σ |real share − synthetic share| over the cells of
 *   the two-way table, numbers cut into the real column's 10 equal-width bins.
 * - The score is the mean of the two property means (each the mean of its columns or pairs).
 * A pair whose correlation is undefined in the real data (a constant column) is left out, as SDMetrics leaves it out.
 */

const HISTOGRAM_BINS = 20;
const CONTINGENCY_BINS = 10;
const TOP_LEVELS = 20;

export type QualityOptions = {
  seed: number;
  /** Pairs at most (a seeded sample of them when there are more); default 300. */
  maxPairs?: number;
  /** Leave out the chart bins (for the fast early-stopping score). */
  bins?: boolean;
};

const isCategorical = (c: SynthColumnData): c is CategoricalColumnData => c.kind === 'categorical';

function presentSorted(values: Float64Array): Float64Array {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (const v of values) if (!Number.isNaN(v)) out[k++] = v;
  return out.sort();
}

/** The two-sample Kolmogorov–Smirnov statistic of two sorted samples (0 = same empirical distribution). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && (a[i] as number) <= x) i++;
    while (j < b.length && (b[j] as number) <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Level shares with missing (-1) as its own last slot. */
function levelShares(c: CategoricalColumnData): Float64Array {
  const counts = new Float64Array(c.levels.length + 1);
  for (const code of c.codes) counts[code < 0 ? c.levels.length : code]! += 1;
  const n = c.codes.length || 1;
  return counts.map((v) => v / n);
}

/** Total variation distance between two share vectors of the same length. */
const totalVariation = (p: ArrayLike<number>, q: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs((p[i] as number) - (q[i] as number));
  return sum / 2;
};

function numericShape(real: NumericColumnData, synthetic: NumericColumnData, withBins: boolean): ColumnShape {
  const a = presentSorted(real.values);
  const b = presentSorted(synthetic.values);
  const score = 1 - ksStatistic(a, b);
  const bins = withBins ? numericBins(real, a, b) : [];
  return { column: real.name, kind: real.kind, metric: 'ks-complement', score: clamp01(score), bins };
}

function numericBins(real: NumericColumnData, a: Float64Array, b: Float64Array): ColumnShape['bins'] {
  if (a.length === 0) return [];
  const lo = a[0] as number;
  const hi = a[a.length - 1] as number;
  const count = lo === hi ? 1 : HISTOGRAM_BINS;
  const width = (hi - lo) / count || 1;
  const share = (sorted: Float64Array): Float64Array => {
    const out = new Float64Array(count);
    for (const v of sorted) out[Math.min(count - 1, Math.max(0, Math.floor((v - lo) / width)))]! += 1;
    return out.map((x) => x / (sorted.length || 1));
  };
  const ra = share(a);
  const sb = share(b);
  return Array.from({ length: count }, (_, i) => ({ label: binLabel(real, lo + i * width), real: ra[i] as number, synthetic: sb[i] as number }));
}

function binLabel(c: NumericColumnData, from: number): string {
  if (c.kind === 'datetime') return new Date(from * 1000).toISOString().slice(0, 10);
  const digits = Math.abs(from) >= 100 || c.integer ? 0 : Math.abs(from) >= 1 ? 1 : 3;
  return from.toFixed(digits);
}

function categoricalShape(real: CategoricalColumnData, synthetic: CategoricalColumnData, withBins: boolean): ColumnShape {
  const p = levelShares(real);
  const q = levelShares(synthetic);
  const score = 1 - totalVariation(p, q);
  let bins: ColumnShape['bins'] = [];
  if (withBins) {
    const order = Array.from({ length: p.length }, (_, i) => i).sort((x, y) => (p[y] as number) + (q[y] as number) - (p[x] as number) - (q[x] as number));
    const top = order.slice(0, TOP_LEVELS).filter((i) => (p[i] as number) > 0 || (q[i] as number) > 0);
    bins = top.map((i) => ({ label: i === real.levels.length ? '(missing)' : (real.levels[i] as string), real: p[i] as number, synthetic: q[i] as number }));
    const rest = order.slice(TOP_LEVELS);
    if (rest.length > 0) {
      const sum = (s: Float64Array): number => rest.reduce((acc, i) => acc + (s[i] as number), 0);
      bins.push({ label: '(other)', real: sum(p), synthetic: sum(q) });
    }
  }
  return { column: real.name, kind: 'categorical', metric: 'tv-complement', score: clamp01(score), bins };
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Pearson correlation on rows where both values are present; null when undefined (fewer than 2 rows or no spread). */
export function pearson(x: Float64Array, y: Float64Array): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    cxy += (a - mx) * (b - my);
    cxx += (a - mx) ** 2;
    cyy += (b - my) ** 2;
  }
  if (cxx <= 0 || cyy <= 0) return null;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
}

/** A column as small integer cells for a contingency table: category codes (missing last) or the real column's bins (missing last). */
type Discrete = { cells: Int32Array; size: number };

function discretise(real: SynthColumnData, column: SynthColumnData): Discrete {
  if (isCategorical(real)) {
    const c = column as CategoricalColumnData;
    const size = real.levels.length + 1;
    return { cells: c.codes.map((code) => (code < 0 ? real.levels.length : code)), size };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of real.values) {
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = hi > lo ? (hi - lo) / CONTINGENCY_BINS : 1;
  const values = (column as NumericColumnData).values;
  const cells = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    cells[i] = Number.isNaN(v) || !Number.isFinite(lo) ? CONTINGENCY_BINS : Math.min(CONTINGENCY_BINS - 1, Math.max(0, Math.floor((v - lo) / width)));
  }
  return { cells, size: CONTINGENCY_BINS + 1 };
}

function contingencyShares(a: Discrete, b: Discrete): Float64Array {
  const table = new Float64Array(a.size * b.size);
  const n = a.cells.length;
  for (let i = 0; i < n; i++) table[(a.cells[i] as number) * b.size + (b.cells[i] as number)]! += 1;
  return table.map((v) => v / (n || 1));
}

/** Cramér's V of a contingency table of counts given as shares (for showing the strength of a category pair). */
function cramersV(shares: Float64Array, rows: number, cols: number): number | null {
  const r = new Float64Array(rows);
  const c = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    r[i]! += shares[i * cols + j] as number;
    c[j]! += shares[i * cols + j] as number;
  }
  const usedR = r.filter((v) => v > 0).length;
  const usedC = c.filter((v) => v > 0).length;
  const k = Math.min(usedR, usedC) - 1;
  if (k <= 0) return null;
  let chi = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const e = (r[i] as number) * (c[j] as number);
    if (e > 0) chi += ((shares[i * cols + j] as number) - e) ** 2 / e;
  }
  return Math.sqrt(chi / k);
}

function checkSameColumns(real: SynthData, synthetic: SynthData): void {
  const same =
    real.columns.length === synthetic.columns.length &&
    real.columns.every((c, i) => {
      const s = synthetic.columns[i];
      return s !== undefined && s.name === c.name && s.kind === c.kind && (!isCategorical(c) || (isCategorical(s) && s.levels.length === c.levels.length));
    });
  if (!same) throw new Error('The real and synthetic tables must have the same columns, in the same order, with the same levels.');
}

/** Every pair of column positions, or a seeded sample of `max` of them (in column order). */
function choosePairs(columns: number, max: number, seed: number): Array<[number, number]> {
  const all: Array<[number, number]> = [];
  for (let i = 0; i < columns; i++) for (let j = i + 1; j < columns; j++) all.push([i, j]);
  if (all.length <= max) return all;
  const rng = createRng(seed, 7);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j] as [number, number], all[i] as [number, number]];
  }
  return all.slice(0, max).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

export function qualityReport(real: SynthData, synthetic: SynthData, opts: QualityOptions = { seed: 1 }): QualityReport {
  checkSameColumns(real, synthetic);
  const withBins = opts.bins !== false;
  const columns = real.columns.map((c, i) => {
    const s = synthetic.columns[i] as SynthColumnData;
    return isCategorical(c) ? categoricalShape(c, s as CategoricalColumnData, withBins) : numericShape(c, s as NumericColumnData, withBins);
  });
  const pairs: PairTrend[] = [];
  const discreteReal = new Map<number, Discrete>();
  const discreteSynth = new Map<number, Discrete>();
  const discrete = (i: number, which: 'real' | 'synthetic'): Discrete => {
    const cache = which === 'real' ? discreteReal : discreteSynth;
    let d = cache.get(i);
    if (!d) {
      const r = real.columns[i] as SynthColumnData;
      d = discretise(r, which === 'real' ? r : (synthetic.columns[i] as SynthColumnData));
      cache.set(i, d);
    }
    return d;
  };
  for (const [i, j] of choosePairs(real.columns.length, opts.maxPairs ?? 300, opts.seed)) {
    const a = real.columns[i] as SynthColumnData;
    const b = real.columns[j] as SynthColumnData;
    if (!isCategorical(a) && !isCategorical(b)) {
      const r = pearson(a.values, b.values);
      if (r === null) continue;
      const s = pearson((synthetic.columns[i] as NumericColumnData).values, (synthetic.columns[j] as NumericColumnData).values);
      const score = s === null ? 0 : 1 - Math.abs(r - s) / 2;
      pairs.push({ a: a.name, b: b.name, metric: 'correlation-similarity', score: clamp01(score), real: r, synthetic: s });
    } else {
      const ra = discrete(i, 'real');
      const rb = discrete(j, 'real');
      const p = contingencyShares(ra, rb);
      const q = contingencyShares(discrete(i, 'synthetic'), discrete(j, 'synthetic'));
      const score = 1 - totalVariation(p, q);
      pairs.push({ a: a.name, b: b.name, metric: 'contingency-similarity', score: clamp01(score), real: cramersV(p, ra.size, rb.size), synthetic: cramersV(q, ra.size, rb.size) });
    }
  }
  const mean = (xs: number[]): number => (xs.length === 0 ? 1 : xs.reduce((s, x) => s + x, 0) / xs.length);
  const columnShapes = mean(columns.map((c) => c.score));
  const pairTrends = pairs.length === 0 ? columnShapes : mean(pairs.map((p) => p.score));
  return { score: (columnShapes + pairTrends) / 2, columnShapes, pairTrends, columns, pairs };
}

/** At most `max` rows, a seeded sample (the same rows whatever their order: every measure here ignores order). */
const subsampleRows = (data: SynthData, max: number, seed: number): SynthData =>
  data.rows <= max ? data : selectSynthRows(data, subsample(data.rows, max, createRng(seed, 11)));

/**
 * The overall score alone, for early stopping: both tables subsampled to at most 5,000 rows and 100 pairs, no chart
 * bins. Cheap (tens of milliseconds on Adult) and the same measure as the report's score.
 */
export function qualityScore(real: SynthData, synthetic: SynthData, seed = 1): number {
  return qualityReport(subsampleRows(real, 5000, seed), subsampleRows(synthetic, 5000, seed + 1), { seed, maxPairs: 100, bins: false }).score;
}
