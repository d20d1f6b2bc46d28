import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { createRng, normal, type Rng } from '../kernel/random';
import { empiricalMarginal, ksStatistic, marginalCdf, marginalQuantile, normalCdf, normalQuantile, parametricCandidates, type Marginal } from './marginals';
import type { CategoricalColumnData, NumericColumnData, SynthColumnData, SynthData } from './types';

/**
 * The Gaussian-copula synthesizer (the fast baseline, after SDV's GaussianCopulaSynthesizer): each column's marginal,
 * the correlation of the columns' normal scores, sampling by Cholesky through the inverse marginals.
 *
 * Numbers and dates: a parametric curve (normal, normal cut to the real range, log-normal, uniform) when the best of
 * them is within KS 0.02 of the data (smooth, and the model stores parameters rather than real values); else the
 * empirical quantile function with 512 knots, linear between them (multi-modal columns, spikes such as a capital gain
 * that is 0 for nine people in ten). Columns with fewer than 20 distinct values always take the empirical one: a curve
 * would smear a handful of values. Missing values are a share of their own, drawn independently when sampling.
 * Categories (missing as one more level): each level owns an interval of [0, 1] as wide as its frequency (SDV's
 * frequency encoder; ordered as fitCategorical says); fitting takes a random point inside the interval, so the normal
 * scores are continuous and their correlation with other columns is kept.
 */
export type CopulaArtefact = { version: 1; [key: string]: unknown };

/** Above this KS distance no curve is good enough and the empirical quantiles are used. */
export const PARAMETRIC_KS_LIMIT = 0.02;
const FEW_DISTINCT = 20;
const KNOTS = 512;
const KS_SAMPLE = 5000;

const marginalSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('normal'), mean: z.number(), sd: z.number().positive() }),
  z.object({ family: z.literal('truncnorm'), mean: z.number(), sd: z.number().positive(), low: z.number(), high: z.number() }),
  z.object({ family: z.literal('lognormal'), mu: z.number(), sigma: z.number().positive(), shift: z.number() }),
  z.object({ family: z.literal('uniform'), low: z.number(), high: z.number() }),
  z.object({ family: z.literal('empirical'), knots: z.array(z.number()).min(2) }),
]);

const numericSchema = z.object({
  kind: z.enum(['numeric', 'datetime']),
  name: z.string(),
  /** Share of missing values. */
  missing: z.number().min(0).max(1),
  marginal: marginalSchema,
  /** Why this marginal: the family and its KS distance to the data, in plain words. */
  why: z.string(),
  low: z.number(),
  high: z.number(),
  integer: z.boolean(),
  decimals: z.int().min(0).max(12),
  dateOnly: z.boolean(),
});

const categoricalSchema = z.object({
  kind: z.literal('categorical'),
  name: z.string(),
  levels: z.array(z.string()),
  /** Codes (−1 = missing) in interval order, most frequent first, and each interval's upper end. */
  order: z.array(z.int().min(-1)),
  upper: z.array(z.number()),
});

const copulaModelSchema = z.object({
  version: z.literal(1),
  method: z.literal('gaussian-copula'),
  rows: z.int(),
  columns: z.array(z.discriminatedUnion('kind', [numericSchema.extend({ kind: z.literal('numeric') }), numericSchema.extend({ kind: z.literal('datetime') }), categoricalSchema])),
  /** Correlation of the normal scores (positive definite, unit diagonal). */
  correlation: z.array(z.array(z.number())),
});

export type CopulaModel = z.infer<typeof copulaModelSchema>;
type NumericModel = z.infer<typeof numericSchema>;
type CategoricalModel = z.infer<typeof categoricalSchema>;

/** A uniform point kept away from 0 and 1 by half a row, so one extreme value cannot dominate the correlation. */
const clampU = (u: number, n: number): number => Math.min(1 - 0.5 / n, Math.max(0.5 / n, u));

