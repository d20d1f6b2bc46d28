import type * as TfTypes from '@tensorflow/tfjs';
import { AppError } from '../../../shared/errors';
import type { GanEpoch } from '../../../shared/synth-schemas';
import type { Tf } from '../../ml/backend';
import { qualityScore } from '../quality';
import type { FitHooks, SynthColumnData, SynthData } from '../types';
import {
  activate,
  conditionLoss,
  criticForward,
  criticSpec,
  decodeFloat32,
  encodeFloat32,
  generatorForward,
  generatorSpec,
  gradientPenalty,
  initialParams,
  makeVariables,
  type NetShape,
} from './networks';
import { epsilonFor, noiseMultiplierFor } from '../../dp/rdp';
import { permutation } from '../../ml/folds';
import { clippedPackGradients, DP_CLIP, noisyAverage, poissonRows, realRowsWithConditions } from './dp';
import { conditionLayout, rowIndex, sampleConditions, sampleRealRows, type ConditionLayout, type Conditions, type RowIndex } from './sampler';
import { fitTransformer, inverseTransform, layout, transform, type Span, type TransformerState } from './transformer';
import { mulberry32 } from './vgm';

type Tensor2D = TfTypes.Tensor2D;
type Variable = TfTypes.Variable;

/**
 * The conditional tabular GAN (CTGAN-like): mode-specific normalisation of numeric columns by a variational Gaussian
 * mixture per column, training-by-sampling of categories by log-frequency, a residual generator and a PacGAN
 * discriminator trained with the WGAN-GP loss; early stopping on the quality score of a validation sample.
 */
export type GanOptions = {
  epochs: number;
  seed: number;
  /** Real rows never learned, to score a validation sample against for early stopping. */
  validation?: SynthData;
  /**
   * DP-SGD on the critic (see dp.ts; the critic then judges single rows, not packs): the noise is solved so that the
   * whole training spends at most ε at δ, and the ε actually spent is returned. Early stopping is off (the last epoch is kept: choosing an epoch by a score of real
   * rows would be one more look at them), and the seed does not repeat the run (sampling and noise are secure draws).
   */
  dp?: { epsilon: number; delta: number };
  /**
   * Rows per step (a multiple of `pac`; CTGAN: 500). By default 200 (on Adult 200 rows, 20 packs for the critic, learned
   * more per minute than 100 or 500: see GAN_DEFAULTS), smaller on a small table: see defaultBatch.
   */
  batchSize?: number;
  /** Units of the generator's residual blocks and the critic's layers (CTGAN's 256, 256 for both by default). */
  generatorDims?: number[];
  criticDims?: number[];
  /** Noise width (CTGAN: 128). */
  noise?: number;
  /** Rows per critic pack (PacGAN; CTGAN: 10). */
  pac?: number;
  learningRate?: number;
  /** Epochs between validation scores, and epochs without a better score before stopping. */
  evalEvery?: number;
  patience?: number;
  /**
   * The first epoch whose generator may be kept (scores before it are reported, not acted on): early on the column
   * shapes are right before the columns' dependencies are (on Adult the quality score is highest at epoch 3 and falls
   * while the efficacy rises), so an early peak must not end the training. A third of the epochs by default.
   */
  minEpochs?: number;
  /**
   * Decay of the moving average of the generator's weights (0 turns it off). The average, not the last step's
   * weights, is scored, kept and stored: a GAN's generator swings from step to step, and its average over the last
   * few thousand steps makes steadier samples (the exponential moving average of BigGAN and StyleGAN). Default 0.999.
   */
  ema?: number;
  /** Most validation rows scored each time (the validation sample has as many rows, up to this). */
  maxValidationRows?: number;
  /** The validation score (higher is better); the quality score by default. */
  score?: (real: SynthData, synthetic: SynthData, seed: number) => number;
};

/**
 * What the options default to: CTGAN's networks (generator 256-256 residual, critic 256-256, noise 128, pac 10, Adam
 * 2e-4) with batches of 200 rows (CTGAN: 500) and a moving average of the generator; tuned on Adult, where SDGym's
 * efficacy F1 after the same minutes of training was higher with these than with a 128-128 generator or batches of
 * 100 (bench/synth-adult.ts has the record).
 */
