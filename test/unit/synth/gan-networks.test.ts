import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { denseByRows, leaky } from '../../../src/engine/synth/gan/networks';
import { seeded } from '../seeded';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

type Tensor = ReturnType<Tf['tensor']>;

describe('denseByRows (the critic\'s wide layers)', () => {
  // Few packs through a wide layer, as in the critic: 4 packs × 300 inputs → 256 units. Its input gradient transposes
  // the 256 × 300 weights, which takes the three-dimensional path of transpose2d (wasm-kernels.ts).
  const rows = 4;
  const inputs = 300;
  const units = 256;
  const random = seeded(11);
  const H = Array.from({ length: rows }, () => Array.from({ length: inputs }, () => random() * 2 - 1));
  const W = Array.from({ length: units }, () => Array.from({ length: inputs }, () => random() * 2 - 1));
  const V = Array.from({ length: units }, () => [random() * 2 - 1]);

  /**
   * A critic-like loss that uses the layer's value, its gradient with respect to the input, and (through the
   * penalty) that gradient's gradient with respect to the weights: Σ s(h) + ‖∇ₕ Σ s(h)‖², s = leaky(h·Wᵀ)·v.
   */
  const loss = (dense: (h: Tensor, w: Tensor) => Tensor) => {
    const w = tf.tidy(() => tf.variable(tf.tensor2d(W)));
    const h = tf.tidy(() => tf.variable(tf.tensor2d(H)));
    try {
      return tf.tidy(() => {
        const v = tf.tensor2d(V);
        const score = (x: Tensor) => tf.sum(tf.matMul(leaky(tf, dense(x, w)) as never, v as never));
        const { value, grads } = tf.variableGrads(() => {
          const gx = tf.grad(score)(h);
          return tf.add(score(h), tf.sum(tf.square(gx))) as never;
        }, [w, h]);
        return { value: value.dataSync()[0] as number, dw: Array.from(grads[w.name]!.dataSync()), dh: Array.from(grads[h.name]!.dataSync()) };
      });
    } finally {
      w.dispose();
      h.dispose();
    }
  };

  it('gives the value and the first and second gradients of the plain product h·Wᵀ', () => {
    const plain = loss((h, w) => tf.matMul(h as never, w as never, false, true));
    const ours = loss((h, w) => denseByRows(tf, h as never, w as never));
    expect(ours.value).toBeCloseTo(plain.value, 4);
    expect(ours.dw.length).toBe(units * inputs);
    ours.dw.forEach((g, i) => expect(g).toBeCloseTo(plain.dw[i] as number, 4));
    ours.dh.forEach((g, i) => expect(g).toBeCloseTo(plain.dh[i] as number, 4));
    // Not a vacuous comparison: the penalty's second-order term moves the weights' gradient.
    expect(Math.max(...ours.dw.map(Math.abs))).toBeGreaterThan(0.01);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    loss((h, w) => denseByRows(tf, h as never, w as never));
    expect(tf.memory().numTensors).toBe(before);
  });
});