function fitNumeric(col: NumericColumnData): NumericModel {
  const present = col.values.filter((v) => !Number.isNaN(v)).sort();
  const n = col.values.length;
  const base = { kind: col.kind, name: col.name, missing: n === 0 ? 0 : 1 - present.length / n, integer: col.integer, decimals: col.decimals, dateOnly: col.dateOnly ?? false };
  if (present.length === 0) return { ...base, marginal: { family: 'uniform', low: 0, high: 0 }, why: 'every value is missing', low: 0, high: 0 };
  const low = present[0] as number;
  const high = present[present.length - 1] as number;
  if (low === high) return { ...base, marginal: { family: 'uniform', low, high }, why: 'one value in every row', low, high };
  let distinct = 1;
  for (let i = 1; i < present.length && distinct < FEW_DISTINCT; i++) if (present[i] !== present[i - 1]) distinct++;
  if (distinct < FEW_DISTINCT) {
    return { ...base, marginal: empiricalMarginal(present, KNOTS), why: `fewer than ${FEW_DISTINCT} distinct values: their own frequencies (empirical)`, low, high };
  }
  // A stride through the sorted values keeps their distribution and bounds the cost of the KS checks.
  const stride = Math.max(1, Math.ceil(present.length / KS_SAMPLE));
  const check = stride === 1 ? present : present.filter((_, i) => i % stride === 0);
  const scored = parametricCandidates(present).map((m) => ({ m, ks: ksStatistic(check, (x) => marginalCdf(m, x)) }));
  scored.sort((a, b) => a.ks - b.ks);
  const best = scored[0];
  if (best && best.ks <= PARAMETRIC_KS_LIMIT) {
    return { ...base, marginal: best.m, why: `${best.m.family} curve (KS ${best.ks.toFixed(3)})`, low, high };
  }
  const note = best ? `best curve ${best.m.family} at KS ${best.ks.toFixed(3)}` : 'no curve fits';
  return { ...base, marginal: empiricalMarginal(present, KNOTS), why: `empirical quantiles (${note}, above ${PARAMETRIC_KS_LIMIT})`, low, high };
}

/** Normal scores of a numeric column; NaN where missing. Empirical marginals get a random point within a tie's step. */
function numericScores(col: NumericColumnData, model: NumericModel, rng: Rng): Float64Array {
  const n = col.values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (model.low === model.high) return out;
  const sorted = col.values.filter((v) => !Number.isNaN(v)).sort();
  const m = sorted.length;
  const below = (x: number, orEqual: boolean): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = sorted[mid] as number;
      if (v < x || (orEqual && v === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < n; i++) {
    const x = col.values[i] as number;
    if (Number.isNaN(x)) continue;
    let u: number;
    if (model.marginal.family === 'empirical') {
      const less = below(x, false);
      u = (less + rng() * (below(x, true) - less)) / m;
    } else u = marginalCdf(model.marginal, x);
    out[i] = normalQuantile(clampU(u, m));
  }
  return out;
}

/** Between-level share of a numeric column's variance (the correlation ratio η²) and each level's mean there. */
function levelMeans(codes: Int32Array, scores: Float64Array): { eta2: number; means: Map<number, number> } {
  const sums = new Map<number, [number, number]>();
  let total = 0;
  let totalSq = 0;
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const v = scores[i] as number;
    if (Number.isNaN(v)) continue;
    const s = sums.get(codes[i] as number) ?? [0, 0];
    s[0] += v;
    s[1]++;
    sums.set(codes[i] as number, s);
    total += v;
    totalSq += v * v;
    n++;
  }
  const means = new Map<number, number>();
  if (n < 3) return { eta2: 0, means };
  const grand = total / n;
  const variance = totalSq - n * grand * grand;
  let between = 0;
  for (const [code, [sum, count]] of sums) {
    means.set(code, sum / count);
    between += count * (sum / count - grand) ** 2;
  }
  return { eta2: variance > 1e-12 ? between / variance : 0, means };
}

/** Below this correlation ratio with every numeric column, a category keeps SDV's most-frequent-first order. */
const LINKED_ETA2 = 0.01;

/**
 * Each level's interval of [0, 1], as wide as its frequency. SDV orders them most frequent first; a category that
 * tracks a number (a plan that follows spend) would then lose most of that link, since one correlation coefficient
 * only sees a monotone relation. So the levels are ordered along the numeric column they are most linked to (by the
 * correlation ratio η², at least 0.01), by their mean normal score there; else most frequent first.
 */
