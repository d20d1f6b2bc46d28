import type * as TfTypes from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { fitGan } from '../../../src/engine/synth/gan';
import { clippedPackGradients, noisyAverage, poissonRows, realRowsWithConditions } from '../../../src/engine/synth/gan/dp';
import { criticSpec, initialParams, makeVariables, type NetShape } from '../../../src/engine/synth/gan/networks';
import { conditionLayout } from '../../../src/engine/synth/gan/sampler';
import { fitTransformer, layout, transform } from '../../../src/engine/synth/gan/transformer';
import type { FitHooks, SynthData } from '../../../src/engine/synth/types';
import type { GanEpoch } from '../../../src/shared/synth-schemas';
import { seeded } from '../seeded';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

const quiet = (events: GanEpoch[] = []): FitHooks => ({ checkCancelled() {}, onProgress() {}, onEpoch: (e) => events.push(e) });

/** The critic written with TensorFlow.js's own differentiation and the same dropout draws as dp.ts. */
function referenceCritic(t: Tf, vars: TfTypes.Variable[], layers: number, pac: number, x: TfTypes.Tensor2D, seed: number): TfTypes.Scalar {
  const [rows, width] = x.shape;
  let h: TfTypes.Tensor = t.reshape(x, [rows / pac, width * pac]);
  for (let i = 0; i < layers; i++) {
    const z = t.add(t.matMul(h as TfTypes.Tensor2D, vars[2 * i] as TfTypes.Tensor2D, false, true), vars[2 * i + 1] as TfTypes.Tensor);
    const keep = t.mul(t.floor(t.add(t.randomUniform(z.shape, 0, 1, 'float32', seed + i), 0.5)), 2);
    h = t.mul(t.leakyRelu(z, 0.2), keep);
  }
  return t.sum(t.add(t.matMul(h as TfTypes.Tensor2D, vars[2 * layers] as TfTypes.Tensor2D, false, true), vars[2 * layers + 1] as TfTypes.Tensor)) as TfTypes.Scalar;
}

