import { beforeAll, describe, expect, it } from 'vitest';
import { flatLength, flatToNet, layerSizes, netToFlat } from '../../../src/engine/federate/weights';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { createRng } from '../../../src/engine/ml/folds';
import { defaultTrainOptions, initialNet, trainNet, type TrainOptions } from '../../../src/engine/ml/trainer';
import { refusal } from '../helpers';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

function data(n: number): { X: Float32Array; y: Uint8Array } {
  const rng = createRng(9);
  const X = Float32Array.from({ length: n * 4 }, () => rng() * 2 - 1);
  const y = Uint8Array.from({ length: n }, (_, i) => ((X[i * 4] as number) + 0.5 * (X[i * 4 + 1] as number) + 0.3 * (rng() - 0.5) > 0.2 ? 1 : 0));
  return { X, y };
}
const options: TrainOptions = { ...defaultTrainOptions, hidden: [8], epochs: 3, validationFraction: 0, seed: 5 };

describe('trainNet from given weights (a federated round)', () => {
  it('starting from initialNet(sizes, seed) is the very same training as a fresh start with that seed', async () => {
    const { X, y } = data(400);
    const fresh = await trainNet(tf, X, 400, 4, y, options);
    const started = await trainNet(tf, X, 400, 4, y, options, {}, { net: initialNet(layerSizes(4, [8]), 5) });
    expect(started.net).toEqual(fresh.net);
  });

  it('continues from the given weights: a second call from the first one’s result goes on lowering the loss', async () => {
    const { X, y } = data(400);
    const first = await trainNet(tf, X, 400, 4, y, options);
    const second = await trainNet(tf, X, 400, 4, y, { ...options, learningRate: 0.005 }, {}, { net: first.net });
    expect((second.history.at(-1) as { loss: number }).loss).toBeLessThan((first.history[0] as { loss: number }).loss);
    expect(netToFlat(second.net)).not.toEqual(netToFlat(first.net));
  });

  it('given class weights replace the balanced ones ([1, 1] is no weighting)', async () => {
    const { X, y } = data(300);
    const none = await trainNet(tf, X, 300, 4, y, { ...options, classWeight: 'none' });
    const given = await trainNet(tf, X, 300, 4, y, { ...options, classWeight: 'balanced' }, {}, { classWeights: [1, 1] });
    expect(given.net).toEqual(none.net);
  });

  it('refuses weights of another shape', async () => {
    const { X, y } = data(50);
    const error = await refusal(trainNet(tf, X, 50, 4, y, options, {}, { net: initialNet(layerSizes(5, [8]), 1) }));
    expect(error).toMatchObject({ code: 'bad-input', details: { field: 'weights' } });
  });

  it('weights travel as one flat vector: kernel then bias, layer by layer, and back', () => {
    const sizes = layerSizes(3, [2]);
    const net = initialNet(sizes, 2);
    const flat = netToFlat(net);
    expect(flat.length).toBe(flatLength(sizes));
    expect(flat.length).toBe(3 * 2 + 2 + 2 * 1 + 1);
    expect(Array.from(flat.subarray(0, 6))).toEqual(net.layers[0]?.kernel.map((v) => Math.fround(v)));
    expect(netToFlat(flatToNet(flat, sizes))).toEqual(flat);
  });
});
