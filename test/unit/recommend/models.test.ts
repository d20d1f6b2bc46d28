import { Matrix, inverse, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fit, restore, type Candidate, type Fitted, type ModelState } from '../../../src/engine/recommend/algorithms';
import { topK } from '../../../src/engine/recommend/ranking-metrics';
import { easeScores, invertSymmetricInPlace, trainEase } from '../../../src/engine/recommend/ease';
import { solveSide, trainIals } from '../../../src/engine/recommend/ials';
import { buildMatrix, indexOf, PurchasesBuilder, type UserItemMatrix } from '../../../src/engine/recommend/interactions';
import { createRng } from '../../../src/engine/kernel/random';

/** A user × item matrix from dense rows of weights (0 = not bought). */
function matrixOf(rows: number[][]): UserItemMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const weight: number[] = [];
  for (const row of rows) {
    row.forEach((w, i) => {
      if (w > 0) {
        indices.push(i);
        weight.push(w);
      }
    });
    indptr.push(indices.length);
  }
  return { users: rows.length, items: rows[0]?.length ?? 0, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), weight: Float32Array.from(weight), last: Float32Array.from(weight) };
}

const spd = (n: number, seed: number): Matrix => {
  const rng = createRng(seed);
  const x = new Matrix(Array.from({ length: n + 5 }, () => Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0))));
  return x.transpose().mmul(x).add(Matrix.eye(n).mul(2));
};

