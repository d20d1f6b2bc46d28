import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/ml/folds';
import { aucBootstrapCi, brier, calibrationCurve, liftByDecile, logLoss, prAuc, rocAuc } from '../../../src/engine/ml/metrics';

/** The AUC by its definition: the share of (positive, negative) pairs ranked right, ties counting one half. */
function pairwiseAuc(y: number[], p: number[]): number {
  let wins = 0;
  let pairs = 0;
  y.forEach((yi, i) => {
    if (yi !== 1) return;
    y.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      wins += (p[i] as number) > (p[j] as number) ? 1 : p[i] === p[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('ROC AUC', () => {
  it("scikit-learn's documented example: 0.75", () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it('counts a tie between a positive and a negative as one half (Mann–Whitney): 3.5 / 4', () => {
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.8])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0, 1], [0.3, 0.3])).toBe(0.5);
  });

  it('equals the pairwise definition on data full of ties, and is NaN with one class', () => {
    const rng = createRng(7);
    for (let t = 0; t < 20; t++) {
      const y = Array.from({ length: 60 }, () => (rng() < 0.3 ? 1 : 0));
      y[0] = 1;
      y[1] = 0;
      const p = Array.from({ length: 60 }, () => Math.floor(rng() * 5) / 4);
      expect(rocAuc(y, p)).toBeCloseTo(pairwiseAuc(y, p), 12);
    }
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe('bootstrap interval of the AUC', () => {
  it('brackets the AUC, is reproducible by seed, has the width the Hanley–McNeil standard error predicts', () => {
    const rng = createRng(3);
    const n = 2000;
    const y = Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
    const p = y.map((v) => v * 0.8 + rng() * 1.5);
    const auc = rocAuc(y, p);
    const ci = aucBootstrapCi(y, p, { samples: 500, seed: 11, level: 0.95 });
    expect(ci.low).toBeLessThan(auc);
    expect(ci.high).toBeGreaterThan(auc);
    expect(aucBootstrapCi(y, p, { samples: 500, seed: 11, level: 0.95 })).toEqual(ci);
    // Hanley & McNeil (1982): SE² = [A(1−A) + (n₊−1)(Q1 − A²) + (n₋−1)(Q2 − A²)] / (n₊ n₋).
    const nPos = y.filter((v) => v === 1).length;
    const nNeg = n - nPos;
    const q1 = auc / (2 - auc);
    const q2 = (2 * auc * auc) / (1 + auc);
    const se = Math.sqrt((auc * (1 - auc) + (nPos - 1) * (q1 - auc * auc) + (nNeg - 1) * (q2 - auc * auc)) / (nPos * nNeg));
    const width = ci.high - ci.low;
    expect(width / (2 * 1.96 * se)).toBeGreaterThan(0.75);
    expect(width / (2 * 1.96 * se)).toBeLessThan(1.25);
  });

  it('is a single point for a perfect ranking', () => {
    expect(aucBootstrapCi([0, 0, 1, 1, 0, 1], [0.1, 0.2, 0.8, 0.9, 0.3, 0.7], { samples: 200, seed: 1 })).toEqual({ low: 1, high: 1 });
  });
});

describe('PR AUC (average precision)', () => {
  it("scikit-learn's documented example: 0.8333", () => {
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });

  it('treats tied scores as one threshold: ½·½ + ½·⅔ = 0.5833', () => {
    expect(prAuc([1, 0, 1, 0], [0.9, 0.9, 0.5, 0.1])).toBeCloseTo(0.25 + 1 / 3, 12);
    expect(prAuc([1, 1, 0], [0.9, 0.8, 0.1])).toBe(1);
  });
});

describe('log loss and Brier score', () => {
  it('match the hand computation', () => {
    expect(logLoss([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3, 12);
    expect(logLoss([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(0.279777, 6);
    expect(brier([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(0.07, 12);
  });

  it('clips certain mistakes to 1e-15 like scikit-learn: −ln(1e-15) = 34.539', () => {
    expect(logLoss([1], [0])).toBeCloseTo(34.538776, 5);
    expect(logLoss([0, 1], [0, 1])).toBeLessThan(1e-14);
    expect(brier([0, 1], [1, 0])).toBe(1);
  });
});

describe('lift by decile', () => {
  it('ranks highest first and divides each decile rate by the base rate', () => {
    const p = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    const y = p.map((_, i) => ([0, 1, 2, 10].includes(i) ? 1 : 0));
    const lift = liftByDecile(y, p);
    expect(lift).toHaveLength(10);
    expect(lift.map((l) => l.customers)).toEqual(new Array(10).fill(2));
    expect(lift.map((l) => l.positives)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(lift[0]).toMatchObject({ decile: 1, rate: 1, lift: 5 });
    expect(lift[1]).toMatchObject({ decile: 2, rate: 0.5, lift: 2.5 });
    expect(lift[5]?.lift).toBe(2.5);
    expect(lift[0]?.predicted).toBeCloseTo((1 + 0.95) / 2, 12);
    expect(liftByDecile([1, 0, 0], [0.9, 0.5, 0.1]).map((l) => l.customers)).toEqual([1, 1, 1]);
  });
});

describe('calibration curve', () => {
  it('averages predictions and outcomes in equal-width bins and leaves empty bins out', () => {
    const bins = calibrationCurve([0, 0, 1, 1, 1], [0.05, 0.15, 0.12, 0.95, 1.0], 10);
    expect(bins).toHaveLength(3);
    expect(bins[0]).toEqual({ predicted: expect.closeTo(0.05, 12), observed: 0, count: 1 });
    expect(bins[1]).toEqual({ predicted: expect.closeTo(0.135, 12), observed: 0.5, count: 2 });
    expect(bins[2]).toEqual({ predicted: expect.closeTo(0.975, 12), observed: 1, count: 2 });
  });
});
