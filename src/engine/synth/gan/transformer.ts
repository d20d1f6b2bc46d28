import type { CategoricalColumnData, NumericColumnData, SynthColumnData, SynthData } from '../types';
import { fitVgm, mulberry32, vgmResponsibilities, type Vgm, type VgmOptions } from './vgm';

/**
 * The GAN's table encoding (CTGAN's "mode-specific normalisation"). A numeric or datetime column becomes a scalar
 * (x − μ)/(4σ) of one of its mixture modes, clipped to ±0.99, plus the mode as a one-hot, the mode drawn from the
 * value's posterior responsibilities; a column with missing values adds a two-level one-hot (present, missing).
 * A categorical column becomes a one-hot of its levels, a missing value being one more level.
 *
 * Point masses: a value that holds at least SPIKE_SHARE of a column's rows exactly (0 in "capital gain", "refunds" or
 * "discount used", 40 in "hours per week") is a mode of its own, after the mixture's, that decodes to exactly that
 * value (CTAB-GAN's mixed-type encoding, Zhao et al. 2021), and the mixture is fitted to the other values. Left to the
 * mixture, such a spike is a component whose spread the prior widens (about the column's variance over the spike's
 * rows: ±77 around 0 for Adult's capital gain), so a generated scalar a hair off its mode decoded to 1–50 instead of
 * 0: 55 % of a twin's rows had a capital gain, against 8.5 % of the real ones.
 *
 * A mixed column (point masses and a mixture) is also conditioned on, as CTAB-GAN does: its modes join the categories
 * in training-by-sampling, so a rare mode (the few large capital gains) is shown often enough for the generator to
 * learn what goes with it (the income), not only how often it occurs.
 */
export type NumericColumnCode = {
  kind: 'numeric' | 'datetime';
  name: string;
  /** The mixture of the values that are not point masses (no modes when every value is one). */
  vgm: Vgm;
  /** Values that are modes of their own, after the mixture's (absent in models saved before they existed). */
  spikes?: number[];
  /**
   * Rows per mode (the mixture's, expected from its weights, then the point masses') when the column is conditioned
   * on (a mixed column); absent otherwise, and in models saved before.
   */
  modeCounts?: number[];
  hasMissing: boolean;
  integer: boolean;
  decimals: number;
  dateOnly: boolean;
  min: number;
  max: number;
};

export type CategoricalColumnCode = {
  kind: 'categorical';
  name: string;
  levels: string[];
  /** A missing value is the one-hot's last position. */
  hasMissing: boolean;
  /** Rows per level (the missing level last), for training-by-sampling and for sampling. */
  counts: number[];
};

export type ColumnCode = NumericColumnCode | CategoricalColumnCode;

/** A run of output positions with its activation: tanh for a scalar, softmax for a one-hot. */
export type Span = { start: number; size: number; activation: 'tanh' | 'softmax' };

export type TransformerState = { columns: ColumnCode[]; rows: number };

export const DAY = 86_400;

/** A value holding at least this share of a column's present values is a point-mass mode (see above). */
export const SPIKE_SHARE = 0.05;
const MAX_SPIKES = 10;

/** The values holding at least SPIKE_SHARE of the finite values with their counts, most frequent first (at most MAX_SPIKES). */
function pointMassCounts(values: ArrayLike<number>): Array<[value: number, count: number]> {
  const counts = new Map<number, number>();
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    finite++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= SPIKE_SHARE * finite)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_SPIKES);
}

/** The values holding at least SPIKE_SHARE of the finite values, most frequent first (at most MAX_SPIKES). */
export function pointMasses(values: ArrayLike<number>): number[] {
  return pointMassCounts(values).map(([v]) => v);
}

const spikesOf = (code: NumericColumnCode): number[] => code.spikes ?? [];

