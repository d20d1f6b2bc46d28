import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { createRng } from '../../../src/engine/ml/folds';
import { rocAuc } from '../../../src/engine/ml/metrics';
import { defaultTrainOptions, predictLogits, predictNet, trainNet, type TrainOptions } from '../../../src/engine/ml/trainer';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

/** n rows of 3 standard-normal features; y ~ Bernoulli(σ(1.5·x0 − x1 − 0.5)); x2 is noise. */
function logisticData(n: number, seed: number): { X: Float32Array; y: Uint8Array } {
  const rng = createRng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const X = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) X[i * 3 + j] = normal();
    const z = 1.5 * (X[i * 3] as number) - (X[i * 3 + 1] as number) - 0.5;
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y };
}

const options = (o: Partial<TrainOptions> = {}): TrainOptions => ({ ...defaultTrainOptions, classWeight: 'none', ...o });

describe('trainNet', () => {
  it('fits logistic regression: recovers the coefficients that generated the data', async () => {
    const { X, y } = logisticData(4000, 1);
    const { net, history, bestEpoch } = await trainNet(tf, X, 4000, 3, y, options({ l2: 0 }));
    expect(net.layers).toHaveLength(1);
    const [w0, w1, w2] = net.layers[0]?.kernel ?? [];
    expect(w0).toBeCloseTo(1.5, 0);
    expect(w1).toBeCloseTo(-1, 0);
    expect(Math.abs(w2 as number)).toBeLessThan(0.15);
    expect(net.layers[0]?.bias[0]).toBeCloseTo(-0.5, 0);
    expect(bestEpoch).toBeGreaterThan(0);
    expect(history.length).toBeGreaterThanOrEqual(bestEpoch);
    expect(JSON.parse(JSON.stringify(net))).toEqual(net);
  });

  it('keeps the weights of the best validation epoch (best checkpoint), not the last', async () => {
    const { X, y } = logisticData(600, 2);
    // A large step and no penalty make the validation loss wander: the last epoch is rarely the best.
    const o = options({ hidden: [32], learningRate: 0.05, patience: 6, epochs: 60, l2: 0, batchSize: 32 });
    const { net, history, bestEpoch } = await trainNet(tf, X, 600, 3, y, o);
    const losses = history.map((h) => h.valLoss as number);
    // The kept epoch has the lowest validation loss (a later one must beat it by more than 1e-6 to replace it)…
    expect(losses[bestEpoch - 1]).toBeLessThanOrEqual(Math.min(...losses) + 1e-6);
    expect(losses.slice(0, bestEpoch - 1).every((l) => l > (losses[bestEpoch - 1] as number))).toBe(true);
    // …and training went on for `patience` epochs after it.
    expect(bestEpoch).toBeLessThan(history.length);
    expect(history).toHaveLength(Math.min(60, bestEpoch + 6));
    // Re-running with exactly bestEpoch epochs and no early stopping reproduces the kept weights.
    const again = await trainNet(tf, X, 600, 3, y, { ...o, epochs: bestEpoch, patience: 1000 });
    expect(again.net).toEqual(net);
  });

  it('is deterministic by seed (dropout included) and differs across seeds', async () => {
    const { X, y } = logisticData(500, 3);
    const o = options({ hidden: [8], dropout: 0.3, epochs: 5, seed: 9 });
    const a = await trainNet(tf, X, 500, 3, y, o);
    const b = await trainNet(tf, X, 500, 3, y, o);
    const c = await trainNet(tf, X, 500, 3, y, { ...o, seed: 10 });
    expect(b.net).toEqual(a.net);
    expect(b.history).toEqual(a.history);
    expect(c.net).not.toEqual(a.net);
  });

  it("a small MLP with dropout, L2 and balanced class weights learns a rare outcome; predictions are σ(logits)", async () => {
    const { X, y } = logisticData(3000, 4);
    // Keep few positives: 10 %.
    const rare = Uint8Array.from(y, (v, i) => (v === 1 && i % 4 === 0 ? 1 : 0));
    const { net } = await trainNet(tf, X, 3000, 3, rare, options({ hidden: [16, 8], dropout: 0.2, l2: 1e-3, classWeight: 'balanced' }));
    const p = predictNet(tf, net, X, 3000, 3);
    const z = predictLogits(tf, net, X, 3000, 3);
    expect(p[7]).toBeCloseTo(1 / (1 + Math.exp(-(z[7] as number))), 6);
    expect(rocAuc(rare, p)).toBeGreaterThan(0.75);
    // Balanced weights centre the scores: the mean predicted probability is far above the 10 % base rate.
    expect(p.reduce((s, v) => s + v, 0) / 3000).toBeGreaterThan(0.3);
  });

  it('frees every tensor it made', async () => {
    const { X, y } = logisticData(400, 5);
    const before = tf.memory().numTensors;
    const { net } = await trainNet(tf, X, 400, 3, y, options({ hidden: [4], dropout: 0.1, epochs: 4 }));
    predictNet(tf, net, X, 400, 3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at once when checkCancelled throws, rejects with that error and frees its tensors', async () => {
    const { X, y } = logisticData(20_000, 6);
    const before = tf.memory().numTensors;
    const stop = new Error('cancelled by the test');
    let calls = 0;
    const onEpoch: number[] = [];
    const run = trainNet(tf, X, 20_000, 3, y, options({ hidden: [16], batchSize: 64, epochs: 1000 }), {
      onEpoch: (p) => onEpoch.push(p.epoch),
      checkCancelled: () => {
        calls++;
        if (calls === 300) throw stop;
      },
    });
    await expect(run).rejects.toBe(stop);
    // "At once" counted in work, not in time (bench/ml-cancel.ts measures the time): after the throw no batch ran,
    // so it was not called again, and it is called before every batch: 17,000 training rows / 64 = 266 batches an
    // epoch, so it stopped in the second.
    expect(calls).toBe(300);
    expect(onEpoch).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