function fitCategorical(col: CategoricalColumnData, numericScores: Float64Array[]): CategoricalModel {
  const counts = new Map<number, number>();
  for (const code of col.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  let link: Map<number, number> | null = null;
  let bestEta2 = LINKED_ETA2;
  for (const scores of numericScores) {
    const { eta2, means } = levelMeans(col.codes, scores);
    if (eta2 >= bestEta2 && means.size === counts.size) {
      bestEta2 = eta2;
      link = means;
    }
  }
  const byLink = link;
  const order = [...counts.entries()]
    .sort((a, b) => (byLink ? (byLink.get(a[0]) as number) - (byLink.get(b[0]) as number) : b[1] - a[1]) || b[1] - a[1] || a[0] - b[0])
    .map(([code]) => code);
  const n = col.codes.length;
  let total = 0;
  const upper = order.map((code) => (total += counts.get(code) as number) / n);
  if (upper.length > 0) upper[upper.length - 1] = 1;
  return { kind: 'categorical', name: col.name, levels: [...col.levels], order, upper };
}

function categoricalScores(col: CategoricalColumnData, model: CategoricalModel, rng: Rng): Float64Array {
  const n = col.codes.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (model.order.length < 2) return out;
  const lowerOf = new Map<number, [number, number]>();
  model.order.forEach((code, k) => lowerOf.set(code, [k === 0 ? 0 : (model.upper[k - 1] as number), model.upper[k] as number]));
  for (let i = 0; i < n; i++) {
    const [lo, hi] = lowerOf.get(col.codes[i] as number) as [number, number];
    out[i] = normalQuantile(clampU(lo + rng() * (hi - lo), n));
  }
  return out;
}

/** Pearson correlation of each pair over the rows where both are present; 0 where a column has no spread. */
function pairwiseCorrelation(scores: Float64Array[]): number[][] {
  const d = scores.length;
  const out = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const x = scores[a] as Float64Array;
      const y = scores[b] as Float64Array;
      let n = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0; i < x.length; i++) {
        const u = x[i] as number;
        const v = y[i] as number;
        if (Number.isNaN(u) || Number.isNaN(v)) continue;
        n++;
        sx += u;
        sy += v;
        sxx += u * u;
        syy += v * v;
        sxy += u * v;
      }
      if (n < 3) continue;
      const vx = sxx - (sx * sx) / n;
      const vy = syy - (sy * sy) / n;
      if (!(vx > 1e-12 && vy > 1e-12)) continue;
      const r = Math.max(-1, Math.min(1, (sxy - (sx * sy) / n) / Math.sqrt(vx * vy)));
      (out[a] as number[])[b] = r;
      (out[b] as number[])[a] = r;
    }
  }
  return out;
}

/**
 * The nearest correlation-like matrix that is positive definite: eigenvalues raised to at least 1e-6, then rescaled
 * to a unit diagonal. Pairwise-complete correlations (missing values) can be slightly indefinite; this repairs them.
 */
export function positiveDefinite(corr: number[][]): number[][] {
  const m = new Matrix(corr);
  if (corr.length === 0 || new CholeskyDecomposition(m).isPositiveDefinite()) return corr;
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const lambda = Matrix.diag(eig.realEigenvalues.map((v) => Math.max(v, 1e-6)));
  const v = eig.eigenvectorMatrix;
  const fixed = v.mmul(lambda).mmul(v.transpose()).to2DArray();
  const d = fixed.map((row, i) => Math.sqrt(row[i] as number));
  return fixed.map((row, i) => row.map((x, j) => (i === j ? 1 : x / ((d[i] as number) * (d[j] as number)))));
}