export function fitTransformer(data: SynthData, vgmOptions: Partial<VgmOptions> = {}): TransformerState {
  const columns = data.columns.map((column, index): ColumnCode => {
    if (column.kind === 'categorical') {
      let missing = 0;
      const counts = new Array<number>(column.levels.length).fill(0);
      for (const code of column.codes) {
        if (code < 0) missing++;
        else counts[code] = (counts[code] as number) + 1;
      }
      if (missing > 0) counts.push(missing);
      return { kind: 'categorical', name: column.name, levels: column.levels.slice(), hasMissing: missing > 0, counts };
    }
    let min = Infinity;
    let max = -Infinity;
    let hasMissing = false;
    for (const v of column.values) {
      if (!Number.isFinite(v)) {
        hasMissing = true;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min > max) {
      min = 0;
      max = 0;
    }
    const masses = pointMassCounts(column.values);
    const spikes = masses.map(([v]) => v);
    const spiked = new Set(spikes);
    const rest = column.values.filter((v) => Number.isFinite(v) && !spiked.has(v));
    const vgm: Vgm = spikes.length > 0 && rest.length === 0 ? { weights: [], means: [], stds: [] } : fitVgm(rest, { ...vgmOptions, seed: ((vgmOptions.seed ?? 1) + index * 7919) >>> 0 });
    const spikeCounts = masses.map(([, n]) => n);
    const mixed = spikes.length > 0 && vgm.weights.length > 0;
    return {
      kind: column.kind,
      name: column.name,
      vgm,
      spikes,
      ...(mixed ? { modeCounts: [...vgm.weights.map((w) => w * rest.length), ...spikeCounts] } : {}),
      hasMissing,
      integer: column.integer,
      decimals: column.decimals,
      dateOnly: column.dateOnly ?? false,
      min,
      max,
    };
  });
  return { columns, rows: data.rows };
}

/** A one-hot span that training conditions on, with its rows per position (what the conditions are drawn by). */
export type ConditionedSpan = { column: number; span: Span; counts: number[] };

/**
 * The output layout: every span in order, and the one-hot spans conditioned on (each categorical column's levels,
 * each mixed numeric column's modes), in column order.
 */
export function layout(state: TransformerState): { spans: Span[]; width: number; columnSpans: Span[][]; conditioned: ConditionedSpan[] } {
  const spans: Span[] = [];
  const columnSpans: Span[][] = [];
  const conditioned: ConditionedSpan[] = [];
  let at = 0;
  const add = (size: number, activation: Span['activation']): Span => {
    const span = { start: at, size, activation };
    at += size;
    spans.push(span);
    return span;
  };
  state.columns.forEach((column, index) => {
    if (column.kind === 'categorical') {
      const span = add(column.counts.length, 'softmax');
      columnSpans.push([span]);
      conditioned.push({ column: index, span, counts: column.counts });
    } else {
      const own = [add(1, 'tanh'), add(column.vgm.weights.length + spikesOf(column).length, 'softmax')];
      if (column.modeCounts) conditioned.push({ column: index, span: own[1] as Span, counts: column.modeCounts });
      if (column.hasMissing) own.push(add(2, 'softmax'));
      columnSpans.push(own);
    }
  });
  return { spans, width: at, columnSpans, conditioned };
}

/** Encodes every row (row-major Float32Array of `width` values per row); the modes are drawn with the seed. */
export function transform(state: TransformerState, data: SynthData, seed: number): Float32Array {
  const { width, columnSpans } = layout(state);
  const out = new Float32Array(data.rows * width);
  const random = mulberry32(seed);
  state.columns.forEach((code, c) => {
    const column = data.columns[c] as SynthColumnData;
    const spans = columnSpans[c] as Span[];
    if (code.kind === 'categorical') {
      const codes = (column as CategoricalColumnData).codes;
      const start = (spans[0] as Span).start;
      const missingAt = code.counts.length - 1;
      for (let r = 0; r < data.rows; r++) {
        const v = codes[r] as number;
        out[r * width + start + (v < 0 ? missingAt : v)] = 1;
      }
      return;
    }
    const values = (column as NumericColumnData).values;
    const [scalar, modes, missing] = spans as [Span, Span, Span | undefined];
    const K = code.vgm.weights.length;
    const probs = new Float64Array(K);
    // A missing value sits in the heaviest mixture mode (or the first point mass when there is no mixture), scalar 0.
    const heaviest = K > 0 ? code.vgm.weights.indexOf(Math.max(...code.vgm.weights)) : 0;
    const spikeMode = new Map(spikesOf(code).map((v, j) => [v, K + j]));
    for (let r = 0; r < data.rows; r++) {
      const v = values[r] as number;
      const base = r * width;
      if (!Number.isFinite(v)) {
        out[base + scalar.start] = 0;
        out[base + modes.start + heaviest] = 1;
        if (missing) out[base + missing.start + 1] = 1;
        continue;
      }
      const spike = spikeMode.get(v);
      if (spike !== undefined) {
        out[base + scalar.start] = 0;
        out[base + modes.start + spike] = 1;
        if (missing) out[base + missing.start] = 1;
        continue;
      }
      vgmResponsibilities(code.vgm, v, probs);
      let u = random();
      let k = 0;
      for (; k < K - 1; k++) {
        u -= probs[k] as number;
        if (u < 0) break;
      }
      const scaled = (v - (code.vgm.means[k] as number)) / (4 * (code.vgm.stds[k] as number));
      out[base + scalar.start] = Math.max(-0.99, Math.min(0.99, scaled));
      out[base + modes.start + k] = 1;
      if (missing) out[base + missing.start] = 1;
    }
  });
  return out;
}

/** Decodes generated rows (activated outputs, row-major) back to typed columns. */
export function inverseTransform(state: TransformerState, encoded: Float32Array, rows: number): SynthData {
  const { width, columnSpans } = layout(state);
  const argmax = (base: number, span: Span): number => {
    let best = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < span.size; i++) {
      const v = encoded[base + span.start + i] as number;
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    return best;
  };
  const columns = state.columns.map((code, c): SynthColumnData => {
    const spans = columnSpans[c] as Span[];
    if (code.kind === 'categorical') {
      const codes = new Int32Array(rows);
      const span = spans[0] as Span;
      for (let r = 0; r < rows; r++) {
        const level = argmax(r * width, span);
        codes[r] = code.hasMissing && level === code.levels.length ? -1 : level;
      }
      return { name: code.name, kind: 'categorical', codes, levels: code.levels.slice() };
    }
    const [scalar, modes, missing] = spans as [Span, Span, Span | undefined];
    const values = new Float64Array(rows);
    const factor = 10 ** Math.min(6, Math.max(0, code.decimals));
    const K = code.vgm.weights.length;
    const spikes = spikesOf(code);
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      if (missing && argmax(base, missing) === 1) {
        values[r] = Number.NaN;
        continue;
      }
      const k = argmax(base, modes);
      if (k >= K) {
        values[r] = spikes[k - K] as number;
        continue;
      }
      const s = Math.max(-1, Math.min(1, encoded[base + scalar.start] as number));
      let v = s * 4 * (code.vgm.stds[k] as number) + (code.vgm.means[k] as number);
      v = Math.max(code.min, Math.min(code.max, v));
      if (code.kind === 'datetime' && code.dateOnly) v = Math.round(v / DAY) * DAY;
      else if (code.integer) v = Math.round(v);
      else v = Math.round(v * factor) / factor;
      values[r] = v;
    }
    const column: NumericColumnData = { name: code.name, kind: code.kind, values, integer: code.integer, decimals: code.decimals };
    if (code.kind === 'datetime') column.dateOnly = code.dateOnly;
    return column;
  });
  return { rows, columns };
}
