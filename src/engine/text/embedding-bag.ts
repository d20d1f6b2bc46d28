import type { Tf } from '../ml/backend';

type Tensor = ReturnType<Tf['tensor']>;

/** The bag of one mini-batch: entry e puts term ids[e] with weight values[e] into row segments[e]. */
export type BagTensors = { ids: Tensor; values: Tensor; segments: Tensor; rows: number };

/**
 * Σ over each row's entries of value × table[id]: an embedding bag, [rows, d] from a [terms, d] table.
 * TF.js's gather differentiates through unsortedSegmentSum, which the WebAssembly backend lacks, so the bag has its
 * own gradient: both directions are scatterND calls (which sum duplicate indices on every backend).
 */
export function embeddingBag(tf: Tf, table: Tensor, bag: BagTensors): Tensor {
  const [terms, width] = table.shape as [number, number];
  const ids2 = bag.ids.reshape([-1, 1]);
  const segments2 = bag.segments.reshape([-1, 1]);
  const values2 = bag.values.reshape([-1, 1]);
  const op = tf.customGrad((weights) => {
    const contributions = tf.gather(weights as Tensor, bag.ids).mul(values2);
    const value = tf.scatterND(segments2, contributions, [bag.rows, width]);
    return {
      value,
      gradFunc: (dy: Tensor | Tensor[]) => {
        const perEntry = tf.gather(dy as Tensor, bag.segments).mul(values2);
        return [tf.scatterND(ids2, perEntry, [terms, width])];
      },
    };
  });
  return op(table) as Tensor;
}
