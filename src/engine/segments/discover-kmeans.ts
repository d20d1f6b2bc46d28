import type * as TfModule from '@tensorflow/tfjs';
import { createRng, type Rng } from '../ml/folds';
import type { Tf } from '../ml/backend';

/**
 * K-means in TensorFlow.js: k-means++ starts, Lloyd iterations, several seeded restarts keeping the lowest inertia,
 * and the silhouette of a labelling measured on a sample. The same data, k and seed give the same clusters: every
 * random choice comes from our seeded generator and the tensor maths is the same on every run of a backend.
 */

export type KMeansOptions = {
  k: number;
  seed: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. */
  restarts: number;
  maxIterations: number;
  /** Stop when the centres move less than this in total (squared distance, standardised units). */
  tolerance: number;
  checkCancelled?: () => void;
};

export type KMeansFit = {
  k: number;
  /** Centres row by row (k × d). */
  centres: Float32Array;
  labels: Int32Array;
  sizes: number[];
  /** Sum of squared distances of the points to their centre. */
  inertia: number;
  iterations: number;
};

/** Tolerance as scikit-learn's default (1e-4 × the mean feature variance, which is 1 for standardised data). */
export const KMEANS_DEFAULTS = { restarts: 4, maxIterations: 100, tolerance: 1e-4 } as const;

/** Index drawn with probability proportional to `weights` (uniform when they are all zero). */
function drawWeighted(weights: Float32Array, rng: Rng): number {
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) return Math.floor(rng() * weights.length);
  let target = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** k-means++ (Arthur & Vassilvitskii 2007): each next centre drawn with probability ∝ squared distance to the nearest centre so far. */
function kMeansPlusPlus(tf: Tf, x: TfModule.Tensor2D, k: number, rng: Rng, checkCancelled?: () => void): TfModule.Tensor2D {
  const n = x.shape[0];
  const chosen = [Math.floor(rng() * n)];
  let nearest: Float32Array | null = null;
  for (let c = 1; c < k; c++) {
    checkCancelled?.();
    const last = chosen[chosen.length - 1] as number;
    const d2 = tf.tidy(() => x.sub(x.slice([last, 0], [1, -1])).square().sum(1));
    const fresh = d2.dataSync() as Float32Array;
    d2.dispose();
    if (nearest === null) nearest = Float32Array.from(fresh);
    else for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i] as number, fresh[i] as number);
    chosen.push(drawWeighted(nearest, rng));
  }
  return tf.tidy(() => tf.gather(x, tf.tensor1d(chosen, 'int32')) as TfModule.Tensor2D);
}

type Data = { x: TfModule.Tensor2D; xT: TfModule.Tensor2D; xNorms: TfModule.Tensor1D };
type Step = { centres: TfModule.Tensor2D; shift: TfModule.Scalar };

/**
 * `‖c‖² − 2x·c` for every point and centre (n × k): the squared distance less ‖x‖², which is the same for every
 * centre, so its argmin is the nearest centre. Multiplying by the transposed centres (d × k) rather than asking
 * matMul to transpose is several times faster on the WebAssembly backend.
 */
const offsetDistances = (tf: Tf, data: Data, centres: TfModule.Tensor2D): TfModule.Tensor2D =>
  tf.tidy(() => data.x.matMul(centres.transpose()).mul(-2).add(centres.square().sum(1)) as TfModule.Tensor2D);

/** One Lloyd step: assign each point to its nearest centre, move each centre to its points' mean (an empty cluster keeps its centre). */
function lloydStep(tf: Tf, data: Data, centres: TfModule.Tensor2D, k: number): Step {
  return tf.tidy(() => {
    const members = tf.oneHot(offsetDistances(tf, data, centres).argMin(1), k).toFloat();
    // Xᵀ·M (d × k) with Xᵀ kept from the start: summing through a transposed one-hot is far slower.
    const sums = data.xT.matMul(members).transpose();
    const counts = members.sum(0).expandDims(1);
    const moved = tf.where(counts.greater(0).tile([1, data.x.shape[1]]), sums.div(counts.maximum(1)), centres) as TfModule.Tensor2D;
    return { centres: moved, shift: moved.sub(centres).square().sum() as TfModule.Scalar };
  });
}

/** Labels of the points and the inertia for the given centres. */
function assign(tf: Tf, data: Data, centres: TfModule.Tensor2D): { labels: Int32Array; inertia: number } {
  const [labels, inertia] = tf.tidy(() => {
    const scores = offsetDistances(tf, data, centres);
    return [scores.argMin(1), scores.min(1).add(data.xNorms).relu().sum()] as const;
  });
  try {
    return { labels: Int32Array.from(labels.dataSync()), inertia: inertia.dataSync()[0] as number };
  } finally {
    labels.dispose();
    inertia.dispose();
  }
}

