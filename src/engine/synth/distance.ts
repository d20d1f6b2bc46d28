import { AppError } from '../../shared/errors';
import type { Rng } from '../kernel/random';
import type { SynthData } from './types';

/**
 * The mixed distance between rows that SDMetrics' DCR metrics use: per column, numbers |a − b| / the column's range in
 * the training rows (at most 1), categories 0 when equal and 1 otherwise, missing equal to missing (0) and unlike
 * anything else (1); averaged over the columns, so distances lie in [0, 1]. Rows are packed row-major in typed arrays
 * for the brute-force nearest-record search.
 */
export type PackedRows = { rows: number; numeric: Float64Array; categorical: Int32Array; nNumeric: number; nCategorical: number };

/** Each column's range in the reference rows (1 where there is no spread), for numeric and datetime columns in order. */
export function numericRanges(reference: SynthData): number[] {
  const out: number[] = [];
  for (const col of reference.columns) {
    if (col.kind === 'categorical') continue;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const v of col.values) {
      if (Number.isNaN(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    out.push(high > low ? high - low : 1);
  }
  return out;
}

/** Same names, kinds and levels, in the same order: what the reports need to compare rows column by column. */
export function checkSameColumns(reference: SynthData, other: SynthData, what: string): void {
  const same =
    reference.columns.length === other.columns.length &&
    reference.columns.every((c, j) => {
      const o = other.columns[j];
      if (!o || o.name !== c.name || o.kind !== c.kind) return false;
      return c.kind !== 'categorical' || (o.kind === 'categorical' && o.levels.length === c.levels.length && o.levels.every((l, k) => l === c.levels[k]));
    });
  if (!same) throw new AppError('bad-input', `The ${what} rows do not have the training rows' columns (names, kinds and levels in the same order).`, { field: what });
}

/** Rows at `indices` packed for distances; numeric values divided by their range. */
export function packRows(data: SynthData, ranges: number[], indices: ArrayLike<number>): PackedRows {
  const numericCols = data.columns.filter((c) => c.kind !== 'categorical');
  const categoricalCols = data.columns.filter((c) => c.kind === 'categorical');
  const n = indices.length;
  const numeric = new Float64Array(n * numericCols.length);
  const categorical = new Int32Array(n * categoricalCols.length);
  for (let i = 0; i < n; i++) {
    const r = indices[i] as number;
    numericCols.forEach((c, k) => (numeric[i * numericCols.length + k] = (c.values[r] as number) / (ranges[k] as number)));
    categoricalCols.forEach((c, k) => (categorical[i * categoricalCols.length + k] = c.codes[r] as number));
  }
  return { rows: n, numeric, categorical, nNumeric: numericCols.length, nCategorical: categoricalCols.length };
}

/**
 * For every query row, the distance to the closest reference row (brute force, stopping a row as soon as it cannot
 * win). `checkCancelled` is called every 64 query rows.
 */
export function closestDistances(query: PackedRows, reference: PackedRows, checkCancelled?: () => void): Float64Array {
  const { nNumeric: nn, nCategorical: nc } = query;
  const columns = nn + nc;
  const out = new Float64Array(query.rows);
  const qn = query.numeric;
  const qc = query.categorical;
  const rn = reference.numeric;
  const rc = reference.categorical;
  for (let q = 0; q < query.rows; q++) {
    if ((q & 63) === 0) checkCancelled?.();
    let best = columns;
    for (let r = 0; r < reference.rows && best > 0; r++) {
      let sum = 0;
      for (let k = 0; k < nc && sum < best; k++) if (qc[q * nc + k] !== rc[r * nc + k]) sum += 1;
      for (let k = 0; k < nn && sum < best; k++) {
        const a = qn[q * nn + k] as number;
        const b = rn[r * nn + k] as number;
        const aMissing = Number.isNaN(a);
        const bMissing = Number.isNaN(b);
        if (aMissing || bMissing) sum += aMissing && bMissing ? 0 : 1;
        else sum += Math.min(1, Math.abs(a - b));
      }
      if (sum < best) best = sum;
    }
    out[q] = columns === 0 ? 0 : best / columns;
  }
  return out;
}

/** Up to `count` distinct row positions out of `rows`, seeded (all of them, in order, when there are no more). */
export function subsample(rows: number, count: number, rng: Rng): Int32Array {
  if (rows <= count) return Int32Array.from({ length: rows }, (_, i) => i);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (rows - i));
    const t = all[i] as number;
    all[i] = all[j] as number;
    all[j] = t;
  }
  return all.slice(0, count).sort();
}