describe('EASE', () => {
  it('inverts a symmetric positive-definite matrix as ml-matrix does, across several pivot blocks', () => {
    for (const [n, block] of [[7, 32], [100, 32], [75, 8]] as const) {
      const g = spd(n, n);
      const a = Float64Array.from(g.to1DArray());
      invertSymmetricInPlace(a, n, undefined, block);
      const expected = inverse(g).to1DArray();
      expect(Math.max(...expected.map((v, i) => Math.abs(v - (a[i] as number))))).toBeLessThan(1e-10);
    }
  });

  it('gives B = I − P·diag(1/diag P) with a zero diagonal (Steck 2019, eq. 8)', () => {
    const rows = [
      [1, 1, 0, 0],
      [1, 1, 1, 0],
      [0, 1, 1, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 1],
    ];
    const lambda = 0.5;
    const model = trainEase(matrixOf(rows), { regularization: lambda, maxItems: 10, minBuyers: 1 });
    const x = new Matrix(rows);
    const p = inverse(x.transpose().mmul(x).add(Matrix.eye(4).mul(lambda)));
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(model.weights[i * 4 + j]).toBeCloseTo(i === j ? 0 : -p.get(i, j) / p.get(j, j), 5);
    }
    // A customer who bought product 0 only: product 1 (bought with 0 twice) scores above product 2 (never with 0).
    const scores = new Float64Array(4);
    easeScores(model, matrixOf([[1, 0, 0, 0]]), 0, scores);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
  });

  it('keeps only products with enough buyers and scores the others -∞', () => {
    const model = trainEase(matrixOf([[1, 1, 0], [1, 1, 1], [1, 0, 0]]), { regularization: 1, maxItems: 10, minBuyers: 2 });
    expect(Array.from(model.items)).toEqual([0, 1]);
    const scores = new Float64Array(3);
    easeScores(model, matrixOf([[1, 0, 1]]), 0, scores);
    expect(scores[2]).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('iALS', () => {
  it('a conjugate-gradient half-step reaches the exact least-squares solution given enough steps', () => {
    const k = 4;
    const rng = createRng(3);
    const items = Float32Array.from({ length: 6 * k }, () => rng() - 0.5);
    const m = matrixOf([[2, 0, 1, 0, 0, 3]]);
    const config = { factors: k, regularization: 0.3, alpha: 2, iterations: 1, cgSteps: 20, seed: 1 };
    const user = new Float32Array(k);
    solveSide(user, items, m, config);
    // (YᵀCY + λI) x = YᵀCp, built densely.
    const y = new Matrix(Array.from({ length: 6 }, (_, i) => Array.from(items.subarray(i * k, (i + 1) * k))));
    const c = Matrix.diag([1, 0, 1, 0, 0, 1].map((p, i) => 1 + config.alpha * ([2, 0, 1, 0, 0, 3][i] as number) * p));
    const a = y.transpose().mmul(c).mmul(y).add(Matrix.eye(k).mul(config.regularization));
    const b = y.transpose().mmul(c).mmul(Matrix.columnVector([1, 0, 1, 0, 0, 1]));
    const exact = solve(a, b).to1DArray();
    exact.forEach((v, a2) => expect(user[a2]).toBeCloseTo(v, 4));
  });

  it('learns two groups of customers and products apart', () => {
    // Customers 0–5 buy from products 0–3, customers 6–11 from products 4–7; each leaves one product of their group out.
    const rows = Array.from({ length: 12 }, (_, u) => Array.from({ length: 8 }, (_, i) => (Math.floor(u / 6) === Math.floor(i / 4) && i % 4 !== u % 4 ? 1 : 0)));
    const m = matrixOf(rows);
    const model = trainIals(m, { factors: 4, regularization: 0.1, alpha: 10, iterations: 15, cgSteps: 3, seed: 1 });
    const score = (u: number, i: number) => {
      let s = 0;
      for (let a = 0; a < 4; a++) s += (model.userFactors[u * 4 + a] as number) * (model.itemFactors[i * 4 + a] as number);
      return s;
    };
    // Customer 0 left product 0 out: it should beat every product of the other group.
    for (let i = 4; i < 8; i++) expect(score(0, 0)).toBeGreaterThan(score(0, i));
    // Customer 7 left product 7 out.
    for (let i = 0; i < 4; i++) expect(score(7, 7)).toBeGreaterThan(score(7, i));
  });
});

describe('implicit feedback from order lines', () => {
  it('drops fully returned products, scales partly returned ones and weights by recency', () => {
    const b = new PurchasesBuilder();
    b.push(1, 10, 1, 100, 2, false);
    b.push(1, 10, 2, 101, 2, true); // all of it came back
    b.push(1, 11, 3, 100, 4, false);
    b.push(1, 11, 4, 102, 1, true); // a quarter came back
    b.push(1, 12, 5, 0, 1, false); // 100 days before the reference day
    const p = b.build();
    const users = indexOf(p.customer);
    const items = indexOf(p.product);
    const m = buildMatrix(p, users, items, { from: -1e9, before: 1000, returnsBefore: 1000, referenceDay: 100, halfLifeDays: 100 });
    const row = new Map(Array.from(m.indices).map((i, t) => [items.ids[i], m.weight[t]]));
    expect(row.has(10)).toBe(false);
    expect(row.get(11)).toBeCloseTo(0.75, 6);
    expect(row.get(12)).toBeCloseTo(0.5, 6);
    // Returns after `returnsBefore` do not count yet (a time split must not see the future).
    const before = buildMatrix(p, users, items, { from: -1e9, before: 1000, returnsBefore: 101, referenceDay: 100, halfLifeDays: 100 });
    expect(before.indices.length).toBe(3);
  });
});

describe('a stored version scores again after a round trip through its artefact (activate, roll back)', () => {
  const rows = Array.from({ length: 12 }, (_, u) => Array.from({ length: 8 }, (_, i) => (Math.floor(u / 6) === Math.floor(i / 4) && i % 4 !== u % 4 ? 1 : 0)));
  const m = matrixOf(rows);
  const top = (fitted: Fitted, u: number): number[] => {
    const scores = new Float64Array(8);
    fitted.score(m, u, scores);
    return topK(scores, 3, (i) => (rows[u]?.[i] ?? 0) > 0);
  };
  for (const candidate of [
    { algorithm: 'ease', config: { regularization: 1, maxItems: 8, minBuyers: 1 } },
    { algorithm: 'ials', config: { factors: 4, regularization: 0.1, alpha: 10, iterations: 15, cgSteps: 3, seed: 1 } },
  ] as Candidate[]) {
    it(`${candidate.algorithm}: the same products come first for every customer`, () => {
      const trained = fit(candidate, m, () => undefined);
      const restored = restore(JSON.parse(JSON.stringify(trained.artefact())) as ModelState, m);
      for (let u = 0; u < 12; u++) expect(top(restored, u)[0]).toBe(top(trained, u)[0]);
      expect(restored.similar(0, 2).map((s) => s.item)).toEqual(trained.similar(0, 2).map((s) => s.item));
    });
  }
});