export const GAN_DEFAULTS: Required<Pick<GanOptions, 'batchSize' | 'generatorDims' | 'criticDims' | 'noise' | 'pac' | 'learningRate' | 'evalEvery' | 'patience' | 'ema' | 'maxValidationRows'>> = {
  batchSize: 200,
  generatorDims: [256, 256],
  criticDims: [256, 256],
  noise: 128,
  pac: 10,
  learningRate: 2e-4,
  evalEvery: 2,
  patience: 12,
  ema: 0.999,
  maxValidationRows: 5000,
};

/** Training steps an epoch has at least, when the batch is left to its default (down to MIN_DEFAULT_PACKS packs). */
const MIN_STEPS_PER_EPOCH = 20;
const MIN_DEFAULT_PACKS = 5;

/**
 * The default batch for a table: GAN_DEFAULTS.batchSize rows, or fewer on a small table so that an epoch still has
 * MIN_STEPS_PER_EPOCH steps (never under MIN_DEFAULT_PACKS packs). A GAN learns per step, not per epoch: with batches
 * of 200, 800 rows make 4 steps an epoch and 68 epochs are too few steps (the quality score of 1,000 Adult rows after
 * 68 epochs: 0.61 with batches of 200, 0.78 with 50; of 2,000 rows: 0.68 with 200, 0.79 with 100).
 */
export function defaultBatch(rows: number, pac: number = GAN_DEFAULTS.pac): number {
  const bySteps = Math.floor(rows / MIN_STEPS_PER_EPOCH / pac) * pac;
  return Math.min(GAN_DEFAULTS.batchSize, Math.max(MIN_DEFAULT_PACKS * pac, bySteps));
}

/** The options with every default filled in (an option given as undefined takes its default). */
function withDefaults(opts: GanOptions): GanOptions & typeof GAN_DEFAULTS {
  const given = Object.fromEntries(Object.entries(opts).filter(([, value]) => value !== undefined));
  return { ...GAN_DEFAULTS, ...given } as GanOptions & typeof GAN_DEFAULTS;
}

/** A trained GAN as plain JSON (transformer, generator weights): everything needed to sample. */
export type GanArtefact = { version: 1; [key: string]: unknown };

type StoredGan = {
  version: 1;
  method: 'ctgan';
  transformer: TransformerState;
  shape: NetShape;
  /** Generator parameters in generatorSpec order, base64 of little-endian Float32. */
  generator: string[];
};

export type GanFit = {
  artefact: GanArtefact;
  history: GanEpoch[];
  bestEpoch: number;
  epochs: number;
  dp: { epsilon: number; delta: number } | null;
};

const SAMPLE_CHUNK = 2000;

