import { randomFillSync } from 'node:crypto';
import type * as TfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../ml/backend';
import { addGaussianNoise } from '../../dp/rdp';
import { denseByRows, leaky } from './networks';
import type { ConditionLayout, Conditions } from './sampler';
import type { Span } from './transformer';

type Tensor = TfTypes.Tensor;
type Tensor2D = TfTypes.Tensor2D;
type Variable = TfTypes.Variable;

/**
 * DP-SGD for the GAN's critic (Abadi et al. 2016), the only network that reads real rows. With DP the critic judges
 * single rows (no PacGAN packs): a row is then one example, so adding or removing a person's row changes one clipped
 * gradient in a step, the textbook setting the accountant (dp/rdp.ts) is exact for. With packs, one row more would
 * regroup the rows after it into other packs (TF Privacy's microbatches have the same problem and charge twice the
 * noise for it); a single-row critic also has a tenth of the first-layer weights, so there is far less noise to add.
 * Each step:
 * - the real rows are a Poisson sample (each row with probability q, drawn from the operating system's secure
 *   generator: a seeded draw would let whoever knows the seed know which rows were used);
 * - the critic's gradient of each real row is computed in closed form (the critic is a plain MLP), clipped to an L2
 *   norm of `clip`, summed, and Gaussian noise of standard deviation z · clip is added to the sum;
 * - each fake row's gradient is clipped the same way (no noise: fake rows read no real row). Clipping only the real
 *   side would leave the fake side's pull at full strength, and the critic would just lower every score (measured on
 *   Adult: the generator's loss climbed to 8 and the quality stayed near 0.53);
 * - the gradient penalty, taken between fake rows only, does not read real rows and is differentiated as usual.
 * The generator learns only from the critic, so it is covered by the same guarantee (post-processing).
 * Training-by-sampling is replaced: a real row is not drawn by its category, it is drawn uniformly and shown to the
 * critic with the condition of one of its own categories, and fake rows get conditions drawn by the real frequencies.
 * Each row's encoding (the mode its numbers fall in) is drawn for that row alone, so it does not depend on other rows.
 */

/** Clip bound of each row's (or pack's) gradient, real and fake (Opacus's usual 1.0). */
export const DP_CLIP = 1;

/** Rows of a Poisson sample: each of `rows` rows independently with probability q (secure randomness). */
export function poissonRows(rows: number, q: number): Int32Array {
  const bits = randomFillSync(new Uint32Array(rows));
  const threshold = q * 2 ** 32;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) if ((bits[r] as number) < threshold) out.push(r);
  return Int32Array.from(out);
}

/** The chosen rows (encoded, row-major), and for each the condition of one of its own levels or modes (a conditioned column uniformly). */
export function realRowsWithConditions(
  encoded: Float32Array,
  width: number,
  chosen: Int32Array,
  conditioned: Array<{ span: Span }>,
  cond: ConditionLayout,
  random: () => number,
): { rows: Float32Array; conditions: Conditions | null } {
  const n = chosen.length;
  const rows = new Float32Array(n * width);
  chosen.forEach((r, i) => rows.set(encoded.subarray(r * width, (r + 1) * width), i * width));
  if (cond.columns.length === 0) return { rows, conditions: null };
  const vectors = new Float32Array(n * cond.width);
  const column = new Int32Array(n);
  const level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cond.columns.length - 1, Math.floor(random() * cond.columns.length));
    const span = (conditioned[c] as { span: Span }).span;
    let l = 0;
    for (let k = 0; k < span.size; k++) {
      if ((rows[i * width + span.start + k] as number) > (rows[i * width + span.start + l] as number)) l = k;
    }
    column[i] = c;
    level[i] = l;
    vectors[i * cond.width + (cond.columns[c] as ConditionLayout['columns'][number]).start + l] = 1;
  }
  return { rows, conditions: { vectors, column, level } };
}

