import { createRng } from '../kernel/random';
import type { Tf } from '../ml/backend';
import { shuffleInPlace } from '../ml/folds';
import { embeddingBag } from './embedding-bag';
import type { SparseRows } from './vocabulary';

/**
 * A logistic regression over sparse n-gram rows, trained with TensorFlow.js. TF.js has no sparse matmul, so a row's
 * score is an embedding bag (embedding-bag.ts): the weights of its term ids gathered, multiplied by the term values and
 * summed per row, plus the bias. Adam on mini-batches, L2 on the weights (not the bias).
 */

export type LinearOptions = { epochs: number; batchSize: number; learningRate: number; l2: number; seed: number };

export const defaultLinear: Omit<LinearOptions, 'seed'> = { epochs: 8, batchSize: 256, learningRate: 0.05, l2: 1e-4 };

export type LinearWeights = { weights: Float32Array; bias: number };

export type LinearHooks = { checkCancelled?: () => void; onEpoch?: (epoch: number, loss: number) => void };

type Batch = { ids: Int32Array; values: Float32Array; segments: Int32Array; labels: Float32Array; rows: number };

function batchOf(matrix: SparseRows, y: Uint8Array, order: Int32Array, from: number, to: number): Batch {
  let nnz = 0;
  for (let i = from; i < to; i++) nnz += (matrix.start[(order[i] as number) + 1] as number) - (matrix.start[order[i] as number] as number);
  const ids = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const segments = new Int32Array(nnz);
  const labels = new Float32Array(to - from);
  let at = 0;
  for (let i = from; i < to; i++) {
    const r = order[i] as number;
    const a = matrix.start[r] as number;
    const b = matrix.start[r + 1] as number;
    ids.set(matrix.ids.subarray(a, b), at);
    values.set(matrix.values.subarray(a, b), at);
    segments.fill(i - from, at, at + b - a);
    at += b - a;
    labels[i - from] = y[r] as number;
  }
  return { ids, values, segments, labels, rows: to - from };
}

/** Fits the weights of `terms` features and a bias on 0/1 labels. */
export async function trainLinear(tf: Tf, matrix: SparseRows, y: Uint8Array, terms: number, options: LinearOptions, hooks: LinearHooks = {}): Promise<LinearWeights> {
  const rng = createRng(options.seed, 303);
  const w = tf.variable(tf.zeros([terms, 1]), true, undefined);
  // The bias starts at the log-odds of the base rate, so early steps learn words, not the class balance.
  const positives = y.reduce((s, v) => s + v, 0);
  const prior = Math.log((positives + 0.5) / (y.length - positives + 0.5));
  const b = tf.variable(tf.scalar(prior));
  const optimizer = tf.train.adam(options.learningRate);
  const order = Int32Array.from({ length: matrix.rows }, (_, i) => i);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      shuffleInPlace(order, rng);
      let lossSum = 0;
      for (let from = 0; from < order.length; from += options.batchSize) {
        hooks.checkCancelled?.();
        const batch = batchOf(matrix, y, order, from, Math.min(order.length, from + options.batchSize));
        const loss = tf.tidy(() => {
          const bag = {
            ids: tf.tensor1d(batch.ids, 'int32'),
            values: tf.tensor1d(batch.values),
            segments: tf.tensor1d(batch.segments, 'int32'),
            rows: batch.rows,
          };
          const labels = tf.tensor2d(batch.labels, [batch.rows, 1]);
          return optimizer.minimize(() => {
            const z = embeddingBag(tf, w, bag).add(b);
            const data = tf.losses.sigmoidCrossEntropy(labels, z);
            return data.add(w.square().sum().mul(options.l2 / 2));
          }, true) as ReturnType<typeof tf.scalar>;
        });
        lossSum += (await loss.data())[0]! * batch.rows;
        loss.dispose();
      }
      hooks.onEpoch?.(epoch, lossSum / order.length);
      // Yield so that progress and cancel messages reach the job between epochs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { weights: Float32Array.from(await w.data()), bias: (await b.data())[0]! };
  } finally {
    w.dispose();
    b.dispose();
    optimizer.dispose();
  }
}

/** Log-odds of every row: bias + Σ weight × value (plain arithmetic: a dot product needs no tensor). */
export function linearLogits(model: { weights: ArrayLike<number>; bias: number }, matrix: SparseRows): Float32Array {
  const z = new Float32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let s = model.bias;
    for (let i = matrix.start[r] as number; i < (matrix.start[r + 1] as number); i++) s += (model.weights[matrix.ids[i] as number] as number) * (matrix.values[i] as number);
    z[r] = s;
  }
  return z;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
