import type * as TfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../ml/backend';
import { transpose2d } from '../../ml/wasm-kernels';
import type { Span } from './transformer';

type Tensor = TfTypes.Tensor;
type Tensor2D = TfTypes.Tensor2D;
type Variable = TfTypes.Variable;

/** The shapes of the two networks (CTGAN's by default: generator 256-256 residual, critic 256-256, pac 10). */
export type NetShape = { noise: number; condition: number; data: number; generator: number[]; critic: number[]; pac: number };

/** Parameters as flat Float32Arrays with their shapes: what the artefact stores and variables are made from. */
export type ParamSpec = { name: string; shape: number[]; /** Inputs of the layer (the initialisation's scale). */ fanIn?: number };

export function generatorSpec(shape: NetShape): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let width = shape.noise + shape.condition;
  shape.generator.forEach((units, i) => {
    specs.push({ name: `g${i}.w`, shape: [width, units] }, { name: `g${i}.b`, shape: [units] });
    specs.push({ name: `g${i}.gamma`, shape: [units] }, { name: `g${i}.beta`, shape: [units] });
    width += units;
  });
  specs.push({ name: 'gout.w', shape: [width, shape.data] }, { name: 'gout.b', shape: [shape.data] });
  return specs;
}

export function criticSpec(shape: NetShape): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let width = (shape.data + shape.condition) * shape.pac;
  // Weights as outputs × inputs (PyTorch's layout): see criticForward for why.
  shape.critic.forEach((units, i) => {
    specs.push({ name: `d${i}.w`, shape: [units, width], fanIn: width }, { name: `d${i}.b`, shape: [units] });
    width = units;
  });
  specs.push({ name: 'dout.w', shape: [1, width], fanIn: width }, { name: 'dout.b', shape: [1] });
  return specs;
}

/** PyTorch's Linear initialisation (uniform ±1/√fan-in), batch-norm scale 1 and shift 0; seeded. */
export function initialParams(specs: ParamSpec[], random: () => number): Float32Array[] {
  let fanIn = 1;
  return specs.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (spec.name.endsWith('.gamma')) values.fill(1);
    else if (spec.name.endsWith('.beta')) values.fill(0);
    else {
      if (spec.shape.length === 2) fanIn = spec.fanIn ?? (spec.shape[0] as number);
      const bound = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < size; i++) values[i] = (random() * 2 - 1) * bound;
    }
    return values;
  });
}

export function makeVariables(tf: Tf, specs: ParamSpec[], values: Float32Array[]): Variable[] {
  return specs.map((spec, i) => tf.tidy(() => tf.variable(tf.tensor(values[i] as Float32Array, spec.shape), true)));
}