/** Learns a Gaussian copula from the training rows; deterministic for a seed (the random points inside ties and levels). */
export function fitCopula(data: SynthData, opts: { seed: number }): CopulaArtefact {
  if (data.rows === 0) throw new AppError('bad-input', 'There are no rows to learn from.', { field: 'rows' });
  if (data.columns.length === 0) throw new AppError('bad-input', 'There is no column to learn.', { field: 'columns' });
  const rng = createRng(opts.seed, 71);
  // Numbers first: the categories' interval order looks at the numeric columns' normal scores.
  const fitted = data.columns.map((col) => {
    if (col.kind === 'categorical') return null;
    const model = fitNumeric(col);
    return { model: model as CopulaModel['columns'][number], scores: numericScores(col, model, rng) };
  });
  const numericScoreList = fitted.flatMap((f) => (f ? [f.scores] : []));
  const columns: CopulaModel['columns'] = [];
  const scores: Float64Array[] = [];
  data.columns.forEach((col, j) => {
    const done = fitted[j];
    if (done) {
      columns.push(done.model);
      scores.push(done.scores);
    } else if (col.kind === 'categorical') {
      const model = fitCategorical(col, numericScoreList);
      columns.push(model);
      scores.push(categoricalScores(col, model, rng));
    }
  });
  const model: CopulaModel = { version: 1, method: 'gaussian-copula', rows: data.rows, columns, correlation: positiveDefinite(pairwiseCorrelation(scores)) };
  return model;
}

/** The copula's marginals and correlation, checked: the artefact comes back from storage. */
export function readCopula(artefact: CopulaArtefact): CopulaModel {
  const parsed = copulaModelSchema.safeParse(artefact);
  if (!parsed.success) throw new AppError('bad-input', 'This copula model is damaged or was saved by a newer version of Localyst. Train it again.', { field: 'model' });
  const d = parsed.data.columns.length;
  if (parsed.data.correlation.length !== d || parsed.data.correlation.some((row) => row.length !== d)) {
    throw new AppError('bad-input', 'This copula model is damaged (its correlation matrix does not match its columns). Train it again.', { field: 'model' });
  }
  return parsed.data;
}

function roundValue(model: NumericModel, x: number): number {
  const y = Math.min(model.high, Math.max(model.low, x));
  if (model.kind === 'datetime' && model.dateOnly) return Math.round(y / 86400) * 86400;
  if (model.integer) return Math.round(y);
  const scale = 10 ** model.decimals;
  return Math.round(y * scale) / scale;
}

/** Samples rows from a fitted copula: correlated normals by Cholesky, through each column's inverse marginal. */
export function sampleCopula(artefact: CopulaArtefact, rows: number, seed: number): SynthData {
  const model = readCopula(artefact);
  if (!Number.isInteger(rows) || rows < 0) throw new AppError('bad-input', `Rows take a whole number of 0 or more, not ${rows}.`, { field: 'rows' });
  const d = model.columns.length;
  const chol = new CholeskyDecomposition(new Matrix(positiveDefinite(model.correlation)));
  const lower = chol.lowerTriangularMatrix.to2DArray();
  const rng = createRng(seed, 72);
  const missingRng = createRng(seed, 73);
  const out: SynthColumnData[] = model.columns.map((c) =>
    c.kind === 'categorical'
      ? { name: c.name, kind: 'categorical', codes: new Int32Array(rows), levels: [...c.levels] }
      : { name: c.name, kind: c.kind, values: new Float64Array(rows), integer: c.integer, decimals: c.decimals, ...(c.kind === 'datetime' ? { dateOnly: c.dateOnly } : {}) },
  );
  const e = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) e[j] = normal(rng);
    for (let j = 0; j < d; j++) {
      const row = lower[j] as number[];
      let zj = 0;
      for (let k = 0; k <= j; k++) zj += (row[k] as number) * (e[k] as number);
      const u = normalCdf(zj);
      const c = model.columns[j] as CopulaModel['columns'][number];
      const target = out[j] as SynthColumnData;
      if (c.kind === 'categorical') {
        let k = 0;
        while (k < c.upper.length - 1 && u > (c.upper[k] as number)) k++;
        (target as CategoricalColumnData).codes[r] = c.order[k] ?? -1;
      } else {
        const missing = missingRng() < c.missing;
        (target as NumericColumnData).values[r] = missing ? Number.NaN : roundValue(c, c.low === c.high ? c.low : marginalQuantile(c.marginal as Marginal, u));
      }
    }
  }
  return { rows, columns: out };
}