export async function fitGan(tf: Tf, data: SynthData, opts: GanOptions, hooks: FitHooks): Promise<GanFit> {
  if (opts.dp && !(opts.dp.epsilon > 0 && opts.dp.delta > 0 && opts.dp.delta < 1)) {
    throw new AppError('bad-input', 'The privacy budget needs ε above 0 and δ between 0 and 1.', { field: 'dp' });
  }
  if (data.rows < 2 || data.columns.length === 0) throw new AppError('bad-input', 'The GAN needs at least 2 rows and 1 column to learn from.', { field: 'rows' });
  if (!Number.isInteger(opts.epochs) || opts.epochs < 1) throw new AppError('bad-input', 'Epochs must be a whole number of at least 1.', { field: 'epochs' });
  const o = withDefaults(opts);
  // The batch is sized in packs of `o.pac` rows either way; with DP the critic judges single rows (see dp.ts).
  const requested = opts.batchSize ?? defaultBatch(data.rows, o.pac);
  const pac = opts.dp ? 1 : o.pac;
  const batch = Math.max(o.pac, Math.floor(Math.min(requested, Math.max(o.pac, data.rows)) / o.pac) * o.pac);
  const stepsPerEpoch = Math.max(1, Math.floor(data.rows / batch));
  // Scored every 2 epochs, stopped after 12 without a better score (the Adult runs in bench/synth-adult.ts).
  const evalEvery = Math.max(1, o.evalEvery);
  const patience = o.patience;
  const minEpochs = Math.min(opts.epochs, opts.minEpochs ?? Math.ceil(opts.epochs / 3));
  const score = opts.score ?? qualityScore;
  // DP-SGD: each row is in a step's sample with probability q (a batch's worth on average); the noise is solved for
  // the budget over every step the training may take.
  const q = batch / data.rows;
  const plannedSteps = opts.epochs * stepsPerEpoch;
  const dpRun = opts.dp ? { ...opts.dp, q, noise: noiseMultiplierFor(opts.dp.epsilon, plannedSteps, opts.dp.delta, q), expectedPacks: (q * data.rows) / pac } : null;
  const random = mulberry32(opts.seed);
  const nextSeed = (): number => Math.floor(random() * 2 ** 31);
  const drawSeeds = () => [nextSeed(), nextSeed(), nextSeed(), nextSeed(), nextSeed(), nextSeed()] as const;

  hooks.onProgress({ fraction: 0, stage: 'Preparing', message: 'Fitting a mixture to each numeric column' });
  const state = fitTransformer(data, { seed: opts.seed });
  const { spans, width, conditioned } = layout(state);
  const conditionedSpans = conditioned.map((c) => c.span);
  const cond = conditionLayout(state);
  const encoded = transform(state, data, nextSeed());
  const index = dpRun ? null : rowIndex(state, encoded);
  const shape: NetShape = {
    noise: o.noise,
    condition: cond.width,
    data: width,
    generator: o.generatorDims,
    critic: o.criticDims,
    pac,
  };
  const gSpec = generatorSpec(shape);
  const dSpec = criticSpec(shape);
  const gVars = makeVariables(tf, gSpec, initialParams(gSpec, random));
  const emaDecay = o.ema;
  if (!(emaDecay >= 0 && emaDecay < 1)) throw new AppError('bad-input', 'The moving-average decay takes a number from 0 up to (not including) 1.', { field: 'ema' });
  // The moving average starts at the initial weights (not trainable: only assigned).
  const emaVars = emaDecay > 0 ? gVars.map((v) => tf.tidy(() => tf.variable(v.clone(), false))) : gVars;
  const dVars = makeVariables(tf, dSpec, initialParams(dSpec, random));
  const lr = o.learningRate;
  const gOpt = tf.train.adam(lr, 0.5, 0.9);
  const dOpt = tf.train.adam(lr, 0.5, 0.9);
  const blocks = shape.generator.length;
  const critic = (x: Tensor2D, dropoutSeed: number | null): Tensor2D => criticForward(tf, dVars, shape.critic.length, pac, x, dropoutSeed);
  // CTGAN's L2 weight decay (1e-6) is left out: at that size it moves no weight measurably (the losses after an epoch
  // differ in the third decimal), and its terms and their gradients were an eighth of a training step's kernels.
  const withCondition = (x: Tensor2D, c: Tensor2D | null): Tensor2D => (c ? tf.concat([x, c], 1) : x);
  const conditionTensor = (c: Conditions | null, n: number): Tensor2D | null => (c ? tf.tensor2d(c.vectors, [n, cond.width]) : null);

  const history: GanEpoch[] = [];
  let best = -Infinity;
  let bestEpoch = 0;
  let snapshot: Float32Array[] | null = null;
  const validation = opts.validation && opts.validation.rows > 0 ? opts.validation : null;
  const validationRows = validation ? Math.min(validation.rows, o.maxValidationRows) : 0;
  const validationReal = validation && validationRows < validation.rows ? headRows(validation, validationRows) : validation;
  const validationSeed = nextSeed();
  let epochsRun = 0;
  let stepsRun = 0;

  /**
   * The critic's DP-SGD step (dp.ts): a Poisson sample of real rows, each pack's gradient clipped and the sum noised;
   * fake rows under conditions drawn by the real frequencies, and the gradient penalty between fake rows. Returns the
   * critic's Wasserstein estimate (kept).
   */
  const privateCriticStep = (seeds: readonly [number, number, number, number, number, number]): TfTypes.Scalar => {
    const run = dpRun as NonNullable<typeof dpRun>;
    const chosen = poissonRows(data.rows, run.q);
    const packs = chosen.length;
    const realDraw = realRowsWithConditions(encoded, width, chosen, conditioned, cond, random);
    const c1 = sampleConditions(cond, batch, random, false);
    return tf.tidy(() => {
      const c1t = conditionTensor(c1, batch);
      const z = tf.randomNormal([batch, shape.noise], 0, 1, 'float32', seeds[0]) as Tensor2D;
      const fakeCat = withCondition(activate(tf, generatorForward(tf, gVars, blocks, withCondition(z, c1t)), spans, seeds[1]), c1t);
      const { grads } = tf.variableGrads(
        () => gradientPenalty(tf, (x) => critic(x, seeds[4]), tf.reverse(fakeCat, 0) as Tensor2D, fakeCat, pac, seeds[5]),
        dVars,
      );
      const fake = clippedPackGradients(tf, dVars, shape.critic.length, pac, fakeCat, 1, DP_CLIP, seeds[2]);
      let sums: TfTypes.Tensor[];
      let realScore: TfTypes.Tensor = tf.scalar(0);
      if (packs > 0) {
        const realCat = withCondition(tf.tensor2d(realDraw.rows, [packs, width]), conditionTensor(realDraw.conditions, packs));
        const clipped = clippedPackGradients(tf, dVars, shape.critic.length, pac, realCat, -1, DP_CLIP, seeds[3]);
        sums = clipped.sums;
        realScore = clipped.meanScore;
      } else sums = dVars.map((v) => tf.zerosLike(v));
      const noisy = noisyAverage(tf, sums, run.noise * DP_CLIP, run.expectedPacks);
      const fakePacks = batch;
      dOpt.applyGradients(
        dVars.map((v, i) => ({
          name: v.name,
          // The penalty does not depend on the output bias: no gradient for it.
          tensor: tf.addN([grads[v.name] ?? tf.zerosLike(v), tf.div(fake.sums[i] as TfTypes.Tensor, fakePacks), noisy[i] as TfTypes.Tensor]),
        })),
      );
      return tf.sub(fake.meanScore, realScore) as TfTypes.Scalar;
    });
  };

  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let gSum = 0;
      let dSum = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        hooks.checkCancelled();
        let wasserstein: TfTypes.Scalar | null = null;
        if (dpRun) {
          wasserstein = privateCriticStep(drawSeeds());
          stepsRun += 1;
        } else {
          // Critic step: fake rows under conditions c1, real rows having a shuffled copy of the same conditions.
          const c1 = sampleConditions(cond, batch, random, true);
          const c2 = c1 ? permuteConditions(c1, cond, random) : null;
          const real = sampleRealRows(encoded, width, index as RowIndex, c2, batch, random);
          const seeds = drawSeeds();
          tf.tidy(() => {
            const c1t = conditionTensor(c1, batch);
            const c2t = conditionTensor(c2, batch);
            const z = tf.randomNormal([batch, shape.noise], 0, 1, 'float32', seeds[0]) as Tensor2D;
            const fake = activate(tf, generatorForward(tf, gVars, blocks, withCondition(z, c1t)), spans, seeds[1]);
            const fakeCat = withCondition(fake, c1t);
            const realCat = withCondition(tf.tensor2d(real, [batch, width]), c2t);
            dOpt.minimize(
              () => {
                const w = tf.sub(tf.mean(critic(fakeCat, seeds[2])), tf.mean(critic(realCat, seeds[3]))) as TfTypes.Scalar;
                wasserstein = tf.keep(w.clone());
                const penalty = gradientPenalty(tf, (x) => critic(x, seeds[4]), realCat, fakeCat, pac, seeds[5]);
                return tf.add(w, penalty) as TfTypes.Scalar;
              },
              false,
              dVars,
            );
          });
        }
        const w = wasserstein as TfTypes.Scalar | null;
        if (w) {
          dSum += w.dataSync()[0] as number;
          w.dispose();
        }
        // Generator step: fool the critic and produce the conditioned level.
        const c3 = sampleConditions(cond, batch, random, true);
        const gSeeds = [nextSeed(), nextSeed(), nextSeed()] as const;
        const gCost = tf.tidy(() => {
          const c3t = conditionTensor(c3, batch);
          const z = tf.randomNormal([batch, shape.noise], 0, 1, 'float32', gSeeds[0]) as Tensor2D;
          return gOpt.minimize(
            () => {
              const raw = generatorForward(tf, gVars, blocks, withCondition(z, c3t));
              const fake = activate(tf, raw, spans, gSeeds[1]);
              const y = critic(withCondition(fake, c3t), gSeeds[2]);
              let loss = tf.neg(tf.mean(y)) as TfTypes.Scalar;
              if (c3t) loss = tf.add(loss, conditionLoss(tf, raw, conditionedSpans, c3t)) as TfTypes.Scalar;
              return loss;
            },
            true,
            gVars,
          ) as TfTypes.Scalar;
        });
        gSum += gCost.dataSync()[0] as number;
        gCost.dispose();
        if (emaVars !== gVars) tf.tidy(() => emaVars.forEach((a, i) => a.assign(tf.add(tf.mul(a, emaDecay), tf.mul(gVars[i] as Variable, 1 - emaDecay)))));
      }
      epochsRun = epoch;
      let quality: number | null = null;
      if (validation && validationReal && (epoch % evalEvery === 0 || epoch === opts.epochs)) {
        const synthetic = generate(tf, state, shape, cond, emaVars, validationRows, mulberry32(validationSeed));
        quality = score(validationReal, synthetic, opts.seed);
        if (!dpRun && epoch >= minEpochs && quality > best) {
          best = quality;
          bestEpoch = epoch;
          snapshot = emaVars.map((v) => (v.dataSync() as Float32Array).slice());
        }
      }
      const point: GanEpoch = { epoch, generator: gSum / stepsPerEpoch, discriminator: dSum / stepsPerEpoch, quality };
      history.push(point);
      hooks.onEpoch?.(point);
      hooks.onProgress({
        fraction: epoch / opts.epochs,
        stage: 'Training',
        message: `Epoch ${epoch} of ${opts.epochs}: generator ${point.generator.toFixed(3)}, critic ${point.discriminator.toFixed(3)}${quality === null ? '' : `, quality ${(quality * 100).toFixed(1)}%`}`,
      });
      if (!dpRun && validation && bestEpoch >= minEpochs && epoch - bestEpoch >= patience) break;
      // Let the worker's messages (cancel) and timers run between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!snapshot) {
      snapshot = emaVars.map((v) => (v.dataSync() as Float32Array).slice());
      bestEpoch = epochsRun;
    }
    const stored: StoredGan = { version: 1, method: 'ctgan', transformer: state, shape, generator: snapshot.map(encodeFloat32) };
    const dp = dpRun ? { epsilon: epsilonFor(dpRun.noise, stepsRun, dpRun.delta, dpRun.q).epsilon, delta: dpRun.delta } : null;
    return { artefact: stored as unknown as GanArtefact, history, bestEpoch, epochs: epochsRun, dp };
  } finally {
    gOpt.dispose();
    dOpt.dispose();
    for (const v of new Set([...gVars, ...dVars, ...emaVars])) v.dispose();
  }
}

