import type * as TfTypes from '@tensorflow/tfjs';
import { AppError } from '../../shared/errors';
import type { Tf } from './backend';
import { createRng, shuffleInPlace, stratifiedSplit, type Rng } from './folds';

/** How a network is trained. `hidden: []` is logistic regression. */
export type TrainOptions = {
  /** Units of each hidden ReLU layer; [] = logistic regression. */
  hidden: number[];
  /** Dropout rate after each hidden layer (0..0.9). */
  dropout: number;
  /** L2 penalty on the kernels, added to the mean loss: l2 · Σ w². */
  l2: number;
  /** Adam step size. */
  learningRate: number;
  /** Most epochs; early stopping usually ends sooner. */
  epochs: number;
  batchSize: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /** Share of rows held out (stratified) for early stopping; 0 trains on all rows for `epochs` epochs. */
  validationFraction: number;
  /** 'balanced' weighs each class by n / (2 · its count). */
  classWeight: 'balanced' | 'none';
  seed: number;
};

export type EpochLog = { epoch: number; loss: number; valLoss: number | null };

export type TrainHooks = {
  /** `fold` is 1-based during cross-validation and absent for the final fit on all rows. */
  onEpoch?(p: EpochLog & { fold?: number }): void;
  onProgress?(p: { fraction: number; stage: string; message: string }): void;
  /** Called before every batch; when it throws, training stops, frees its tensors and rethrows. */
  checkCancelled?(): void;
};

export type NetLayer = {
  inputs: number;
  units: number;
  /** Row-major inputs × units. */
  kernel: number[];
  bias: number[];
  activation: 'relu' | 'linear';
};

/** A trained network as plain JSON: dense layers, the last one giving the logit. */
export type Net = { version: 1; inputs: number; layers: NetLayer[] };

export type TrainResult = { net: Net; history: EpochLog[]; bestEpoch: number };

/** Where training starts (federated rounds): given weights instead of a seeded draw, given class weights. */
export type TrainStart = {
  /** Start from these weights (same shape as the options' network on `cols` inputs). */
  net?: Net;
  /** [negative, positive] row weights, e.g. agreed from all offices' counts; overrides `classWeight`. */
  classWeights?: [number, number];
};

/**
 * Defaults, chosen on Telco churn (7,043 rows, 45 features): logistic regression with a light L2 (≈ scikit-learn's
 * C = 1 at this size) reaches the reference AUC; Adam at 0.02 with batches of 128 converges in ~30 epochs.
 */
export const defaultTrainOptions: TrainOptions = {
  hidden: [],
  dropout: 0,
  l2: 1e-4,
  learningRate: 0.02,
  epochs: 120,
  batchSize: 128,
  patience: 8,
  validationFraction: 0.15,
  classWeight: 'balanced',
  seed: 1,
};

function checkOptions(o: TrainOptions): void {
  const bad = (field: string, message: string): never => {
    throw new AppError('bad-input', message, { field });
  };
  if (!o.hidden.every((h) => Number.isInteger(h) && h >= 1 && h <= 4096)) bad('hidden', 'Hidden layers take whole numbers of units from 1 to 4,096.');
  if (!(o.dropout >= 0 && o.dropout < 0.9)) bad('dropout', 'Dropout takes a rate from 0 to 0.9.');
  if (!(o.l2 >= 0 && Number.isFinite(o.l2))) bad('l2', 'The L2 penalty takes a number of 0 or more.');
  if (!(o.learningRate > 0 && o.learningRate <= 10)) bad('learningRate', 'The learning rate takes a number above 0 and at most 10.');
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1 && o.epochs <= 100_000)) bad('epochs', 'Epochs take a whole number from 1 to 100,000.');
  if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1)) bad('batchSize', 'The batch size takes a whole number of 1 or more.');
  if (!(Number.isInteger(o.patience) && o.patience >= 1)) bad('patience', 'Patience takes a whole number of epochs, 1 or more.');
  if (!(o.validationFraction >= 0 && o.validationFraction < 0.9)) bad('validationFraction', 'The validation share takes a number from 0 to 0.9.');
}

/** A seeded, untrained network of the given layer sizes ([inputs, ...hidden, 1]), as trainNet would draw it. */
export function initialNet(sizes: number[], seed: number): Net {
  return { version: 1, inputs: sizes[0] as number, layers: initialLayers(sizes, createRng(seed, 303)) };
}

/** Seeded uniform initial weights: He for ReLU layers, Glorot for the output. */
function initialLayers(sizes: number[], rng: Rng): NetLayer[] {
  return sizes.slice(1).map((units, l) => {
    const inputs = sizes[l] as number;
    const hidden = l < sizes.length - 2;
    const limit = hidden ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + units));
    const kernel = Array.from({ length: inputs * units }, () => (2 * rng() - 1) * limit);
    return { inputs, units, kernel, bias: new Array<number>(units).fill(0), activation: hidden ? 'relu' : 'linear' };
  });
}