/** One run of Lloyd's algorithm from a k-means++ start. */
function singleRun(tf: Tf, data: Data, k: number, rng: Rng, options: KMeansOptions): KMeansFit {
  let centres = kMeansPlusPlus(tf, data.x, k, rng, options.checkCancelled);
  let iterations = 0;
  try {
    while (iterations < options.maxIterations) {
      options.checkCancelled?.();
      const step = lloydStep(tf, data, centres, k);
      iterations++;
      const shift = step.shift.dataSync()[0] as number;
      step.shift.dispose();
      centres.dispose();
      centres = step.centres;
      if (shift <= options.tolerance) break;
    }
    // The final assignment to the final centres: labels and inertia that belong to the centres returned.
    const { labels, inertia } = assign(tf, data, centres);
    const sizes = new Array<number>(k).fill(0);
    for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
    return { k, centres: Float32Array.from(centres.dataSync()), labels, sizes, inertia, iterations };
  } finally {
    centres.dispose();
  }
}

/** Clusters the rows of `x` (n × d, standardised) into k groups; `x` stays owned by the caller. */
export function kMeans(tf: Tf, x: TfModule.Tensor2D, options: KMeansOptions): KMeansFit {
  const n = x.shape[0];
  if (options.k < 1 || options.k > n) throw new RangeError(`k must be 1…${n}, got ${options.k}`);
  const data: Data = { x, xT: tf.tidy(() => x.transpose()), xNorms: tf.tidy(() => x.square().sum(1) as TfModule.Tensor1D) };
  try {
    let best: KMeansFit | null = null;
    for (let restart = 0; restart < options.restarts; restart++) {
      const rng = createRng(options.seed, 7000 + options.k * 100 + restart);
      const fit = singleRun(tf, data, options.k, rng, options);
      if (best === null || fit.inertia < best.inertia) best = fit;
    }
    if (best === null) throw new RangeError('k-means needs at least one restart');
    return best;
  } finally {
    data.xT.dispose();
    data.xNorms.dispose();
  }
}

/** `count` distinct indices out of 0…n−1, drawn without replacement by a seeded partial shuffle, in ascending order. */
export function sampleIndices(n: number, count: number, seed: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (count >= n) return all;
  const rng = createRng(seed, 7777);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = all[i] as number;
    all[i] = all[j] as number;
    all[j] = t;
  }
  return all.slice(0, count).sort();
}

const SILHOUETTE_CHUNK = 512;

/**
 * Mean silhouette (Rousseeuw 1987) of each labelling over the rows of `sample` (m × d): for each point, a = mean
 * distance to the rest of its cluster, b = the lowest mean distance to another cluster, s = (b − a) / max(a, b); a
 * point alone in its cluster scores 0. O(m²) distances, computed once in row chunks for all labellings together
 * (one one-hot block per labelling), so trying seven values of k costs about one pass.
 */
export function silhouettes(tf: Tf, sample: TfModule.Tensor2D, labellings: Array<{ k: number; labels: Int32Array }>, checkCancelled?: () => void): number[] {
  const m = sample.shape[0];
  if (m < 2 || labellings.length === 0) return labellings.map(() => 0);
  const width = labellings.reduce((w, l) => w + l.k, 0);
  const offsets = labellings.map((_, i) => labellings.slice(0, i).reduce((w, l) => w + l.k, 0));
  const sizes = labellings.map(({ k, labels }) => {
    const counts = new Array<number>(k).fill(0);
    for (const label of labels) counts[label] = (counts[label] as number) + 1;
    return counts;
  });
  const members = tf.tidy(() => tf.concat(labellings.map(({ k, labels }) => tf.oneHot(tf.tensor1d(labels, 'int32'), k).toFloat()), 1));
  const sampleT = tf.tidy(() => sample.transpose());
  const norms = tf.tidy(() => sample.square().sum(1));
  const totals = labellings.map(() => 0);
  try {
    for (let start = 0; start < m; start += SILHOUETTE_CHUNK) {
      checkCancelled?.();
      const size = Math.min(SILHOUETTE_CHUNK, m - start);
      const sums = tf.tidy(() => {
        const rows = sample.slice([start, 0], [size, -1]);
        const d2 = rows.matMul(sampleT).mul(-2).add(norms).add(rows.square().sum(1).expandDims(1)); // size × m
        return tf.relu(d2).sqrt().matMul(members); // size × (Σk): summed distances to each cluster of each labelling
      });
      const s = sums.dataSync() as Float32Array;
      sums.dispose();
      labellings.forEach(({ k, labels }, l) => {
        for (let i = 0; i < size; i++) {
          const own = labels[start + i] as number;
          totals[l] = (totals[l] as number) + pointSilhouette(s, i * width + (offsets[l] as number), k, own, sizes[l] as number[]);
        }
      });
    }
  } finally {
    members.dispose();
    sampleT.dispose();
    norms.dispose();
  }
  return totals.map((t) => t / m);
}

/** The silhouette of one point from its summed distances to each cluster (`sums[at + c]`). */
function pointSilhouette(sums: Float32Array, at: number, k: number, own: number, sizes: number[]): number {
  const ownSize = sizes[own] as number;
  if (ownSize <= 1) return 0;
  const a = (sums[at + own] as number) / (ownSize - 1);
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    const size = sizes[c] as number;
    if (c !== own && size > 0) b = Math.min(b, (sums[at + c] as number) / size);
  }
  if (!Number.isFinite(b)) return 0;
  const scale = Math.max(a, b);
  return scale > 0 ? (b - a) / scale : 0;
}