describe('DP-SGD for the critic', () => {
  const shape: NetShape = { noise: 4, condition: 3, data: 5, generator: [8], critic: [12, 6], pac: 2 };
  const specs = criticSpec(shape);
  const packs = 4;
  const width = shape.data + shape.condition;

  function setup() {
    const vars = makeVariables(tf, specs, initialParams(specs, seeded(5)));
    const random = seeded(9);
    const input = tf.tensor2d(Float32Array.from({ length: packs * shape.pac * width }, () => random() * 2 - 1), [packs * shape.pac, width]);
    // Each pack's gradient of −D(pack), by TensorFlow.js's autodiff, one pack at a time.
    const perPack = Array.from({ length: packs }, (_, p) => {
      const rows = tf.slice(input, [p * shape.pac, 0], [shape.pac, width]);
      return tf.variableGrads(() => tf.neg(referenceCritic(tf, vars, 2, shape.pac, rows, 100)) as TfTypes.Scalar, vars).grads;
    });
    return { vars, input, perPack };
  }

  it("computes each real pack's gradient norm and the clipped sum in closed form, as autodiff does pack by pack", () => {
    const { vars, input, perPack } = setup();
    // The reference draws one dropout mask per pack call; with a single pack per call the masks line up only for
    // pack 0, so compare on one pack at a time.
    for (let p = 0; p < packs; p++) {
      const rows = tf.slice(input, [p * shape.pac, 0], [shape.pac, width]) as TfTypes.Tensor2D;
      const ours = clippedPackGradients(tf, vars, 2, shape.pac, rows, -1, 1e9, 100);
      const reference = vars.map((v) => (perPack[p] as TfTypes.NamedTensorMap)[v.name] as TfTypes.Tensor);
      const norm = Math.sqrt(reference.reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0));
      expect(ours.norms.dataSync()[0]).toBeCloseTo(norm, 4);
      ours.sums.forEach((g, i) => {
        expect(g.shape).toEqual((reference[i] as TfTypes.Tensor).shape);
        const diff = tf.max(tf.abs(tf.sub(g, reference[i] as TfTypes.Tensor))).dataSync()[0] as number;
        expect(diff).toBeLessThan(1e-4);
      });
      // Clipped to a bound below its norm, the pack's gradient keeps its direction and has the bound's length.
      const clipped = clippedPackGradients(tf, vars, 2, shape.pac, rows, -1, norm / 4, 100);
      const length = Math.sqrt(clipped.sums.reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0));
      expect(length).toBeCloseTo(norm / 4, 4);
      const scaled = tf.max(tf.abs(tf.sub(tf.mul(clipped.sums[0] as TfTypes.Tensor, 4), reference[0] as TfTypes.Tensor))).dataSync()[0] as number;
      expect(scaled).toBeLessThan(1e-4);
    }
  });

  it('sums the packs, each clipped on its own', () => {
    const { vars, input } = setup();
    const clip = 0.05;
    const all = clippedPackGradients(tf, vars, 2, shape.pac, input, 1, clip, 100);
    const norms = Array.from(all.norms.dataSync());
    expect(norms).toHaveLength(packs);
    // Every pack is clipped (its norm is above the bound), so the sum is at most packs × clip long.
    for (const n of norms) expect(n).toBeGreaterThan(clip);
    const length = Math.sqrt(all.sums.reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0));
    expect(length).toBeLessThanOrEqual(packs * clip + 1e-6);
    expect(length).toBeGreaterThan(clip);
  });

  it('adds noise of standard deviation z · clip to the sum and divides by the expected rows', () => {
    const sums = [tf.fill([300, 200], 5), tf.zeros([1000])];
    const [a, b] = noisyAverage(tf, sums, 2, 10).map((t) => Array.from(t.dataSync()));
    const stats = (xs: number[]) => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) };
    };
    expect(stats(a as number[]).mean).toBeCloseTo(0.5, 2);
    expect(stats(a as number[]).sd).toBeCloseTo(0.2, 2);
    expect(stats(b as number[]).sd).toBeGreaterThan(0.15);
    expect(stats(b as number[]).sd).toBeLessThan(0.25);
  });

  it('draws a Poisson sample of rows from secure randomness', () => {
    const counts = Array.from({ length: 40 }, () => poissonRows(10_000, 0.02).length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(180);
    expect(mean).toBeLessThan(220);
    const rows = poissonRows(1000, 0.5);
    expect(new Set(rows).size).toBe(rows.length);
    expect(Math.max(...rows)).toBeLessThan(1000);
    expect(poissonRows(1000, 0).length).toBe(0);
  });

  it('shows each real row with the condition of one of its own categories', () => {
    const data: SynthData = {
      rows: 6,
      columns: [
        { name: 'plan', kind: 'categorical', codes: Int32Array.from([0, 1, 2, 0, 1, 2]), levels: ['a', 'b', 'c'] },
        { name: 'spend', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5, 6]), integer: true, decimals: 0 },
        { name: 'region', kind: 'categorical', codes: Int32Array.from([1, 1, 0, 0, 1, 0]), levels: ['n', 's'] },
      ],
    };
    const state = fitTransformer(data, { seed: 1 });
    const { width, conditioned } = layout(state);
    const encoded = transform(state, data, 2);
    const cond = conditionLayout(state);
    const { rows, conditions } = realRowsWithConditions(encoded, width, Int32Array.from([5, 0, 3]), conditioned, cond, seeded(4));
    expect(rows.subarray(0, width)).toEqual(encoded.subarray(5 * width, 6 * width));
    const plan = [2, 0, 0];
    const region = [0, 1, 0];
    for (let i = 0; i < 3; i++) {
      const column = conditions?.column[i] as number;
      const level = conditions?.level[i] as number;
      expect(level).toBe(column === 0 ? plan[i] : region[i]);
      const vector = Array.from(conditions?.vectors.subarray(i * cond.width, (i + 1) * cond.width) ?? []);
      expect(vector.reduce((a, b) => a + b, 0)).toBe(1);
      expect(vector[(cond.columns[column]?.start as number) + level]).toBe(1);
    }
  });

  it('trains with a budget: spends it over the planned steps, keeps the last epoch, and the seed no longer repeats the run', async () => {
    const random = seeded(2);
    const rows = 400;
    const data: SynthData = {
      rows,
      columns: [
        { name: 'plan', kind: 'categorical', codes: Int32Array.from({ length: rows }, () => Math.floor(random() * 3)), levels: ['a', 'b', 'c'] },
        { name: 'spend', kind: 'numeric', values: Float64Array.from({ length: rows }, () => Math.round(100 * random())), integer: true, decimals: 0 },
      ],
    };
    const options = { batchSize: 50, generatorDims: [16], criticDims: [16, 16], noise: 8, epochs: 3, seed: 1, validation: data, evalEvery: 1, patience: 1, minEpochs: 1, dp: { epsilon: 2, delta: 1e-4 } };
    const events: GanEpoch[] = [];
    const fit = await fitGan(tf, data, options, quiet(events));
    expect(fit.epochs).toBe(3);
    expect(fit.bestEpoch).toBe(3);
    expect(events.every((e) => e.quality !== null && Number.isFinite(e.discriminator))).toBe(true);
    expect(fit.dp?.delta).toBe(1e-4);
    expect(fit.dp?.epsilon).toBeLessThanOrEqual(2);
    expect(fit.dp?.epsilon).toBeGreaterThan(1.99);
    const again = await fitGan(tf, data, options, quiet());
    expect(again.artefact).not.toEqual(fit.artefact);
  });
});
