import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { transpose2d, writesAlias } from '../../../src/engine/ml/wasm-kernels';
import { seeded } from '../seeded';

// The WebAssembly kernels registered again (wasm-kernels.ts) move numbers and never compute them: each must give
// exactly what the backend's own kernel gives, which is checked here against values written out by hand.
let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

type Tensor = ReturnType<Tf['tensor']>;

const matrix = (rows: number, cols: number, seed: number): number[][] => {
  const random = seeded(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround(random() * 2 - 1)));
};

describe('the WebAssembly kernels registered again', () => {
  it('runs on the WebAssembly backend here (else this file tests nothing)', () => {
    expect(tf.getBackend()).toBe('wasm');
  });

  it('slices a matrix by rows, by columns and both, in float, int and bool', () => {
    const m = matrix(7, 9, 1);
    const x = tf.tensor2d(m);
    expect(tf.slice(x, [2, 0], [3, 9]).arraySync()).toEqual(m.slice(2, 5));
    expect(tf.slice(x, [0, 4], [7, 3]).arraySync()).toEqual(m.map((r) => r.slice(4, 7)));
    expect(tf.slice(x, [5, 8], [2, 1]).arraySync()).toEqual(m.slice(5, 7).map((r) => r.slice(8, 9)));
    expect(tf.slice(x, [1, 2], [-1, -1]).arraySync()).toEqual(m.slice(1).map((r) => r.slice(2)));
    const ints = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32');
    expect(tf.slice(ints, [0, 1], [2, 2]).arraySync()).toEqual([[2, 3], [5, 6]]);
    const flags = tf.tensor2d([[true, false, true], [false, true, false]], [2, 3], 'bool');
    expect(tf.slice(flags, [1, 0], [1, 2]).arraySync()).toEqual([[0, 1]]);
    // Other ranks keep the backend's own kernel.
    expect(tf.slice(tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), [1, 0, 1], [1, 2, 1]).arraySync()).toEqual([[[6], [8]]]);
    expect(tf.slice(tf.tensor1d([1, 2, 3, 4]), [1], [2]).arraySync()).toEqual([2, 3]);
  });

  it('splits a matrix into unequal parts along either axis', () => {
    const m = matrix(5, 12, 2);
    const x = tf.tensor2d(m);
    const byColumns = tf.split(x, [1, 10, 1], 1).map((t) => t.arraySync());
    expect(byColumns).toEqual([m.map((r) => r.slice(0, 1)), m.map((r) => r.slice(1, 11)), m.map((r) => r.slice(11))]);
    const byRows = tf.split(x, [2, 3], 0).map((t) => t.arraySync());
    expect(byRows).toEqual([m.slice(0, 2), m.slice(2)]);
    expect(tf.split(x, 4, 1).map((t) => t.shape)).toEqual([[5, 3], [5, 3], [5, 3], [5, 3]]);
  });

  it('clones by sharing: the clone outlives its source, and both free their memory', () => {
    const bytes = tf.memory().numBytes;
    const x = tf.tensor2d(matrix(4, 4, 3));
    const expected = x.arraySync();
    const y = tf.clone(x);
    x.dispose();
    expect(y.arraySync()).toEqual(expected);
    y.dispose();
    expect(tf.memory().numBytes).toBe(bytes);
  });

  it('transposes a matrix exactly, with gradients of the first and second order, on both paths', () => {
    // 256 × 130 takes the three-dimensional path (256 rows, 33,280 numbers); 6 × 5 the backend's own.
    expect(writesAlias(tf, 256, 130)).toBe(true);
    expect(writesAlias(tf, 130, 256)).toBe(false);
    expect(writesAlias(tf, 6, 5)).toBe(false);
    for (const [rows, cols] of [[256, 130], [6, 5]] as const) {
      const m = matrix(rows, cols, rows);
      const x = tf.tensor2d(m);
      expect(transpose2d(tf, x).arraySync()).toEqual(m[0]!.map((_, j) => m.map((r) => r[j])));
      // f(x) = Σ (xᵀ ∘ c)², whose gradient 2·(xᵀ ∘ c ∘ c)ᵀ goes back through the transpose; and the gradient of
      // ‖∇f‖² needs the transpose's gradient to have a gradient.
      const c = tf.tensor2d(matrix(cols, rows, 7));
      const f = (transpose: (t: Tensor) => Tensor) => (v: Tensor) => tf.sum(tf.square(tf.mul(transpose(v), c)));
      const secondOrder = (transpose: (t: Tensor) => Tensor) =>
        tf.grad((v: Tensor) => tf.sum(tf.square(tf.grad(f(transpose))(v))))(x).arraySync();
      const ours = (t: Tensor) => transpose2d(tf, t);
      expect(tf.grad(f(ours))(x).arraySync()).toEqual(tf.grad(f((t) => tf.transpose(t)))(x).arraySync());
      expect(secondOrder(ours)).toEqual(secondOrder((t) => tf.transpose(t)));
    }
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d(matrix(256, 130, 9));
      tf.split(x, [100, 30], 1);
      tf.slice(x, [3, 3], [4, 4]);
      tf.clone(x);
      tf.grad((v: Tensor) => tf.sum(transpose2d(tf, v)))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