function checkShape(net: Net, expected: NetLayer[]): void {
  const same = net.layers.length === expected.length && net.layers.every((l, i) => {
    const e = expected[i] as NetLayer;
    return l.inputs === e.inputs && l.units === e.units && l.activation === e.activation && l.kernel.length === e.inputs * e.units && l.bias.length === e.units;
  });
  if (!same) throw new AppError('bad-input', 'The starting weights do not fit this network (different layers or features).', { field: 'weights' });
}

type Weights = Array<{ kernel: TfTypes.Tensor2D; bias: TfTypes.Tensor1D; activation: NetLayer['activation'] }>;

/** Logits of a batch; dropout after hidden layers while training. */
function forward(tf: Tf, weights: Weights, x: TfTypes.Tensor2D, dropout: { rate: number; seed: number } | null): TfTypes.Tensor2D {
  let h = x;
  weights.forEach((w, l) => {
    h = tf.add(tf.matMul(h, w.kernel), w.bias);
    if (w.activation === 'relu') {
      h = tf.relu(h);
      if (dropout && dropout.rate > 0) h = tf.dropout(h, dropout.rate, undefined, dropout.seed * 31 + l) as TfTypes.Tensor2D;
    }
  });
  return h;
}

/** Weighted mean binary cross-entropy on logits: softplus(z) − y·z, computed without overflow. */
function weightedLoss(tf: Tf, z: TfTypes.Tensor2D, y: TfTypes.Tensor2D, w: TfTypes.Tensor2D): TfTypes.Scalar {
  const perRow = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return tf.mean(tf.mul(perRow, w));
}

function classWeights(y: Uint8Array, rows: ArrayLike<number>, mode: TrainOptions['classWeight']): [number, number] {
  if (mode === 'none') return [1, 1];
  let pos = 0;
  for (let i = 0; i < rows.length; i++) pos += y[rows[i] as number] as number;
  const neg = rows.length - pos;
  if (pos === 0 || neg === 0) return [1, 1];
  return [rows.length / (2 * neg), rows.length / (2 * pos)];
}

/** Copies the rows at `index` into new tensors: features, labels and weights. */
function batchTensors(tf: Tf, X: Float32Array, cols: number, y: Uint8Array, cw: [number, number], index: ArrayLike<number>, from: number, to: number) {
  const m = to - from;
  const xb = new Float32Array(m * cols);
  const yb = new Float32Array(m);
  const wb = new Float32Array(m);
  for (let r = 0; r < m; r++) {
    const row = index[from + r] as number;
    xb.set(X.subarray(row * cols, (row + 1) * cols), r * cols);
    const label = y[row] as number;
    yb[r] = label;
    wb[r] = cw[label] as number;
  }
  return { x: tf.tensor2d(xb, [m, cols]), y: tf.tensor2d(yb, [m, 1]), w: tf.tensor2d(wb, [m, 1]) };
}

/**
 * Trains a dense network on a row-major feature matrix with Adam, L2, dropout and class weights. With a
 * validation share it stops early and returns the weights of the epoch with the lowest validation loss.
 * Deterministic for a seed on a given backend. Every tensor it makes is freed, also on cancellation.
 */
