import type { TransformerState } from './transformer';
import { layout } from './transformer';

/**
 * Conditional vectors and training-by-sampling. The condition is the concatenated one-hots of the conditioned
 * columns (the categorical ones, and the modes of mixed numeric ones: transformer.ts) with exactly one position set:
 * a column chosen uniformly, a level (or mode) within it. In training the level is
 * drawn by log-frequency (rare levels are seen often enough to be learned) and the real rows shown to the critic
 * are drawn among those having it; in sampling the level is drawn by its real frequency.
 */
export type ConditionLayout = {
  width: number;
  /** Per conditioned column: where its one-hot starts in the condition, and the cumulative level probabilities. */
  columns: Array<{ start: number; size: number; logCumulative: Float64Array; cumulative: Float64Array }>;
};

export function conditionLayout(state: TransformerState): ConditionLayout {
  const columns: ConditionLayout['columns'] = [];
  let width = 0;
  for (const { counts } of layout(state).conditioned) {
    columns.push({
      start: width,
      size: counts.length,
      logCumulative: cumulative(counts.map((n) => Math.log(n + 1))),
      cumulative: cumulative(counts),
    });
    width += counts.length;
  }
  return { width, columns };
}

function cumulative(weights: number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Float64Array(weights.length);
  let run = 0;
  weights.forEach((w, i) => {
    run += w;
    out[i] = total > 0 ? run / total : (i + 1) / weights.length;
  });
  return out;
}

function pick(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export type Conditions = { vectors: Float32Array; column: Int32Array; level: Int32Array };

/** `n` conditions; `logFrequency` for training, the real frequencies otherwise. Null when no column is conditioned on. */
export function sampleConditions(cond: ConditionLayout, n: number, random: () => number, logFrequency: boolean): Conditions | null {
  if (cond.columns.length === 0) return null;
  const vectors = new Float32Array(n * cond.width);
  const column = new Int32Array(n);
  const level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cond.columns.length - 1, Math.floor(random() * cond.columns.length));
    const info = cond.columns[c] as ConditionLayout['columns'][number];
    const l = pick(logFrequency ? info.logCumulative : info.cumulative, random());
    column[i] = c;
    level[i] = l;
    vectors[i * cond.width + info.start + l] = 1;
  }
  return { vectors, column, level };
}

/** Row indices per (conditioned column, level or mode), to draw real rows having a condition. */
export type RowIndex = Int32Array[][];

export function rowIndex(state: TransformerState, encoded: Float32Array): RowIndex {
  const { width, conditioned } = layout(state);
  const rows = encoded.length / width;
  return conditioned.map(({ span }) => {
    const lists: number[][] = Array.from({ length: span.size }, () => []);
    for (let r = 0; r < rows; r++) {
      for (let l = 0; l < span.size; l++) {
        if (encoded[r * width + span.start + l] === 1) {
          (lists[l] as number[]).push(r);
          break;
        }
      }
    }
    return lists.map((list) => Int32Array.from(list));
  });
}

/** Real rows (encoded, row-major) matching each condition; uniformly random rows when there is none. */
export function sampleRealRows(encoded: Float32Array, width: number, index: RowIndex, conditions: Conditions | null, n: number, random: () => number): Float32Array {
  const rows = encoded.length / width;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    let r: number;
    if (conditions) {
      const list = (index[conditions.column[i] as number] as Int32Array[])[conditions.level[i] as number] as Int32Array;
      r = list.length > 0 ? (list[Math.floor(random() * list.length)] as number) : Math.floor(random() * rows);
    } else r = Math.floor(random() * rows);
    out.set(encoded.subarray(r * width, (r + 1) * width), i * width);
  }
  return out;
}