export async function sampleGan(tf: Tf, artefact: GanArtefact, rows: number, seed: number): Promise<SynthData> {
  const stored = readArtefact(artefact);
  if (!Number.isInteger(rows) || rows < 1) throw new AppError('bad-input', 'Ask for at least 1 row.', { field: 'rows' });
  const cond = conditionLayout(stored.transformer);
  const specs = generatorSpec(stored.shape);
  const values = stored.generator.map(decodeFloat32);
  specs.forEach((spec, i) => {
    if ((values[i] as Float32Array).length !== spec.shape.reduce((a, b) => a * b, 1)) {
      throw new AppError('bad-input', 'The saved GAN is damaged (its generator weights do not match its shape). Train it again.', { field: 'artefact' });
    }
  });
  const gVars = makeVariables(tf, specs, values);
  try {
    return generate(tf, stored.transformer, stored.shape, cond, gVars, rows, mulberry32(seed));
  } finally {
    for (const v of gVars) v.dispose();
  }
}

function readArtefact(artefact: GanArtefact): StoredGan {
  const a = artefact as Partial<StoredGan>;
  if (a.version !== 1 || a.method !== 'ctgan' || !a.transformer || !a.shape || !Array.isArray(a.generator)) {
    throw new AppError('bad-input', 'This is not a saved GAN this version can read. Train it again.', { field: 'artefact' });
  }
  return a as StoredGan;
}