export async function trainNet(
  tf: Tf,
  X: Float32Array,
  rows: number,
  cols: number,
  y: Uint8Array,
  options: TrainOptions,
  hooks: TrainHooks = {},
  start: TrainStart = {},
): Promise<TrainResult> {
  checkOptions(options);
  if (X.length !== rows * cols || y.length !== rows) throw new Error(`trainNet: ${rows} rows × ${cols} columns do not match the data`);
  const rng = createRng(options.seed, 303);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const split = options.validationFraction > 0 ? stratifiedSplit(y, options.validationFraction, rng) : { train: all, validation: new Int32Array(0) };
  const train = split.train;
  const cw = start.classWeights ?? classWeights(y, train, options.classWeight);
  const drawn = initialLayers([cols, ...options.hidden, 1], rng);
  if (start.net) checkShape(start.net, drawn);
  const initial = start.net ? start.net.layers : drawn;
  // Inside tidy: the initial-value tensors are freed, the variables (untracked by tidy) stay.
  const weights: Weights = initial.map((layer) => ({
    kernel: tf.tidy(() => tf.variable(tf.tensor2d(layer.kernel, [layer.inputs, layer.units]))) as TfTypes.Variable<TfTypes.Rank.R2>,
    bias: tf.tidy(() => tf.variable(tf.tensor1d(layer.bias))) as TfTypes.Variable<TfTypes.Rank.R1>,
    activation: layer.activation,
  }));
  const made: TfTypes.Tensor[] = weights.flatMap((w) => [w.kernel, w.bias]);
  const optimizer = tf.train.adam(options.learningRate);
  const history: EpochLog[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let snapshot: Float32Array[] | null = null;
  const takeSnapshot = (): Float32Array[] => made.map((t) => (t.dataSync() as Float32Array).slice());
  try {
    const validation = split.validation.length > 0 ? batchTensors(tf, X, cols, y, cw, split.validation, 0, split.validation.length) : null;
    if (validation) made.push(validation.x, validation.y, validation.w);
    const l2 = options.l2;
    let step = 0;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = shuffleInPlace(Int32Array.from(train), rng);
      let lossSum = 0;
      for (let from = 0; from < order.length; from += options.batchSize) {
        hooks.checkCancelled?.();
        const to = Math.min(order.length, from + options.batchSize);
        const seed = options.seed * 100_003 + step++;
        const cost = tf.tidy(() => {
          const b = batchTensors(tf, X, cols, y, cw, order, from, to);
          return optimizer.minimize(() => {
            const data = weightedLoss(tf, forward(tf, weights, b.x, { rate: options.dropout, seed }), b.y, b.w);
            if (l2 === 0) return data;
            const penalty = weights.reduce((s: TfTypes.Tensor, w) => tf.add(s, tf.sum(tf.square(w.kernel))), tf.scalar(0));
            return tf.add(data, tf.mul(penalty, l2)) as TfTypes.Scalar;
          }, true) as TfTypes.Scalar;
        });
        lossSum += (cost.dataSync()[0] as number) * (to - from);
        cost.dispose();
      }
      const loss = lossSum / order.length;
      let valLoss: number | null = null;
      if (validation) {
        const v = tf.tidy(() => weightedLoss(tf, forward(tf, weights, validation.x, null), validation.y, validation.w));
        valLoss = v.dataSync()[0] as number;
        v.dispose();
      }
      history.push({ epoch, loss, valLoss });
      hooks.onEpoch?.({ epoch, loss, valLoss });
      hooks.onProgress?.({ fraction: epoch / options.epochs, stage: 'Training', message: `Epoch ${epoch}, loss ${loss.toFixed(4)}` });
      if (valLoss !== null) {
        if (!Number.isFinite(valLoss)) break;
        // Best checkpoint: keep the weights of the best validation epoch (tfjs's restoreBestWeights is broken).
        if (valLoss < best - 1e-6) {
          best = valLoss;
          bestEpoch = epoch;
          snapshot = takeSnapshot();
        } else if (epoch - bestEpoch >= options.patience) break;
      }
      // Let the worker's messages and timers run between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!snapshot) {
      snapshot = takeSnapshot();
      bestEpoch = history.length;
    }
    const saved = snapshot;
    const net: Net = {
      version: 1,
      inputs: cols,
      layers: initial.map((layer, l) => ({
        ...layer,
        kernel: Array.from(saved[2 * l] as Float32Array),
        bias: Array.from(saved[2 * l + 1] as Float32Array),
      })),
    };
    return { net, history, bestEpoch };
  } finally {
    optimizer.dispose();
    for (const t of made) t.dispose();
  }
}

/** Raw scores (logits) of a network for a row-major feature matrix, computed in chunks. */
export function predictLogits(tf: Tf, net: Net, X: Float32Array, rows: number, cols: number): Float32Array {
  if (cols !== net.inputs) throw new AppError('bad-input', `The model expects ${net.inputs} features, not ${cols}.`, { field: 'features' });
  if (X.length !== rows * cols) throw new Error(`predict: ${rows} rows × ${cols} columns do not match the data`);
  const out = new Float32Array(rows);
  if (rows === 0) return out;
  const weights: Weights = net.layers.map((l) => ({
    kernel: tf.tensor2d(l.kernel, [l.inputs, l.units]),
    bias: tf.tensor1d(l.bias),
    activation: l.activation,
  }));
  try {
    const chunk = Math.max(1, Math.floor(4_000_000 / Math.max(1, cols)));
    for (let from = 0; from < rows; from += chunk) {
      const to = Math.min(rows, from + chunk);
      const z = tf.tidy(() => forward(tf, weights, tf.tensor2d(X.subarray(from * cols, to * cols), [to - from, cols]), null));
      out.set(z.dataSync() as Float32Array, from);
      z.dispose();
    }
    return out;
  } finally {
    for (const w of weights) {
      w.kernel.dispose();
      w.bias.dispose();
    }
  }
}

/** Probabilities σ(logit) of a network (uncalibrated). */
export function predictNet(tf: Tf, net: Net, X: Float32Array, rows: number, cols: number): Float32Array {
  const z = predictLogits(tf, net, X, rows, cols);
  for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-(z[i] as number)));
  return z;
}
