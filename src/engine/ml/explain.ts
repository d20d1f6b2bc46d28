import type { Tf } from './backend';
import type { Calibration } from './calibration';
import { baselineFeatures, baselineValue, featureGroups, type Encoder } from './encoder';
import { createRng, permutation } from './folds';
import { rocAuc } from './metrics';
import type { RawTable, RawValue } from './table';
import { predictLogits, type Net } from './trainer';

export type Reason = { feature: string; value: RawValue; effect: number };

/**
 * Permutation importance on held-out rows: for each source column, its encoded columns are shuffled together
 * (the same row permutation, seeded) and the drop in ROC AUC from the unshuffled rows is averaged over repeats.
 */
export function permutationImportance(
  tf: Tf,
  net: Net,
  encoder: Encoder,
  X: Float32Array,
  rows: number,
  cols: number,
  y: Uint8Array,
  options: { repeats: number; seed: number; checkCancelled?: () => void },
): Array<{ feature: string; drop: number }> {
  const base = rocAuc(y, predictLogits(tf, net, X, rows, cols));
  const rng = createRng(options.seed, 404);
  const shuffled = X.slice();
  return featureGroups(encoder).map((group) => {
    let drop = 0;
    for (let r = 0; r < options.repeats; r++) {
      options.checkCancelled?.();
      const perm = permutation(rows, rng);
      for (let i = 0; i < rows; i++) {
        const from = (perm[i] as number) * cols;
        for (const c of group.columns) shuffled[i * cols + c] = X[from + c] as number;
      }
      drop += base - rocAuc(y, predictLogits(tf, net, shuffled, rows, cols));
    }
    for (let i = 0; i < rows; i++) for (const c of group.columns) shuffled[i * cols + c] = X[i * cols + c] as number;
    return { feature: group.source, drop: drop / options.repeats };
  });
}

/**
 * Why each row scores as it does: for every source column, the change in calibrated log-odds when that column
 * is set back to the typical customer's value (median or most frequent level). Positive effects raise the
 * predicted probability. The `top` largest by size are kept per row, largest first.
 */
export function rowReasons(
  tf: Tf,
  net: Net,
  calibration: Calibration,
  encoder: Encoder,
  table: RawTable,
  X: Float32Array,
  logits: Float32Array,
  top: number,
  checkCancelled?: () => void,
): Reason[][] {
  const rows = table.rows.length;
  const cols = encoder.featureNames.length;
  const groups = featureGroups(encoder);
  const baseline = baselineFeatures(encoder);
  const sourceIndex = groups.map((g) => table.columns.indexOf(g.source));
  const reasons: Reason[][] = new Array<Reason[]>(rows);
  const chunk = Math.max(1, Math.floor(2_000_000 / Math.max(1, cols)));
  for (let from = 0; from < rows; from += chunk) {
    checkCancelled?.();
    const to = Math.min(rows, from + chunk);
    const m = to - from;
    const part = X.slice(from * cols, to * cols);
    const effects = groups.map((group) => {
      for (let i = 0; i < m; i++) for (const c of group.columns) part[i * cols + c] = baseline[c] as number;
      const z = predictLogits(tf, net, part, m, cols);
      for (let i = 0; i < m; i++) for (const c of group.columns) part[i * cols + c] = X[(from + i) * cols + c] as number;
      const effect = new Float32Array(m);
      for (let i = 0; i < m; i++) effect[i] = calibration.a * ((logits[from + i] as number) - (z[i] as number));
      return effect;
    });
    for (let i = 0; i < m; i++) {
      const row = table.rows[from + i] as RawValue[];
      const list: Reason[] = [];
      groups.forEach((group, g) => {
        const effect = (effects[g] as Float32Array)[i] as number;
        if (Math.abs(effect) < 1e-6) return;
        const j = sourceIndex[g] as number;
        list.push({ feature: group.source, value: j >= 0 ? (row[j] ?? null) : null, effect });
      });
      list.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
      reasons[from + i] = list.slice(0, top);
    }
  }
  return reasons;
}

/** The typical value each source column is compared against in the reasons. */
export const reasonBaselines = (encoder: Encoder): Array<{ feature: string; value: RawValue }> =>
  encoder.columns.map((c) => ({ feature: c.source, value: baselineValue(c) }));