/** Residual blocks (linear → batch norm over the batch → ReLU, concatenated with the block's input), then linear. */
export function generatorForward(tf: Tf, vars: Variable[], blocks: number, input: Tensor2D): Tensor2D {
  let h: Tensor2D = input;
  for (let i = 0; i < blocks; i++) {
    const [w, b, gamma, beta] = vars.slice(4 * i, 4 * i + 4) as [Variable, Variable, Variable, Variable];
    const z = tf.add(tf.matMul(h, w as Tensor2D), b) as Tensor2D;
    const { mean, variance } = tf.moments(z, 0);
    const normed = tf.add(tf.mul(tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta) as Tensor2D;
    h = tf.concat([tf.relu(normed), h], 1);
  }
  const [w, b] = vars.slice(4 * blocks) as [Variable, Variable];
  return tf.add(tf.matMul(h, w as Tensor2D), b) as Tensor2D;
}

/** Leaky ReLU with slope 0.2 written so its gradient has a gradient (tf.leakyRelu's has none). */
export const leaky = (tf: Tf, x: Tensor): Tensor => tf.add(tf.mul(x, 0.6), tf.mul(tf.abs(x), 0.4));

/**
 * A dense layer whose weights are outputs × inputs. The critic sees few rows (a batch of 100 is 10 packs) through wide
 * layers, and the wasm backend packs a product's right operand, the weights, anew after every update: 10 packs × 2,450
 * inputs by 2,450 × 256 weights packs 627,200 numbers to multiply 24,500. As W·hᵀ (transposed back) only hᵀ is packed.
 */
export function denseByRows(tf: Tf, h: Tensor2D, w: Variable): Tensor2D {
  const [rows] = h.shape;
  const [units] = w.shape as [number, number];
  if (rows < units) return transpose2d(tf, tf.matMul(w as Tensor2D, transpose2d(tf, h) as Tensor2D)) as Tensor2D;
  return tf.matMul(h, transpose2d(tf, w) as Tensor2D);
}

/** The critic over packs of `pac` rows (rows × width → rows/pac × width·pac), leaky ReLU and dropout 0.5. */
export function criticForward(tf: Tf, vars: Variable[], layers: number, pac: number, input: Tensor2D, dropoutSeed: number | null): Tensor2D {
  const [rows, width] = input.shape;
  let h: Tensor = tf.reshape(input, [rows / pac, width * pac]);
  for (let i = 0; i < layers; i++) {
    const [w, b] = vars.slice(2 * i, 2 * i + 2) as [Variable, Variable];
    h = leaky(tf, tf.add(denseByRows(tf, h as Tensor2D, w), b));
    if (dropoutSeed !== null) h = tf.dropout(h, 0.5, undefined, dropoutSeed + i);
  }
  const [w, b] = vars.slice(2 * layers) as [Variable, Variable];
  return tf.add(denseByRows(tf, h as Tensor2D, w), b) as Tensor2D;
}

/** tanh on scalars; Gumbel-softmax (τ = 0.2) on one-hots, the Gumbel noise drawn with the seed (none when null). */
export function activate(tf: Tf, raw: Tensor2D, spans: Span[], gumbelSeed: number | null): Tensor2D {
  let input: Tensor2D = raw;
  if (gumbelSeed !== null) {
    // One draw for the whole row (scalars get noise too but ignore it below); u in (0, 1) keeps −log(−log u) finite.
    const u = tf.randomUniform(raw.shape, 1e-7, 1 - 1e-6, 'float32', gumbelSeed);
    input = tf.div(tf.sub(raw, tf.log(tf.neg(tf.log(u)))), 0.2) as Tensor2D;
  }
  const rawParts = tf.split(raw, spans.map((s) => s.size), 1);
  const parts = gumbelSeed === null ? rawParts : tf.split(input, spans.map((s) => s.size), 1);
  const out = spans.map((span, i) => (span.activation === 'tanh' ? tf.tanh(rawParts[i] as Tensor) : tf.softmax(parts[i] as Tensor)));
  return tf.concat(out, 1) as Tensor2D;
}

/** Cross-entropy of the conditioned column's logits against the condition (the one-hot picks the column and level). */
export function conditionLoss(tf: Tf, raw: Tensor2D, conditionedSpans: Span[], condition: Tensor2D): TfTypes.Scalar {
  const logits = tf.concat(
    conditionedSpans.map((s) => tf.logSoftmax(tf.slice(raw, [0, s.start], [-1, s.size]))),
    1,
  );
  return tf.div(tf.neg(tf.sum(tf.mul(logits, condition))), raw.shape[0]) as TfTypes.Scalar;
}

/** WGAN-GP: λ·E[(‖∇D(x̂)‖ − 1)²] over packs, x̂ between real and fake with one mixing weight per pack. */
export function gradientPenalty(tf: Tf, critic: (x: Tensor2D) => Tensor2D, real: Tensor2D, fake: Tensor2D, pac: number, alphaSeed: number, lambda = 10): TfTypes.Scalar {
  const [rows, width] = real.shape;
  const packs = rows / pac;
  // One weight per pack, broadcast over its rows and columns (tf.tile is slow on the wasm backend).
  const alpha = tf.randomUniform([packs, 1, 1], 0, 1, 'float32', alphaSeed);
  const mix = tf.add(tf.mul(alpha, tf.reshape(real, [packs, pac, width])), tf.mul(tf.sub(1, alpha), tf.reshape(fake, [packs, pac, width])));
  const mixed = tf.reshape(mix, [rows, width]) as Tensor2D;
  const grad = tf.grad((x: Tensor) => tf.sum(critic(x as Tensor2D)))(mixed);
  const perPack = tf.reshape(grad, [packs, width * pac]);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(perPack), 1), 1e-12));
  return tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), lambda) as TfTypes.Scalar;
}

export function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