/**
 * For each pack of rows, the gradient of sign · D(pack) with respect to every critic parameter (criticSpec's order;
 * sign −1 for real packs, whose score the critic raises, +1 for fake ones), clipped to an L2 norm of `clip`; returned
 * summed over the packs, with the packs' norms before clipping and the mean critic score. The critic is linear →
 * leaky ReLU (slope 0.2) → dropout per hidden layer, then linear: a pack is one row of the layers' inputs, so its gradient of a layer's weights is the outer product δ hᵀ, whose norm is ‖δ‖·‖h‖
 * (Goodfellow 2015): the norms need no per-pack gradient in memory, and the clipped sum is one product (δ·c)ᵀ h.
 */
export function clippedPackGradients(
  tf: Tf,
  vars: Variable[],
  layers: number,
  pac: number,
  input: Tensor2D,
  sign: 1 | -1,
  clip: number,
  dropoutSeed: number,
): { sums: Tensor[]; norms: Tensor; meanScore: Tensor } {
  const [rows, width] = input.shape;
  const packs = rows / pac;
  const inputs: Tensor2D[] = [tf.reshape(input, [packs, width * pac])];
  const slopes: Tensor2D[] = [];
  for (let i = 0; i < layers; i++) {
    const [w, b] = vars.slice(2 * i, 2 * i + 2) as [Variable, Variable];
    const z = tf.add(denseByRows(tf, inputs[i] as Tensor2D, w), b) as Tensor2D;
    // Dropout 0.5 as tf.dropout does it: keep with probability ½, scaled by 2.
    const keep = tf.mul(tf.floor(tf.add(tf.randomUniform(z.shape, 0, 1, 'float32', dropoutSeed + i), 0.5)), 2);
    const slope = tf.mul(tf.add(tf.mul(tf.step(z), 0.8), 0.2), keep) as Tensor2D; // d(leaky(z)·keep)/dz
    slopes.push(slope);
    inputs.push(tf.mul(leaky(tf, z), keep) as Tensor2D);
  }
  const [wOut, bOut] = vars.slice(2 * layers) as [Variable, Variable];
  const scores = tf.add(denseByRows(tf, inputs[layers] as Tensor2D, wOut), bOut) as Tensor2D;
  // Back from d(sign · D)/d(score) = sign, layer by layer: deltas[i] is the gradient at layer i's pre-activation.
  const deltas: Tensor2D[] = new Array(layers + 1);
  deltas[layers] = tf.fill([packs, 1], sign) as Tensor2D;
  for (let i = layers - 1; i >= 0; i--) {
    const w = vars[2 * (i + 1)] as Variable; // units(i+1) × units(i)
    deltas[i] = tf.mul(tf.matMul(deltas[i + 1] as Tensor2D, w as Tensor2D), slopes[i] as Tensor2D) as Tensor2D;
  }
  // ‖grad‖² = Σ over layers ‖δ‖² (‖h‖² + 1): the weights' outer product and the bias.
  const squared = deltas.map((delta, i) =>
    tf.mul(tf.sum(tf.square(delta), 1), tf.add(tf.sum(tf.square(inputs[i] as Tensor2D), 1), 1)),
  );
  const norms = tf.sqrt(tf.addN(squared));
  const factors = tf.reshape(tf.minimum(1, tf.div(clip, tf.add(norms, 1e-12))), [packs, 1]);
  const sums: Tensor[] = [];
  deltas.forEach((delta, i) => {
    const scaled = tf.mul(delta, factors) as Tensor2D;
    sums.push(tf.matMul(tf.transpose(scaled), inputs[i] as Tensor2D), tf.sum(scaled, 0));
  });
  return { sums, norms, meanScore: tf.mean(scores) };
}

/** (Σ clipped gradients + N(0, (z·clip)²)) / expected packs, per parameter (the noise from secure randomness). */
export function noisyAverage(tf: Tf, sums: Tensor[], noiseStd: number, expectedPacks: number): Tensor[] {
  return sums.map((sum) => {
    const values = (sum.dataSync() as Float32Array).slice();
    addGaussianNoise(values, noiseStd);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / expectedPacks;
    return tf.tensor(values, sum.shape);
  });
}