/** Generates `rows` rows in chunks (conditions drawn by the real level frequencies) and decodes them. */
function generate(tf: Tf, state: TransformerState, shape: NetShape, cond: ConditionLayout, gVars: Variable[], rows: number, random: () => number): SynthData {
  const { spans, width } = layout(state);
  const columns: SynthColumnData[] = state.columns.map((code) =>
    code.kind === 'categorical'
      ? { name: code.name, kind: 'categorical', codes: new Int32Array(rows), levels: code.levels.slice() }
      : { name: code.name, kind: code.kind, values: new Float64Array(rows), integer: code.integer, decimals: code.decimals, ...(code.kind === 'datetime' ? { dateOnly: code.dateOnly } : {}) },
  );
  for (let from = 0; from < rows; from += SAMPLE_CHUNK) {
    // A chunk smaller than a few rows would make batch norm's statistics meaningless: generate at least 64.
    const n = Math.min(SAMPLE_CHUNK, rows - from);
    const m = Math.max(n, 64);
    const c = sampleConditions(cond, m, random, false);
    const zSeed = Math.floor(random() * 2 ** 31);
    const gSeed = Math.floor(random() * 2 ** 31);
    const out = tf.tidy(() => {
      const z = tf.randomNormal([m, shape.noise], 0, 1, 'float32', zSeed) as Tensor2D;
      const input = c ? tf.concat([z, tf.tensor2d(c.vectors, [m, cond.width])], 1) : z;
      return activate(tf, generatorForward(tf, gVars, shape.generator.length, input), spans, gSeed);
    });
    const encoded = out.dataSync() as Float32Array;
    out.dispose();
    const decoded = inverseTransform(state, encoded.subarray(0, n * width), n);
    decoded.columns.forEach((column, i) => {
      const target = columns[i] as SynthColumnData;
      if (column.kind === 'categorical' && target.kind === 'categorical') target.codes.set(column.codes, from);
      else if (column.kind !== 'categorical' && target.kind !== 'categorical') target.values.set(column.values, from);
    });
  }
  return { rows, columns };
}

function permuteConditions(c: Conditions, cond: ConditionLayout, random: () => number): Conditions {
  const n = c.column.length;
  const order = permutation(n, random);
  const vectors = new Float32Array(n * cond.width);
  const column = new Int32Array(n);
  const level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = order[i] as number;
    column[i] = c.column[from] as number;
    level[i] = c.level[from] as number;
    vectors.set(c.vectors.subarray(from * cond.width, (from + 1) * cond.width), i * cond.width);
  }
  return { vectors, column, level };
}

/** The first `rows` rows of a table (the validation set is already a random holdout). */
function headRows(data: SynthData, rows: number): SynthData {
  return {
    rows,
    columns: data.columns.map((column) =>
      column.kind === 'categorical' ? { ...column, codes: column.codes.slice(0, rows) } : { ...column, values: column.values.slice(0, rows) },
    ),
  };
}

export type { Span };
