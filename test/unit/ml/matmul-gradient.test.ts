import { Matrix } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, mirrorIsCheaper, type Tf } from '../../../src/engine/ml/backend';
import { createRng } from '../../../src/engine/kernel/random';

// The matrix-product gradient registered again without transpose flags (backend.ts): the same mathematics, checked
// against the closed forms for every flag combination, and still differentiable twice (the GAN's gradient penalty).
let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

const rng = createRng(5);
const random = (rows: number, cols: number): number[][] => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng() * 2 - 1));
const close = (actual: number[][], expected: Matrix): void => {
  const e = expected.to2DArray();
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(e[i]![j]!, 4)));
};

describe('matrix-product gradients', () => {
  // Shapes where the gradients' products are taken directly and where their mirror is cheaper (few rows, wide layers).
  const shapes = [
    [4, 6, 3],
    [2, 9, 40],
    [40, 9, 2],
  ] as const;
  it.each(shapes.flatMap(([m, k, n]) => [false, true].flatMap((ta) => [false, true].map((tb) => [m, k, n, ta, tb] as const))))(
    'match the closed form for %i×%i by %i×… with transposeA=%s, transposeB=%s',
    (m, k, n, ta, tb) => {
      // f = Σ C ∘ (op(A) op(B)): df/dop(A) = C op(B)ᵀ, df/dop(B) = op(A)ᵀ C.
      const A = random(ta ? k : m, ta ? m : k);
      const B = random(tb ? n : k, tb ? k : n);
      const C = new Matrix(random(m, n));
      const [ga, gb] = tf.tidy(() => {
        const f = (a: ReturnType<Tf['tensor']>, b: ReturnType<Tf['tensor']>) => tf.sum(tf.mul(tf.matMul(a as never, b as never, ta, tb), tf.tensor2d(C.to2DArray())));
        const grads = tf.grads(f as never)([tf.tensor2d(A), tf.tensor2d(B)]);
        return grads.map((g) => g.arraySync() as number[][]);
      }) as [number[][], number[][]];
      const opA = ta ? new Matrix(A).transpose() : new Matrix(A);
      const opB = tb ? new Matrix(B).transpose() : new Matrix(B);
      const dOpA = C.mmul(opB.transpose());
      const dOpB = opA.transpose().mmul(C);
      close(ga, ta ? dOpA.transpose() : dOpA);
      close(gb, tb ? dOpB.transpose() : dOpB);
    },
  );

  it('packs the smaller side: the critic\'s input gradient (10×256 by 256×2450ᵀ) is mirrored, a square product is not', () => {
    // dy·Wᵀ with W 2450×256: directly it packs Wᵀ (627,200 numbers), mirrored dyᵀ (2,560).
    expect(mirrorIsCheaper([10, 256], [2450, 256], false, true)).toBe(true);
    // The weights' gradient xᵀ·dy packs dy (10×256) either way round it is small: taken directly.
    expect(mirrorIsCheaper([10, 2450], [10, 256], true, false)).toBe(false);
    expect(mirrorIsCheaper([64, 64], [64, 64], false, false)).toBe(false);
  });

  it('is differentiable twice: d/dW ‖∇ₓ Σ xW‖² = 2·rows·W (each row of ∇ₓ is Wᵀ summed)', () => {
    const W = random(5, 1);
    const x = random(3, 5);
    const g = tf.tidy(() => {
      const w = tf.tensor2d(W);
      const penalty = (wv: ReturnType<Tf['tensor']>) => {
        const gx = tf.grad((xv: ReturnType<Tf['tensor']>) => tf.sum(tf.matMul(xv as never, wv as never)))(tf.tensor2d(x));
        return tf.sum(tf.square(gx));
      };
      return tf.grad(penalty as never)(w).arraySync() as number[][];
    });
    // ∇ₓ = 1·Wᵀ for every row, so ‖∇ₓ‖² = rows·Σ w², whose gradient is 2·rows·w.
    g.forEach((row, i) => expect(row[0]).toBeCloseTo(2 * 3 * W[i]![0]!, 4));
  });
});
